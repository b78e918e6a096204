import Testing
@testable import TUI

/// Goldens for what the playground's visuals need from the widgets: a chosen
/// bar, a table's footer, the network picture.
@Suite("Visual widget snapshots")
struct VisualWidgetSnapshotTests {
    @Test("a chosen bar is highlighted even when it is not the largest")
    func barChartHighlight() {
        var chart = Samples.barChart
        chart.highlight = 0
        var grid = Grid.testing(24, 3, colors: .full256)
        grid.render(chart, in: grid.area)
        Snapshot.check(grid, named: "barChart-highlight-256", styles: true)
    }

    @Test("a confusion matrix ends with how many are right")
    func confusionFooter() {
        var grid = Grid.testing(24, 6, colors: .full256)
        grid.render(Samples.table, in: grid.area)
        Snapshot.check(grid, named: "table-confusion-footer", styles: true)
    }

    @Test("the network as neuron maps joined by signed connections, 256 colors")
    func networkDiagram256() {
        var grid = Grid.testing(36, 10, colors: .full256)
        grid.render(Samples.networkDiagram, in: grid.area)
        Snapshot.check(grid, named: "networkDiagram-256", styles: true)
    }

    @Test("the network without color or Unicode: ramp tiles, + and - connections")
    func networkDiagramASCII() {
        var grid = Grid.testing(36, 10, glyphs: .ascii)
        grid.render(Samples.networkDiagram, in: grid.area)
        Snapshot.check(grid, named: "networkDiagram-ascii-mono")
    }

    @Test("32 neurons in a short area get one-row tiles and wrap into two columns; 2 neurons keep big tiles")
    func tallLayerWraps() {
        let neuron = NetworkDiagram.Neuron(rows: 2, columns: 2, values: [1, -1, -1, 1])
        let diagram = NetworkDiagram(layers: [[neuron, neuron], Array(repeating: neuron, count: 32), [neuron]],
                                     weights: [Array(repeating: 1, count: 64), Array(repeating: -1, count: 32)])
        let placement = diagram.place(in: Rect(x: 0, y: 0, width: 50, height: 18))
        let tiles = placement?.tiles[1] ?? []
        #expect(tiles.count == 32)
        #expect(Set(tiles.map(\.x)).count == 2 && tiles.allSatisfy { $0.height == 1 && $0.maxY <= 18 })
        #expect(placement?.tiles[0].allSatisfy { $0.height == 3 && $0.width == 6 } == true)
        #expect(diagram.fits(in: Rect(x: 0, y: 0, width: 50, height: 18)))
        #expect(!diagram.fits(in: Rect(x: 0, y: 0, width: 8, height: 4)))
    }
}
