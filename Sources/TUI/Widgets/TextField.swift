/// One line of text being typed, with its label and a cursor at the end:
///
///     path ▶ datasets/csv/wi█
///
/// Text longer than the field shows its end (where the cursor is), with `…`
/// where the start is cut. Without color the cursor is a reversed cell, so
/// it shows on every terminal.
public struct TextField: Widget, Sendable {
    public var label: String
    public var text: String
    /// A focused field shows its cursor and the focus color.
    public var focused: Bool
    /// Shown muted in place of empty text (e.g. "type a path; Tab completes").
    public var placeholder: String

    public init(label: String, text: String, focused: Bool = true, placeholder: String = "") {
        self.label = label
        self.text = text
        self.focused = focused
        self.placeholder = placeholder
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard area.width > 0, area.height > 0 else { return }
        let theme = grid.theme
        var x = area.x
        if !label.isEmpty {
            let marker = focused ? String(grid.glyphs.focusMarker) : " "
            x += grid.write("\(label) \(marker) ", x: x, y: area.y, style: theme.style(focused ? .focus : .text),
                            maxWidth: area.width)
        }
        let room = area.maxX - x - (focused ? 1 : 0)  // the cursor takes the cell after the text
        guard room > 0 else { return }
        if text.isEmpty && !placeholder.isEmpty {
            if focused { grid.set(" ", x: x, y: area.y, style: Style(attributes: .reverse)) }
            grid.write(placeholder, x: x + (focused ? 2 : 0), y: area.y, style: theme.style(.muted),
                       maxWidth: max(0, room - 1))
            return
        }
        // Text longer than the room: its end, after an ellipsis.
        var shown = Substring(text)
        if displayWidth(of: String(shown)) > room {
            while displayWidth(of: String(shown)) > room - 1, !shown.isEmpty { shown = shown.dropFirst() }
            x += grid.write("…", x: x, y: area.y, style: theme.style(.muted))
        }
        x += grid.write(shown, x: x, y: area.y, style: theme.style(.text))
        if focused, x < area.maxX { grid.set(" ", x: x, y: area.y, style: Style(attributes: .reverse)) }
    }
}
