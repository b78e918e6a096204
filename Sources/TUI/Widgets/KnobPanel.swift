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

    var displayText: String { text ?? NumberFormat.compact(value) }
}

/// A column of knobs: name, value and a slider; the focused one is marked and highlighted.
public struct KnobPanel: Widget, Sendable {
    public var knobs: [Knob]
    public var focusedIndex: Int?

    public init(knobs: [Knob], focusedIndex: Int? = nil) {
        self.knobs = knobs
        self.focusedIndex = focusedIndex
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty, !knobs.isEmpty else { return }
        let theme = grid.theme
        let valueWidth = knobs.map { displayWidth(of: $0.displayText) }.max() ?? 0
        // Names come first, the slider only where it fits: marker, name, value, slider.
        let nameWidth = max(1, min(18, knobs.map { displayWidth(of: $0.name) }.max() ?? 0, area.width - 3 - valueWidth))
        let sliderWidth = area.width - 2 - nameWidth - 1 - valueWidth - 1
        // Scroll so the focused knob is visible when there are more knobs than rows.
        let first = max(0, min((focusedIndex ?? 0) - area.height + 1, knobs.count - area.height))
        for row in 0..<min(area.height, knobs.count - first) {
            let index = first + row
            let knob = knobs[index]
            let focused = index == focusedIndex
            let y = area.y + row
            let nameStyle = focused ? theme.style(.focus) : theme.style(.text)
            if focused { grid.set(grid.glyphs.focusMarker, x: area.x, y: y, style: theme.style(.focus), clip: area) }
            grid.write(knob.name, x: area.x + 2, y: y, style: nameStyle, maxWidth: nameWidth, clip: area)
            let valueX = area.x + 2 + nameWidth + 1
            let text = knob.displayText
            grid.write(text, x: valueX + valueWidth - displayWidth(of: text), y: y,
                       style: focused ? theme.style(.focus) : theme.style(.emphasis), clip: area)
            guard sliderWidth >= 5 else { continue }
            let sliderX = valueX + valueWidth + 1
            let unicode = grid.glyphs.isUnicode
            let track: Character = unicode ? "─" : "-"
            let thumb: Character = unicode ? "●" : "O"
            let thumbColumn = Int((knob.position * Double(sliderWidth - 3)).rounded()) + 1
            let trackStyle = theme.style(.muted)
            grid.set(unicode ? "├" : "[", x: sliderX, y: y, style: trackStyle, clip: area)
            for column in 1..<(sliderWidth - 1) {
                grid.set(track, x: sliderX + column, y: y, style: trackStyle, clip: area)
            }
            grid.set(unicode ? "┤" : "]", x: sliderX + sliderWidth - 1, y: y, style: trackStyle, clip: area)
            grid.set(thumb, x: sliderX + thumbColumn, y: y, style: focused ? theme.style(.focus) : theme.style(.emphasis), clip: area)
        }
    }
}
