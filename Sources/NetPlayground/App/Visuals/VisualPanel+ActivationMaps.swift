import Foundation
import Lessons
import MiniNN
import TUI

extension VisualPanel {
    func renderActivationMaps(into grid: inout Grid, area: Rect) {
        guard let snapshot, !snapshot.activationMaps.isEmpty else {
            return waiting("no conv layer", into: &grid, area: area)
        }
        let layers = snapshot.activationMaps
        var y = area.y
        let rowsPerLayer = max(3, area.height / max(1, layers.count))
        for maps in layers {
            guard y + 2 <= area.maxY else { break }
            grid.write(maps.layer, x: area.x + 1, y: y, style: grid.theme.style(.muted), maxWidth: area.width - 1)
            let band = Rect(x: area.x, y: y + 1, width: area.width, height: min(rowsPerLayer - 1, area.maxY - y - 1))
            let tileHeight = band.height
            let tileWidth = max(4, tileHeight * 2)
            let fit = min(maps.channels, max(1, band.width / (tileWidth + 1)))
            for channel in 0..<fit {
                let rect = Rect(x: band.x + channel * (tileWidth + 1), y: band.y, width: tileWidth, height: tileHeight)
                grid.render(Heatmap(rows: maps.height, columns: maps.width, values: maps.map(channel).map(Double.init),
                                    palette: .sequential(range: nil), stretches: true), in: rect)
            }
            y += rowsPerLayer
        }
    }
}
