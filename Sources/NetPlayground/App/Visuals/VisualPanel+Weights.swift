import Foundation
import Lessons
import MiniNN
import TUI

extension VisualPanel {
    /// The first layer's weights as pictures on one shared scale: the picked
    /// neuron large (28×14 cells for 28×28 weights) with its range, the next
    /// ones beside it at half that size, and the scale under them. Where the
    /// large one does not fit, small pictures only.
    func renderWeights(into grid: inout Grid, area: Rect) {
        guard let snapshot, !snapshot.firstLayerWeights.isEmpty else {
            return waiting("no dense first layer", into: &grid, area: area)
        }
        let weights = snapshot.firstLayerWeights
        let side = Int(Double(weights[0].count).squareRoot())
        guard side * side == weights[0].count else {
            return waiting("the first layer's inputs are not a square image", into: &grid, area: area)
        }
        let (pictures, measure) = splitForRoughness(area)
        let limit = Self.sharedLimit(weights)
        let ascii = screen.swapsPictureForm
        let picked = pickedIndex(count: weights.count)
        func picture(_ index: Int) -> Heatmap {
            var heatmap = Heatmap(rows: side, columns: side, values: weights[index].map(Double.init),
                                  palette: .diverging(limit: limit))
            heatmap.forcesRamp = ascii
            heatmap.signedRamp = true
            return heatmap
        }
        let inner = pictures.inset(left: 1)
        let plan = Self.weightPlan(count: weights.count, in: inner)
        if let large = plan.large {
            grid.render(picture(picked), in: large)
        }
        let first = plan.large == nil ? picked : picked + 1
        for (offset, rect) in plan.small.enumerated() where first + offset < weights.count {
            grid.render(picture(first + offset), in: rect)
        }
        renderWeightCaptions(weights[picked], index: picked, count: weights.count, limit: limit, ascii: ascii,
                             rows: plan.captions, into: &grid)
        renderRoughness(into: &grid, area: measure, what: "centre 20×20")
    }

    /// The large picture's place (when it fits) with its caption rows under it,
    /// and the small pictures' places: beside the large one, or filling the panel.
    static func weightPlan(count: Int, in area: Rect) -> (large: Rect?, small: [Rect], captions: Rect) {
        let large = Size(width: 28, height: 14), small = Size(width: 14, height: 7)
        if area.width >= large.width + 1 + small.width && area.height >= large.height + 2 {
            let bigRect = Rect(x: area.x, y: area.y, width: large.width, height: large.height)
            let captions = Rect(x: area.x, y: bigRect.maxY, width: large.width, height: min(5, area.height - large.height))
            let rest = Rect(x: bigRect.maxX + 1, y: area.y, width: area.maxX - bigRect.maxX - 1, height: area.height)
            return (bigRect, fixedTiles(count: count - 1, in: rest, tile: small, gap: 1), captions)
        }
        // Small pictures only: as large as lets them all fit, 14×7 at most, 6×3 at least.
        let captionRows = min(2, max(0, area.height - 4))
        let body = area.inset(bottom: captionRows)
        var tiles: [Rect] = []
        for width in stride(from: small.width, through: 6, by: -2) {
            tiles = fixedTiles(count: count, in: body, tile: Size(width: width, height: width / 2), gap: 1)
            if tiles.count == count { break }
        }
        return (nil, tiles, Rect(x: area.x, y: body.maxY, width: area.width, height: captionRows))
    }

    /// `tile`-sized rectangles `gap` apart, row by row, as many as fit (and `count` at most).
    static func fixedTiles(count: Int, in area: Rect, tile: Size, gap: Int) -> [Rect] {
        guard count > 0, tile.width > 0, tile.height > 0 else { return [] }
        let perRow = (area.width + gap) / (tile.width + gap), rows = (area.height + gap) / (tile.height + gap)
        guard perRow > 0, rows > 0 else { return [] }
        return (0..<min(count, perRow * rows)).map { index in
            Rect(x: area.x + (index % perRow) * (tile.width + gap), y: area.y + (index / perRow) * (tile.height + gap),
                 width: tile.width, height: tile.height)
        }
    }

    /// Which neuron is large and its range, the keys, the shared scale, and the colors' words.
    private func renderWeightCaptions(_ weights: [Float], index: Int, count: Int, limit: Double, ascii: Bool,
                                      rows: Rect, into grid: inout Grid) {
        guard rows.height > 0 else { return }
        let theme = grid.theme
        let finite = weights.filter(\.isFinite).map(Double.init)
        let range = "min \(DivergingLegend.short(finite.min() ?? 0))  max \(DivergingLegend.short(finite.max() ?? 0))"
        let name = "neuron \(index + 1) of \(count)"
        let pick = screen.focus == .visuals ? "↑↓ another" : "Tab, ↑↓: pick"
        let form = Self.formHint(blocks: !ascii, theme: theme, glyphs: grid.glyphs)
        func joined(_ parts: [String]) -> String? {
            let text = parts.filter { !$0.isEmpty }.joined(separator: "  ")
            return displayWidth(of: text) <= rows.width ? text : nil
        }
        // The colors named as the pictures draw them, as lesson 6's text promises.
        let (up, down) = theme.divergingNames.map { ($0.positive, $0.negative) } ?? ("+@", "-@")
        let notes = ["\(up): inked pushes the neuron up, \(down): down", "\(up) pushes up when inked, \(down) down",
                     "\(up) up, \(down) down"]
        let note = notes.first { displayWidth(of: $0) <= rows.width } ?? ""
        var lines: [(String, Role)]
        if rows.height >= 4 {
            lines = [(name, .emphasis), (range, .text), ("", .muted), (joined([pick, form]) ?? pick, .muted), (note, .muted)]
        } else if rows.height == 3 {
            lines = [(joined([name, pick]) ?? name, .emphasis), (joined([range, form]) ?? range, .text), ("", .muted)]
        } else {
            lines = [(joined([name, range, pick, form]) ?? joined([name, range]) ?? name, .emphasis), ("", .muted)]
        }
        for (offset, line) in lines.enumerated() where offset < rows.height {
            if line.0.isEmpty && line.1 == .muted && offset == (rows.height >= 4 ? 2 : lines.count - 1) {
                grid.render(DivergingLegend(limit: limit, blocks: !ascii), in: rows.row(offset))
            } else {
                grid.write(line.0, x: rows.x, y: rows.y + offset, style: theme.style(line.1), maxWidth: rows.width)
            }
        }
    }
}
