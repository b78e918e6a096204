import Testing
@testable import TUI

/// The lesson screen's status line and hint line: parts shorten, then drop, least important first.
@Suite("Status bar")
struct StatusBarTests {
    typealias Segment = StatusBar.Segment

    static let line = StatusBar(segments: [
        Segment("‖ paused", .warning),
        Segment(" ep 1 860/860", priority: 80),
        Segment(" 1.2k img/s", priority: 55, short: " 1.2k/s"),
        Segment("  lr 0.0012 of 0.003", .muted, priority: 75),
        Segment("  acc 96.1% val 95.2%", .accuracy, priority: 60, short: "  val acc 95.2%"),
    ])

    private func text(_ width: Int) -> String {
        Self.line.fitted(to: width).map(\.text).joined()
    }

    @Test func everythingFitsWhenThereIsRoom() {
        #expect(text(80) == "‖ paused ep 1 860/860 1.2k img/s  lr 0.0012 of 0.003  acc 96.1% val 95.2%")
    }

    @Test func theLeastImportantPartsShortenFirstThenDrop() {
        // 73 columns in full; the rate (55) is the least important, then the accuracy (60).
        #expect(text(70) == "‖ paused ep 1 860/860 1.2k/s  lr 0.0012 of 0.003  acc 96.1% val 95.2%")
        #expect(text(62) == "‖ paused ep 1 860/860  lr 0.0012 of 0.003  val acc 95.2%")
        #expect(text(45) == "‖ paused ep 1 860/860  lr 0.0012 of 0.003")
        #expect(text(12) == "‖ paused")
    }

    @Test func rendersInOrderWithEachPartsRoleAndStaysInItsRow() {
        var grid = Grid.testing(45, 2, colors: .full256)
        grid.render(Self.line, in: grid.area)
        #expect(grid.lines[0] == "‖ paused ep 1 860/860  lr 0.0012 of 0.003    ")
        #expect(grid[0, 0].style == grid.theme.style(.warning))
        #expect(grid[24, 0].style == grid.theme.style(.muted))
        #expect(grid.lines[1].allSatisfy { $0 == " " })
        var tiny = Grid.testing(3, 1)
        tiny.render(Self.line, in: tiny.area)
        #expect(tiny.lines[0] == "   ", "nothing fits: nothing is drawn rather than a clipped part")
    }

    static let hints = StatusBar(hints: [
        KeyHint(keys: "Space", summary: "pause", priority: 90),
        KeyHint(keys: "s", summary: "batch", priority: 80),
        KeyHint(keys: "↑↓", summary: "choose", priority: 70),
        KeyHint(keys: "Esc", summary: "course", priority: 98),
        KeyHint(keys: "?", summary: "help", priority: 99),
        KeyHint(keys: "q", summary: "quit", priority: 100),
    ])

    @Test("hints drop by priority, whole, in order; the most important stay at any width")
    func hintsFitByPriority() {
        func text(_ width: Int) -> String { Self.hints.fitted(to: width).map(\.text).joined(separator: "  ") }
        #expect(text(80) == "Space pause  s batch  ↑↓ choose  Esc course  ? help  q quit")
        #expect(text(50) == "Space pause  s batch  Esc course  ? help  q quit")
        #expect(text(30) == "Esc course  ? help  q quit")
        #expect(text(26) == "Esc course  ? help  q quit")
        #expect(text(25) == "? help  q quit")
    }

    @Test("a hint is two styled spans: the key in the key style, then what it does")
    func hintSpansAreStyled() {
        var grid = Grid.testing(60, 1, colors: .full256)
        grid.render(Self.hints, in: grid.area)
        #expect(grid.lines[0] == "Space pause  s batch  ↑↓ choose  Esc course  ? help  q quit ")
        #expect(grid[0, 0].style == grid.theme.style(.keyHint))
        #expect(grid[6, 0].style == grid.theme.style(.muted))
        Snapshot.check(grid, named: "statusBar-hints-256", styles: true)
    }

    @Test("without Unicode the arrows are spelled out, and widths are measured as drawn")
    func asciiArrows() {
        var grid = Grid.testing(40, 1, glyphs: .ascii)
        grid.render(Self.hints, in: grid.area)
        #expect(grid.lines[0] == "Space pause  Esc course  ? help  q quit ")
        var wide = Grid.testing(70, 1, glyphs: .ascii)
        wide.render(Self.hints, in: wide.area)
        #expect(wide.lines[0].hasPrefix("Space pause  s batch  Up/Down choose  Esc course"))
    }
}
