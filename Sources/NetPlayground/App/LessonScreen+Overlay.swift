import TUI

extension LessonScreen {
    /// The lesson as it is, under a focused box of `size` centred between the
    /// title and the hint row, which shows `keys`' hints instead of the
    /// lesson's. Returns the box's inside, for what the overlay lists.
    func renderUnderBox(into grid: inout Grid, area: Rect, framesPerSecond: Double?, keys context: KeyContext,
                        size: Size, title: String, rightTitle: String) -> Rect {
        render(into: &grid, area: area, framesPerSecond: framesPerSecond)
        let hintRow = Rect(x: area.x, y: area.maxY - 1, width: area.width, height: 1)
        grid.fill(hintRow)
        grid.render(PlaygroundKeys.hintBar(context), in: hintRow.inset(left: 1))
        let box = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 2).centered(size)
        grid.fill(box)
        let block = Block(title: title, rightTitle: rightTitle, focused: true)
        grid.render(block, in: box)
        return block.inner(box)
    }
}
