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
/// in a "+N more" note.
public struct KernelGrid: Widget, Sendable {
    public var kernels: [Kernel]
    /// The magnitude drawn at full strength; `nil` uses the largest finite one.
    public var limit: Double?

    public init(kernels: [Kernel], limit: Double? = nil) {
        self.kernels = kernels
        self.limit = limit
    }

    /// The columns and rows one tile takes (weights plus the label row).
    func tileSize(_ kernel: Kernel) -> Size {
        Size(width: max(2 * kernel.columns, min(8, displayWidth(of: kernel.label))), height: kernel.rows + 1)
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty, !kernels.isEmpty else { return }
        let scale = fullScale(explicit: limit, values: kernels.flatMap(\.values).map(abs))
        let placements = layout(in: area)
        for (kernel, tile) in zip(kernels, placements) {
            renderTile(kernel, scale: scale, into: &grid, at: tile)
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

    private func renderTile(_ kernel: Kernel, scale: Double, into grid: inout Grid, at tile: Rect) {
        grid.write(kernel.label, x: tile.x, y: tile.y, style: grid.theme.style(.muted), maxWidth: tile.width, clip: tile)
        let ramp = GlyphSet.magnitudeRamp
        for row in 0..<kernel.rows {
            for column in 0..<kernel.columns {
                let weight = kernel.value(row: row, column: column)
                let t = weight.isFinite ? max(-1, min(1, weight / scale)) : 0
                let level = Theme.bucket(abs(t), count: ramp.count)
                let character = weight.isNaN ? Character("?") : ramp[level]
                let x = tile.x + 2 * column, y = tile.y + 1 + row
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
    }
}
