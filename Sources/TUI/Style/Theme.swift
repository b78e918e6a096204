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

/// Maps roles to styles and values to palette colors for one `ColorCapability`.
///
/// Without color every role still stays distinguishable through attributes
/// (bold titles, reversed focus, dim muted text), and palettes return `nil` so
/// widgets fall back to ramp characters.
public struct Theme: Sendable {
    public var capability: ColorCapability
    /// Styles that replace the built-in ones for particular roles.
    public var overrides: [Role: Style]

    public init(capability: ColorCapability, overrides: [Role: Style] = [:]) {
        self.capability = capability
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
        case .muted: style.attributes = capability == .none ? .dim : []
        default: break
        }
        return style
    }

    private func baseColor(_ role: Role) -> Color {
        let rich = capability == .full256
        switch role {
        case .text: return .default
        case .muted: return rich ? .gray(12) : .brightBlack
        case .title: return rich ? .indexed(117) : .brightCyan
        case .border: return rich ? .gray(9) : .brightBlack
        case .focus: return rich ? .indexed(220) : .brightYellow
        case .emphasis: return rich ? .indexed(159) : .brightWhite
        case .keyHint: return rich ? .indexed(214) : .yellow
        case .warning: return rich ? .indexed(208) : .brightYellow
        case .error: return rich ? .indexed(196) : .brightRed
        case .success: return rich ? .indexed(114) : .brightGreen
        case .highlight: return rich ? .indexed(229) : .brightYellow
        case .trainLoss: return rich ? .indexed(75) : .brightCyan
        case .validationLoss: return rich ? .indexed(209) : .brightMagenta
        case .accuracy: return rich ? .indexed(114) : .brightGreen
        case .positiveWeight: return rich ? .indexed(203) : .brightRed
        case .negativeWeight: return rich ? .indexed(69) : .brightBlue
        case .category(let n):
            let palette: [Color] = rich
                ? [.indexed(75), .indexed(203), .indexed(114), .indexed(221), .indexed(177), .indexed(80)]
                : [.brightBlue, .brightRed, .brightGreen, .brightYellow, .brightMagenta, .brightCyan]
            return palette[((n % palette.count) + palette.count) % palette.count]
        }
    }

    /// A color for `t` in 0...1 on a dark-to-bright sequential palette, or `nil`
    /// without color. Values outside the range are clamped; NaN gives the low end.
    public func sequential(_ t: Double) -> Color? {
        let ramp: [Color]
        switch capability {
        case .none: return nil
        case .eight: ramp = [.black, .blue, .cyan, .green, .yellow, .white]
        case .sixteen: ramp = [.black, .blue, .brightBlue, .cyan, .brightCyan, .green, .brightGreen, .brightYellow, .brightWhite]
        case .full256:
            // A viridis-like path through the color cube: purple, blue, teal, green, yellow.
            ramp = [16, 17, 54, 55, 61, 62, 68, 67, 31, 37, 36, 72, 71, 107, 113, 149, 185, 191, 227, 230].map { .indexed($0) }
        }
        return ramp[Theme.bucket(t, count: ramp.count)]
    }

    /// A color for `t` in -1...1 on a diverging palette (negative blue, zero dark,
    /// positive orange with 256 colors, red with 8 or 16; ``divergingNames``
    /// says which), or `nil` without color. NaN gives the neutral middle.
    public func diverging(_ t: Double) -> Color? {
        let negative: [Color], positive: [Color], neutral: Color
        switch capability {
        case .none: return nil
        case .eight: (negative, positive, neutral) = ([.blue], [.red], .black)
        case .sixteen: (negative, positive, neutral) = ([.blue, .brightBlue], [.red, .brightRed], .black)
        case .full256:
            // Each side keeps one hue at its strong end (blue, orange), so a
            // legend's word for it is true; the cyan and gold ends read as other colors.
            negative = [17, 18, 19, 20, 25, 26, 32, 33, 39].map { .indexed($0) }
            positive = [52, 88, 124, 160, 166, 202, 208, 208, 214].map { .indexed($0) }
            neutral = .gray(2)
        }
        guard t.isFinite else { return t.isNaN ? neutral : (t > 0 ? positive.last : negative.last) }
        let magnitude = min(1, abs(t))
        // A small dead zone keeps near-zero weights visibly neutral.
        if magnitude < 0.5 / Double(negative.count + 1) { return neutral }
        let side = t < 0 ? negative : positive
        return side[Theme.bucket(magnitude, count: side.count)]
    }

    /// The index in `0..<count` for `t` in 0...1 (clamped; NaN → 0).
    static func bucket(_ t: Double, count: Int) -> Int {
        guard count > 1, t.isFinite else { return t == .infinity ? max(0, count - 1) : 0 }
        let clamped = min(1, max(0, t))
        return min(count - 1, Int(clamped * Double(count)))
    }
}
