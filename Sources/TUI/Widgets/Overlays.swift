/// A centred dialog with a title, wrapped text and a hint line; clears what is under it.
public struct MessageBox: Widget, Sendable {
    public var title: String
    public var message: String
    /// `.warning` and `.error` color the border and title.
    public var role: Role
    /// The last line, e.g. which key closes the box; empty: no such line.
    public var hint: String
    /// The widest the box grows.
    public var maxWidth: Int

    public init(title: String, message: String, role: Role = .title, hint: String = "Enter or Esc to close",
                maxWidth: Int = 64) {
        self.title = title
        self.message = message
        self.role = role
        self.hint = hint
        self.maxWidth = maxWidth
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        let paragraph = Paragraph(message)
        let width = min(area.width, max(30, min(maxWidth, displayWidth(of: message) + 4)))
        let textHeight = paragraph.wrappedLineCount(width: max(1, width - 4), glyphs: grid.glyphs)
        let height = min(area.height, textHeight + (hint.isEmpty ? 2 : 4))
        let box = area.centered(Size(width: width, height: height))
        grid.fill(box)
        // The dialog's meaning (warning, error) shows in the border and title color.
        grid.render(Block(title: title, focused: true, accent: role), in: box)
        guard !hint.isEmpty else {
            grid.render(paragraph, in: box.inset(top: 1, left: 2, bottom: 1, right: 2))
            return
        }
        let inner = box.inset(top: 1, left: 2, bottom: 1, right: 2)
        grid.render(paragraph, in: Rect(x: inner.x, y: inner.y, width: inner.width, height: max(0, inner.height - 1)))
        if inner.height >= 2 {
            grid.write(hint, x: inner.maxX - min(inner.width, displayWidth(of: hint)), y: inner.maxY - 1,
                       style: grid.theme.style(.muted), maxWidth: inner.width, clip: inner)
        }
    }
}

/// The help overlay: every key of a `KeyTable`, grouped by section, in a centred box.
///
/// Built from the same table the app dispatches with, so it always tells the truth.
/// Sections flow into a second column when one column would not fit, and
/// scroll (by `scroll` rows, clamped) when two do not fit either. Without
/// Unicode the arrows in key labels are spelled out ("Up / k").
public struct HelpOverlay: Widget, Sendable {
    public var title: String
    public var sections: [(title: String, hints: [KeyHint])]
    public var footer: String
    /// Rows scrolled off the top; clamped to what there is to scroll.
    public var scroll: Int

    public init(title: String = "Keys", sections: [(title: String, hints: [KeyHint])], footer: String = "Esc or ? to close",
                scroll: Int = 0) {
        self.title = title
        self.sections = sections
        self.footer = footer
        self.scroll = scroll
    }

