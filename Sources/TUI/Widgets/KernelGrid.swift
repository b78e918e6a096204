/// A small matrix of weights with a caption, e.g. one 5×5 convolution kernel.
public struct Kernel: Sendable {
    public var label: String
    public var rows: Int
    public var columns: Int
    /// Row-major weights, top row first; missing weights count as zero.
    public var values: [Double]

    public init(label: String, rows: Int, columns: Int, values: [Double]) {
        self.label = label
        self.rows = max(0, rows)
        self.columns = max(0, columns)
        self.values = values
    }

    func value(row: Int, column: Int) -> Double {
        let index = row * columns + column
        return index >= 0 && index < values.count ? values[index] : 0
    }
}

/// Many small kernels side by side, each with its label, wrapping into rows.
///
/// Every weight takes two columns, so cells look square. Its ramp character
/// (` .:=*#%@`, the heatmap ramp without the sign-like `-` and `+`) follows the
/// magnitude and, with color, the diverging palette shows the sign. Without
/// color the first of the two columns carries the sign (`+`/`-`, blank near
/// zero), so `-@` is a strong negative weight and `+.` a weak positive one. All kernels
/// share one scale so they can be compared. Kernels that do not fit are counted
/// in a "+N more" note. With `blocks` (and color and Unicode) each weight is a
/// solid block of the diverging palette's color instead, a half-block heatmap.
public struct KernelGrid: Widget, Sendable {
    public var kernels: [Kernel]
    /// The magnitude drawn at full strength; `nil` uses the largest finite one.
    public var limit: Double?
    /// Columns and rows each weight takes: two by one (square), or a multiple.
    public var weightSize: Size
    /// Draw weights as colored blocks (when the terminal has color and Unicode).
    public var blocks: Bool
    /// The kernel whose label is marked (the one shown large elsewhere).
    public var selected: Int?

    public init(kernels: [Kernel], limit: Double? = nil, weightSize: Size = Size(width: 2, height: 1),
                blocks: Bool = false, selected: Int? = nil) {
        self.kernels = kernels
        self.limit = limit
        self.weightSize = Size(width: max(2, weightSize.width), height: max(1, weightSize.height))
        self.blocks = blocks
        self.selected = selected
    }

    /// The columns and rows one tile takes (weights plus the label row).
    func tileSize(_ kernel: Kernel) -> Size {
        Size(width: max(weightSize.width * kernel.columns, min(8, displayWidth(of: kernel.label) + 1)),
             height: weightSize.height * kernel.rows + 1)
    }

    /// Whether every kernel fits in `area` (no "+N more").
    public func fitsAll(in area: Rect) -> Bool { layout(in: area).count == kernels.count }

    /// The rows the kernels placed in `area` take, from its top.
    public func usedHeight(in area: Rect) -> Int { (layout(in: area).map(\.maxY).max() ?? area.y) - area.y }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty, !kernels.isEmpty else { return }
        let scale = fullScale(explicit: limit, values: kernels.flatMap(\.values).map(abs))
        let placements = layout(in: area)
        for (index, (kernel, tile)) in zip(kernels, placements).enumerated() {
            renderTile(kernel, scale: scale, selected: index == selected, into: &grid, at: tile)
        }
        if placements.count < kernels.count {
            let note = "+\(kernels.count - placements.count) more"
            grid.write(note, x: max(area.x, area.maxX - displayWidth(of: note)), y: area.maxY - 1,
                       style: grid.theme.style(.muted), clip: area)
        }
    }

    /// Where each kernel goes, in order, as many as fit; when some do not, the
    /// last row keeps room at its right end for the "+N more" note.
    func layout(in area: Rect) -> [Rect] {
        func place(reservingNote noteWidth: Int, perRow: Int = .max) -> [Rect] {
            var tiles: [Rect] = []
            var x = area.x, y = area.y, rowHeight = 0, inRow = 0
            for kernel in kernels {
                let tile = tileSize(kernel)
                if x > area.x && (x + tile.width > area.maxX || inRow >= perRow) {
                    x = area.x
                    y += rowHeight
                    rowHeight = 0
                    inRow = 0
                }
                guard y + tile.height <= area.maxY, x + tile.width <= area.maxX else { break }
                let rect = Rect(x: x, y: y, width: tile.width, height: tile.height)
                let note = Rect(x: area.maxX - noteWidth, y: area.maxY - 1, width: noteWidth, height: 1)
                if noteWidth > 0 && !rect.intersection(note).isEmpty { break }
                tiles.append(rect)
                x += tile.width + 1
                inRow += 1
                rowHeight = max(rowHeight, tile.height)
            }
            return tiles
        }
        let all = place(reservingNote: 0)
        if all.count == kernels.count {
            // Balanced rows (8 kernels in 2 rows: 4 and 4, not 6 and 2).
            let rowCount = Set(all.map(\.y)).count
            guard rowCount > 1 else { return all }
            let balanced = place(reservingNote: 0, perRow: (kernels.count + rowCount - 1) / rowCount)
            return balanced.count == kernels.count ? balanced : all
        }
        let noteWidth = displayWidth(of: "+\(kernels.count) more")
        return place(reservingNote: noteWidth)
    }

    private func renderTile(_ kernel: Kernel, scale: Double, selected: Bool, into grid: inout Grid, at tile: Rect) {
        let label = selected ? "\(grid.glyphs.focusMarker)\(kernel.label)" : kernel.label
        grid.write(label, x: tile.x, y: tile.y, style: grid.theme.style(selected ? .focus : .muted), maxWidth: tile.width,
                   clip: tile)
        let ramp = GlyphSet.magnitudeRamp
        let solid = blocks && grid.theme.hasColor && grid.glyphs.isUnicode
        let (cw, ch) = (weightSize.width, weightSize.height)
        for row in 0..<kernel.rows {
            for column in 0..<kernel.columns {
                let weight = kernel.value(row: row, column: column)
                let t = weight.isFinite ? max(-1, min(1, weight / scale)) : 0
                let level = Theme.bucket(abs(t), count: ramp.count)
                let character = weight.isNaN ? Character("?") : ramp[level]
                let x0 = tile.x + cw * column, y0 = tile.y + 1 + ch * row
                if solid, let color = grid.theme.diverging(t) {
                    for dy in 0..<ch {
                        for dx in 0..<cw { grid.set("█", x: x0 + dx, y: y0 + dy, style: Style(foreground: color), clip: tile) }
                    }
                    continue
                }
                // A larger weight cell repeats its pair of characters.
                for dy in 0..<ch {
                    for pair in 0..<(cw / 2) {
                        drawPair(character: character, level: level, t: t, x: x0 + 2 * pair, y: y0 + dy, tile: tile, into: &grid)
                    }
                }
            }
        }
    }

    /// One weight's two characters: magnitude twice in the sign's color, or the sign then the magnitude.
    private func drawPair(character: Character, level: Int, t: Double, x: Int, y: Int, tile: Rect, into grid: inout Grid) {
        let ramp = GlyphSet.magnitudeRamp
        if let color = grid.theme.diverging(t) {
            let style = Style(foreground: color, attributes: level >= ramp.count - 2 ? .bold : [])
            grid.set(character, x: x, y: y, style: style, clip: tile)
            grid.set(character, x: x + 1, y: y, style: style, clip: tile)
        } else {
            let sign: Character = level == 0 ? " " : (t < 0 ? "-" : "+")
            grid.set(sign, x: x, y: y, style: grid.theme.style(.muted), clip: tile)
            grid.set(character, x: x + 1, y: y, clip: tile)
        }
    }
}
