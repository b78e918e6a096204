/// Which characters the widgets draw with.
///
/// - `braille`: braille dots (2×4 per cell) for charts, half blocks for heatmaps, box lines.
/// - `blocks`: quadrant blocks (2×2 per cell) for charts, half blocks, box lines;
///   for fonts without braille.
/// - `ascii`: 7-bit characters only; what a non-UTF-8 locale gets automatically.
public enum GlyphSet: String, Hashable, Sendable, CaseIterable {
    case braille, blocks, ascii

    /// The environment variable that picks a glyph set (`braille`, `blocks` or `ascii`).
    public static let environmentKey = "NETPLAYGROUND_GLYPHS"

    /// The glyph set to use: an explicit choice (a command-line flag) first, then
    /// `NETPLAYGROUND_GLYPHS`, then braille — but ASCII whenever the locale cannot
    /// show anything else.
    public static func detect(explicit: GlyphSet? = nil, environment: [String: String], localeIsUTF8: Bool) -> GlyphSet {
        guard localeIsUTF8 else { return .ascii }
        if let explicit { return explicit }
        if let name = environment[environmentKey]?.lowercased(), let chosen = GlyphSet(rawValue: name) {
            return chosen
        }
        return .braille
    }

    public var isUnicode: Bool { self != .ascii }

    /// Characters for borders and separators.
    public var box: BoxGlyphs { isUnicode ? .light : .ascii }

    /// The ramp from empty to full used for intensities without color.
    public static let asciiRamp: [Character] = Array(" .:-=+*#%@")

    /// The ramp without `-` and `+`, for magnitudes of signed values (kernel
    /// weights), where those two would read as signs.
    public static let magnitudeRamp: [Character] = Array(" .:=*#%@")

    /// Eighths of a cell, empty to full, for horizontal bars.
    public var horizontalEighths: [Character] {
        isUnicode ? [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"] : [" ", " ", " ", " ", "#", "#", "#", "#", "#"]
    }

    /// Eighths of a cell, empty to full, for vertical bars.
    public var verticalEighths: [Character] {
        isUnicode ? [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] : [" ", " ", " ", " ", "#", "#", "#", "#", "#"]
    }

    /// A full cell and an empty track cell, for progress bars.
    public var barFull: Character { isUnicode ? "█" : "#" }
    public var barTrack: Character { isUnicode ? "░" : "-" }
    /// A point marker for scatter plots.
    public var point: Character { isUnicode ? "●" : "o" }
    /// Up and down arrows for scroll hints.
    public var up: Character { isUnicode ? "▲" : "^" }
    public var down: Character { isUnicode ? "▼" : "v" }
    /// The left and right markers of a focused item.
    public var focusMarker: Character { isUnicode ? "▶" : ">" }
    public var ellipsis: Character { isUnicode ? "…" : "~" }
}

/// Characters for drawing boxes.
public struct BoxGlyphs: Hashable, Sendable {
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    public var teeDown: Character
    public var teeUp: Character
    public var teeRight: Character
    public var teeLeft: Character
    public var cross: Character

    public static let light = BoxGlyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        teeDown: "┬", teeUp: "┴", teeRight: "├", teeLeft: "┤", cross: "┼")
    public static let heavy = BoxGlyphs(
        horizontal: "━", vertical: "┃", topLeft: "┏", topRight: "┓", bottomLeft: "┗", bottomRight: "┛",
        teeDown: "┳", teeUp: "┻", teeRight: "┣", teeLeft: "┫", cross: "╋")
    public static let ascii = BoxGlyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        teeDown: "+", teeUp: "+", teeRight: "+", teeLeft: "+", cross: "+")
}
