import Foundation
import Lessons
import Testing
import TUI
@testable import NetPlayground

/// The one key table with contexts: a key means one thing per context, q
/// quits and Esc goes back everywhere, the keys of later features are claimed,
/// and the hint line and help come from the same table.
@Suite("Key table contexts")
struct KeyTableContextTests {
    static let table = PlaygroundKeys.table

    @Test("no key is bound twice in one context", arguments: PlaygroundKeys.contexts)
    func noConflicts(_ context: KeyContext) {
        #expect(Self.table.conflicts(in: context).isEmpty, "\(context): \(Self.table.conflicts(in: context))")
    }

    @Test("q quits and Esc goes back in every context (in a text field q is a letter and Ctrl-C quits)",
          arguments: PlaygroundKeys.contexts)
    func quitAndBack(_ context: KeyContext) {
        if context == .textField {
            #expect(PlaygroundKeys.action(for: .character("q"), in: context) == .type("q"))
        } else {
            #expect(Self.table.action(for: .character("q"), in: context) == .quit)
        }
        #expect(Self.table.action(for: .control("c"), in: context) == .quit)
        #expect(Self.table.action(for: .escape, in: context) == .back)
    }

    static func app(_ directory: String = NSTemporaryDirectory() + "np-ctx-\(UUID().uuidString)") -> PlaygroundApp {
        PlaygroundApp(progress: ProgressStore(directory: directory), exportRoot: directory, mailbox: Mailbox(),
                      startsThreads: false)
    }

    @Test("on every screen and over help, q quits and Esc goes back")
    func quitAndBackOnScreens() {
        var app = Self.app()
        #expect(app.update(.key(.escape)) == .continue)
        guard case .start = app.screen else { Issue.record("Esc left the course list"); return }
        _ = app.update(.key(.enter))
        guard case .lesson = app.screen else { Issue.record("Enter did not open lesson 1"); return }
        _ = app.update(.key(.character("?")))
        #expect(app.showingHelp && app.keyContext == .help)
        _ = app.update(.key(.escape))
        #expect(!app.showingHelp, "Esc closes help")
        guard case .lesson = app.screen else { Issue.record("Esc over help also left the lesson"); return }
        _ = app.update(.key(.escape))
        guard case .start = app.screen else { Issue.record("Esc did not go back to the course"); return }
        app.startSelection = Course.lessons.count - 1
        _ = app.update(.key(.enter))
        #expect(app.keyContext == .sandboxSetup)
        _ = app.update(.key(.escape))
        #expect(app.keyContext == .courseList)
        for setup in [{ (_: inout PlaygroundApp) in }, { $0.showingHelp = true },
                      { _ = $0.update(.key(.enter)) }, { $0.startSelection = Course.lessons.count - 1; _ = $0.update(.key(.enter)) }] {
            var fresh = Self.app()
            setup(&fresh)
            #expect(fresh.update(.key(.character("q"))) == .quit, "q in \(fresh.keyContext)")
        }
    }

    static func lastLine(_ lesson: Lesson, width: Int, glyphs: GlyphSet = .braille) -> String {
        let screen = LessonScreen(lesson: lesson, sessionID: 1, mailbox: Mailbox(), startsThreads: false)
        var grid = Grid(width: width, height: 24, theme: Theme(capability: .none), glyphs: glyphs)
        screen.render(into: &grid, area: grid.area, framesPerSecond: nil)
        return grid.lines.last ?? ""
    }

    @Test("at 80 columns the hint line keeps Esc, ? and q; at 160 it shows every hint", arguments: [GlyphSet.braille, .ascii])
    func hintLineFits(_ glyphs: GlyphSet) {
        let narrow = Self.lastLine(Course.learningRate, width: 80, glyphs: glyphs)
        for hint in ["Space pause", "Esc course", "? help", "q quit"] { #expect(narrow.contains(hint), "\(narrow)") }
        let wide = Self.lastLine(Course.learningRate, width: 160, glyphs: glyphs)
        // `o` is hinted only where the lesson has kept runs to list (EarlierRunsTests).
        for binding in Self.table.bindings(in: .lesson) where binding.action != .openEarlierRuns {
            guard let hint = binding.hint else { continue }
            #expect(wide.contains(glyphs.isUnicode ? hint.keys : hint.asciiKeys), "\(hint.keys) missing: \(wide)")
        }
        // With nothing to train, no training hints.
        let study = Self.lastLine(Course.convolution, width: 160, glyphs: glyphs)
        #expect(!study.contains("Space pause") && study.contains("Tab focus") && study.contains("q quit"))
        #expect(study.contains(glyphs.isUnicode ? "↑↓ choose knob" : "Up/Down choose knob"))
    }

    @Test("help lists the keys of the screen under it, from the same table")
    func helpComesFromTheTable() {
        var app = Self.app()
        _ = app.update(.key(.enter))
        _ = app.update(.key(.character("?")))
        var grid = Grid(width: 160, height: 48, theme: Theme(capability: .none), glyphs: .braille)
        app.view(into: &grid)
        let text = grid.lines.joined(separator: "\n")
        for binding in Self.table.bindings(in: .lesson) { #expect(text.contains(binding.summary), "\(binding.summary)") }
        #expect(text.contains("draw a digit and watch the network read it"))
        #expect(!text.contains("open the selected lesson"), "a course-list key in a lesson's help")
    }
}
