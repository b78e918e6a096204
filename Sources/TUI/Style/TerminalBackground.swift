import Foundation

/// Whether the terminal draws on a dark or a light background; the `Theme`
/// picks role colors and palettes that read on it.
public enum TerminalBackground: String, Hashable, Sendable, CaseIterable {
    case dark, light

    /// The environment variable that picks a background (`light` or `dark`).
    public static let environmentKey = "NETPLAYGROUND_BACKGROUND"

    /// The background to draw for: an explicit choice (a command-line option)
    /// first, then `NETPLAYGROUND_BACKGROUND`, then what `COLORFGBG` says, else dark.
    /// A `NETPLAYGROUND_BACKGROUND` that is neither word is ignored here;
    /// ``environmentProblem(_:)`` names it so a command can refuse it.
    public static func detect(explicit: TerminalBackground? = nil, environment: [String: String]) -> TerminalBackground {
        if let explicit { return explicit }
        if let chosen = environment[environmentKey].flatMap(Self.init(word:)) { return chosen }
        if let reported = environment["COLORFGBG"].flatMap(Self.init(colorFGBG:)) { return reported }
        return .dark
    }

    /// A background from a word, case and surrounding blanks ignored; nil for anything else.
    public init?(word: String) {
        let trimmed = word.trimmingCharacters(in: .whitespaces).lowercased()
        guard let value = Self(rawValue: trimmed) else { return nil }
        self = value
    }

    /// The background `COLORFGBG` reports, as rxvt, Konsole and others set it:
    /// "fg;bg" or "fg;default;bg" (the last field is the background's palette
    /// index). 7 (white) and 15 (bright white) are light; 0–6 and 8 are dark;
    /// anything else ("default", 9–14, garbage) says nothing.
    public init?(colorFGBG value: String) {
        let fields = value.split(separator: ";", omittingEmptySubsequences: false)
        guard fields.count >= 2, let last = fields.last,
              let index = Int(last.trimmingCharacters(in: .whitespaces)) else { return nil }
        switch index {
        case 7, 15: self = .light
        case 0...6, 8: self = .dark
        default: return nil
        }
    }

    /// A message naming `NETPLAYGROUND_BACKGROUND` when it is set to something
    /// other than `light` or `dark` (an empty value counts as unset); nil when it is fine.
    public static func environmentProblem(_ environment: [String: String]) -> String? {
        guard let value = environment[environmentKey],
              !value.trimmingCharacters(in: .whitespaces).isEmpty, Self(word: value) == nil else { return nil }
        return "\(environmentKey) must be light or dark, got '\(value)'"
    }
}
