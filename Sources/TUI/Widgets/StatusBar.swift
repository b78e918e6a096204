/// The bottom line: key hints on the left, a status message, text on the right.
///
/// Hints that do not fit are dropped from the end, so the first (most
/// important) ones always show; the right-hand text wins over the message.
public struct StatusBar: Widget, Sendable {
    public var hints: [KeyHint]
    public var message: String
    public var messageRole: Role
    public var right: String

    public init(hints: [KeyHint], message: String = "", messageRole: Role = .muted, right: String = "") {
        self.hints = hints
        self.message = message
        self.messageRole = messageRole
        self.right = right
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        let theme = grid.theme
        let rightWidth = displayWidth(of: right)
        let rightX = row.maxX - rightWidth
        if rightWidth > 0 && rightWidth < row.width {
            grid.write(right, x: rightX, y: row.y, style: theme.style(.muted), clip: row)
        }
        let limit = rightWidth > 0 && rightWidth < row.width ? rightX - 1 : row.maxX
        var x = row.x
        for hint in hints {
            let width = displayWidth(of: hint.keys) + 1 + displayWidth(of: hint.summary)
            guard x + width <= limit else { break }
            x += grid.write(hint.keys, x: x, y: row.y, style: theme.style(.keyHint), clip: row) + 1
            x += grid.write(hint.summary, x: x, y: row.y, style: theme.style(.muted), clip: row) + 2
        }
        if !message.isEmpty && x < limit {
            grid.write(message, x: x, y: row.y, style: theme.style(messageRole), maxWidth: limit - x, clip: row)
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
