import Testing
@testable import TUI

/// The lesson screen's status line: parts shorten, then drop, least important first.
@Suite("Status segments")
struct StatusSegmentsTests {
    typealias Segment = StatusSegments.Segment

    static let line = StatusSegments(segments: [
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
}
