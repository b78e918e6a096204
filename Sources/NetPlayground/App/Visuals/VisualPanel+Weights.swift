import Foundation
import Lessons
import MiniNN
import TUI

extension VisualPanel {
    func renderWeights(into grid: inout Grid, area: Rect) {
        guard let snapshot, !snapshot.firstLayerWeights.isEmpty else {
            return waiting("no dense first layer", into: &grid, area: area)
        }
        let weights = snapshot.firstLayerWeights
        let side = Int(Double(weights[0].count).squareRoot())
        guard side * side == weights[0].count else {
            return waiting("the first layer's inputs are not a square image", into: &grid, area: area)
        }
        var (pictures, measure) = splitForRoughness(area)
        if pictures.height >= 6 {
            // The colors named as the pictures draw them, as lesson 6's text promises.
            let (up, down) = grid.theme.divergingNames.map { ($0.positive, $0.negative) } ?? ("@", "blank")
            let legends = ["\(up): inked, pushes the neuron up; \(down): pushes it down",
                           "\(up) pushes up when inked, \(down) down", "\(up) up, \(down) down"]
            let room = pictures.width - 1
            let legend = legends.first { displayWidth(of: $0) <= room } ?? legends[legends.count - 1]
            grid.write(legend, x: pictures.x + 1, y: pictures.maxY - 1, style: grid.theme.style(.muted),
                       maxWidth: room)
            pictures = pictures.inset(bottom: 1)
        }
        let tiles = tileLayout(count: weights.count, in: pictures, tileWidth: 15, tileHeight: 8)
        for (index, rect) in tiles.enumerated() {
            grid.render(Heatmap(rows: side, columns: side, values: weights[index].map(Double.init),
                                palette: .diverging(limit: nil)), in: rect.inset(right: 1))
        }
        renderRoughness(into: &grid, area: measure, what: "centre 20×20")
    }
}
