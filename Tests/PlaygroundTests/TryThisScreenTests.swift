import Lessons
import Testing
import TUI
@testable import NetPlayground

/// At 80×24 the experiments are one Tab away: a "Try this" panel in place of
/// the lesson text, with the keys drawn as keys, while the knob keys still work.
@Suite("Try this on the lesson screen")
struct TryThisScreenTests {
    static func screen(_ lesson: Lesson) -> LessonScreen {
        LessonScreen(lesson: lesson, sessionID: 1, mailbox: Mailbox(), startsThreads: false)
    }

    static func draw(_ screen: LessonScreen, _ width: Int = 80, _ height: Int = 24,
                     glyphs: GlyphSet = .braille) -> Grid {
        var grid = Grid(width: width, height: height, theme: Theme(capability: .full256), glyphs: glyphs)
        screen.render(into: &grid, area: grid.area, framesPerSecond: nil)
        return grid
    }

    @Test("the lesson text says where the experiments are; one Tab shows them")
    func oneTabShowsTryThis() {
        var screen = Self.screen(Course.learningRate)
        let before = Self.draw(screen).lines.joined(separator: "\n")
        #expect(before.contains("Tab: try this"))
        #expect(!before.contains("Try this ━"))
        screen.press(.focusNext)
        let grid = Self.draw(screen)
        let text = grid.lines.joined(separator: "\n")
        #expect(text.contains("Try this"))
        #expect(text.contains("1. Set the learning rate to"))
        // Learning rate is the knob selected at the start: its experiments skip the "↓ to learning rate".
        #expect(text.contains("press [ twice (→ 0.001)"))
        #expect(!text.contains("↓ to learning rate"))
        #expect(text.contains("(→ 0.001)"))
        // The key is drawn as a key: reversed.
        let row = grid.lines.firstIndex { $0.contains("press [ twice") } ?? 0
        let x = Array(grid.lines[row]).firstIndex(of: "[") ?? 0
        #expect(grid[x, row].style.attributes.contains(.reverse))
    }

    @Test("in Try this ↓ and ] still turn the knobs; Tab to the text brings the text back")
    func knobKeysWorkFromTryThis() {
        var screen = Self.screen(Course.learningRate)
        screen.press(.focusNext)
        screen.press(.down)
        #expect(screen.panel[screen.selectedKnob] == .batchSize)
        screen.press(.up)
        screen.press(.increaseCoarse)
        #expect(screen.knobs.display(.learningRate) == "1")
        screen.press(.pageDown)
        #expect(screen.tryThisScroll == 10 && screen.textScroll == 0)
        screen.press(.focusNext)
        #expect(screen.focus == .text && !screen.showsTryThis)
        #expect(Self.draw(screen).lines.joined().contains("What you will learn"))
    }

    @Test("at 160×48 and in ASCII the list shows too")
    func largeAndASCII() {
        var screen = Self.screen(Course.convnet)
        screen.press(.focusNext)
        let large = Self.draw(screen, 160, 48).lines.joined(separator: "\n")
        #expect(large.contains("press s to pause, then r, then s to step"))
        let ascii = Self.draw(screen, 80, 24, glyphs: .ascii).lines.joined(separator: "\n")
        #expect(ascii.contains("Try this"))
        #expect(ascii.contains("press s to pause,"))
    }

    @Test("with another knob selected the experiment says to go to the learning rate first")
    func tryThisNamesTheWayToTheKnob() {
        var screen = Self.screen(Course.learningRate)
        screen.press(.focusNext)
        screen.press(.down)
        let text = Self.draw(screen).lines.joined(separator: "\n")
        #expect(text.contains("↓ to learning rate, then ["))
    }
}

extension LessonScreen {
    /// A key's action, its commands for the session dropped (no session runs here).
    mutating func press(_ action: PlaygroundAction) { _ = handle(action, exportRoot: "/tmp") }
}
