/// What a piece of the screen means; widgets ask for roles, a `Theme` picks colors.
public enum Role: Hashable, Sendable {
    /// Ordinary text.
    case text
    /// Secondary text: axis labels, units, hints.
    case muted
    /// Titles of panels and dialogs.
    case title
    /// Panel borders.
    case border
    /// The focused item (knob, panel border, selected row).
    case focus
    /// Emphasised words in prose.
    case emphasis
    /// Keys in the status bar and help ("q", "Tab").
    case keyHint
    /// Something is going wrong (diverging loss, NaN).
    case warning
    /// Something went wrong.
    case error
    /// Something went right (lesson check passed).
    case success
    /// The largest value among several (the predicted class).
    case highlight
    /// The training-loss curve.
    case trainLoss
    /// The validation-loss curve.
    case validationLoss
    /// An accuracy curve.
    case accuracy
    /// A positive weight.
    case positiveWeight
    /// A negative weight.
    case negativeWeight
    /// Data points of class `n` (decision-boundary plots, legends). Class 0 is blue and
    /// class 1 red, matching the negative and positive ends of the diverging palette.
    case category(Int)
}

/// Maps roles to styles and values to palette colors for one `ColorCapability`
/// and one `TerminalBackground`.
///
/// Without color every role still stays distinguishable through attributes
/// (bold titles, reversed focus, dim muted text), and palettes return `nil` so
/// widgets fall back to ramp characters. Each background has its own role
/// colors and palettes (Theme+Roles.swift, Theme+Palettes.swift): on a light one
/// the palettes run from light to dark and text colors are dark.
public struct Theme: Hashable, Sendable {
    public var capability: ColorCapability
    /// The background the colors are chosen for.
    public var background: TerminalBackground
    /// Styles that replace the built-in ones for particular roles.
    public var overrides: [Role: Style]

    public init(capability: ColorCapability, background: TerminalBackground = .dark, overrides: [Role: Style] = [:]) {
        self.capability = capability
        self.background = background
        self.overrides = overrides
    }

    /// The theme for a monochrome terminal.
    public static let monochrome = Theme(capability: .none)

    public var hasColor: Bool { capability != .none }

    /// The style for a role at this theme's capability.
    public func style(_ role: Role) -> Style {
        if let custom = overrides[role] { return custom }
        let color = capability == .none ? Color.default : capability.clamp(baseColor(role))
        var style = Style(foreground: color)
        switch role {
        case .title, .keyHint, .highlight, .warning, .error: style.attributes = .bold
        case .emphasis: style.attributes = capability == .none ? .bold : []
        case .focus: style.attributes = capability == .none ? [.reverse, .bold] : .bold
        // Eight colors have no grey: muted text is the default color, dimmed.
        case .muted: style.attributes = capability == .none || capability == .eight ? .dim : []
        default: break
        }
        return style
    }

    /// The word for how a palette shows a larger value on this background
    /// ("brighter" on dark, "darker" on light), so legends say what is drawn.
    public var strongerWord: String { background == .light ? "darker" : "brighter" }

    /// The index in `0..<count` for `t` in 0...1 (clamped; NaN → 0).
    static func bucket(_ t: Double, count: Int) -> Int {
        guard count > 1, t.isFinite else { return t == .infinity ? max(0, count - 1) : 0 }
        let clamped = min(1, max(0, t))
        return min(count - 1, Int(clamped * Double(count)))
    }
}
