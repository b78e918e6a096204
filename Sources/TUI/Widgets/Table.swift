/// One table cell: text and how it looks.
public struct TableCell: Hashable, Sendable {
    public var text: String
    public var role: Role
    public var attributes: Attributes

    public init(_ text: String, role: Role = .text, attributes: Attributes = []) {
        self.text = text
        self.role = role
        self.attributes = attributes
    }
}

/// A table with a header row and a header column, right-aligned cells; e.g. a confusion matrix.
///
/// Columns take the width of their widest entry; columns that do not fit are
/// left out from the right, rows that do not fit from the bottom. A footer
/// line (a total, a note) follows the last row when there is room for it.
public struct Table: Widget, Sendable {
    public var corner: String
    public var columnHeaders: [String]
    public var rowHeaders: [String]
    public var cells: [[TableCell]]
    public var columnSpacing: Int
    /// A muted line under the rows, cut to the width; empty for none.
    public var footer: String

    public init(corner: String = "", columnHeaders: [String], rowHeaders: [String], cells: [[TableCell]],
                columnSpacing: Int = 1, footer: String = "") {
        self.footer = footer
        self.corner = corner
        self.columnHeaders = columnHeaders
        self.rowHeaders = rowHeaders
        self.cells = cells
        self.columnSpacing = max(0, columnSpacing)
    }

    /// A confusion matrix: rows are true classes, columns predictions. The
    /// diagonal (correct) is highlighted, off-diagonal counts are warnings, zeros muted.
    /// The footer says how many of the counts are right, e.g. "91 of 100 right (91.0%)", after `note` if any.
    public static func confusionMatrix(counts: [[Int]], labels: [String], corner: String = "true\\pred",
                                       note: String = "") -> Table {
        let cells = counts.enumerated().map { row, values in
            values.enumerated().map { column, count in
                if row == column { return TableCell(String(count), role: .success, attributes: .bold) }
                return count == 0 ? TableCell("0", role: .muted) : TableCell(String(count), role: .warning)
            }
        }
        let total = counts.joined().reduce(0, +)
        let right = counts.indices.reduce(0) { $0 + (counts[$1].indices.contains($1) ? counts[$1][$1] : 0) }
        var footer = total > 0 ? String(format: "%d of %d right (%.1f%%)", right, total, Double(right) / Double(total) * 100) : ""
        if !note.isEmpty { footer += footer.isEmpty ? note : "; " + note }
        return Table(corner: corner, columnHeaders: labels, rowHeaders: Array(labels.prefix(counts.count)), cells: cells,
                     footer: footer)
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        let columnCount = max(columnHeaders.count, cells.map(\.count).max() ?? 0)
        let headerWidth = max(displayWidth(of: corner), rowHeaders.map { displayWidth(of: $0) }.max() ?? 0)
        var widths: [Int] = []
        for column in 0..<columnCount {
            var width = column < columnHeaders.count ? displayWidth(of: columnHeaders[column]) : 0
            for row in cells where column < row.count { width = max(width, displayWidth(of: row[column].text)) }
            widths.append(width)
        }
        let theme = grid.theme
        let box = grid.glyphs.box
        // Header row, then a rule, then the data rows.
        grid.write(corner, x: area.x, y: area.y, style: theme.style(.muted), maxWidth: headerWidth, clip: area)
        var x = area.x + headerWidth + columnSpacing
        var visibleColumns = 0
        for (column, width) in widths.enumerated() {
            guard x + width <= area.maxX else { break }
            let header = column < columnHeaders.count ? columnHeaders[column] : ""
            grid.write(header, x: x + width - displayWidth(of: header), y: area.y, style: theme.style(.title), clip: area)
            x += width + columnSpacing
            visibleColumns += 1
        }
        let ruleWidth = min(area.width, x - area.x - columnSpacing)
        if area.height > 1 {
            for column in 0..<max(0, ruleWidth) {
                grid.set(box.horizontal, x: area.x + column, y: area.y + 1, style: theme.style(.border), clip: area)
            }
        }
        for (rowIndex, row) in cells.enumerated() {
            let y = area.y + 2 + rowIndex
            guard y < area.maxY else { break }
            let header = rowIndex < rowHeaders.count ? rowHeaders[rowIndex] : ""
            grid.write(header, x: area.x, y: y, style: theme.style(.title), maxWidth: headerWidth, clip: area)
            var cellX = area.x + headerWidth + columnSpacing
            for column in 0..<visibleColumns {
                if column < row.count {
                    let cell = row[column]
                    let text = String(cell.text)
                    grid.write(text, x: cellX + widths[column] - displayWidth(of: text), y: y,
                               style: theme.style(cell.role).adding(cell.attributes), maxWidth: widths[column], clip: area)
                }
                cellX += widths[column] + columnSpacing
            }
        }
        let footerY = area.y + 2 + cells.count
        if !footer.isEmpty, footerY < area.maxY {
            grid.write(footer, x: area.x, y: footerY, style: theme.style(.muted), maxWidth: area.width, clip: area)
        }
    }
}
