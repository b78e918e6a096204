import Foundation
import Lessons
import MiniNN
import TUI

extension VisualPanel {
    func renderLoss(into grid: inout Grid, area: Rect) {
        let pins = screen.shownPins
        guard let snapshot, !snapshot.lossCurve.isEmpty || !pins.isEmpty else {
            return waiting("the curves start with the first batch", into: &grid, area: area)
        }
        let charts = LossCharts(snapshot, pins: pins, logarithmic: screen.logarithmicLoss)
        // A regression's accuracy chart would be a flat 0: its loss is the curve to read.
        if area.height >= 14 && snapshot.regressionTarget == nil {
            let parts = Layout.vertical([.percentage(62), .fill(1)]).split(area)
            grid.render(charts.loss, in: parts[0])
            grid.render(charts.accuracy, in: parts[1])
        } else {
            grid.render(charts.loss, in: area)
        }
    }
}

/// The loss panel's two charts, built from a snapshot (so a test can ask
/// what is drawn where).
///
/// - The y-axis fits the recent half of the run in progress (from epoch 1 at
///   the earliest): the first epoch's steep fall would otherwise set the
///   scale, and lesson 5's validation loss turning up, or the last epochs of
///   lesson 4, would be flat lines along the bottom. The start runs off the
///   top instead. Until two epochs are done it fits everything.
/// - `y` turns the loss axis logarithmic, for a training loss that keeps
///   falling by factors.
/// - The best validation loss so far is marked, with its value and epoch.
/// - Pinned runs (``ShownPin``: those pinned with `p`, and the run before
///   the last reset or data change) are drawn dimmed, each as its own lines,
///   never joined to this run's. Each is numbered at the end of its line and
///   named in the legend by what sets it apart ("1 lr 0.1").
struct LossCharts {
    var loss: LineChart
    var accuracy: LineChart

    /// `pins` nil: the snapshot's last run, as the session labelled it (what a
    /// screen without pins shows).
    init(_ snapshot: TrainingSnapshot, pins: [ShownPin]? = nil, logarithmic: Bool) {
        let pins = pins ?? snapshot.previousRun.map { [ShownPin(number: 1, label: "last run: \($0.label)", run: $0)] } ?? []
        let curve = snapshot.lossCurve
        let validated = snapshot.epochs.compactMap { report in
            report.validation.map { (epoch: Double(report.epoch + 1), value: $0) }
        }
        let currentEnd = max(curve.last?.epoch ?? 0, validated.last?.epoch ?? 0)
        let pinnedEnd = pins.map { max($0.run.curve.last?.epoch ?? 0, $0.run.validation.last?.epoch ?? 0) }.max() ?? 0
        let xRange = 0...max(1, currentEnd, pinnedEnd)
        // Epoch ends are whole numbers; the chart thins them to round ones.
        let marks = (0..<Int(xRange.upperBound.rounded(.down))).map { Double($0 + 1) }
        let recentEnd = currentEnd > 0 ? currentEnd : pinnedEnd
        let fitFrom = recentEnd >= 2 ? max(1, recentEnd / 2) : nil

        var lossSeries: [Series] = [], accuracySeries: [Series] = []
        var lossPoints: [ChartPoint] = [], accuracyPoints: [ChartPoint] = []
        for pin in pins {
            let run = pin.run, name = "\(pin.number) \(pin.label)"
            let epochs = run.curve.map(\.epoch), validationEpochs = run.validation.map(\.epoch)
            lossSeries += [
                Series(name, xs: epochs, ys: run.curve.map { Double($0.loss) }, role: .trainLoss, dimmed: true),
                Series("", xs: validationEpochs, ys: run.validation.map { Double($0.loss) },
                       role: .validationLoss, dimmed: true),
            ]
            accuracySeries += [
                Series(name, xs: epochs, ys: run.curve.map { Double($0.accuracy) }, role: .trainLoss, dimmed: true),
                Series("", xs: validationEpochs, ys: run.validation.map { Double($0.accuracy) },
                       role: .validationLoss, dimmed: true),
            ]
            // The number sits where the pin's line ends: validation when it has it.
            let glyph = Character(String(pin.number % 10))
            if let end = run.validation.last {
                lossPoints.append(ChartPoint(x: end.epoch, y: Double(end.loss), label: "", role: .muted, glyph: glyph, asciiGlyph: glyph))
                accuracyPoints.append(ChartPoint(x: end.epoch, y: Double(end.accuracy), label: "", role: .muted,
                                                 glyph: glyph, asciiGlyph: glyph))
            } else if let end = run.curve.last {
                lossPoints.append(ChartPoint(x: end.epoch, y: Double(end.loss), label: "", role: .muted, glyph: glyph, asciiGlyph: glyph))
                accuracyPoints.append(ChartPoint(x: end.epoch, y: Double(end.accuracy), label: "", role: .muted,
                                                 glyph: glyph, asciiGlyph: glyph))
            }
        }
        let xs = curve.map(\.epoch)
        // A regression's loss is the mean squared error of the standardized target (1: no better than its mean).
        let lossName = snapshot.regressionTarget == nil ? "loss" : "MSE"
        lossSeries.append(Series("train \(lossName)", xs: xs, ys: curve.map { Double($0.loss) }, role: .trainLoss))
        accuracySeries.append(Series("train acc", xs: xs, ys: curve.map { Double($0.accuracy) }, role: .trainLoss))
        if !validated.isEmpty {
            lossSeries.append(Series("val \(lossName)", xs: validated.map(\.epoch), ys: validated.map { Double($0.value.loss) },
                                     role: .validationLoss))
            accuracySeries.append(Series("val acc", xs: validated.map(\.epoch),
                                         ys: validated.map { Double($0.value.accuracy) }, role: .validationLoss))
        }
        if validated.count >= 2, let best = snapshot.bestValidation {
            lossPoints.append(ChartPoint(x: best.position, y: Double(best.loss),
                                         label: "best val \(NumberFormat.compact(Double(best.loss))) (ep \(best.epoch + 1))",
                                         role: .validationLoss))
        }
        loss = LineChart(series: lossSeries, logarithmicY: logarithmic, xRange: xRange, marks: marks, xLabel: "epoch",
                         points: lossPoints, fitYFrom: fitFrom)
        accuracy = LineChart(series: accuracySeries, yRange: 0...1, xRange: xRange, marks: marks, xLabel: "",
                             points: accuracyPoints)
    }
}
