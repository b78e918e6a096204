import Testing
@testable import TUI

/// LANG=C: every character the ASCII glyph set lacks is spelled in ASCII where
/// text is laid out, never dropped.
@Suite("ASCIIText: text on an ASCII terminal is transliterated, not dropped")
struct ASCIITextTests {
    /// `text` written on a one-row ASCII grid, trailing spaces trimmed.
    static func drawn(_ text: String, width: Int = 60) -> String {
        var grid = Grid(width: width, height: 1, glyphs: .ascii)
        grid.write(text, x: 0, y: 0)
        return grid.text
    }

    @Test("each character the issue names", arguments: [
        ("x₁, x₂", "x1, x2"), ("x² + y³", "x^2 + y^3"), ("a → b ← c", "a -> b <- c"), ("↑↓", "^v"), ("↔", "<->"),
        ("3×3", "3x3"), ("28 − 3", "28 - 3"), ("1–2 — 3", "1-2 - 3"), ("2·0", "2*0"), ("a · b", "a . b"),
        ("wait…", "wait..."), ("≥ 1, ≤ 2, ≠ 3, ≈ 4", ">= 1, <= 2, != 3, ~ 4"), ("• item", "- item"),
        ("◀ iris ▶", "< iris >"), ("it’s “so”", "it's \"so\""), ("‖w‖", "||w||"),
        ("⌊(n + 2p − k) / s⌋", "floor((n + 2p - k) / s)"), ("λ = 0.1, η", "lambda = 0.1, eta"),
        ("± ∞ ∂ Σ ½ ÷ ∗", "+/- inf d sum 1/2 / *"), ("✓ done", "v done"), ("● ▲ ▼", "o ^ v"),
        ("▁▂▃▄▅▆▇█", ".:-=+*%@"), ("─│┌┐", "-|++"), ("café", "cafe"),
    ] as [(String, String)])
    func transliterates(_ text: String, _ expected: String) {
        #expect(Self.drawn(text) == expected)
    }

    @Test("every non-ASCII character the lessons and app use comes out as ASCII, never blank")
    func everyCharacterInTheTable() {
        for (character, spelling) in ASCIIText.table {
            let shown = Self.drawn("[\(character)]")
            #expect(shown.allSatisfy { $0.isASCII }, "\(character) → \(shown)")
            #expect(shown == "[\(spelling)]", "\(character) → \(shown)")
        }
    }

    @Test("a character with no spelling becomes ?, both written and set in one cell")
    func unknownBecomesQuestionMark() {
        #expect(Self.drawn("a🙂b") == "a?b")
        #expect(Self.drawn("漢") == "?")
        var grid = Grid(width: 3, height: 1, glyphs: .ascii)
        grid.set("→", x: 0, y: 0)  // a longer spelling has no room in one cell
        grid.set("×", x: 1, y: 0)
        grid.set("✈", x: 2, y: 0)
        #expect(grid.line(0) == "?x?")
    }

    @Test("a Unicode grid keeps the characters")
    func unicodeGridUnchanged() {
        var grid = Grid(width: 12, height: 1, glyphs: .braille)
        grid.write("x₁ → 3×3", x: 0, y: 0)
        #expect(grid.text == "x₁ → 3×3")
    }

    @Test("a paragraph wraps the ASCII spelling, so its longer words are not cut")
    func paragraphWrapsTheSpelling() {
        var grid = Grid(width: 10, height: 3, glyphs: .ascii)
        grid.render(Paragraph("a → b → c → d"), in: grid.area)
        #expect(grid.lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) } == ["a -> b ->", "c -> d", ""])
        #expect(Paragraph("a → b → c → d").wrappedLineCount(width: 10, glyphs: .ascii) == 2)
        #expect(Paragraph("a → b → c → d").wrappedLineCount(width: 10) == 2)
    }

    @Test("escapes still win over spelling: a control character is shown as an escape")
    func controlsStillEscaped() {
        #expect(Self.drawn("→\u{1B}x") == "->\\ex")
    }
}
