/// One measured figure on one row: a label, the value, a word saying what it
/// means, a note, then a sparkline of its history in the columns left.
///
///     roughness 0.42 smooth  ▇▆▄▃▂▂▂▂
public struct TrendLine: Widget, Sendable {
    public var label: String
    /// The value as text (the caller picks the format), e.g. "0.42".
    public var value: String
    /// What the value means, e.g. "smooth"; drawn in `role`.
    public var word: String
    public var role: Role
    /// Drawn muted after the word, e.g. "1 flat".
    public var note: String
    /// The value over time, oldest first.
    public var history: [Float]
    /// The history's empty-to-full range (nil: its own).
    public var range: ClosedRange<Float>?

    public init(label: String, value: String, word: String, role: Role = .emphasis, note: String = "",
                history: [Float] = [], range: ClosedRange<Float>? = nil) {
        self.label = label; self.value = value; self.word = word; self.role = role
        self.note = note; self.history = history; self.range = range
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        let theme = grid.theme
        var x = row.x
        x += grid.write(label + " ", x: x, y: row.y, style: theme.style(.muted), clip: row)
        x += grid.write(value + " ", x: x, y: row.y, style: theme.style(.text).adding(.bold), clip: row)
        x += grid.write(word, x: x, y: row.y, style: theme.style(role), clip: row)
        if !note.isEmpty { x += grid.write(" " + note, x: x, y: row.y, style: theme.style(.muted), clip: row) }
        x += 2
        guard x < row.maxX, history.count > 1 else { return }
        grid.render(Sparkline(values: history, range: range, role: role),
                    in: Rect(x: x, y: row.y, width: row.maxX - x, height: 1))
    }
}
