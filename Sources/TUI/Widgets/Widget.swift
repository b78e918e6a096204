/// Something that draws itself into part of a grid (ratatui's `Widget`).
///
/// Widgets are plain values holding plain numbers and strings; `render` is pure
/// (it writes only inside `area`, reads colors from `grid.theme` and characters
/// from `grid.glyphs`) and never traps, whatever the area — 0×0 and 1×1 included.
public protocol Widget {
    func render(into grid: inout Grid, area: Rect)
}

extension Grid {
    /// Renders a widget into an area of this grid.
    public mutating func render(_ widget: some Widget, in area: Rect) {
        widget.render(into: &self, area: area.intersection(self.area))
    }
}

/// A bordered panel with a title; `inner` is the area left for its content.
///
///     let panel = Block(title: "Loss", focused: true)
///     grid.render(panel, in: area)
///     grid.render(chart, in: panel.inner(area))
public struct Block: Widget, Sendable {
    public var title: String
    /// Text on the right of the top border (e.g. "epoch 3").
    public var rightTitle: String
    /// A focused panel gets a heavy border in the focus color.
    public var focused: Bool
    public var borders: Bool
    /// A role whose color the border and title take instead (e.g. `.warning` for a warning dialog).
    public var accent: Role?

    public init(title: String = "", rightTitle: String = "", focused: Bool = false, borders: Bool = true, accent: Role? = nil) {
        self.title = title
        self.rightTitle = rightTitle
        self.focused = focused
        self.borders = borders
        self.accent = accent
    }

    /// The area inside the border (or below the title line when there is no border).
    public func inner(_ area: Rect) -> Rect {
        if borders { return area.inset(by: 1) }
        return title.isEmpty ? area : area.inset(top: 1)
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        let theme = grid.theme
        // Focus shows three ways so it survives any terminal: color, bold, and a heavier line.
        var borderLines = focused && grid.glyphs.isUnicode ? BoxGlyphs.heavy : grid.glyphs.box
        if focused && !grid.glyphs.isUnicode {
            borderLines.horizontal = "="
            borderLines.vertical = "#"
        }
        let accentRole = accent ?? (focused ? .focus : .border)
        let lineStyle = Style(foreground: theme.style(accentRole).foreground, attributes: focused ? .bold : [])
        if borders {
            for x in area.minX..<area.maxX {
                grid.set(borderLines.horizontal, x: x, y: area.minY, style: lineStyle, clip: area)
                grid.set(borderLines.horizontal, x: x, y: area.maxY - 1, style: lineStyle, clip: area)
            }
            for y in area.minY..<area.maxY {
                grid.set(borderLines.vertical, x: area.minX, y: y, style: lineStyle, clip: area)
                grid.set(borderLines.vertical, x: area.maxX - 1, y: y, style: lineStyle, clip: area)
            }
            if area.width >= 2 && area.height >= 2 {
                grid.set(borderLines.topLeft, x: area.minX, y: area.minY, style: lineStyle)
                grid.set(borderLines.topRight, x: area.maxX - 1, y: area.minY, style: lineStyle)
                grid.set(borderLines.bottomLeft, x: area.minX, y: area.maxY - 1, style: lineStyle)
                grid.set(borderLines.bottomRight, x: area.maxX - 1, y: area.maxY - 1, style: lineStyle)
            }
        }
        let titleRow = area.row(0)
        let inset = borders ? 1 : 0
        var used = 0
        if !title.isEmpty, area.width > 2 * inset + 2 {
            let titleStyle = theme.style(accent ?? (focused ? .focus : .title)).adding(.bold)
            let space = area.width - 2 * inset - 2
            used = grid.write(" \(title) ", x: area.minX + inset, y: area.minY, style: titleStyle,
                              maxWidth: min(space + 2, displayWidth(of: title) + 2), clip: titleRow)
        }
        if !rightTitle.isEmpty {
            let width = displayWidth(of: rightTitle) + 2
            let start = area.maxX - inset - width
            if start > area.minX + inset + used {
                grid.write(" \(rightTitle) ", x: start, y: area.minY, style: theme.style(.muted), clip: titleRow)
            }
        }
    }
}
