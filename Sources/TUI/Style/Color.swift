/// A terminal color: the terminal's default or an index into its palette.
///
/// Indices 0–7 are the basic colors, 8–15 their bright variants, 16–231 the
/// 6×6×6 color cube and 232–255 a gray ramp, as on xterm-256color. A `Theme`
/// only hands out indices that the detected `ColorCapability` can show.
public enum Color: Hashable, Sendable {
    case `default`
    case indexed(UInt8)

    public static let black = Color.indexed(0)
    public static let red = Color.indexed(1)
    public static let green = Color.indexed(2)
    public static let yellow = Color.indexed(3)
    public static let blue = Color.indexed(4)
    public static let magenta = Color.indexed(5)
    public static let cyan = Color.indexed(6)
    public static let white = Color.indexed(7)
    public static let brightBlack = Color.indexed(8)
    public static let brightRed = Color.indexed(9)
    public static let brightGreen = Color.indexed(10)
    public static let brightYellow = Color.indexed(11)
    public static let brightBlue = Color.indexed(12)
    public static let brightMagenta = Color.indexed(13)
    public static let brightCyan = Color.indexed(14)
    public static let brightWhite = Color.indexed(15)

    /// The nearest color of the 256-color cube for red, green and blue in 0...5.
    public static func cube(_ red: Int, _ green: Int, _ blue: Int) -> Color {
        func level(_ v: Int) -> Int { min(5, max(0, v)) }
        return .indexed(UInt8(16 + 36 * level(red) + 6 * level(green) + level(blue)))
    }

    /// A gray from the 24-step ramp, `level` in 0...23 (dark to light).
    public static func gray(_ level: Int) -> Color {
        .indexed(UInt8(232 + min(23, max(0, level))))
    }

    /// A short stable name for snapshot files: `-` for default, else the index.
    public var code: String {
        switch self {
        case .default: return "-"
        case .indexed(let i): return String(i)
        }
    }
}

/// Text attributes of a cell.
public struct Attributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = Attributes(rawValue: 1 << 0)
    public static let dim = Attributes(rawValue: 1 << 1)
    public static let italic = Attributes(rawValue: 1 << 2)
    public static let underline = Attributes(rawValue: 1 << 3)
    public static let reverse = Attributes(rawValue: 1 << 4)
}

/// Foreground, background and attributes of a cell.
public struct Style: Hashable, Sendable {
    public var foreground: Color
    public var background: Color
    public var attributes: Attributes

    public init(foreground: Color = .default, background: Color = .default, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = Style()

    /// This style with extra attributes.
    public func adding(_ extra: Attributes) -> Style {
        var copy = self
        copy.attributes.formUnion(extra)
        return copy
    }

    /// This style with a different foreground.
    public func foreground(_ color: Color) -> Style {
        var copy = self
        copy.foreground = color
        return copy
    }

    /// This style with a different background.
    public func background(_ color: Color) -> Style {
        var copy = self
        copy.background = color
        return copy
    }
}

/// How many colors the terminal can show.
public enum ColorCapability: Int, Hashable, Sendable, Comparable, CaseIterable, CustomStringConvertible {
    case none = 0
    case eight = 8
    case sixteen = 16
    case full256 = 256

    public static func < (a: ColorCapability, b: ColorCapability) -> Bool { a.rawValue < b.rawValue }

    public var description: String {
        switch self {
        case .none: return "no color"
        case .eight: return "8 colors"
        case .sixteen: return "16 colors"
        case .full256: return "256 colors"
        }
    }

    /// The capability from what the terminal reports and the environment.
    ///
    /// `NO_COLOR` (any non-empty value, see no-color.org) turns color off.
    /// - Parameters:
    ///   - hasColors: curses' `has_colors()`.
    ///   - colorCount: curses' `COLORS` after `start_color()`.
    public static func detect(hasColors: Bool, colorCount: Int, environment: [String: String]) -> ColorCapability {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        guard hasColors else { return .none }
        switch colorCount {
        case 256...: return .full256
        case 16...: return .sixteen
        case 8...: return .eight
        default: return .none
        }
    }

    /// The most this capability can show of `color`; indices it lacks map to a
    /// near basic color so nothing is ever drawn with a color the terminal lacks.
    public func clamp(_ color: Color) -> Color {
        guard case .indexed(let index) = color else { return color }
        switch self {
        case .none: return .default
        case .full256: return color
        case .sixteen: return index < 16 ? color : .indexed(Color.basicApproximation(of: index, bright: true))
        case .eight:
            if index < 8 { return color }
            if index < 16 { return .indexed(index - 8) }
            return .indexed(Color.basicApproximation(of: index, bright: false))
        }
    }
}

extension Color {
    /// The nearest of the 8 (or 16) basic colors to a 256-palette index.
    static func basicApproximation(of index: UInt8, bright: Bool) -> UInt8 {
        let (r, g, b): (Int, Int, Int)
        if index >= 232 {
            let level = Int(index) - 232  // 0...23
            if level < 6 { return 0 }
            if level < 14 { return bright ? 8 : 0 }
            if level < 20 { return 7 }
            return bright ? 15 : 7
        } else if index >= 16 {
            let v = Int(index) - 16
            (r, g, b) = (v / 36, (v / 6) % 6, v % 6)
        } else {
            return index % 8
        }
        let peak = max(r, g, b)
        if peak == 0 { return 0 }
        // A channel counts as "on" when it is at least half the brightest channel.
        let bits = (r * 2 >= peak && r > 0 ? 1 : 0) | (g * 2 >= peak && g > 0 ? 2 : 0) | (b * 2 >= peak && b > 0 ? 4 : 0)
        let basic = UInt8(bits)
        return bright && peak >= 4 && basic != 0 ? basic + 8 : basic
    }
}
