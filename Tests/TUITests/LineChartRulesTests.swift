import Foundation
import Testing
@testable import TUI

/// The line chart's rules for loss curves: a log axis gives every decade the
/// same height and says "log", marks thin out to round numbers, a dimmed
/// series is drawn dim and apart, a point gets its own glyph and legend entry,
/// and `fitYFrom` scales to the recent values.
@Suite("Line chart rules")
struct LineChartRulesTests {
    static let decades: [Double] = [1000, 100, 10, 1]

    static func rows(_ chart: LineChart, _ ys: [Double], area: Rect, glyphs: GlyphSet) -> [Int] {
        ys.enumerated().compactMap { index, y in chart.cell(x: Double(index), y: y, in: area, glyphs: glyphs)?.row }
    }

    @Test("on a log axis each decade takes the same number of rows, and the caption says log")
    func logDecades() {
        let chart = LineChart(series: [Series("loss", values: Self.decades, role: .trainLoss)], logarithmicY: true,
                              xLabel: "epoch")
        // ASCII: one dot per row; 10 canvas rows put the 4 values 3 rows apart exactly.
        let area = Rect(x: 0, y: 0, width: 40, height: 13)
        let rows = Self.rows(chart, Self.decades, area: area, glyphs: .ascii)
        #expect(rows.count == 4)
        let gaps = zip(rows, rows.dropFirst()).map { $1 - $0 }
        #expect(gaps == [3, 3, 3], "rows \(rows)")
        // Braille, 4 dots a row: the gaps differ by at most the rounding of one row.
        let braille = Self.rows(chart, Self.decades, area: Rect(x: 0, y: 0, width: 40, height: 16), glyphs: .braille)
        let brailleGaps = zip(braille, braille.dropFirst()).map { $1 - $0 }
        #expect(brailleGaps.count == 3 && (brailleGaps.max() ?? 0) - (brailleGaps.min() ?? 0) <= 1, "\(braille)")
        var grid = Grid(width: 40, height: 13, theme: .monochrome, glyphs: .ascii)
        grid.render(chart, in: grid.area)
        #expect(grid.lines.last?.contains("epoch . log y") == true, "\(grid.lines.last ?? "")")
        // The same values on a linear axis bunch up at the bottom: 1, 10 and 100 share a few rows.
        var linear = chart
        linear.logarithmicY = false
        let linearRows = Self.rows(linear, Self.decades, area: area, glyphs: .ascii)
        #expect(linearRows[3] - linearRows[1] < 2, "\(linearRows)")
        var linearGrid = Grid(width: 40, height: 13, theme: .monochrome, glyphs: .ascii)
        linearGrid.render(linear, in: linearGrid.area)
        #expect(linearGrid.lines.last?.contains("log") == false)
    }

    @Test("300 epoch marks thin to round epochs at least 6 columns apart", arguments: [46, 80, 130])
    func marksThin(_ width: Int) {
        let marks = (1...300).map(Double.init)
        let chart = LineChart(series: [Series("loss", values: [1, 0.5], role: .trainLoss)], xRange: 0...300,
                              marks: marks, xLabel: "epoch")
        let area = Rect(x: 0, y: 0, width: width, height: 10)
        let shown = chart.shownMarks(in: area, glyphs: .braille)
        // The canvas is the width less the y labels and the axis.
        let limit = width / chart.minimumMarkGap
        #expect(!shown.isEmpty && shown.count <= limit, "\(shown.count) marks at width \(width)")
        #expect(shown.allSatisfy { $0.truncatingRemainder(dividingBy: 10) == 0 }, "\(shown)")
        var grid = Grid.testing(width, 10)
        grid.render(chart, in: grid.area)
        let markColumns = grid.lines[3].filter { $0 == "┊" }.count
        #expect(markColumns == shown.count, "\(grid.lines[3])")
        // Few marks stay as they are.
        let few = LineChart.thinnedMarks((1...15).map(Double.init), low: 0, high: 15, columns: 100, minimumGap: 6)
        #expect(few.count == 15)
    }

