import Foundation
import MiniNN
import TUI

/// Drawing "your own CSV": the path field with its completions, and the
/// file's columns to pick the target from.
extension SandboxSetup {
    func renderPathField(into grid: inout Grid, area: Rect) {
        let (inner, message, hints) = frame(into: &grid, area: area, title: "Your own CSV")
        let unicode = grid.glyphs.isUnicode
        let field = TextField(label: "path", text: pathText, placeholder: "a .csv file, e.g. datasets/csv/wine.csv")
        grid.render(field, in: Rect(x: inner.x, y: inner.y, width: inner.width, height: 1))
        // Not the directory's name: the screen stays the same wherever the playground starts (and in its golden files).
        let help = "A relative path starts where netplayground was started. Tab completes a name; a second Tab "
            + "lists the choices. The first row may name the columns; comma, semicolon or tab between fields."
        let helpArea = Rect(x: inner.x + 2, y: inner.y + 2, width: inner.width - 2, height: 3)
        grid.render(Paragraph(spans: [[Span(help)]], role: .muted), in: helpArea)
        if !completionChoices.isEmpty {
            let listArea = Rect(x: inner.x + 2, y: inner.y + 6, width: inner.width - 2, height: max(0, inner.maxY - inner.y - 6))
            let names = completionChoices.map { TerminalText.sanitized($0, maxLength: 80) }
            grid.render(Paragraph(spans: [[Span(names.joined(separator: "   "))]], role: .text), in: listArea)
        }
        let shown = problem ?? "Type the path, Enter reads the file. Esc goes back to the form."
        grid.render(Paragraph(spans: [[Span(unicode || problem != nil ? shown : KeyHint.ascii(shown))]],
                              role: problem == nil ? .muted : .error), in: message)
        grid.render(PlaygroundKeys.hintBar(.textField), in: hints)
    }

    func renderColumns(into grid: inout Grid, area: Rect) {
        guard let table else { return renderPathField(into: &grid, area: area) }
        let name = TerminalText.sanitized(table.fileName, maxLength: 60)
        let (inner, message, hints) = frame(into: &grid, area: area, title: name)
        let counts = "\(table.rowCount.grouped) rows, \(table.columns.count) columns. Which column should the network predict?"
        grid.write(counts, x: inner.x, y: inner.y, style: grid.theme.style(.text), maxWidth: inner.width)
        let rows = table.columns.map { column -> [String] in
            let kind = column.isNumeric ? "numbers" : "text"
            let distinct = column.distinctCount > CSVTable.summaryDistinctLimit
                ? "> \(CSVTable.summaryDistinctLimit)" : String(column.distinctCount)
            let more = column.distinctCount > column.examples.count ? ", …" : ""
            let examples = column.examples.map { TerminalText.sanitized($0, maxLength: 24) }.joined(separator: ", ") + more
            return [TerminalText.sanitized(column.name, maxLength: 40), kind, distinct, examples]
        }
        let list = SelectList(headers: ["column", "kind", "distinct", "values"], rows: rows,
                              selectedIndex: table.targetIndex)
        grid.render(list, in: Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: max(0, inner.maxY - inner.y - 2)))
        let target = TerminalText.sanitized(table.targetName, maxLength: 40)
        let shown = problem ?? "Enter predicts \(target) from the other columns (text columns one-hot, numbers "
            + "standardized). ↑↓ choose another; Esc: another file."
        grid.render(Paragraph(spans: [[Span(grid.glyphs.isUnicode || problem != nil ? shown : KeyHint.ascii(shown))]],
                              role: problem == nil ? .muted : .error), in: message)
        grid.render(PlaygroundKeys.hintBar(.columnPicker), in: hints)
    }

    /// The form's frame: the title line with `subtitle`, the box with `title`,
    /// and the two message rows and hint row below it.
    func frame(into grid: inout Grid, area: Rect, title: String,
               subtitle: String = "your own data") -> (inner: Rect, message: Rect, hints: Rect) {
        let theme = grid.theme
        let rows = Layout.vertical([.length(3), .fill(1), .length(2), .length(1)]).split(area)
        grid.write("Sandbox", x: area.x + 2, y: rows[0].y + 1, style: theme.style(.title))
        grid.write("  " + subtitle, x: area.x + 9, y: rows[0].y + 1,
                   style: theme.style(.muted), maxWidth: max(0, area.width - 11))
        let box = rows[1].inset(left: 1, right: 1)
        let block = Block(title: title, focused: true)
        grid.render(block, in: box)
        let inner = block.inner(box).inset(top: 1, left: 2, right: 2)
        return (inner, rows[2].inset(left: 2, right: 2), rows[3].inset(left: 1))
    }
}
