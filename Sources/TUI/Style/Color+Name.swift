extension Color {
    /// The everyday name of the color's hue ("blue", "orange", …), from its
    /// place in the xterm palette, so legends can say what the screen shows;
    /// nil for the terminal's default.
    public var name: String? {
        guard case .indexed(let index) = self else { return nil }
        switch index {
        case 0: return "black"
        case 1, 9: return "red"
        case 2, 10: return "green"
        case 3, 11: return "yellow"
        case 4, 12: return "blue"
        case 5, 13: return "magenta"
        case 6, 14: return "cyan"
        case 7, 8: return "grey"
        case 15: return "white"
        case 232...255: return index < 236 ? "black" : (index < 252 ? "grey" : "white")
        default:
            let v = Int(index) - 16
            return Self.hueName(red: v / 36, green: (v / 6) % 6, blue: v % 6)
        }
    }

    /// The hue of a color-cube entry (levels 0...5), named by the usual bands of the color wheel.
    static func hueName(red r: Int, green g: Int, blue b: Int) -> String {
        let high = max(r, g, b), low = min(r, g, b)
        guard high > low else { return high == 0 ? "black" : (high == 5 ? "white" : "grey") }
        let spread = Double(high - low)
        var hue: Double
        if high == r {
            hue = 60 * Double(g - b) / spread
        } else if high == g {
            hue = 60 * Double(b - r) / spread + 120
        } else {
            hue = 60 * Double(r - g) / spread + 240
        }
        if hue < 0 { hue += 360 }
        switch hue {
        case ..<15: return "red"
        case ..<45: return "orange"
        case ..<70: return "yellow"
        case ..<160: return "green"
        case ..<200: return "cyan"
        case ..<260: return "blue"
        case ..<300: return "purple"
        case ..<345: return "magenta"
        default: return "red"
        }
    }
}

extension Theme {
    /// The names of the diverging palette's two ends, as a legend says them
    /// ("blue", "orange"), read from the colors actually drawn; nil without color.
    public var divergingNames: (negative: String, positive: String)? {
        guard let negative = diverging(-1)?.name, let positive = diverging(1)?.name else { return nil }
        return (negative, positive)
    }
}
