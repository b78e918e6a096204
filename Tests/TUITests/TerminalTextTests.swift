import Testing
@testable import TUI

@Suite("TerminalText: text from files reaches the terminal escaped and capped")
struct TerminalTextTests {
    /// The issue's retitle-and-clear sequence: ESC ] 2 ; PWNED-TITLE BEL ESC [ 2 J.
    static let hostile = "\u{1B}]2;PWNED-TITLE\u{07}\u{1B}[2J"

    @Test("the retitle-and-clear sequence is shown as visible escapes, with no control character left")
    func retitleAndClear() {
        let shown = TerminalText.sanitized(Self.hostile)
        #expect(shown == #"\e]2;PWNED-TITLE\x07\e[2J"#)
        #expect(!shown.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
    }

    @Test("controls, C1 controls and invisible formatting are escaped",
          arguments: [
            ("a\nb", #"a\nb"#), ("a\rb", #"a\rb"#), ("a\tb", #"a\tb"#), ("\u{00}", #"\x00"#),
            ("\u{7F}", #"\x7F"#), ("\u{9B}2J", #"\x9B2J"#), ("\u{85}", #"\x85"#),
            ("abc\u{202E}cba", #"abc\u{202E}cba"#), ("\u{2028}", #"\u{2028}"#), ("\u{FEFF}x", #"\u{FEFF}x"#),
            ("\u{E000}", #"\u{E000}"#), ("\u{10FFFF}", #"\u{10FFFF}"#),
          ])
    func escapes(input: String, expected: String) {
        #expect(TerminalText.sanitized(input) == expected)
    }

    @Test("printable text is unchanged: accents, CJK, emoji with joiners, backslashes")
    func printable() {
        for text in ["setosa", "café", "漢字", "👩‍💻", "C:\\models\\m", "e\u{301}"] {
            #expect(TerminalText.sanitized(text) == text)
            #expect(TerminalText.isPrintable(text))
        }
        #expect(!TerminalText.isPrintable(Self.hostile))
    }

    @Test("long text is capped with …, never cutting an escape in half")
    func capped() {
        #expect(TerminalText.sanitized(String(repeating: "x", count: 500), maxLength: 10) == "xxxxxxxxx…")
        #expect(TerminalText.sanitized("0123456789", maxLength: 10) == "0123456789")
        #expect(TerminalText.sanitized("01234567\u{1B}", maxLength: 10) == #"01234567\e"#)
        #expect(TerminalText.sanitized("01234567\u{1B}", maxLength: 9) == "01234567…")
        // One "character" of a million combining marks is capped too.
        let heavy = "e" + String(repeating: "\u{301}", count: 1_000_000)
        #expect(TerminalText.sanitized(heavy, maxLength: 20).unicodeScalars.count == 20)
        #expect(TerminalText.sanitized(String(repeating: "x", count: 500)).count == TerminalText.defaultMaximumLength)
    }

    @Test("a message's own line breaks stay, each line sanitized")
    func lines() {
        #expect(TerminalText.sanitizedLines("Error: bad \"\(Self.hostile)\"\nUsage: x")
                == "Error: bad \"\\e]2;PWNED-TITLE\\x07\\e[2J\"\nUsage: x")
    }

    @Test("the grid draws control characters as escapes, not as nothing")
    func grid() {
        var grid = Grid(width: 40, height: 1)
        let used = grid.write("x" + Self.hostile, x: 0, y: 0)
        #expect(grid.line(0).hasPrefix(#"x\e]2;PWNED-TITLE\x07\e[2J"#), "\(grid.line(0))")
        #expect(used == 26)
        #expect(!grid.lines.joined().unicodeScalars.contains { $0.value < 0x20 })
        var narrow = Grid(width: 6, height: 1)
        narrow.write("ab\u{1B}cdefgh", x: 0, y: 0, maxWidth: 5)
        #expect(narrow.line(0) == #"ab\ec "#)
    }
}
