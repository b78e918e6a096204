import TUI

/// Every key of ``PlaygroundKeys/table``, by section, in a box over the screen.
struct HelpOverlay: Widget {
    var scroll: Int

    func render(into grid: inout Grid, area: Rect) {
        var lines: [[Span]] = []
        for section in PlaygroundKeys.table.helpSections {
            if !lines.isEmpty { lines.append([]) }
            lines.append([Span(section.title, role: .title)])
            for hint in section.hints {
                let keys = grid.glyphs.isUnicode ? hint.keys : asciiKeys(hint.keys)
                lines.append([Span("  " + keys.padding(to: 12), role: .keyHint), Span(hint.summary)])
            }
        }
        lines.append([])
        lines.append([Span("Esc or ? closes this help.", role: .muted)])
        let height = min(area.height - 2, lines.count + 2)
        let box = area.centered(Size(width: min(area.width - 4, 64), height: height))
        grid.fill(box)
        let block = Block(title: "Keys", focused: true)
        grid.render(block, in: box)
        let inner = block.inner(box).inset(left: 1, right: 1)
        let paragraph = Paragraph(spans: lines, scroll: 0)
        let maxScroll = paragraph.maxScroll(for: inner.size)
        grid.render(Paragraph(spans: lines, scroll: min(scroll, maxScroll)), in: inner)
    }

    private func asciiKeys(_ text: String) -> String {
        text.replacingOccurrences(of: "↑", with: "Up").replacingOccurrences(of: "↓", with: "Down")
            .replacingOccurrences(of: "←", with: "Left").replacingOccurrences(of: "→", with: "Right")
    }
}

extension String {
    /// The string padded with spaces to at least `width` characters.
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
