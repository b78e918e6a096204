import Lessons
import TUI

extension VisualPanel {
    /// A regression's validation rows, predicted against actual, in the target's units.
    func renderPredictedVsActual(into grid: inout Grid, area: Rect) {
        guard let snapshot, let target = snapshot.regressionTarget, !snapshot.predictedVsActual.isEmpty else {
            return waiting("the validation rows show once the model has run", into: &grid, area: area)
        }
        let points = snapshot.predictedVsActual.map { (actual: Double($0.actual), predicted: Double($0.predicted)) }
        grid.render(ScatterPlot(points: points, quantity: TerminalText.sanitized(target, maxLength: 40)), in: area)
    }
}
