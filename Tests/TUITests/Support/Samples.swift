import Foundation
@testable import TUI

/// One instance of every widget with fixed data, for snapshots and robustness tests.
enum Samples {
    static let lossValues: [Double] = (0..<40).map { 2.0 * exp(-Double($0) / 10) + 0.1 }

    static var lineChart: LineChart {
        LineChart(series: [
            Series("train", values: lossValues, role: .trainLoss),
            Series("val", xs: stride(from: 0.0, to: 40, by: 8).map { $0 }, ys: [2.1, 1.0, 0.6, 0.5, 0.55], role: .validationLoss),
        ], marks: [10, 20, 30], xLabel: "step")
    }

    static var heatmap: Heatmap {
        // A 6×6 ramp from -1 (top left) to 1 (bottom right) with two points and a diagonal line.
        var values: [Double] = []
        for row in 0..<6 {
            for column in 0..<6 { values.append(Double(row + column) / 5 - 1) }
        }
        return Heatmap(rows: 6, columns: 6, values: values, palette: .diverging(limit: 1),
                       points: [HeatmapPoint(x: 0.1, y: 0.9, category: 0), HeatmapPoint(x: 0.9, y: 0.1, category: 1)],
                       line: (x0: 0, y0: 0, x1: 1, y1: 1), showsLegend: true)
    }

    static var kernelGrid: KernelGrid {
        KernelGrid(kernels: [
            Kernel(label: "edge", rows: 3, columns: 3, values: [-1, 0, 1, -2, 0, 2, -1, 0, 1]),
            Kernel(label: "blur", rows: 3, columns: 3, values: [0.1, 0.2, 0.1, 0.2, 0.4, 0.2, 0.1, 0.2, 0.1]),
            Kernel(label: "nan", rows: 2, columns: 2, values: [.nan, 1]),
        ], limit: 2)
    }

    static var barChart: BarChart {
        BarChart(bars: [Bar("cat", 0.2), Bar("dog", 0.7), Bar("bird", 0.1)], maximum: 1, format: .percent)
    }

    static var table: Table {
        Table.confusionMatrix(counts: [[5, 1, 0], [0, 7, 2], [1, 0, 9]], labels: ["a", "b", "c"])
    }

    /// A 2-3-1 net over a 4×4 plane: x, y, three hidden neurons, one output; mixed-sign weights.
    static var networkDiagram: NetworkDiagram {
        func map(_ f: (Double, Double) -> Double) -> NetworkDiagram.Neuron {
            let values = (0..<16).map { i in f(Double(i % 4) / 3 * 2 - 1, 1 - Double(i / 4) / 3 * 2) }
            return NetworkDiagram.Neuron(rows: 4, columns: 4, values: values)
        }
        return NetworkDiagram(
            layers: [[map { x, _ in x }, map { _, y in y }],
                     [map { x, y in tanh(x + y) }, map { x, y in tanh(x - y) }, map { x, _ in tanh(-2 * x) }],
                     [map { x, y in x * y }]],
            weights: [[1, 1, 1, -1, -2, 0.1], [0.5, -1, 0.2]],
            captions: ["x y", "3", "out"])
    }

    static var knobPanel: KnobPanel {
        KnobPanel(knobs: [
            Knob("learning rate", value: 0.01, range: 0.001...1, logarithmic: true),
            Knob("dropout", value: 0.5, range: 0...0.9, text: "0.50"),
        ], focusedIndex: 0)
    }

    static var paragraph: Paragraph {
        Paragraph("A **perceptron** draws one *straight* line.\nPress `Space` to pause. Supercalifragilisticexpialidocious words break.")
    }

    static let keyTable = KeyTable<String>([
        KeyBinding([.character("q"), .control("c")], "quit", action: "quit", label: "q", showsInStatusBar: true),
        KeyBinding([.character("?")], "help", action: "help", showsInStatusBar: true),
        KeyBinding([.space], "pause", action: "pause", section: "Training", showsInStatusBar: true),
        KeyBinding([.character("+")], "raise knob", action: "up", section: "Knobs"),
    ])

