import Foundation
import Lessons
import MiniNN
import TUI

/// The inside of one visual panel, drawn from the lesson screen's snapshot.
struct VisualPanel: Widget {
    let visual: Visual
    let screen: LessonScreen

    var snapshot: TrainingSnapshot? { screen.snapshot }

    func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        switch visual {
        case .lossCurves: renderLoss(into: &grid, area: area)
        case .decisionBoundary: renderBoundary(into: &grid, area: area)
        case .network: renderNetwork(into: &grid, area: area)
        case .neuronMaps: renderNeuronMaps(into: &grid, area: area)
        case .firstLayerWeights: renderWeights(into: &grid, area: area)
        case .augmentedDigits: renderAugmentedDigits(into: &grid, area: area)
        case .kernels: renderKernels(into: &grid, area: area)
        case .activationMaps: renderActivationMaps(into: &grid, area: area)
        case .prediction: renderPrediction(into: &grid, area: area)
        case .confusionMatrix: renderConfusion(into: &grid, area: area)
        case .confidentMistakes: renderMistakes(into: &grid, area: area)
        case .calibration: renderCalibration(into: &grid, area: area)
        case .handConvolution: renderHandConvolution(into: &grid, area: area)
        case .predictedVsActual: renderPredictedVsActual(into: &grid, area: area)
        }
    }

    /// A muted one-line note while the visual has nothing to show yet.
    func waiting(_ text: String, into grid: inout Grid, area: Rect) {
        grid.write(text, x: area.x + 1, y: area.y, style: grid.theme.style(.muted), maxWidth: area.width - 1)
    }
}
