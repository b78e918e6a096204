import Testing
@testable import TUI

/// The calibration panel of lesson 9: accuracy against confidence per bin.
@Suite("Reliability table")
struct ReliabilityTableTests {
    /// Three bins like a trained digit net's: an over-confident middle bin
    /// (right less often than it says), an empty one, and the big sure bin.
    static let sample = ReliabilityTable(rows: [
        .init(label: "0.4–0.6", count: 20, confidence: 0.52, accuracy: 0.40),
        .init(label: "0.6–0.8", count: 0, confidence: nil, accuracy: nil),
        .init(label: "0.8–1.0", count: 1975, confidence: 0.97, accuracy: 0.985),
    ], footer: "said ≥99%: 1500 digits, 99.7% right")

    @Test func allBinsWithBarsAndFooter() {
        var grid = Grid.testing(44, 5, colors: .full256)
        grid.render(Self.sample, in: grid.area)
        Snapshot.check(grid, named: "reliabilityTable-256", styles: true)
    }

    @Test func shortAreaKeepsTheFullestBinsAndCountsTheRest() {
        var grid = Grid.testing(30, 3, glyphs: .ascii)
        grid.render(Self.sample, in: grid.area)
        Snapshot.check(grid, named: "reliabilityTable-short-ascii")
        let text = grid.lines.joined(separator: "\n")
        #expect(text.contains("0.8"), "the fullest bin stays")
        #expect(!text.contains("0.4"), "the smaller bins give way")
        #expect(text.contains("+2 more bins, 20 predictions"))
    }

    @Test func overConfidentBinIsAWarningAndTheMarkShowsWhereTheConfidenceIs() {
        var grid = Grid.testing(44, 5, colors: .full256)
        grid.render(Self.sample, in: grid.area)
        let row = grid.lines[1]
        #expect(row.contains("52.0%") && row.contains("40.0%"))
        // The bar covers 40% of its columns; the mark sits at 52%.
        let barStart = 7 + 5 + 7 + 7 + 2, barWidth = 44 - barStart
        let mark = Array(row)[barStart + Int(0.52 * Double(barWidth))]
        #expect(mark == "│")
        #expect(grid[barStart, 1].style == grid.theme.style(.warning))
        #expect(grid[barStart, 3].style == grid.theme.style(.success), "the sure bin is right more often than it says")
    }
}
