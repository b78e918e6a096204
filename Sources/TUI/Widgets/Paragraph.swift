/// A run of text with one style.
public struct Span: Hashable, Sendable {
    public var text: String
    /// The role whose style the text takes (`nil`: the paragraph's role).
    public var role: Role?
    /// Attributes added on top of the role's style.
    public var attributes: Attributes

    public init(_ text: String, role: Role? = nil, attributes: Attributes = []) {
        self.text = text
        self.role = role
        self.attributes = attributes
    }
}

/// Wrapped, scrollable text with bold and emphasis.
///
/// The markup is deliberately tiny: `**bold**`, `*emphasis*` and `` `key` ``
/// (shown in the key-hint style); a blank line separates paragraphs. Long words
/// are broken; when there is more text above or below, an arrow in the right
/// column says so.
public struct Paragraph: Widget, Sendable {
    /// Logical lines (split at newlines), each a list of spans.
    public var lines: [[Span]]
    /// Wrapped lines scrolled off the top.
    public var scroll: Int
    /// The style role of unmarked text.
    public var role: Role
    /// Centre each line (titles, dialogs) instead of aligning left.
    public var centered: Bool

    public init(_ markup: String, scroll: Int = 0, role: Role = .text, centered: Bool = false) {
        self.lines = markup.split(separator: "\n", omittingEmptySubsequences: false).map { Paragraph.parse(String($0)) }
        self.scroll = scroll
        self.role = role
        self.centered = centered
    }

    public init(spans: [[Span]], scroll: Int = 0, role: Role = .text, centered: Bool = false) {
        self.lines = spans
        self.scroll = scroll
        self.role = role
        self.centered = centered
    }

    /// How many rows the text takes when wrapped to `width` columns
    /// (on an ASCII grid, spelled in ASCII first, which can be longer).
    public func wrappedLineCount(width: Int, glyphs: GlyphSet = .braille) -> Int {
        wrap(width: width, theme: .monochrome, glyphs: glyphs).count
    }

    /// The largest useful scroll offset for an area of `size`.
    public func maxScroll(for size: Size, glyphs: GlyphSet = .braille) -> Int {
        max(0, wrappedLineCount(width: max(1, size.width - 1), glyphs: glyphs) - size.height)
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        // Keep one column for the scroll arrows only when the text does not fit.
        var textWidth = area.width
        var rows = wrap(width: textWidth, theme: grid.theme, glyphs: grid.glyphs)
        if rows.count > area.height && area.width > 1 {
            textWidth = area.width - 1
            rows = wrap(width: textWidth, theme: grid.theme, glyphs: grid.glyphs)
        }
        let top = min(max(0, scroll), max(0, rows.count - area.height))
        for (offset, row) in rows.dropFirst(top).prefix(area.height).enumerated() {
            let rowWidth = row.reduce(0) { $0 + displayWidth(of: $1.character) }
            var x = area.minX + (centered ? max(0, (textWidth - rowWidth) / 2) : 0)
            for piece in row {
                grid.set(piece.character, x: x, y: area.minY + offset, style: piece.style, clip: area)
                x += displayWidth(of: piece.character)
            }
        }
        if textWidth < area.width {
            let muted = grid.theme.style(.muted)
            if top > 0 { grid.set(grid.glyphs.up, x: area.maxX - 1, y: area.minY, style: muted) }
            if top + area.height < rows.count {
                grid.set(grid.glyphs.down, x: area.maxX - 1, y: area.maxY - 1, style: muted)
            }
        }
    }

    struct StyledCharacter: Equatable { var character: Character; var style: Style }

    /// Every logical line wrapped to `width` columns, from ``ParagraphWrapCache``
    /// when this text was wrapped to this width before.
    func wrap(width: Int, theme: Theme, glyphs: GlyphSet) -> [[StyledCharacter]] {
        guard width > 0 else { return [] }
        let key = ParagraphWrapCache.Key(lines: lines, width: width, theme: theme, glyphs: glyphs)
        if let rows = ParagraphWrapCache.shared.rows(for: key) { return rows }
        let rows = uncachedWrap(width: width, theme: theme, glyphs: glyphs)
        ParagraphWrapCache.shared.store(rows, for: key)
        return rows
    }

