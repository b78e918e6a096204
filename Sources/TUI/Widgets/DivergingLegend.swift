/// The scale of signed pictures drawn small, one row: `−.42 ████ 0 ████ +.42`
/// in the diverging palette's colors, or, in the ramp form, the characters the
/// pictures use (`-@-%-*-: 0 +:+*+%+@` without color), so every shade on screen
/// can be read back as a number.
public struct DivergingLegend: Widget, Sendable {
    /// The magnitude at the ends (the panel's shared scale).
    public var limit: Double
    /// Colored blocks (as half-block heatmaps draw) instead of ramp characters.
    public var blocks: Bool
    /// Words after the scale when they fit (e.g. "orange up, blue down").
    public var note: String

    public init(limit: Double, blocks: Bool, note: String = "") {
        self.limit = limit
        self.blocks = blocks
        self.note = note
    }

    /// A weight in four columns or so: `+.42`, `-1.3`, `+12`.
    public static func short(_ value: Double) -> String {
        guard value.isFinite else { return NumberFormat.compact(value) }
        let magnitude = abs(value)
        // What rounds to zero is shown unsigned, so "-.00" never reads as a negative weight.
        if magnitude < 0.005 { return " .00" }
        let sign = value < 0 ? "-" : "+"
        if magnitude < 0.995 {
            let digits = String(format: "%.2f", magnitude)
            return sign + (digits.hasPrefix("0") ? String(digits.dropFirst()) : digits)
        }
        if magnitude < 9.95 { return sign + String(format: "%.1f", magnitude) }
        return sign + String(format: "%.0f", magnitude)
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        let solid = blocks && grid.theme.hasColor && grid.glyphs.isUnicode
        let paired = !solid && !grid.theme.hasColor
        let low = Self.short(-limit), high = Self.short(limit)
        // Fewer steps when narrow; the numbers alone last.
        let numbers: Int = displayWidth(of: low) + displayWidth(of: high) + 5
        let perStep: Int = paired ? 4 : 2
        let stepsFit: Int = [4, 2, 0].first { (steps: Int) -> Bool in numbers + perStep * steps <= area.width } ?? 0
        let muted = grid.theme.style(.muted)
        var x = area.x + grid.write(low, x: area.x, y: area.y, style: muted, clip: area) + 1
        let ramp = GlyphSet.magnitudeRamp
        func step(_ t: Double) {
            let level = Theme.bucket(abs(t), count: ramp.count)
            if solid, let color = grid.theme.diverging(t) {
                grid.set("█", x: x, y: area.y, style: Style(foreground: color), clip: area)
                x += 1
            } else if let color = grid.theme.diverging(t) {
                grid.set(ramp[level], x: x, y: area.y, style: Style(foreground: color), clip: area)
                x += 1
            } else {
                grid.set(t < 0 ? "-" : "+", x: x, y: area.y, style: muted, clip: area)
                grid.set(ramp[level], x: x + 1, y: area.y, clip: area)
                x += 2
            }
        }
        if stepsFit > 0 {
            for k in stride(from: stepsFit, through: 1, by: -1) { step(-Double(k) / Double(stepsFit)) }
            x += grid.write(" 0 ", x: x, y: area.y, style: muted, clip: area)
            for k in 1...stepsFit { step(Double(k) / Double(stepsFit)) }
            x += 1
        } else {
            x += grid.write("0 ", x: x, y: area.y, style: muted, clip: area)
        }
        x += grid.write(high, x: x, y: area.y, style: muted, clip: area)
        if !note.isEmpty, x + 2 + displayWidth(of: note) <= area.maxX {
            grid.write(note, x: x + 2, y: area.y, style: muted, clip: area)
        }
    }
}