    /// The keys of `table` that hold in `context` (nil: those without contexts).
    public init<Action>(title: String = "Keys", table: KeyTable<Action>, context: KeyContext? = nil,
                        footer: String = "Esc or ? to close", scroll: Int = 0) {
        self.init(title: title, sections: table.helpSections(in: context), footer: footer, scroll: scroll)
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        let unicode = grid.glyphs.isUnicode
        let sections = unicode ? self.sections : self.sections.map { section in
            (title: section.title, hints: section.hints.map { KeyHint(keys: $0.asciiKeys, summary: $0.summary) })
        }
        let keyWidth = sections.flatMap(\.hints).map { displayWidth(of: $0.keys) }.max() ?? 0
        let summaryWidth = sections.flatMap(\.hints).map { displayWidth(of: $0.summary) }.max() ?? 0
        let columnWidth = max(displayWidth(of: footer), keyWidth + 2 + summaryWidth,
                              sections.map { displayWidth(of: $0.title) }.max() ?? 0)
        // Lines per section: its title, its hints, a blank line between sections.
        let sectionHeights = sections.map { $0.hints.count + 1 }
        let oneColumnHeight = sectionHeights.reduce(0, +) + max(0, sections.count - 1)
        let twoColumns = oneColumnHeight + 4 > area.height && 2 * columnWidth + 7 <= area.width && sections.count > 1
        var split = sections.count
        if twoColumns {
            // Put the first sections in the left column until about half the lines are used.
            var used = 0
            split = 0
            while split < sections.count && used < (oneColumnHeight + 1) / 2 {
                used += sectionHeights[split] + 1
                split += 1
            }
        }
        let columnHeight = { (range: Range<Int>) in
            range.reduce(0) { $0 + sectionHeights[$1] } + max(0, range.count - 1)
        }
        let contentHeight = twoColumns
            ? max(columnHeight(0..<split), columnHeight(split..<sections.count))
            : oneColumnHeight
        let width = min(area.width, (twoColumns ? 2 * columnWidth + 3 : columnWidth) + 4)
        let height = min(area.height, contentHeight + 4)
        let box = area.centered(Size(width: width, height: height))
        grid.fill(box)
        grid.render(Block(title: title, focused: true), in: box)
        let inner = box.inset(top: 1, left: 2, bottom: 1, right: 2)
        guard !inner.isEmpty else { return }
        // Scrolled: the rows above the fold are skipped; the footer line stays.
        let visible = max(0, inner.height - 1)
        let offset = max(0, min(scroll, contentHeight - visible))
        let columns: [Range<Int>] = twoColumns ? [0..<split, split..<sections.count] : [0..<sections.count]
        for (columnIndex, range) in columns.enumerated() {
            let columnRect = Rect(x: inner.x + columnIndex * (columnWidth + 3), y: inner.y,
                                  width: min(columnWidth, inner.maxX - inner.x - columnIndex * (columnWidth + 3)),
                                  height: max(0, inner.height - 1)).intersection(inner)
            var y = columnRect.y - offset
            // Only the window's rows are drawn; the marks on the border say what lies outside it.
            let shows = { (row: Int) in row >= columnRect.y && row < columnRect.maxY }
            for index in range {
                let section = sections[index]
                if index != range.lowerBound { y += 1 }
                if shows(y) { grid.write(section.title, x: columnRect.x, y: y, style: grid.theme.style(.title), clip: columnRect) }
                y += 1
                for hint in section.hints {
                    if shows(y) {
                        grid.write(hint.keys, x: columnRect.x, y: y, style: grid.theme.style(.keyHint), clip: columnRect)
                        grid.write(hint.summary, x: columnRect.x + keyWidth + 2, y: y, style: grid.theme.style(.text),
                                   clip: columnRect)
                    }
                    y += 1
                }
            }
        }
        let marks = grid.glyphs.isUnicode ? ("▲", "▼") : ("^", "v")
        if offset > 0 { grid.set(Cell(Character(marks.0), style: grid.theme.style(.keyHint)), x: box.maxX - 2, y: box.y) }
        if offset + visible < contentHeight {
            grid.set(Cell(Character(marks.1), style: grid.theme.style(.keyHint)), x: box.maxX - 2, y: box.maxY - 1)
        }
        if inner.height >= 2 {
            grid.write(footer, x: inner.maxX - min(inner.width, displayWidth(of: footer)), y: inner.maxY - 1,
                       style: grid.theme.style(.muted), maxWidth: inner.width, clip: inner)
        }
    }
}

/// What to show instead of the app when the terminal is too small for it.
public struct SizeGuard: Widget, Sendable {
    public var minimum: Size
    /// The app's name, said first ("NetPlayground needs a bigger window."); nil: not said.
    public var appName: String?

    public init(minimum: Size, appName: String? = nil) {
        self.minimum = minimum
        self.appName = appName
    }

    /// Whether an area is big enough for the app.
    public func fits(_ size: Size) -> Bool {
        size.width >= minimum.width && size.height >= minimum.height
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        grid.fill(area)
        let by = grid.glyphs.isUnicode ? "×" : "x"
        let message = (appName.map { "**\($0)** needs a bigger window. " } ?? "") + "The window is \(area.width)\(by)\(area.height). Make it at least "
            + "**\(minimum.width)\(by)\(minimum.height)** to see everything. `q` quits."
        let paragraph = Paragraph(message, centered: true)
        let lines = paragraph.wrappedLineCount(width: area.width, glyphs: grid.glyphs)
        let top = area.y + max(0, (area.height - lines) / 2)
        grid.render(paragraph, in: Rect(x: area.x, y: top, width: area.width, height: area.maxY - top))
    }
}