    /// Greedy word wrap of every logical line to `width` columns.
    func uncachedWrap(width: Int, theme: Theme, glyphs: GlyphSet) -> [[StyledCharacter]] {
        guard width > 0 else { return [] }
        var rows: [[StyledCharacter]] = []
        for line in lines {
            var characters: [StyledCharacter] = []
            for span in line {
                let style = theme.style(span.role ?? role).adding(span.attributes)
                // Spelled before wrapping, so that "->" for "→" is measured as the two columns it takes.
                let text = glyphs == .ascii ? ASCIIText.transliterated(span.text) : span.text
                for character in text where displayWidth(of: character) > 0 {
                    characters.append(StyledCharacter(character: character, style: style))
                }
            }
            rows.append(contentsOf: Paragraph.wrapLine(characters, width: width))
        }
        return rows
    }

    private static func wrapLine(_ characters: [StyledCharacter], width: Int) -> [[StyledCharacter]] {
        if characters.isEmpty { return [[]] }
        var rows: [[StyledCharacter]] = []
        var current: [StyledCharacter] = []
        var currentWidth = 0
        var index = 0
        while index < characters.count {
            // The next word: a run of non-spaces, or a single space.
            var end = index
            if characters[index].character == " " {
                end = index + 1
            } else {
                while end < characters.count && characters[end].character != " " { end += 1 }
            }
            let word = Array(characters[index..<end])
            let wordWidth = word.reduce(0) { $0 + displayWidth(of: $1.character) }
            if word.count == 1 && word[0].character == " " {
                // Spaces at a wrap point are dropped instead of starting the next row.
                if currentWidth < width && currentWidth > 0 {
                    current.append(word[0])
                    currentWidth += 1
                }
            } else if currentWidth + wordWidth <= width {
                current += word
                currentWidth += wordWidth
            } else if wordWidth <= width {
                rows.append(trimmingTrailingSpaces(current))
                current = word
                currentWidth = wordWidth
            } else {
                // A word longer than the row is broken wherever it has to be.
                for piece in word {
                    let w = displayWidth(of: piece.character)
                    if currentWidth + w > width {
                        rows.append(trimmingTrailingSpaces(current))
                        current = []
                        currentWidth = 0
                    }
                    if w <= width {
                        current.append(piece)
                        currentWidth += w
                    }
                }
            }
            index = end
        }
        rows.append(trimmingTrailingSpaces(current))
        return rows
    }

    private static func trimmingTrailingSpaces(_ row: [StyledCharacter]) -> [StyledCharacter] {
        var row = row
        while row.last?.character == " " { row.removeLast() }
        return row
    }

    /// Splits `**bold**`, `*emphasis*` and `` `key` `` markup into spans.
    static func parse(_ text: String) -> [Span] {
        var spans: [Span] = []
        var buffer = ""
        var bold = false, emphasis = false, key = false
        func flush() {
            guard !buffer.isEmpty else { return }
            var attributes: Attributes = []
            if bold { attributes.insert(.bold) }
            if emphasis { attributes.insert(.italic) }
            let role: Role? = key ? .keyHint : (emphasis ? .emphasis : nil)
            spans.append(Span(buffer, role: role, attributes: attributes))
            buffer = ""
        }
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let c = characters[index]
            if c == "`" {
                flush(); key.toggle()
            } else if !key && c == "*" && index + 1 < characters.count && characters[index + 1] == "*" {
                flush(); bold.toggle(); index += 1
            } else if !key && c == "*" && (emphasis || (index + 1 < characters.count && characters[index + 1] != " ")) {
                flush(); emphasis.toggle()
            } else {
                buffer.append(c)
            }
            index += 1
        }
        flush()
        return spans
    }
}
