import Testing
@testable import TUI

@Suite("Widget snapshots")
struct WidgetSnapshotTests {
    @Test func lineChartBraille() {
        var grid = Grid.testing(40, 12)
        grid.render(Samples.lineChart, in: grid.area)
        Snapshot.check(grid, named: "lineChart-braille")
    }

    @Test func lineChartColorLayer() {
        var grid = Grid.testing(40, 12, colors: .full256)
        grid.render(Samples.lineChart, in: grid.area)
        Snapshot.check(grid, named: "lineChart-256", styles: true)
    }

    @Test func lineChartASCIILogarithmic() {
        var grid = Grid.testing(40, 12, glyphs: .ascii)
        var chart = Samples.lineChart
        chart.logarithmicY = true
        grid.render(chart, in: grid.area)
        Snapshot.check(grid, named: "lineChart-ascii-log")
    }

    @Test func lineChartBlocks() {
        var grid = Grid.testing(30, 8, glyphs: .blocks)
        grid.render(Samples.lineChart, in: grid.area)
        Snapshot.check(grid, named: "lineChart-blocks")
    }

    @Test func heatmapHalfBlocksColorLayer() {
        var grid = Grid.testing(12, 7, colors: .full256)
        grid.render(Samples.heatmap, in: grid.area)
        Snapshot.check(grid, named: "heatmap-256", styles: true)
    }

    @Test func heatmapASCIIRampWithoutColor() {
        var grid = Grid.testing(16, 7)
        grid.render(Samples.heatmap, in: grid.area)
        Snapshot.check(grid, named: "heatmap-mono")
    }

    @Test func heatmapEightColors() {
        var grid = Grid.testing(12, 7, colors: .eight)
        grid.render(Samples.heatmap, in: grid.area)
        Snapshot.check(grid, named: "heatmap-8", styles: true)
    }

    @Test func kernelGridMono() {
        var grid = Grid.testing(24, 5)
        grid.render(Samples.kernelGrid, in: grid.area)
        Snapshot.check(grid, named: "kernelGrid-mono")
    }

    @Test func kernelGridColorLayer() {
        var grid = Grid.testing(24, 5, colors: .sixteen)
        grid.render(Samples.kernelGrid, in: grid.area)
        Snapshot.check(grid, named: "kernelGrid-16", styles: true)
    }

    @Test func kernelGridOverflowNote() {
        var grid = Grid.testing(14, 4)
        grid.render(Samples.kernelGrid, in: grid.area)
        Snapshot.check(grid, named: "kernelGrid-overflow")
    }

    @Test func barChartHighlightsMaximum() {
        var grid = Grid.testing(24, 3, colors: .full256)
        grid.render(Samples.barChart, in: grid.area)
        Snapshot.check(grid, named: "barChart-256", styles: true)
    }

    @Test func barChartASCII() {
        var grid = Grid.testing(24, 3, glyphs: .ascii)
        grid.render(Samples.barChart, in: grid.area)
        Snapshot.check(grid, named: "barChart-ascii")
    }

    @Test func confusionMatrix() {
        var grid = Grid.testing(20, 5, colors: .full256)
        grid.render(Samples.table, in: grid.area)
        Snapshot.check(grid, named: "table-confusion", styles: true)
    }

    @Test func knobPanelFocus() {
        var grid = Grid.testing(40, 2)
        grid.render(Samples.knobPanel, in: grid.area)
        Snapshot.check(grid, named: "knobPanel-mono", styles: true)
    }

    @Test func paragraphWrapsAndScrolls() {
        var grid = Grid.testing(20, 5)
        grid.render(Samples.paragraph, in: grid.area)
        Snapshot.check(grid, named: "paragraph", styles: true)
    }

    @Test func statusBar() {
        var grid = Grid.testing(48, 1)
        grid.render(Samples.statusBar, in: grid.area)
        Snapshot.check(grid, named: "statusBar")
    }

    @Test func helpOverlayFromKeyTable() {
        var grid = Grid.testing(34, 14, glyphs: .ascii)
        grid.render(Samples.helpOverlay, in: grid.area)
        Snapshot.check(grid, named: "helpOverlay-ascii")
    }

    @Test func progressBar() {
        var grid = Grid.testing(30, 1)
        grid.render(Samples.progressBar, in: grid.area)
        Snapshot.check(grid, named: "progressBar")
    }

    @Test func messageBoxWarning() {
        var grid = Grid.testing(40, 8, colors: .sixteen)
        grid.render(Samples.messageBox, in: grid.area)
        Snapshot.check(grid, named: "messageBox-16", styles: true)
    }

    @Test func sizeGuard() {
        var grid = Grid.testing(30, 5)
        grid.render(Samples.sizeGuard, in: grid.area)
        Snapshot.check(grid, named: "sizeGuard")
    }

    @Test func focusedBlockMono() {
        var grid = Grid.testing(20, 3)
        grid.render(Samples.block, in: grid.area)
        Snapshot.check(grid, named: "block-focused", styles: true)
    }
}
