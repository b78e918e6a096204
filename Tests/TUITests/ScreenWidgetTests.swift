import Testing
@testable import TUI

/// What the playground's screens need from the widgets: a knob panel with a
/// selection that is lit only when focused, a scrolling help overlay for one
/// context, a message box without a closing hint, a size guard naming the app,
/// and a key table with contexts.
@Suite("Widgets for the app's screens")
struct ScreenWidgetTests {
    static let knobs = [
        Knob("learning rate", choice: 7, of: 16, text: "0.03"),
        Knob("optimizer", choice: 0, of: 1, text: "adam", ordered: false),
        Knob("dropout", value: 0.45, range: 0...0.9, text: "0.45"),
    ]

    @Test("the selected knob is marked and framed by arrows; lit only while the panel has the focus")
    func knobSelectionAndFocus() {
        var focused = Grid.testing(44, 3, colors: .sixteen)
        focused.render(KnobPanel(knobs: Self.knobs, selectedIndex: 0, focused: true), in: focused.area)
        Snapshot.check(focused, named: "knobPanel-selected-16", styles: true)
        var unfocused = Grid.testing(44, 3, colors: .sixteen)
        unfocused.render(KnobPanel(knobs: Self.knobs, selectedIndex: 0, focused: false), in: unfocused.area)
        #expect(unfocused.lines == focused.lines)
        #expect(unfocused[2, 0].style == unfocused.theme.style(.text))
        #expect(focused[2, 0].style == focused.theme.style(.focus))
        // A choice with no order has no slider; a narrow panel keeps names and values only.
        #expect(!focused.lines[1].contains("├"))
        var narrow = Grid.testing(26, 3, glyphs: .ascii)
        narrow.render(KnobPanel(knobs: Self.knobs, selectedIndex: 2, focused: true), in: narrow.area)
        #expect(narrow.lines == ["  learning rate   0.03    ", "  optimizer       adam    ", "> dropout       < 0.45 >  "])
        // Narrower still, the arrows go before the names are cut.
        var tight = Grid.testing(20, 3, glyphs: .ascii)
        tight.render(KnobPanel(knobs: Self.knobs, selectedIndex: 0, focused: true), in: tight.area)
        #expect(tight.lines[0] == "> learning rate 0.03")
    }

    @Test("a form's knobs with a blank row between two")
    func knobSpacing() {
        var grid = Grid.testing(30, 5)
        grid.render(KnobPanel(knobs: Array(Self.knobs.prefix(2)), selectedIndex: 1, focused: true, spacing: 1), in: grid.area)
        #expect(grid.lines[1].allSatisfy { $0 == " " })
        #expect(grid.lines[2].hasPrefix("▶ optimizer     ◀ adam ▶"))
    }

    static let table = KeyTable<String>([
        KeyBinding([.character("q")], "quit", action: "quit", hint: KeyHint(keys: "q", summary: "quit", priority: 100)),
        KeyBinding([.escape], "back to the course", action: "back", contexts: [KeyContext("lesson")]),
        KeyBinding([.enter], "open", action: "open", contexts: [KeyContext("list")],
                   hint: KeyHint(keys: "Enter", summary: "open")),
        KeyBinding([.enter], "next panel", action: "next", section: "Moving", contexts: [KeyContext("lesson")]),
        KeyBinding([.up], "previous knob", action: "up", label: "↑", section: "Moving", contexts: [KeyContext("lesson")]),
        KeyBinding([.down], "next knob", action: "down", label: "↓", section: "Moving", contexts: [KeyContext("lesson")]),
        KeyBinding([.character("r")], "reset", action: "reset", section: "Training", contexts: [KeyContext("lesson")]),
        KeyBinding([.character("r")], "run", action: "run", section: "Training", contexts: [KeyContext("lesson")]),
    ])

    @Test("a key means one thing per context; conflicts(in:) finds a key bound twice in one")
    func keyContexts() {
        let lesson = KeyContext("lesson"), list = KeyContext("list")
        #expect(Self.table.action(for: .enter, in: list) == "open")
        #expect(Self.table.action(for: .enter, in: lesson) == "next")
        #expect(Self.table.action(for: .character("q"), in: lesson) == "quit")
        #expect(Self.table.action(for: .escape, in: list) == nil)
        #expect(Self.table.statusHints(in: list).map(\.keys) == ["q", "Enter"])
        #expect(Self.table.statusHints(in: lesson).map(\.keys) == ["q"])
        #expect(Self.table.conflicts(in: list).isEmpty)
        #expect(Self.table.conflicts(in: lesson) == [.character("r")])
        #expect(Self.table.helpSections(in: list).map(\.title) == ["General"])
    }

    @Test("help for one context scrolls; the footer stays; arrows are spelled out in ASCII")
    func helpScrolls() {
        var grid = Grid.testing(34, 9, glyphs: .ascii)
        grid.render(HelpOverlay(table: Self.table, context: KeyContext("lesson"), footer: "Esc closes", scroll: 3),
                    in: grid.area)
        Snapshot.check(grid, named: "helpOverlay-scrolled-ascii")
        var far = Grid.testing(34, 9, glyphs: .ascii)
        far.render(HelpOverlay(table: Self.table, context: KeyContext("lesson"), footer: "Esc closes", scroll: 99),
                   in: far.area)
        var last = Grid.testing(34, 9, glyphs: .ascii)
        last.render(HelpOverlay(table: Self.table, context: KeyContext("lesson"), footer: "Esc closes", scroll: 6),
                    in: last.area)
        #expect(far.lines == last.lines, "scrolling stops at the last row")
        #expect(far.lines[6].contains("r      run") && far.lines[7].contains("Esc closes"))
    }

    @Test("a message box without a closing hint, and a size guard that names the app")
    func messageAndGuard() {
        var grid = Grid.testing(40, 6, colors: .sixteen)
        grid.render(MessageBox(title: "Training diverged", message: "The loss became NaN. Lower the learning rate.",
                               role: .error, hint: "", maxWidth: 36), in: grid.area)
        Snapshot.check(grid, named: "messageBox-nohint-16", styles: true)
        var small = Grid.testing(36, 6)
        small.render(SizeGuard(minimum: Size(width: 80, height: 24), appName: "NetPlayground"), in: small.area)
        Snapshot.check(small, named: "sizeGuard-named")
    }
}
