/// A small network drawn as TensorFlow Playground draws it: a column of
/// neurons per layer, each neuron a tiny heatmap of what it outputs over the
/// input plane, and the connections between layers as dot lines colored by the
/// weight's sign (``Theme/diverging(_:)``'s two hues), brighter for larger weights.
///
/// Without color a negative weight is a dashed line; with ASCII glyphs the
/// lines are `+` and `-` marks. Tiles shrink to one row when a layer is tall
/// (lesson 2's 32 neurons); a layer taller than the area wraps into side-by-side
/// columns. Only the stronger connections of a wide pair of layers are drawn, the
/// strongest last, so the picture stays a picture.
public struct NetworkDiagram: Widget, Sendable {
    /// One neuron's output over the plane, shown on the diverging palette.
    public struct Neuron: Hashable, Sendable {
        public var rows: Int
        public var columns: Int
        /// Row-major, top row first.
        public var values: [Double]
        /// The magnitude shown at full strength; nil: the neuron's own largest.
        public var limit: Double?

        public init(rows: Int, columns: Int, values: [Double], limit: Double? = nil) {
            self.rows = rows
            self.columns = columns
            self.values = values
            self.limit = limit
        }
    }

    /// Input first, output last.
    public var layers: [[Neuron]]
    /// `weights[i]` joins layer i to layer i + 1, row-major: `weights[i][o * layers[i].count + j]`.
    public var weights: [[Double]]
    /// A caption over each layer ("x y", "32", …), cut to fit.
    public var captions: [String]

    public init(layers: [[Neuron]], weights: [[Double]], captions: [String] = []) {
        self.layers = layers
        self.weights = weights
        self.captions = captions
    }

    /// Where each layer's tiles go: per layer, one rectangle per neuron.
    struct Placement {
        var tiles: [[Rect]]
        /// Each layer's occupied columns (left edge, right edge exclusive).
        var spans: [(left: Int, right: Int)]
    }

    /// Whether the diagram can be drawn in `area` (every neuron gets a tile).
    public func fits(in area: Rect) -> Bool { place(in: area) != nil }

    func place(in area: Rect) -> Placement? {
        let counts = layers.map(\.count)
        guard !layers.isEmpty, counts.allSatisfy({ $0 > 0 }), area.width >= 3 * layers.count, area.height >= 2 else { return nil }
        let captioned = !captions.isEmpty && area.height >= 8
        let top = area.y + (captioned ? 1 : 0), height = area.maxY - top
        let minimumGap = layers.count > 1 ? 4 : 0
        func spacing(_ tileRows: Int) -> Int { tileRows > 1 ? 1 : 0 }
        func perColumn(_ tileRows: Int) -> Int { max(1, (height + spacing(tileRows)) / (tileRows + spacing(tileRows))) }
        // Each layer the largest tiles (rows tall, twice as wide: square pixels) that keep
        // it in one column; a layer taller than the area wraps into columns of one-row tiles.
        let best = counts.map { count in (1...3).reversed().first { count <= perColumn($0) } ?? 1 }
        for cap in (1...3).reversed() {
            let tileRows = best.map { min($0, cap) }
            let stacks = zip(counts, tileRows).map { count, rows in (count + perColumn(rows) - 1) / perColumn(rows) }
            let widths = zip(stacks, tileRows).map { $0 * (2 * $1 + 1) - 1 }
            let total = widths.reduce(0, +)
            guard total + minimumGap * (layers.count - 1) <= area.width else { continue }
            // The room left goes to the connections, up to 16 columns each.
            let gap = layers.count > 1 ? min(16, (area.width - total) / (layers.count - 1)) : 0
            var x = area.x + (area.width - total - gap * (layers.count - 1)) / 2
            var tiles: [[Rect]] = [], spans: [(Int, Int)] = []
            for (layer, count) in counts.enumerated() {
                let rows = tileRows[layer], step = rows + spacing(rows), column = perColumn(rows)
                let rowsUsed = min(count, column)
                let y0 = top + (height - (rowsUsed * step - spacing(rows))) / 2
                tiles.append((0..<count).map { index in
                    Rect(x: x + (index / column) * (2 * rows + 1), y: y0 + (index % column) * step,
                         width: 2 * rows, height: rows)
                })
                spans.append((x, x + widths[layer]))
                x += widths[layer] + gap
            }
            return Placement(tiles: tiles, spans: spans)
        }
        return nil
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard let placement = place(in: area) else {
            grid.write("too small for the network", x: area.x, y: area.y, style: grid.theme.style(.muted), clip: area)
            return
        }
        for index in 0..<max(0, layers.count - 1) {
            renderConnections(into: &grid, from: placement.tiles[index], to: placement.tiles[index + 1],
                              left: placement.spans[index].right, right: placement.spans[index + 1].left,
                              weights: index < weights.count ? weights[index] : [], area: area)
        }
        for (layer, rects) in placement.tiles.enumerated() {
            for (neuron, rect) in zip(layers[layer], rects) {
                grid.render(Heatmap(rows: neuron.rows, columns: neuron.columns, values: neuron.values,
                                    palette: .diverging(limit: neuron.limit), stretches: true), in: rect)
            }
            if !captions.isEmpty, area.height >= 8, layer < captions.count {
                let span = placement.spans[layer]
                let caption = captions[layer]
                let x = max(area.x, (span.left + span.right - displayWidth(of: caption)) / 2)
                grid.write(caption, x: x, y: area.y, style: grid.theme.style(.muted), clip: area)
            }
        }
    }
}
