/// One bar: a label and a value.
public struct Bar: Hashable, Sendable {
    public var label: String
    public var value: Double

    public init(_ label: String, _ value: Double) {
        self.label = label
        self.value = value
    }
}

/// Horizontal bars with labels and values, e.g. the probability of each class.
///
/// Bars are drawn to 1/8 of a cell with Unicode glyphs; one bar is highlighted
/// (color, bold and a marker): `highlight` when given, else the largest when
/// `highlightsMaximum` is set.
public struct BarChart: Widget, Sendable {
    public enum ValueFormat: Hashable, Sendable { case percent, compact }

    public var bars: [Bar]
    /// The value of a full-width bar; `nil` uses the largest value.
    public var maximum: Double?
    public var highlightsMaximum: Bool
    /// The bar to highlight whatever the values (e.g. a model's answer); nil: see `highlightsMaximum`.
    public var highlight: Int?
    public var role: Role
    public var format: ValueFormat

    public init(bars: [Bar], maximum: Double? = nil, highlightsMaximum: Bool = true, highlight: Int? = nil,
                role: Role = .trainLoss, format: ValueFormat = .compact) {
        self.bars = bars
        self.highlight = highlight
        self.maximum = maximum
        self.highlightsMaximum = highlightsMaximum
        self.role = role
        self.format = format
    }

    /// The index of the largest finite value.
    public var indexOfMaximum: Int? {
        bars.indices.filter { bars[$0].value.isFinite }.max { bars[$0].value < bars[$1].value }
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty, !bars.isEmpty else { return }
        let texts = bars.map { format == .percent ? NumberFormat.percent($0.value) : NumberFormat.compact($0.value) }
        let valueWidth = texts.map { displayWidth(of: $0) }.max() ?? 0
        // Labels get what is left after the value and a bar of at least 4 cells.
        let labelWidth = max(1, min(bars.map { displayWidth(of: $0.label) }.max() ?? 0, area.width - valueWidth - 7))
        let full = fullScale(explicit: maximum, values: bars.map(\.value))
        // label, marker, bar, space, value
        let barWidth = area.width - labelWidth - 2 - 1 - valueWidth
        let best = highlight ?? (highlightsMaximum ? indexOfMaximum : nil)
        let eighths = grid.glyphs.horizontalEighths
        for (index, bar) in bars.enumerated() where index < area.height {
            let y = area.y + index
            let highlighted = index == best
            let barStyle = highlighted ? grid.theme.style(.highlight) : grid.theme.style(role)
            let labelStyle = highlighted ? grid.theme.style(.highlight) : grid.theme.style(.text)
            let label = String(bar.label.prefix(labelWidth))
            grid.write(label, x: area.x + labelWidth - displayWidth(of: label), y: y, style: labelStyle, clip: area)
            if highlighted { grid.set(grid.glyphs.focusMarker, x: area.x + labelWidth, y: y, style: barStyle, clip: area) }
            guard barWidth >= 1 else { continue }
            let fraction = bar.value.isFinite ? max(0, min(1, bar.value / full)) : 0
            let totalEighths = Int((fraction * Double(barWidth * 8)).rounded())
            let barX = area.x + labelWidth + 2
            for column in 0..<barWidth {
                let filled = max(0, min(8, totalEighths - column * 8))
                if filled > 0 { grid.set(eighths[filled], x: barX + column, y: y, style: barStyle, clip: area) }
            }
            // An ASCII bar rounds to whole cells; make sure a nonzero value shows at least one mark.
            if !grid.glyphs.isUnicode && totalEighths > 0 && totalEighths < 4 {
                grid.set("|", x: barX, y: y, style: barStyle, clip: area)
            }
            let text = texts[index]
            grid.write(text, x: area.maxX - displayWidth(of: text), y: y, style: labelStyle, clip: area)
        }
    }
}
