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

    /// Each layer's maps under its name, as tiles: every layer at the largest
    /// size at which all channels fit (wrapped), then the earlier layers, whose
    /// maps are larger, grown into what is left (also the canvas's maps).
    static func renderFeatureMaps(_ layers: [FeatureMaps], into grid: inout Grid, area: Rect) {
        guard !layers.isEmpty else { return }
        // Every width, odd ones too: at 160×48 the step from 4 to 5 columns is the one that fits.
        let widths = Array((4...28).reversed())
        func tileHeight(_ width: Int) -> Int { max(1, (width + 1) / 2) }
        func perRow(_ width: Int) -> Int { max(1, area.width / (width + 1)) }
        func rows(_ maps: FeatureMaps, _ width: Int, oneRow: Bool) -> Int {
            1 + (oneRow ? 1 : (maps.channels + perRow(width) - 1) / perRow(width)) * tileHeight(width)
        }
        func needed(_ sizes: [Int], oneRow: Bool) -> Int {
            zip(layers, sizes).reduce(0) { $0 + rows($1.0, $1.1, oneRow: oneRow) }
        }
        var oneRow = false
        var uniform = widths.first { needed(Array(repeating: $0, count: layers.count), oneRow: false) <= area.height }
        if uniform == nil {
            // Failing that, one row per layer as large as the height allows.
            oneRow = true
            uniform = widths.first { needed(Array(repeating: $0, count: layers.count), oneRow: true) <= area.height }
        }
        var sizes = Array(repeating: uniform ?? 4, count: layers.count)
        if !oneRow {
            for index in sizes.indices {
                for width in widths where width > sizes[index] {
                    var grown = sizes
                    grown[index] = width
                    if needed(grown, oneRow: false) <= area.height { sizes = grown; break }
                }
            }
        }
        var y = area.y
        for (maps, width) in zip(layers, sizes) {
            let height = tileHeight(width), columns = perRow(width)
            guard y + 1 + height <= area.maxY else { break }
            let shown = oneRow ? min(maps.channels, columns) : maps.channels
            // A layer cut to one row says so, rather than hiding the rest of its maps.
            let label = shown < maps.channels ? "\(maps.layer) · \(shown) of \(maps.channels)" : maps.layer
            grid.write(label, x: area.x + 1, y: y, style: grid.theme.style(.muted), maxWidth: area.width - 1)
            y += 1
            for channel in 0..<shown {
                let rect = Rect(x: area.x + 1 + (channel % columns) * (width + 1),
                                y: y + (channel / columns) * height, width: width, height: height)
                guard rect.maxY <= area.maxY else { break }
                grid.render(Heatmap(rows: maps.height, columns: maps.width, values: maps.map(channel).map(Double.init),
                                    palette: .sequential(range: nil), stretches: true), in: rect)
            }
            y += ((shown + columns - 1) / columns) * height
        }
    }
}
