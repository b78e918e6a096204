import Foundation
import Lessons
import MiniNN
import TUI

extension VisualPanel {
    func renderKernels(into grid: inout Grid, area: Rect) {
        guard let snapshot, !snapshot.kernels.isEmpty, snapshot.kernelSide > 0 else {
            return waiting("no conv layer", into: &grid, area: area)
        }
        let side = snapshot.kernelSide
        // The kernel grid draws every weight as a ramp character (and a color
        // when there is one), all on one scale so kernels compare.
        let kernels = snapshot.kernels.enumerated().map { index, weights in
            Kernel(label: "\(index + 1)", rows: side, columns: side, values: weights.map(Double.init))
        }
        let (pictures, measure) = splitForRoughness(area)
        grid.render(KernelGrid(kernels: kernels), in: pictures.inset(left: 1))
        renderRoughness(into: &grid, area: measure, what: "kernels")
    }
}
