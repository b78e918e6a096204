import Foundation
import Lessons
import MiniNN
import TUI

extension VisualPanel {
    func renderNeuronMaps(into grid: inout Grid, area: Rect) {
        guard let snapshot, !snapshot.neuronMaps.isEmpty else {
            return waiting("no hidden layer to show", into: &grid, area: area)
        }
        let tiles = tileLayout(count: snapshot.neuronMaps.count, in: area, tileWidth: 12, tileHeight: 6)
        for (index, rect) in tiles.enumerated() {
            let map = snapshot.neuronMaps[index]
            grid.render(Heatmap(rows: map.rows, columns: map.columns, values: map.values.map(Double.init),
                                palette: .diverging(limit: nil), stretches: true), in: rect.inset(bottom: 0, right: 1))
        }
    }
}
