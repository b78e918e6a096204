import Testing
@testable import TUI

@Suite("Sparkline")
struct SparklineTests {
    /// From noise (1.0) down to smooth (0.3): the bars fall left to right.
    static let falling = Sparkline(values: [1.0, 0.9, 0.7, 0.5, 0.4, 0.35, 0.3, 0.3], range: 0...1)

    @Test func unicodeBarsFollowTheValues() {
        var grid = Grid.testing(10, 1)
        grid.render(Self.falling, in: grid.area)
        Snapshot.check(grid, named: "sparkline-blocks")
        #expect(grid.lines[0].hasPrefix("█▇▆▅▄▃▃▃"))
    }

    @Test func asciiUsesTheRamp() {
        var grid = Grid.testing(10, 1, glyphs: .ascii)
        grid.render(Self.falling, in: grid.area)
        Snapshot.check(grid, named: "sparkline-ascii")
        #expect(grid.lines[0].first == "@")
    }

    @Test func aLongSeriesIsAveragedIntoTheRow() {
        // 100 values, 4 cells: each cell is the mean of 25.
        let values = (0..<100).map { Float($0 < 50 ? 1 : 0) }
        #expect(Sparkline.resampled(values, to: 4) == [1, 1, 0, 0])
        var grid = Grid.testing(4, 1)
        grid.render(Sparkline(values: values, range: 0...1), in: grid.area)
        #expect(grid.lines[0] == "██▁▁")
    }

    @Test func emptyFlatAndNonFiniteSeriesDoNotTrap() {
        for values: [Float] in [[], [2, 2, 2], [.nan, .infinity, 1]] {
            var grid = Grid.testing(5, 1)
            grid.render(Sparkline(values: values), in: grid.area)
            grid.render(Sparkline(values: values), in: Rect(x: 0, y: 0, width: 0, height: 0))
        }
    }
}

@Suite("TrendLine")
struct TrendLineTests {
    @Test func labelValueWordNoteThenHistory() {
        var grid = Grid.testing(40, 1)
        let line = TrendLine(label: "roughness", value: "0.42", word: "smooth", note: "1 flat",
                             history: [1.0, 0.7, 0.5, 0.42], range: 0...1)
        grid.render(line, in: grid.area)
        #expect(grid.lines[0].hasPrefix("roughness 0.42 smooth 1 flat  █▆▅▄"), "\(grid.lines[0])")
    }

    @Test func aNarrowRowKeepsTheNumberAndDropsTheSparkline() {
        var grid = Grid.testing(16, 1)
        grid.render(TrendLine(label: "roughness", value: "0.42", word: "smooth", history: [1, 0.4]), in: grid.area)
        #expect(grid.lines[0] == "roughness 0.42 s")
    }
}
