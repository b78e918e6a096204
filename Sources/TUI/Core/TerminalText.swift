/// Text from outside the program (a model file's metadata, a CSV field, a
/// path) made safe to show on a terminal.
///
/// A terminal obeys the control characters it is sent: `ESC ] 2 ; … BEL`
/// retitles the window, `ESC [ 2 J` clears it, a bidirectional override
/// makes text read backwards. This is the one place that decides what may
/// reach the screen as it is: everything that is not printable is shown as
/// an escape the reader can see (`\e`, `\x07`, `\n`, `\u{202E}`), and the
/// result is capped in length with "…".
///
/// The command line passes every string that comes from a file through it,
/// and ``Grid/write(_:x:y:style:maxWidth:clip:)`` does for everything the TUI draws.
public enum TerminalText {
    /// Longest text ``sanitized(_:maxLength:)`` returns by default, in characters.
    public static let defaultMaximumLength = 200

    /// `text` with every non-printable character escaped, and cut to
    /// `maxLength` characters (the last one an "…") when longer.
    ///
    /// Escaped: C0 controls and DEL (`\e`, `\n`, `\r`, `\t`, else `\xNN`),
    /// C1 controls (`\x9B`…), and format, separator, surrogate and unassigned
    /// code points (`\u{202E}`). Joiners (U+200C, U+200D) stay, as emoji need them.
    public static func sanitized(_ text: some StringProtocol, maxLength: Int = defaultMaximumLength) -> String {
        let limit = max(1, maxLength)
        var full = String.UnicodeScalarView()
        var kept = 0  // scalars of the whole pieces within limit − 1, to end with "…"
        var count = 0
        // Counted in Unicode scalars, so that one "character" of a million
        // combining marks is capped too; an escape is never cut in half.
        for scalar in text.unicodeScalars {
            let piece = isPrintable(scalar) ? String(scalar) : escape(scalar)
            count += piece.unicodeScalars.count
            if count > limit { return String(String.UnicodeScalarView(full.prefix(kept))) + "…" }
            full.append(contentsOf: piece.unicodeScalars)
            if count <= limit - 1 { kept = count }
        }
        return String(full)
    }

    /// Like ``sanitized(_:maxLength:)`` for text of several lines that the
    /// program wrote itself (an error message): its line breaks stay, and
    /// each line is sanitized and capped on its own.
    public static func sanitizedLines(_ text: String, maxLineLength: Int = 1_000) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { sanitized($0, maxLength: maxLineLength) }
            .joined(separator: "\n")
    }

    /// Whether `text` would come back from ``sanitized(_:maxLength:)`` unchanged
    /// apart from its length: the fast path for text drawn every frame.
    public static func isPrintable(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.allSatisfy(isPrintable)
    }

    /// Whether a code point may be sent to a terminal as it is.
    public static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 || (0x7F...0x9F).contains(value) { return false }
        if value < 0x7F { return true }
        if value == 0x200C || value == 0x200D { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned, .privateUse:
            return false
        default:
            return true
        }
    }

    /// The visible spelling of a non-printable code point.
    static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x1B: return "\\e"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        case 0..<0x100: return "\\x" + hex(scalar.value, digits: 2)
        default: return "\\u{" + hex(scalar.value, digits: 4) + "}"
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
