import Foundation

/// A value the user can turn while things run, e.g. the learning rate.
public struct Knob: Hashable, Sendable {
    public var name: String
    public var value: Double
    public var range: ClosedRange<Double>
    /// Positions on the slider (and steps) are logarithmic: for learning rates and decays.
    public var logarithmic: Bool
    /// How the value is shown; `nil` uses a compact number.
    public var text: String?
    /// Whether a slider is drawn: off for a choice among names with no order (a data set).
    public var hasSlider = true

    public init(_ name: String, value: Double, range: ClosedRange<Double>, logarithmic: Bool = false, text: String? = nil) {
        self.name = name
        self.value = value
        self.range = range
        self.logarithmic = logarithmic && range.lowerBound > 0
        self.text = text
    }

    /// Where the value sits on the slider, 0...1.
    public var position: Double {
        let (low, high) = (range.lowerBound, range.upperBound)
        guard value.isFinite, high > low else { return 0 }
        let t = logarithmic ? log(max(value, low) / low) / log(high / low) : (value - low) / (high - low)
        return min(1, max(0, t))
    }

    /// The value `steps` steps away (a step is 1/`stepsAcross` of the slider,
    /// logarithmic when the knob is), clamped to the range.
    public func nudged(by steps: Int, stepsAcross: Int = 20) -> Double {
        let (low, high) = (range.lowerBound, range.upperBound)
        guard high > low, stepsAcross > 0 else { return value }
        let t = min(1, max(0, position + Double(steps) / Double(stepsAcross)))
        let next = logarithmic ? low * pow(high / low, t) : low + (high - low) * t
        return min(high, max(low, next))
    }

    /// A choice among `count` values, the `index`-th shown as `text`; with `ordered`
    /// the slider shows where the choice sits (a rate on its ladder).
    public init(_ name: String, choice index: Int, of count: Int, text: String, ordered: Bool = true) {
        self.init(name, value: Double(index), range: 0...Double(max(0, count - 1)), text: text)
        self.hasSlider = ordered && count > 1
    }

    var displayText: String { text ?? NumberFormat.compact(value) }

    var sliderPosition: Double? { hasSlider ? position : nil }
}

/// A column of knobs: name, value and, where it fits, a slider showing where the
/// value sits in its range. The selected knob is marked (`▶`) and framed by arrows
/// (`◀ 0.003 ▶`); it is highlighted only while the panel has the focus.
///
///     ▶ learning rate ◀ 0.003 ▶ ├──●──────┤
///       batch size      32        ├────●────┤
public struct KnobPanel: Widget, Sendable {
    public var knobs: [Knob]
    public var selectedIndex: Int?
    /// Whether the panel has the keyboard focus: the selected knob is highlighted.
    public var focused: Bool
    /// Blank rows between two knobs (a form reads better with air between rows).
    public var spacing: Int

    public init(knobs: [Knob], selectedIndex: Int?, focused: Bool, spacing: Int = 0) {
        self.knobs = knobs
        self.selectedIndex = selectedIndex
        self.focused = focused
        self.spacing = max(0, spacing)
    }

    /// A focused panel with `focusedIndex` selected (nil: nothing selected).
    public init(knobs: [Knob], focusedIndex: Int? = nil) {
        self.init(knobs: knobs, selectedIndex: focusedIndex, focused: focusedIndex != nil)
    }

    /// The width the panel needs to show every name and value (no slider).
    public var neededWidth: Int {
        let names = knobs.map { displayWidth(of: $0.name) }.max() ?? 0
        let values = knobs.map { displayWidth(of: $0.displayText) }.max() ?? 0
        return 2 + names + 1 + 2 + values + 2
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty, !knobs.isEmpty else { return }
        let theme = grid.theme
        let unicode = grid.glyphs.isUnicode
        let longestValue = knobs.map { displayWidth(of: $0.displayText) }.max() ?? 0
        // Names come first and keep their width while values get a few columns;
        // a value longer than what is left is cut (MNIST (55,0…). Then the arrows
        // around the selected value, the slider only where it fits.
        let longestName = min(18, knobs.map { displayWidth(of: $0.name) }.max() ?? 0)
        let nameWidth = max(1, min(longestName, area.width - 3 - min(longestValue, 6)))
        let valueX = area.x + 2 + nameWidth + 1
        let room = area.maxX - valueX
        let arrows = room >= 4 + min(longestValue, 8) ? 2 : 0
        let valueWidth = max(1, min(longestValue, room - 2 * arrows))
        let sliderX = valueX + 2 * arrows + valueWidth + 1
        let sliderWidth = area.maxX - sliderX
        let pitch = 1 + spacing
        let rows = (area.height + spacing) / pitch
        // Scroll so the selected knob is visible when there are more knobs than rows.
        let first = max(0, min((selectedIndex ?? 0) - rows + 1, knobs.count - rows))
        for row in 0..<min(rows, knobs.count - first) {
            let index = first + row
            let knob = knobs[index]
            let selected = index == selectedIndex
            let lit = selected && focused
            let y = area.y + row * pitch
            let nameStyle = lit ? theme.style(.focus) : theme.style(.text)
            if selected { grid.set(grid.glyphs.focusMarker, x: area.x, y: y, style: nameStyle, clip: area) }
            grid.write(knob.name, x: area.x + 2, y: y, style: nameStyle, maxWidth: nameWidth, clip: area)
            let text = truncated(knob.displayText, toWidth: valueWidth, ellipsis: grid.glyphs.ellipsis)
            let valueStyle = lit ? theme.style(.focus) : theme.style(.emphasis)
            // Values start in one column, so the arrows hug the selected one: ◀ adam ▶.
            let framed = selected && arrows > 0
            let shown = framed ? (unicode ? "◀ \(text) ▶" : "< \(text) >") : String(repeating: " ", count: arrows) + text
            grid.write(shown, x: valueX, y: y, style: valueStyle, maxWidth: max(0, area.maxX - valueX), clip: area)
            guard sliderWidth >= 5, let position = knob.sliderPosition else { continue }
            let track: Character = unicode ? "─" : "-"
            let thumb: Character = unicode ? "●" : "O"
            let thumbColumn = Int((position * Double(sliderWidth - 3)).rounded()) + 1
            let trackStyle = theme.style(.muted)
            grid.set(unicode ? "├" : "[", x: sliderX, y: y, style: trackStyle, clip: area)
            for column in 1..<(sliderWidth - 1) {
                grid.set(track, x: sliderX + column, y: y, style: trackStyle, clip: area)
            }
            grid.set(unicode ? "┤" : "]", x: sliderX + sliderWidth - 1, y: y, style: trackStyle, clip: area)
            grid.set(thumb, x: sliderX + thumbColumn, y: y, style: valueStyle, clip: area)
        }
    }
}
