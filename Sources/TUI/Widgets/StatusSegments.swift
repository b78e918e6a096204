/// One line of styled parts that fits any width: when the parts are too long
/// together, the least important ones switch to their short form, then drop
/// out, until the rest fits. Order on the line stays as given.
///
///     ● running ep 1 123/860 2.1k img/s  lr 0.0029 of 0.003  loss 0.210
public struct StatusSegments: Widget, Sendable {
    /// One part of the line.
    public struct Segment: Sendable, Equatable {
        public var text: String
        public var role: Role
        /// Higher stays longer; parts of the same priority drop from the right.
        public var priority: Int
        /// A shorter form tried before the part is dropped (nil: none).
        public var short: String?

        public init(_ text: String, _ role: Role = .text, priority: Int = 100, short: String? = nil) {
            self.text = text; self.role = role; self.priority = priority; self.short = short
        }
    }

    public var segments: [Segment]

    public init(segments: [Segment]) { self.segments = segments }

    /// The parts as drawn in `width` columns: shortened or left out, least important first.
    public func fitted(to width: Int) -> [Segment] {
        var parts = segments.map(Optional.some)
        func used() -> Int { parts.reduce(0) { $0 + ($1.map { displayWidth(of: $0.text) } ?? 0) } }
        // Least important first; on ties the rightmost goes first.
        let order = segments.indices.sorted {
            segments[$0].priority != segments[$1].priority ? segments[$0].priority < segments[$1].priority : $0 > $1
        }
        for index in order where used() > width {
            if let short = segments[index].short, displayWidth(of: short) < displayWidth(of: segments[index].text) {
                parts[index]?.text = short
            }
        }
        for index in order where used() > width { parts[index] = nil }
        return parts.compactMap { $0 }
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        var x = row.x
        for segment in fitted(to: row.width) where x < row.maxX {
            x += grid.write(segment.text, x: x, y: row.y, style: grid.theme.style(segment.role), maxWidth: row.maxX - x)
        }
    }
}
