/// One terminal cell: a character with its display width and style.
///
/// A wide character (width 2) occupies its cell and the next one; the next cell
/// is a *continuation* (width 0) that the backend never draws on its own.
public struct Cell: Hashable, Sendable {
    public var character: Character
    /// Columns the character takes: 1, 2 (wide) or 0 (the right half of a wide character).
    public var width: UInt8
    public var style: Style

    public init(_ character: Character = " ", style: Style = .plain) {
        self.character = character
        self.width = UInt8(max(1, displayWidth(of: character)))
        self.style = style
    }

    public static let blank = Cell()

    /// The right half of a wide character.
    static func continuation(style: Style) -> Cell {
        var cell = Cell(" ", style: style)
        cell.width = 0
        return cell
    }

    public var isContinuation: Bool { width == 0 }
}

/// A text that a grid could not show whole and that does not end in "…" where it was cut.
public struct SilentCut: Sendable, Equatable, CustomStringConvertible {
    public let text: String
    public let x: Int, y: Int
    /// What fitted.
    public let shown: String
    public var description: String { "(\(x),\(y)) \"\(text)\" shown as \"\(shown)\"" }
}

/// A rectangular buffer of cells that widgets draw into (ratatui's `Buffer`).
///
/// Every write is clipped to the grid, so widgets can be careless about edges.
/// The grid also carries the `Theme` and `GlyphSet` of the terminal it is drawn
/// for, so a widget can ask `grid.theme.style(.title)` or `grid.glyphs.box`.
public struct Grid: Sendable {
    public private(set) var size: Size
    public private(set) var cells: [Cell]
    public var theme: Theme
    public var glyphs: GlyphSet
    /// When not nil, every text ``write(_:x:y:style:maxWidth:clip:)`` cuts
    /// without a sign is appended here. Tests switch it on to find widgets
    /// that lose text; drawing for the terminal leaves it off.
    public var silentCuts: [SilentCut]?

    public init(size: Size, theme: Theme = .monochrome, glyphs: GlyphSet = .braille) {
        self.size = size
        self.cells = Array(repeating: .blank, count: size.width * size.height)
        self.theme = theme
        self.glyphs = glyphs
    }

    public init(width: Int, height: Int, theme: Theme = .monochrome, glyphs: GlyphSet = .braille) {
        self.init(size: Size(width: width, height: height), theme: theme, glyphs: glyphs)
    }

    public var width: Int { size.width }
    public var height: Int { size.height }
    /// The whole grid as a rectangle.
    public var area: Rect { Rect(size: size) }

    /// Changes the size, keeping nothing (the next frame redraws everything).
    public mutating func resize(to newSize: Size) {
        size = newSize
        cells = Array(repeating: .blank, count: newSize.width * newSize.height)
    }

