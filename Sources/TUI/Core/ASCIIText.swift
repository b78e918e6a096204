import Foundation

/// Text spelled in 7-bit ASCII for a terminal whose locale shows nothing else
/// (`LANG=C`, the ``GlyphSet/ascii`` glyph set).
///
/// Such a terminal drops every other character, so "x₁ → x₂" would read
/// "x    x" and "3×3" "33". This is the one table that says how each is spelled
/// instead: x1 -> x2, 3x3. A spelling may be longer than the character
/// ("->", ">="), so ``Grid/write(_:x:y:style:maxWidth:clip:)`` and the
/// ``Paragraph`` wrap apply it to the whole string *before* laying it out,
/// rather than per cell at output time. A character with no sensible spelling
/// becomes "?", so that nothing ever vanishes silently.
public enum ASCIIText {
    /// The spelling of every character that is not ASCII, where it is not
    /// found by stripping accents (é → e) or compatibility forms (fullwidth Ａ → A).
    public static let table: [Character: String] = [
        // Subscripts and superscripts: x₁ → x1, x² → x^2.
        "₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6", "₇": "7", "₈": "8", "₉": "9",
        "⁰": "^0", "¹": "^1", "²": "^2", "³": "^3", "⁴": "^4", "⁵": "^5", "⁶": "^6", "⁷": "^7", "⁸": "^8",
        "⁹": "^9", "⁻": "^-", "ᵀ": "^T",
        // Arrows.
        "→": "->", "←": "<-", "↑": "^", "↓": "v", "↔": "<->", "⇒": "=>", "⇐": "<=", "↕": "^v",
        "▶": ">", "◀": "<", "▲": "^", "▼": "v", "►": ">", "◄": "<",
        // Arithmetic and comparison.
        "×": "x", "−": "-", "∗": "*", "÷": "/", "±": "+/-", "≥": ">=", "≤": "<=", "≠": "!=", "≈": "~",
        "∞": "inf", "√": "sqrt", "∑": "sum", "Σ": "sum", "∂": "d", "⌊": "floor(", "⌋": ")",
        "⌈": "ceil(", "⌉": ")", "½": "1/2", "¼": "1/4", "¾": "3/4", "‰": "o/oo", "°": "deg",
        // Greek letters the lessons use.
        "λ": "lambda", "η": "eta", "μ": "mu", "σ": "sigma", "α": "alpha", "β": "beta", "γ": "gamma",
        "δ": "delta", "ε": "eps", "θ": "theta", "π": "pi", "Δ": "delta", "∇": "grad",
        // Punctuation.
        "–": "-", "—": "-", "‒": "-", "‐": "-", "‑": "-", "…": "...", "•": "-", "◦": "-", "‧": ".",
        "‘": "'", "’": "'", "‚": ",", "“": "\"", "”": "\"", "„": "\"", "«": "<<", "»": ">>",
        "‖": "||", "¦": "|", "§": "S", "¶": "P", "©": "(c)", "®": "(R)", "™": "(TM)",
        "\u{00A0}": " ", "\u{2009}": " ", "\u{202F}": " ", "\u{2002}": " ", "\u{2003}": " ",
        // Marks.
        "✓": "v", "✔": "v", "✗": "x", "✘": "x", "●": "o", "○": "o", "◆": "*", "◇": "*", "■": "#", "□": "#",
        "★": "*", "☆": "*",
        // Box drawing (widgets ask ``GlyphSet/box`` instead; this is for literals in text).
        "─": "-", "━": "-", "╍": "-", "┄": "-", "┈": "-", "═": "=", "│": "|", "┃": "|", "┊": "|", "┆": "|",
        "║": "|", "┌": "+", "┐": "+", "└": "+", "┘": "+", "├": "+", "┤": "+", "┬": "+", "┴": "+", "┼": "+",
        "┏": "+", "┓": "+", "┗": "+", "┛": "+", "┣": "+", "┫": "+", "┳": "+", "┻": "+", "╋": "+",
        "╭": "+", "╮": "+", "╯": "+", "╰": "+",
        // Blocks: the vertical eighths follow ``GlyphSet/asciiRamp``, so a sparkline keeps its shape.
        "▁": ".", "▂": ":", "▃": "-", "▄": "=", "▅": "+", "▆": "*", "▇": "%", "█": "@",
        "▏": "|", "▎": "|", "▍": "#", "▌": "#", "▋": "#", "▊": "#", "▉": "#", "▐": "#", "▀": "#",
        "░": ".", "▒": ":", "▓": "#",
        "▖": ".", "▗": ".", "▘": "'", "▝": "'", "▚": ":", "▞": ":", "▙": "#", "▛": "#", "▜": "#", "▟": "#",
    ]

    /// The spelling of one character: itself when ASCII, else from ``table``,
    /// else with accents and compatibility forms stripped, else "?".
    public static func spelling(of character: Character) -> String {
        if character.isASCII { return String(character) }
        if let known = table[character] { return known }
        if let scalar = character.unicodeScalars.first, (0x2800...0x28FF).contains(scalar.value) {
            return scalar.value == 0x2800 ? " " : "."  // braille dots
        }
        let stripped = String(character).decomposedStringWithCompatibilityMapping.unicodeScalars
            .filter { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }
        if !stripped.isEmpty { return String(String.UnicodeScalarView(stripped)) }
        return "?"
    }

    /// `text` spelled in ASCII.
    ///
    /// A middle dot between two non-spaces is a product ("2·0" → "2*0", not the
    /// wrong number "2.0"); between spaces it is a separator ("a · b" → "a . b").
    /// Characters that take no columns (lone combining marks) are left out, as
    /// the grid never draws them anyway.
    public static func transliterated(_ text: some StringProtocol) -> String {
        let characters = Array(text)
        guard !characters.allSatisfy(\.isASCII) else { return String(text) }
        var result = ""
        result.reserveCapacity(characters.count + 8)
        for (index, character) in characters.enumerated() {
            if character.isASCII { result.append(character); continue }
            if character == "·" {
                let before = index > 0 ? characters[index - 1] : " "
                let after = index + 1 < characters.count ? characters[index + 1] : " "
                result += before == " " || after == " " ? "." : "*"
                continue
            }
            guard displayWidth(of: character) > 0 else { continue }
            result += spelling(of: character)
        }
        return result
    }
}
