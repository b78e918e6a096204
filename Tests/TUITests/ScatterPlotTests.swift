import Foundation
import Testing
@testable import TUI

/// The predicted-against-actual scatter plot: each item a dot where its
/// actual (x) and predicted (y) values put it, the diagonal y = x behind the
/// dots, both axes named after the quantity, and glyphs that still read in
/// ASCII (LANG=C) and without color (NO_COLOR).
@Suite("Scatter plot (predicted vs actual)")
struct ScatterPlotTests {
    /// Four corners and one point well off the diagonal.
    static let points: [(actual: Double, predicted: Double)] = [(0, 0), (10, 10), (0, 10), (10, 0), (2, 8)]
    static let plot = ScatterPlot(points: points, quantity: "price")
    static let area = Rect(x: 0, y: 0, width: 44, height: 20)

    static func drawn(glyphs: GlyphSet, colors: ColorCapability = .none) -> Grid {
        var grid = Grid(width: area.width, height: area.height, theme: Theme(capability: colors), glyphs: glyphs)
        grid.render(plot, in: area)
        return grid
    }

    @Test("each point is a dot in the cell its actual and predicted values give, in every glyph set",
          arguments: GlyphSet.allCases)
    func pointsLand(_ glyphs: GlyphSet) throws {
        let grid = Self.drawn(glyphs: glyphs)
        var cells: [(column: Int, row: Int)] = []
        for point in Self.points {
            let cell = try #require(Self.plot.cell(actual: point.actual, predicted: point.predicted, in: Self.area,
                                                   glyphs: glyphs))
            cells.append(cell)
            let character = grid[cell.column, cell.row].character
            #expect(character != " ", "no dot for \(point) at \(cell)")
            if glyphs == .ascii { #expect(character == "*", "\(point) drawn as \(character)") }
            if glyphs == .braille {
                #expect((0x2801...0x28FF).contains(character.unicodeScalars.first?.value ?? 0), "\(character)")
            }
        }
        // Larger actual values lie to the right, larger predictions higher up.
        let (low, high, upLeft, downRight) = (cells[0], cells[1], cells[2], cells[3])
        #expect(high.column > low.column && high.row < low.row)
        #expect(upLeft.column == low.column && upLeft.row == high.row)
        #expect(downRight.column == high.column && downRight.row == low.row)
        // (2, 8): a fifth of the way across, a fifth of the way down.
        let off = cells[4]
        let across = Double(off.column - low.column) / Double(high.column - low.column)
        let down = Double(off.row - high.row) / Double(low.row - high.row)
        #expect(abs(across - 0.2) < 0.1 && abs(down - 0.2) < 0.15, "across \(across), down \(down)")
    }

    @Test("the diagonal y = x is drawn between the corners, apart from the dots in ASCII")
    func diagonal() throws {
        let grid = Self.drawn(glyphs: .ascii)
        let low = try #require(Self.plot.cell(actual: 0, predicted: 0, in: Self.area, glyphs: .ascii))
        let high = try #require(Self.plot.cell(actual: 10, predicted: 10, in: Self.area, glyphs: .ascii))
        var diagonalCells = 0
        for row in high.row...low.row {
            for column in low.column...high.column where grid[column, row].character == "." {
                // Every dot of the diagonal lies on y = x: as far across as it is up.
                let across = Double(column - low.column) / Double(high.column - low.column)
                let up = Double(low.row - row) / Double(low.row - high.row)
                #expect(abs(across - up) < 0.1, "a diagonal dot at \(column),\(row) is off y = x")
                diagonalCells += 1
            }
        }
        // Dotted (every other column in ASCII) from corner to corner.
        #expect(diagonalCells >= (high.column - low.column) / 2 - 2, "\(diagonalCells) cells\n\(grid.text)")
        // Off the diagonal, away from the dots, nothing is drawn.
        let empty = try #require(Self.plot.cell(actual: 8, predicted: 3, in: Self.area, glyphs: .ascii))
        #expect(grid[empty.column, empty.row].character == " ")
        #expect(grid.text.contains(".. y = x"), "the legend names the diagonal\n\(grid.text)")
    }

    @Test("the axes are named after the quantity: predicted over the plot, actual under it")
    func axisLabels() {
        for glyphs in GlyphSet.allCases {
            let lines = Self.drawn(glyphs: glyphs).lines
            #expect(lines.first?.hasPrefix("predicted price") == true, "\(lines.first ?? "")")
            #expect(lines.last?.contains("actual price") == true, "\(lines.last ?? "")")
        }
    }

    @Test("without color the dots keep their glyph and the diagonal its dim dotted look; LANG=C draws ASCII only")
    func fallbacks() {
        let ascii = Self.drawn(glyphs: .ascii).text
        #expect(ascii.unicodeScalars.allSatisfy { $0.isASCII }, "\(ascii)")
        let colored = Self.drawn(glyphs: .braille, colors: .full256)
        let plain = Self.drawn(glyphs: .braille, colors: .none)
        // The same dots whether or not there is color: color is never the only difference.
        #expect(colored.text == plain.text)
        let cell = Self.plot.cell(actual: 2, predicted: 8, in: Self.area, glyphs: .braille)!
        #expect(colored[cell.column, cell.row].style != plain[cell.column, cell.row].style)
    }

    @Test("no points, or only non-finite ones, draws the captions and an empty plot without trapping")
    func empty() {
        let plot = ScatterPlot(points: [(.nan, 1), (1, .infinity)], quantity: "y")
        #expect(plot.points.isEmpty)
        var grid = Grid(width: 30, height: 10, glyphs: .braille)
        grid.render(plot, in: grid.area)
        #expect(grid.lines.first?.hasPrefix("predicted y") == true)
        var tiny = Grid(width: 3, height: 2, glyphs: .ascii)
        tiny.render(Self.plot, in: tiny.area)
    }
}
