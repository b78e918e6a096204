import Lessons
import MiniNN
import TUI

extension VisualPanel {
    /// One training digit as the batches show it: redrawn through the shift
    /// and flip knobs every few batches, so the learner sees what changes.
    func renderAugmentedDigits(into grid: inout Grid, area: Rect) {
        guard let snapshot, !snapshot.augmentedDigits.isEmpty else {
            return waiting("the digits appear with the first frame", into: &grid, area: area)
        }
        let augmentation = screen.knobs.hyperparameters.augmentation
        var settings: [String] = []
        if augmentation.maxShift > 0 { settings.append("shifted up to ±\(augmentation.maxShift) px") }
        if augmentation.flipsHorizontally { settings.append("half mirrored") }
        let caption = settings.isEmpty
            ? "no augmentation: every epoch shows the same picture (shift, flip knobs)"
            : "one training digit, \(settings.joined(separator: " and ")), new draws every batch"
        let parts = Layout.vertical([.length(2), .fill(1)]).split(area)
        grid.render(Paragraph(caption, role: .emphasis), in: parts[0].inset(left: 1))
        // 14×7 cells a digit, half its pixels, as the mistakes are drawn: never smaller, fewer instead.
        let tiles = Self.fixedTiles(count: snapshot.augmentedDigits.count, in: parts[1].inset(left: 1),
                                    tile: Size(width: 15, height: 7), gap: 0)
        for (index, rect) in tiles.enumerated() where snapshot.augmentedDigits[index].count == 784 {
            grid.render(Heatmap(rows: 28, columns: 28, values: snapshot.augmentedDigits[index].map { Double($0) },
                                palette: .sequential(range: 0...1)), in: rect.inset(right: 1))
        }
    }
}
