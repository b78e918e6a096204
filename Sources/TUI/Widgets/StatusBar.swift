/// One line of styled parts that fits any width: the status line and the key
/// hints. When the parts are too long together, the least important ones switch
/// to their short form, then drop out, until the rest fits; order on the line
/// stays as given, and a part is drawn whole or not at all.
///
///     ● running ep 1 123/860 2.1k img/s  lr 0.0029 of 0.003  loss 0.210
///     Space pause  s batch  +/- knob  Esc course  ? help  q quit
///
/// Key labels (spans in the `.keyHint` role) are spelled in ASCII ("Up/Down")
/// where the glyph set has no Unicode.
public struct StatusBar: Widget, Sendable {
    /// One part of the line: one or more styled spans that stay or go together.
    public struct Segment: Sendable, Equatable {
        public var spans: [Span]
        /// Higher stays longer; parts of the same priority drop from the right.
        public var priority: Int
        /// A shorter form tried before the part is dropped (nil: none).
        public var short: [Span]?

        public init(spans: [Span], priority: Int = 100, short: [Span]? = nil) {
            self.spans = spans; self.priority = priority; self.short = short
        }

        public init(_ text: String, _ role: Role = .text, priority: Int = 100, short: String? = nil) {
            self.init(spans: [Span(text, role: role)], priority: priority, short: short.map { [Span($0, role: role)] })
        }

        /// A key hint: the keys in the key style, then what they do.
        public init(hint: KeyHint) {
            self.init(spans: [Span(hint.keys, role: .keyHint), Span(" " + hint.summary, role: .muted)],
                      priority: hint.priority)
        }

        /// The part's text, all spans joined.
        public var text: String { spans.map(\.text).joined() }

        /// The part's role (its first span's).
        public var role: Role { spans.first?.role ?? .text }

        var width: Int { spans.reduce(0) { $0 + displayWidth(of: $1.text) } }

        /// The part with key labels in ASCII.
        func ascii() -> Segment {
            func spell(_ spans: [Span]) -> [Span] {
                spans.map { $0.role == .keyHint ? Span(KeyHint.ascii($0.text), role: .keyHint, attributes: $0.attributes) : $0 }
            }
            return Segment(spans: spell(spans), priority: priority, short: short.map(spell))
        }
    }

    public var segments: [Segment]
    /// Drawn between two parts that are both shown (e.g. two spaces between hints).
    public var separator: String
    /// Text kept at the right edge (muted), when it fits.
    public var right: String

    public init(segments: [Segment], separator: String = "", right: String = "") {
        self.segments = segments
        self.separator = separator
        self.right = right
    }

    /// Key hints, most important kept when narrow, then a message in `messageRole`
    /// (the first to go), and `right` at the right edge.
    public init(hints: [KeyHint], message: String = "", messageRole: Role = .muted, right: String = "") {
        var segments = hints.map(Segment.init(hint:))
        if !message.isEmpty { segments.append(Segment(message, messageRole, priority: Int.min)) }
        self.init(segments: segments, separator: "  ", right: right)
    }

    /// The parts as drawn in `width` columns: shortened or left out, least important first.
    public func fitted(to width: Int, unicode: Bool = true) -> [Segment] {
        let segments = unicode ? self.segments : self.segments.map { $0.ascii() }
        var parts = segments.map(Optional.some)
        let gap = displayWidth(of: separator)
        func used() -> Int {
            let shown = parts.compactMap { $0 }
            return shown.reduce(0) { $0 + $1.width } + gap * max(0, shown.count - 1)
        }
        // Least important first; on ties the rightmost goes first.
        let order = segments.indices.sorted {
            segments[$0].priority != segments[$1].priority ? segments[$0].priority < segments[$1].priority : $0 > $1
        }
        for index in order where used() > width {
            if let short = segments[index].short, Segment(spans: short).width < segments[index].width {
                parts[index]?.spans = short
            }
        }
        for index in order where used() > width { parts[index] = nil }
        return parts.compactMap { $0 }
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        let theme = grid.theme
        let rightWidth = displayWidth(of: right)
        let hasRight = rightWidth > 0 && rightWidth < row.width
        if hasRight {
            grid.write(right, x: row.maxX - rightWidth, y: row.y, style: theme.style(.muted), clip: row)
        }
        let limit = hasRight ? row.maxX - rightWidth - 1 : row.maxX
        var x = row.x
        for (index, segment) in fitted(to: limit - row.x, unicode: grid.glyphs.isUnicode).enumerated() {
            if index > 0 { x += grid.write(separator, x: x, y: row.y, style: theme.style(.text), clip: row) }
            for span in segment.spans {
                var style = theme.style(span.role ?? .text)
                if !span.attributes.isEmpty { style = style.adding(span.attributes) }
                x += grid.write(span.text, x: x, y: row.y, style: style, maxWidth: max(0, limit - x), clip: row)
            }
        }
    }
}

/// A progress bar: a label, the bar drawn to 1/8 cell, and a percentage.
public struct ProgressBar: Widget, Sendable {
    public var fraction: Double
    public var label: String
    public var role: Role

    public init(fraction: Double, label: String = "", role: Role = .accuracy) {
        self.fraction = fraction
        self.label = label
        self.role = role
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        let f = fraction.isFinite ? min(1, max(0, fraction)) : 0
        let percent = NumberFormat.percent(f)
        var x = row.x
        if !label.isEmpty && displayWidth(of: label) + 8 < row.width {
            x += grid.write(label, x: x, y: row.y, style: grid.theme.style(.text), clip: row) + 1
        }
        let percentX = row.maxX - displayWidth(of: percent)
        let barWidth = percentX - 1 - x
        if barWidth >= 1 {
            let eighths = grid.glyphs.horizontalEighths
            let total = Int((f * Double(barWidth * 8)).rounded())
            for column in 0..<barWidth {
                let filled = max(0, min(8, total - column * 8))
                if filled > 0 && (grid.glyphs.isUnicode || filled >= 4) {
                    grid.set(eighths[filled], x: x + column, y: row.y, style: grid.theme.style(role), clip: row)
                } else {
                    grid.set(grid.glyphs.barTrack, x: x + column, y: row.y, style: grid.theme.style(.muted), clip: row)
                }
            }
        }
        grid.write(percent, x: max(row.x, percentX), y: row.y, style: grid.theme.style(.text), clip: row)
    }
}
