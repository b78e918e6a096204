/// Rows of left-aligned columns under a header, one row selected (marked
/// `▶` and in the focus color) and kept in view when there are more rows
/// than room: a list to choose from, e.g. a table's columns.
///
///       column         kind      values
///       alcohol        numbers   14.23, 13.2, 13.16, …
///     ▶ class          classes   0, 1, 2
///
/// Columns take their widest entry's width; the last column is cut to what
/// is left (with `…`). A muted footer (e.g. "rows 1–10 of 14") follows when
/// the rows do not all fit.
public struct SelectList: Widget, Sendable {
    public var headers: [String]
    public var rows: [[String]]
    public var selectedIndex: Int
    public var focused: Bool
    public var columnSpacing: Int

    public init(headers: [String], rows: [[String]], selectedIndex: Int, focused: Bool = true, columnSpacing: Int = 2) {
        self.headers = headers
        self.rows = rows
        self.selectedIndex = selectedIndex
        self.focused = focused
        self.columnSpacing = max(1, columnSpacing)
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        let theme = grid.theme
        let columnCount = max(headers.count, rows.map(\.count).max() ?? 0)
        var widths = (0..<columnCount).map { column in
            ([headers] + rows).reduce(0) { width, row in column < row.count ? max(width, displayWidth(of: row[column])) : width }
        }
        // Every column but the last keeps its width up to a third of the room; the last takes the rest.
        let room = area.width - 2
        for column in widths.indices.dropLast() { widths[column] = min(widths[column], max(4, room / 3)) }
        func drawRow(_ cells: [String], y: Int, style: Style) {
            var x = area.x + 2
            for (column, width) in widths.enumerated() where x < area.maxX {
                let isLast = column == widths.count - 1
                let space = isLast ? area.maxX - x : min(width, area.maxX - x)
                let text = column < cells.count ? cells[column] : ""
                grid.write(truncated(text, toWidth: space, ellipsis: grid.glyphs.ellipsis), x: x, y: y, style: style,
                           maxWidth: space, clip: area)
                x += width + columnSpacing
            }
        }
        drawRow(headers, y: area.y, style: theme.style(.muted))
        let listHeight = area.height - 1
        guard listHeight > 0, !rows.isEmpty else { return }
        let selected = min(max(0, selectedIndex), rows.count - 1)
        let fits = rows.count <= listHeight
        let visible = fits ? rows.count : max(1, listHeight - 1)  // a footer line says which rows show
        let first = max(0, min(selected - visible + 1, rows.count - visible))
        for offset in 0..<min(visible, rows.count - first) {
            let index = first + offset
            let y = area.y + 1 + offset
            let lit = index == selected && focused
            let style = lit ? theme.style(.focus) : theme.style(.text)
            if index == selected { grid.set(grid.glyphs.focusMarker, x: area.x, y: y, style: style, clip: area) }
            drawRow(rows[index], y: y, style: style)
        }
        if !fits {
            let footer = "rows \(first + 1)–\(first + visible) of \(rows.count)"
            grid.write(footer, x: area.x + 2, y: area.y + 1 + visible, style: theme.style(.muted),
                       maxWidth: area.width - 2, clip: area)
        }
    }
}
