import Foundation
import Lessons
import MiniNN
import TUI

extension VisualPanel {
    func renderLoss(into grid: inout Grid, area: Rect) {
        guard let snapshot, !snapshot.lossCurve.isEmpty else {
            return waiting("the curves start with the first batch", into: &grid, area: area)
        }
        let curve = snapshot.lossCurve
        let xs = curve.map(\.epoch)
        let epochEnds = snapshot.epochs.map { Double($0.epoch + 1) }
        var lossSeries = [Series("train loss", xs: xs, ys: curve.map { Double($0.loss) }, role: .trainLoss)]
        let validated = snapshot.epochs.compactMap { report in report.validation.map { (Double(report.epoch + 1), $0) } }
        if !validated.isEmpty {
            lossSeries.append(Series("val loss", xs: validated.map(\.0), ys: validated.map { Double($0.1.loss) },
                                     role: .validationLoss))
        }
        let xRange = 0...max(1, xs.last ?? 1)
        let marks = epochEnds.count <= 40 ? epochEnds : []
        if area.height >= 14 {
            let parts = Layout.vertical([.percentage(62), .fill(1)]).split(area)
            grid.render(LineChart(series: lossSeries, xRange: xRange, marks: marks, xLabel: "epoch"), in: parts[0])
            var accuracySeries = [Series("train acc", xs: xs, ys: curve.map { Double($0.accuracy) }, role: .trainLoss)]
            if !validated.isEmpty {
                accuracySeries.append(Series("val acc", xs: validated.map(\.0),
                                             ys: validated.map { Double($0.1.accuracy) }, role: .validationLoss))
            }
            grid.render(LineChart(series: accuracySeries, yRange: 0...1, xRange: xRange, marks: marks, xLabel: ""),
                        in: parts[1])
        } else {
            grid.render(LineChart(series: lossSeries, xRange: xRange, marks: marks, xLabel: "epoch"), in: area)
        }
    }
}
