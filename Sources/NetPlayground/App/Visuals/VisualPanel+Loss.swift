import Foundation
import Lessons
import MiniNN
import TUI

extension VisualPanel {
    func renderLoss(into grid: inout Grid, area: Rect) {
        guard let snapshot, !snapshot.lossCurve.isEmpty || snapshot.previousRun != nil else {
            return waiting("the curves start with the first batch", into: &grid, area: area)
        }
        let charts = LossCharts(snapshot, logarithmic: screen.logarithmicLoss)
        if area.height >= 14 {
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
/// - The run before the last reset or data change is drawn dimmed, as its
///   own lines: never joined to this run's.
struct LossCharts {
    var loss: LineChart
    var accuracy: LineChart

    init(_ snapshot: TrainingSnapshot, logarithmic: Bool) {
        let curve = snapshot.lossCurve
        let validated = snapshot.epochs.compactMap { report in
            report.validation.map { (epoch: Double(report.epoch + 1), value: $0) }
        }
        let previous = snapshot.previousRun
        let currentEnd = max(curve.last?.epoch ?? 0, validated.last?.epoch ?? 0)
        let previousEnd = max(previous?.curve.last?.epoch ?? 0, previous?.validation.last?.epoch ?? 0)
        let xRange = 0...max(1, currentEnd, previousEnd)
        // Epoch ends are whole numbers; the chart thins them to round ones.
        let marks = (0..<Int(xRange.upperBound.rounded(.down))).map { Double($0 + 1) }
        let recentEnd = currentEnd > 0 ? currentEnd : previousEnd
        let fitFrom = recentEnd >= 2 ? max(1, recentEnd / 2) : nil

        var lossSeries: [Series] = []
        var accuracySeries: [Series] = []
        if let previous {
            let name = "last run: \(previous.label)"
            let epochs = previous.curve.map(\.epoch), validationEpochs = previous.validation.map(\.epoch)
            lossSeries += [
                Series(name, xs: epochs, ys: previous.curve.map { Double($0.loss) }, role: .trainLoss, dimmed: true),
                Series("", xs: validationEpochs, ys: previous.validation.map { Double($0.loss) },
                       role: .validationLoss, dimmed: true),
            ]
            accuracySeries += [
                Series(name, xs: epochs, ys: previous.curve.map { Double($0.accuracy) }, role: .trainLoss, dimmed: true),
                Series("", xs: validationEpochs, ys: previous.validation.map { Double($0.accuracy) },
                       role: .validationLoss, dimmed: true),
            ]
        }
        let xs = curve.map(\.epoch)
        lossSeries.append(Series("train loss", xs: xs, ys: curve.map { Double($0.loss) }, role: .trainLoss))
        accuracySeries.append(Series("train acc", xs: xs, ys: curve.map { Double($0.accuracy) }, role: .trainLoss))
        if !validated.isEmpty {
            lossSeries.append(Series("val loss", xs: validated.map(\.epoch), ys: validated.map { Double($0.value.loss) },
                                     role: .validationLoss))
            accuracySeries.append(Series("val acc", xs: validated.map(\.epoch),
                                         ys: validated.map { Double($0.value.accuracy) }, role: .validationLoss))
        }
        var points: [ChartPoint] = []
        if validated.count >= 2, let best = snapshot.bestValidation {
            points.append(ChartPoint(x: best.position, y: Double(best.loss),
                                     label: "best val \(NumberFormat.compact(Double(best.loss))) (ep \(best.epoch + 1))",
                                     role: .validationLoss))
        }
        loss = LineChart(series: lossSeries, logarithmicY: logarithmic, xRange: xRange, marks: marks, xLabel: "epoch",
                         points: points, fitYFrom: fitFrom)
        accuracy = LineChart(series: accuracySeries, yRange: 0...1, xRange: xRange, marks: marks, xLabel: "")
    }
}
