import Foundation

/// A "Try this" panel: numbered things to try, each with the keys to press
/// drawn as keys (reversed, in the key-hint color) and what should happen.
///
///     ┏ Try this ━━━━━━━━━━━━━━━━━━━┓
///     ┃ 1. Set the learning rate to 10
///     ┃ ↓ to learning rate, then ] twice (→ 10)
///     ┃ The loss explodes…
///
/// Keys are written in backticks, the same markup as ``Paragraph``'s. Without
/// Unicode the arrows are spelled out ("Down", "->").
public struct TryThisList: Widget, Sendable {
    /// One thing to try.
    public struct Item: Hashable, Sendable {
        /// What to do, in a few words.
        public var title: String
        /// The keys in words, each key in backticks: "`↓` to data, then `+` (→ OR)".
        public var keys: String
        /// What should happen, and why.
        public var outcome: String
        /// Whether the learner has done it: ticked.
        public var done: Bool

        public init(title: String, keys: String, outcome: String, done: Bool = false) {
            self.title = title
            self.keys = keys
            self.outcome = outcome
            self.done = done
        }
    }

    public var items: [Item]
    /// A muted line above the items (empty: none).
    public var note: String
    /// Wrapped rows scrolled off the top.
    public var scroll: Int
    public var focused: Bool
    /// Muted text on the right of the heading, e.g. "PgDn more".
    public var hint: String

    public init(items: [Item], note: String = "", scroll: Int = 0, focused: Bool = false, hint: String = "") {
        self.items = items
        self.note = note
        self.scroll = scroll
        self.focused = focused
        self.hint = hint
    }

    /// The heading the panel's border carries.
    public static let heading = "Try this"

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        let block = Block(title: Self.heading, rightTitle: hint, focused: focused)
        grid.render(block, in: area)
        let inner = block.inner(area).inset(left: 1)
        let paragraph = Paragraph(spans: lines(unicode: grid.glyphs.isUnicode))
        let top = min(max(0, scroll), paragraph.maxScroll(for: inner.size, glyphs: grid.glyphs))
        grid.render(Paragraph(spans: paragraph.lines, scroll: top), in: inner)
    }

    /// The largest useful scroll for a panel of `size` (border included).
    public func maxScroll(for size: Size, unicode: Bool = true) -> Int {
        let inner = Size(width: max(0, size.width - 3), height: max(0, size.height - 2))
        return Paragraph(spans: lines(unicode: unicode)).maxScroll(for: inner, glyphs: unicode ? .braille : .ascii)
    }

    /// The list as styled lines: number and title, keys, outcome, a blank line between items.
    func lines(unicode: Bool) -> [[Span]] {
        var lines: [[Span]] = []
        if !note.isEmpty { lines += [[Span(text(note, unicode), role: .muted)], []] }
        for (index, item) in items.enumerated() {
            if index > 0 { lines.append([]) }
            let tick = item.done ? [Span(unicode ? "✓ " : "[x] ", role: .success, attributes: .bold)] : []
            lines.append([Span("\(index + 1). ", role: .muted)] + tick
                         + [Span(text(item.title, unicode), role: .emphasis, attributes: .bold)])
            lines.append(keySpans(text(item.keys, unicode)))
            lines.append([Span(text(item.outcome, unicode))])
        }
        return lines
    }

    /// Words in the text style, keys (between backticks) reversed in the key-hint style.
    private func keySpans(_ markup: String) -> [Span] {
        var spans: [Span] = []
        for (index, piece) in markup.split(separator: "`", omittingEmptySubsequences: false).enumerated()
        where !piece.isEmpty {
            let isKey = index % 2 == 1
            spans.append(isKey ? Span(String(piece), role: .keyHint, attributes: .reverse) : Span(String(piece)))
        }
        return spans
    }

    /// The text as the terminal can show it: arrows spelled out without Unicode.
    private func text(_ text: String, _ unicode: Bool) -> String {
        guard !unicode else { return text }
        let spellings: [(String, String)] = [("↑↓", "Up/Down"), ("←→", "Left/Right"), ("↑", "Up"), ("↓", "Down"),
                                             ("←", "Left"), ("→", "->"), ("×", "x"), ("…", "..."), ("—", "-"),
                                             ("–", "-"), ("↔", "<->")]
        var result = text
        for (symbol, spelling) in spellings { result = result.replacingOccurrences(of: symbol, with: spelling) }
        return result
    }
}
