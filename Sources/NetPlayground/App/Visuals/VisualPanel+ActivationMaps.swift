import Foundation
import Lessons
import MiniNN
import TUI

extension VisualPanel {
    func renderActivationMaps(into grid: inout Grid, area: Rect) {
        guard let snapshot, !snapshot.activationMaps.isEmpty else {
            return waiting("no conv layer", into: &grid, area: area)
        }
        Self.renderFeatureMaps(snapshot.activationMaps, into: &grid, area: area)
    }

    /// Each layer's maps under its name, as tiles: one size for all layers,
    /// the largest at which every channel fits (also the canvas's maps).
    static func renderFeatureMaps(_ layers: [FeatureMaps], into grid: inout Grid, area: Rect) {
        // One tile size for all layers, the largest at which every channel fits (wrapped);
        // failing that, one row per layer as large as the height allows.
        let widths = Array(stride(from: 28, through: 4, by: -2))
        func tileHeight(_ width: Int) -> Int { max(1, (width + 1) / 2) }
        func perRow(_ width: Int) -> Int { max(1, (area.width - 1 + 1) / (width + 1)) }
        func needed(_ width: Int, oneRow: Bool) -> Int {
            layers.reduce(0) { sum, maps in
                let rows = oneRow ? 1 : (maps.channels + perRow(width) - 1) / perRow(width)
                return sum + 1 + rows * tileHeight(width)
            }
        }
        var oneRow = false
        var width = widths.first { needed($0, oneRow: false) <= area.height } ?? 0
        if width == 0 {
            oneRow = true
            width = widths.first { needed($0, oneRow: true) <= area.height } ?? 4
        }
        let height = tileHeight(width)
        var y = area.y
        for maps in layers {
            guard y + 1 + height <= area.maxY else { break }
            grid.write(maps.layer, x: area.x + 1, y: y, style: grid.theme.style(.muted), maxWidth: area.width - 1)
            y += 1
            let shown = oneRow ? min(maps.channels, perRow(width)) : maps.channels
            for channel in 0..<shown {
                let rect = Rect(x: area.x + 1 + (channel % perRow(width)) * (width + 1),
                                y: y + (channel / perRow(width)) * height, width: width, height: height)
                guard rect.maxY <= area.maxY else { break }
                grid.render(Heatmap(rows: maps.height, columns: maps.width, values: maps.map(channel).map(Double.init),
                                    palette: .sequential(range: nil), stretches: true), in: rect)
            }
            y += ((shown + perRow(width) - 1) / perRow(width)) * height
        }
    }
}
