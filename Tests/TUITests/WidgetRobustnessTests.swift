import Testing
@testable import TUI

/// Widgets must draw into any area — empty, one cell, tiny — and any data
/// without trapping, and must never touch a cell outside their area.
@Suite("Widget robustness")
struct WidgetRobustnessTests {
    static let tinySizes = [Size(width: 0, height: 0), Size(width: 1, height: 1), Size(width: 3, height: 2),
                            Size(width: 1, height: 5), Size(width: 7, height: 1)]
    static let capabilities: [(ColorCapability, GlyphSet)] = [(.none, .braille), (.full256, .braille), (.eight, .blocks), (.none, .ascii)]

    @Test("tiny areas stay inside their bounds", arguments: tinySizes)
    func tinyAreas(size: Size) {
        for (colors, glyphs) in WidgetRobustnessTests.capabilities {
            for (name, widget) in Samples.all + Samples.awkward {
                var grid = Grid.testing(12, 10, colors: colors, glyphs: glyphs)
                let area = Rect(x: 4, y: 3, width: size.width, height: size.height)
                widget.render(into: &grid, area: area)
                expectUntouched(grid, outside: area, widget: name)
            }
        }
    }

    @Test("awkward data renders at a normal size", arguments: [Size(width: 30, height: 10), Size(width: 80, height: 24)])
    func awkwardData(size: Size) {
        for (name, widget) in Samples.awkward {
            var grid = Grid.testing(size.width + 4, size.height + 4, colors: .full256)
            let area = Rect(x: 2, y: 2, width: size.width, height: size.height)
            widget.render(into: &grid, area: area)
            expectUntouched(grid, outside: area, widget: name)
        }
    }

    @Test func areasHangingOffTheGridAreClipped() {
        for (name, widget) in Samples.all {
            var grid = Grid.testing(10, 6, colors: .full256)
            grid.render(widget, in: Rect(x: 6, y: 4, width: 20, height: 20))
            expectUntouched(grid, outside: Rect(x: 6, y: 4, width: 4, height: 2), widget: name)
        }
    }

    @Test func nanAndInfinityDoNotChangeTheScale() {
        var clean = Grid.testing(30, 10)
        clean.render(LineChart(series: [Series("x", values: [1, 2, 3, 4], role: .trainLoss)]), in: clean.area)
        var dirty = Grid.testing(30, 10)
        let xs: [Double] = [0, 1, 1.5, 2, 2.5, 3]
        dirty.render(LineChart(series: [Series("x", xs: xs, ys: [1, 2, .nan, 3, .infinity, 4], role: .trainLoss)]), in: dirty.area)
        // Same axis labels: the non-finite values neither stretched the y-axis nor broke it.
        let labels = { (grid: Grid) in grid.lines.map { String($0.prefix(4)) } }
        #expect(labels(clean) == labels(dirty))
        #expect(dirty.contains("4"))
    }

    private func expectUntouched(_ grid: Grid, outside area: Rect, widget: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for y in 0..<grid.height {
            for x in 0..<grid.width where !area.contains(x: x, y: y) {
                if grid[x, y] != .blank {
                    Issue.record("\(widget) drew at (\(x),\(y)) outside \(area)", sourceLocation: sourceLocation)
                    return
                }
            }
        }
    }
}