    static var statusBar: StatusBar { StatusBar(hints: keyTable.statusHints, message: "paused", right: "epoch 3") }
    static var helpOverlay: HelpOverlay { HelpOverlay(table: keyTable) }
    static var progressBar: ProgressBar { ProgressBar(fraction: 0.4, label: "epoch 2") }
    static var messageBox: MessageBox { MessageBox(title: "Diverged", message: "The loss became NaN. Lower the learning rate.", role: .warning) }
    static var sizeGuard: SizeGuard { SizeGuard(minimum: Size(width: 80, height: 24)) }
    static var block: Block { Block(title: "Loss", rightTitle: "log", focused: true) }

    /// Every widget, by name.
    static var all: [(name: String, widget: any Widget)] {
        [("lineChart", lineChart), ("heatmap", heatmap), ("kernelGrid", kernelGrid), ("barChart", barChart),
         ("table", table), ("networkDiagram", networkDiagram), ("knobPanel", knobPanel), ("paragraph", paragraph), ("statusBar", statusBar),
         ("helpOverlay", helpOverlay), ("progressBar", progressBar), ("messageBox", messageBox),
         ("sizeGuard", sizeGuard), ("block", block)]
    }

    /// Widgets fed with awkward data: empty, NaN, infinite, mismatched lengths.
    static var awkward: [(name: String, widget: any Widget)] {
        [("emptyChart", LineChart(series: [])),
         ("nanChart", LineChart(series: [Series("x", values: [.nan, .infinity, -.infinity, .nan], role: .trainLoss)], logarithmicY: true)),
         ("flatChart", LineChart(series: [Series("x", values: [1, 1, 1], role: .trainLoss)])),
         ("hugeChart", LineChart(series: [Series("x", values: [1e300, -1e300, 0], role: .trainLoss)])),
         ("extremeChart", LineChart(series: [Series("x", values: [.greatestFiniteMagnitude, -.greatestFiniteMagnitude], role: .trainLoss)], marks: [.nan, 1e300])),
         ("fixedRangeChart", LineChart(series: [Series("x", xs: [-1e300, 0, 1e300], ys: [1e300, 0.5, -1e300], role: .trainLoss)],
                                       yRange: 0...1, xRange: 0...1)),
         ("shortHeatmap", Heatmap(rows: 4, columns: 4, values: [1, 2])),
         ("emptyHeatmap", Heatmap(rows: 0, columns: 3, values: [])),
         ("nanHeatmap", Heatmap(rows: 2, columns: 2, values: [.nan, .infinity, -.infinity, 0], palette: .diverging(limit: nil), showsLegend: true)),
         ("emptyKernels", KernelGrid(kernels: [])),
         ("emptyBars", BarChart(bars: [])),
         ("nanBars", BarChart(bars: [Bar("x", .nan), Bar("y", -1)])),
         ("raggedTable", Table(columnHeaders: ["a"], rowHeaders: [], cells: [[TableCell("1"), TableCell("2")], []])),
         ("emptyKnobs", KnobPanel(knobs: [], focusedIndex: 3)),
         ("badKnob", KnobPanel(knobs: [Knob("x", value: .nan, range: 1...1)], focusedIndex: -1)),
         ("emptyParagraph", Paragraph("")),
         ("wideParagraph", Paragraph("漢字かな交じり文 and emoji 🎉 wrap", scroll: 99)),
         ("nanProgress", ProgressBar(fraction: .nan)),
         ("emptyHelp", HelpOverlay(sections: [])),
         ("emptyNetwork", NetworkDiagram(layers: [], weights: [])),
         ("raggedNetwork", NetworkDiagram(layers: [[NetworkDiagram.Neuron(rows: 2, columns: 2, values: [.nan])], [],
                                                   Array(repeating: NetworkDiagram.Neuron(rows: 0, columns: 0, values: []), count: 40)],
                                          weights: [[.infinity, .nan, -1e300]], captions: ["a"])),
         ("nanNetwork", NetworkDiagram(layers: [[NetworkDiagram.Neuron(rows: 1, columns: 1, values: [.nan])],
                                                [NetworkDiagram.Neuron(rows: 1, columns: 1, values: [1])]],
                                       weights: [[.nan]]))]
    }
}
