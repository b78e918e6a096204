/// A one-row chart of a series: each cell a bar of eighths (`▁▂▃▄▅▆▇█`),
/// or a character of the ASCII ramp without Unicode. A series longer than
/// the row is averaged into one value per cell, so the whole run shows.
///
///     grid.render(Sparkline(values: roughness, range: 0...1.2), in: row)
public struct Sparkline: Widget, Sendable {
    public var values: [Float]
    /// The value drawn empty and the value drawn full (nil: the series' own range).
    public var range: ClosedRange<Float>?
    public var role: Role

    public init(values: [Float], range: ClosedRange<Float>? = nil, role: Role = .accuracy) {
        self.values = values
        self.range = range
        self.role = role
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        let points = Self.resampled(values.filter(\.isFinite), to: row.width)
        guard let lowest = points.min(), let highest = points.max() else { return }
        let low = range?.lowerBound ?? lowest
        let high = range?.upperBound ?? highest
        let span = high - low
        let ramp: [Character] = grid.glyphs.isUnicode
            ? ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
            : Array(GlyphSet.asciiRamp.dropFirst())
        let style = grid.theme.style(role)
        for (column, value) in points.enumerated() {
            // A flat series (or range) draws mid-height rather than dividing by zero.
            let share = span > 0 && span.isFinite ? min(1, max(0, (value - low) / span)) : 0.5
            let level = min(ramp.count - 1, Int((share * Float(ramp.count - 1)).rounded()))
            grid.set(ramp[level], x: row.x + column, y: row.y, style: style, clip: row)
        }
    }

    /// `values` averaged into at most `width` buckets of (nearly) equal size.
    static func resampled(_ values: [Float], to width: Int) -> [Float] {
        guard width > 0 else { return [] }
        guard values.count > width else { return values }
        return (0..<width).map { bucket in
            let start = bucket * values.count / width
            let end = max(start + 1, (bucket + 1) * values.count / width)
            return values[start..<end].reduce(0, +) / Float(end - start)
        }
    }
}
