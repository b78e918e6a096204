extension NetworkDiagram {
    /// Connection strengths drawn: three brightness steps per sign.
    static let strengthSteps = 3

    /// The lines between one layer's tiles and the next, in the columns between them.
    func renderConnections(into grid: inout Grid, from sources: [Rect], to targets: [Rect], left: Int, right: Int,
                           weights: [Double], area: Rect) {
        // A blank column on each side keeps the lines off the tiles.
        let left = left + 1, columns = right - left - 1
        guard columns >= 1, !sources.isEmpty, !targets.isEmpty else { return }
        let top = area.y, rows = area.maxY - area.y
        var canvas = DotCanvas(columns: columns, rows: rows, glyphs: grid.glyphs)
        let largest = weights.lazy.filter(\.isFinite).map(abs).max() ?? 0
        guard largest > 0 else { return }
        // A dense pair of layers keeps its stronger half (a quarter when huge), else it is a solid block.
        let pairs = sources.count * targets.count
        let floor = pairs > 256 ? 0.5 : (pairs > 64 ? 0.3 : 0)
        var lines: [(weight: Double, from: Int, to: Int)] = []
        for (o, _) in targets.enumerated() {
            for (j, _) in sources.enumerated() {
                let index = o * sources.count + j
                guard index < weights.count, weights[index].isFinite, abs(weights[index]) >= floor * largest else { continue }
                lines.append((weights[index], j, o))
            }
        }
        // Weakest first, so a strong line wins the cells it shares.
        lines.sort { abs($0.weight) < abs($1.weight) }
        func dotRow(_ rect: Rect) -> Int { (rect.y - top) * canvas.dotsPerRow + rect.height * canvas.dotsPerRow / 2 }
        for line in lines {
            let magnitude = abs(line.weight) / largest
            let step = min(Self.strengthSteps - 1, Int(magnitude * Double(Self.strengthSteps)))
            // Owners 0..<steps are negative weights, steps..<2·steps positive.
            let owner = (line.weight < 0 ? 0 : Self.strengthSteps) + step
            let dash = grid.theme.hasColor || line.weight >= 0 ? 0 : 2
            canvas.line(from: (0, dotRow(sources[line.from])), to: (canvas.width - 1, dotRow(targets[line.to])),
                        owner: owner, dash: dash)
        }
        for row in 0..<rows {
            for column in 0..<columns {
                let owner = canvas.owner(column: column, row: row)
                let negative = owner < Self.strengthSteps
                guard let character = canvas.character(column: column, row: row, asciiMarker: negative ? "-" : "+") else { continue }
                let strength = Double((owner % Self.strengthSteps) + 1) / Double(Self.strengthSteps)
                let color = grid.theme.diverging((negative ? -1 : 1) * (0.2 + 0.8 * strength))
                let style = Style(foreground: color ?? .default, attributes: color == nil && strength < 0.5 ? .dim : [])
                grid.set(character, x: left + column, y: top + row, style: style, clip: area)
            }
        }
    }
}