    @Test("a dimmed series is drawn dim, apart from the live one, behind it")
    func dimmedSeries() {
        let old = Series("last run", xs: (0...20).map { Double($0) / 2 }, ys: (0...20).map { 1 - Double($0) * 0.04 },
                         role: .trainLoss, dimmed: true)
        let live = Series("train loss", xs: (0...6).map { Double($0) / 2 }, ys: (0...6).map { 1 - Double($0) * 0.02 },
                          role: .trainLoss)
        let chart = LineChart(series: [old, live], xRange: 0...10, xLabel: "epoch")
        for colors in [ColorCapability.none, .full256] {
            var grid = Grid.testing(40, 12, colors: colors)
            grid.render(chart, in: grid.area)
            let muted = grid.theme.style(.muted), trainStyle = grid.theme.style(.trainLoss)
            guard let liveEnd = chart.cell(x: 3, y: live.ys.last ?? 0, in: grid.area, glyphs: .braille),
                  let oldEnd = chart.cell(x: 10, y: old.ys.last ?? 0, in: grid.area, glyphs: .braille) else {
                Issue.record("points off the chart"); return
            }
            #expect(grid[oldEnd.column, oldEnd.row].style == muted, "the old run's end is dim (\(colors))")
            if colors == .none { #expect(muted.attributes.contains(.dim)) }
            // No cell right of the live run's end is drawn in the live style: nothing joins it to the old line.
            var liveColumns: [Int] = []
            for y in 0..<grid.size.height {
                for x in 0..<grid.size.width where grid[x, y].style == trainStyle && grid[x, y].character != " " {
                    if grid[x, y].character.unicodeScalars.first.map({ (0x2800...0x28FF).contains($0.value) }) == true {
                        liveColumns.append(x)
                    }
                }
            }
            if colors == .full256 {
                #expect(!liveColumns.isEmpty && (liveColumns.max() ?? 0) <= liveEnd.column, "\(liveColumns)")
            }
        }
        var ascii = Grid.testing(40, 12, glyphs: .ascii)
        ascii.render(chart, in: ascii.area)
        let text = ascii.lines.joined(separator: "\n")
        #expect(text.contains(".. last run"), "the legend names the dimmed run with its own sample:\n\(text)")
    }

    @Test("a point gets its own glyph where it lies and its label in the legend")
    func pointMark() {
        let values: [Double] = [0.9, 0.5, 0.3, 0.35, 0.45]
        let chart = LineChart(series: [Series("val", values: values, role: .validationLoss)],
                              points: [ChartPoint(x: 2, y: 0.3, label: "best 0.3 (ep 2)", role: .validationLoss)])
        var grid = Grid.testing(40, 12)
        grid.render(chart, in: grid.area)
        guard let cell = chart.cell(x: 2, y: 0.3, in: grid.area, glyphs: .braille) else {
            Issue.record("the point is off the chart"); return
        }
        #expect(grid[cell.column, cell.row].character == "◆")
        #expect(grid.lines[0].contains("◆ best 0.3 (ep 2)"), "\(grid.lines[0])")
        var ascii = Grid.testing(40, 12, glyphs: .ascii)
        ascii.render(chart, in: ascii.area)
        #expect(ascii[cell.column, cell.row].character == "@")
    }

    @Test("fitYFrom scales the axis to the recent values; the start runs off the top")
    func fitRecent() {
        let xs = (0...100).map { Double($0) / 10 }
        let ys = xs.map { 0.05 + 2 * exp(-3 * $0) + 0.004 * $0 }
        let all = LineChart(series: [Series("loss", xs: xs, ys: ys, role: .trainLoss)])
        var recent = all
        recent.fitYFrom = 5
        let area = Rect(x: 0, y: 0, width: 40, height: 12)
        func spread(_ chart: LineChart) -> Int {
            let a = chart.cell(x: 5, y: ys[50], in: area, glyphs: .braille)?.row ?? 0
            let b = chart.cell(x: 10, y: ys[100], in: area, glyphs: .braille)?.row ?? 0
            return a - b
        }
        #expect(spread(all) < 2, "the tail is flat when the start sets the scale")
        #expect(spread(recent) >= 4, "the tail rises over several rows")
        #expect(recent.cell(x: 0, y: ys[0], in: area, glyphs: .braille) == nil, "the start is above the plot")
    }
}