    /// The cell at a position; a blank cell outside the grid.
    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < size.width, y < size.height else { return .blank }
        return cells[y * size.width + x]
    }

    /// Puts a cell at a position, clipped to the grid and to `clip`.
    ///
    /// Overwriting either half of a wide character blanks the other half, and a
    /// wide character that would stick out of the clip area becomes a space.
    public mutating func set(_ cell: Cell, x: Int, y: Int, clip: Rect? = nil) {
        let bounds = clip.map { $0.intersection(area) } ?? area
        guard bounds.contains(x: x, y: y) else { return }
        var cell = cell
        if glyphs == .ascii && !cell.character.isASCII && !cell.isContinuation {
            // One cell has room for one character: a longer spelling ("->") is
            // the caller's to lay out with `write`; here its first one, or "?".
            let spelling = ASCIIText.spelling(of: cell.character)
            cell = Cell(spelling.count == 1 ? spelling.first ?? "?" : "?", style: cell.style)
        }
        if cell.width == 2 && !bounds.contains(x: x + 1, y: y) {
            cell = Cell(" ", style: cell.style)
        }
        breakWideCharacter(at: x, y: y)
        cells[y * size.width + x] = cell
        if cell.width == 2 {
            breakWideCharacter(at: x + 1, y: y)
            cells[y * size.width + x + 1] = .continuation(style: cell.style)
        }
    }

    /// Before a cell is overwritten, blanks the other half of a wide character it belongs to.
    private mutating func breakWideCharacter(at x: Int, y: Int) {
        let index = y * size.width + x
        let old = cells[index]
        if old.width == 2, x + 1 < size.width {
            cells[index + 1] = Cell(" ", style: cells[index + 1].style)
        } else if old.isContinuation, x > 0 {
            cells[index - 1] = Cell(" ", style: cells[index - 1].style)
        }
    }

    /// Puts one character with a style.
    public mutating func set(_ character: Character, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil) {
        set(Cell(character, style: style), x: x, y: y, clip: clip)
    }

    /// Writes a string on one row starting at `x`, clipped to `maxWidth` columns,
    /// the grid and `clip`. Control and other non-printable characters are shown
    /// escaped (`\e`, `\x07`; see ``TerminalText``), lone combining marks are
    /// skipped rather than mis-drawn. On an ASCII grid the text is spelled in
    /// ASCII first (``ASCIIText``: "x₁ → x₂" is "x1 -> x2"). Returns the columns the text advanced,
    /// clipped ones included, so callers can lay out what follows.
    @discardableResult
    public mutating func write(
        _ string: some StringProtocol, x: Int, y: Int, style: Style = .plain,
        maxWidth: Int = Int.max, clip: Rect? = nil
    ) -> Int {
        if !TerminalText.isPrintable(string) {
            // At most one escape per column can show; the rest would be clipped anyway.
            let shown = TerminalText.sanitized(string.prefix(max(0, min(maxWidth, size.width)) + 1),
                                               maxLength: Int.max)
            return write(shown, x: x, y: y, style: style, maxWidth: maxWidth, clip: clip)
        }
        if glyphs == .ascii && !string.allSatisfy(\.isASCII) {
            // Spelled before layout, since a spelling can be wider than its character ("→" → "->").
            return write(ASCIIText.transliterated(string), x: x, y: y, style: style, maxWidth: maxWidth, clip: clip)
        }
        var column = 0
        for character in string {
            let w = displayWidth(of: character)
            guard w > 0 else { continue }
            if column + w > maxWidth { break }
            set(Cell(character, style: style), x: x + column, y: y, clip: clip)
            column += w
        }
        if silentCuts != nil { recordCut(of: string, x: x, y: y, maxWidth: maxWidth, clip: clip) }
        return column
    }

    /// Notes `string` in ``silentCuts`` when a printed character of it fell
    /// outside `maxWidth`, `clip` or the grid and the part shown does not end in "…",
    /// or when the whole row fell above or below them.
    private mutating func recordCut(of string: some StringProtocol, x: Int, y: Int, maxWidth: Int, clip: Rect?) {
        let bounds = clip.map { $0.intersection(area) } ?? area
        var column = 0, shown = "", lost = false
        for character in string {
            let w = displayWidth(of: character)
            guard w > 0 else { continue }
            let fits = column + w <= maxWidth && bounds.contains(x: x + column, y: y)
                && bounds.contains(x: x + column + w - 1, y: y)
            if fits && !lost {
                shown.append(character)
            } else if character != " " {
                lost = true
            }
            column += w
        }
        let signed = shown.hasSuffix("…") || shown.hasSuffix("...")
        // A whole row below or above its clip is a cut too (a list longer than its box),
        // unless it starts left or right of the clip as well: then it was never meant for it.
        let rowCut = shown.isEmpty && (y < bounds.y || y >= bounds.maxY) && x >= bounds.x && x < bounds.maxX
        if lost && !signed && (rowCut || !(shown.isEmpty && !bounds.contains(x: x, y: y))) {
            silentCuts?.append(SilentCut(text: String(string), x: x, y: y, shown: shown))
        }
    }

    /// Fills a rectangle with one cell.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.minY..<r.maxY {
            for x in r.minX..<r.maxX { set(cell, x: x, y: y) }
        }
    }

    /// Replaces the style of every cell in a rectangle, keeping the characters.
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.minY..<r.maxY {
            for x in r.minX..<r.maxX { cells[y * size.width + x].style = style }
        }
    }

    /// Applies a change to the style of every cell in a rectangle.
    public mutating func updateStyle(in rect: Rect, _ change: (inout Style) -> Void) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.minY..<r.maxY {
            for x in r.minX..<r.maxX { change(&cells[y * size.width + x].style) }
        }
    }

    /// Resets every cell to blank.
    public mutating func clear() {
        for index in cells.indices { cells[index] = .blank }
    }

    // MARK: Reading back (snapshots, tests)

    /// The text of row `y`, continuation cells left out, trailing spaces kept.
    public func line(_ y: Int) -> String {
        guard y >= 0, y < size.height else { return "" }
        var text = ""
        for x in 0..<size.width {
            let cell = cells[y * size.width + x]
            if !cell.isContinuation { text.append(cell.character) }
        }
        return text
    }

    /// All rows as text.
    public var lines: [String] { (0..<size.height).map(line) }

    /// The rows as one string, trailing spaces trimmed from each row.
    public var text: String {
        lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }.joined(separator: "\n")
    }

    /// Whether `needle` appears on some row.
    public func contains(_ needle: String) -> Bool { lines.contains { $0.contains(needle) } }

    // MARK: Diffing

    /// The cells that differ from `previous` (all of them when the sizes differ), in row order.
    public func changes(since previous: Grid?) -> [CellChange] {
        var result: [CellChange] = []
        let full = previous?.size != size
        for y in 0..<size.height {
            for x in 0..<size.width {
                let index = y * size.width + x
                let cell = cells[index]
                if full || previous?.cells[index] != cell {
                    result.append(CellChange(x: x, y: y, cell: cell))
                }
            }
        }
        return result
    }
}

/// A cell to draw at a position; what `Backend.draw` receives.
public struct CellChange: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var cell: Cell

    public init(x: Int, y: Int, cell: Cell) {
        self.x = x
        self.y = y
        self.cell = cell
    }
}
