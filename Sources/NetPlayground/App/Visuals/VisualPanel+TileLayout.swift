import TUI

extension VisualPanel {
    /// Up to as many `tileWidth × tileHeight` tiles as fit (and `count` at most),
    /// row by row; tiles shrink (keeping their proportions) when few fit.
    func tileLayout(count: Int, in area: Rect, tileWidth: Int, tileHeight: Int) -> [Rect] {
        guard count > 0, !area.isEmpty else { return [] }
        var width = tileWidth, height = tileHeight
        func capacity() -> Int { max(0, area.width / width) * max(0, area.height / height) }
        while capacity() < count && width > 4 && height > 2 {
            width = max(4, width * 4 / 5)
            height = max(2, height * 4 / 5)
        }
        let perRow = max(1, area.width / width)
        var rects: [Rect] = []
        for index in 0..<count {
            let row = index / perRow, column = index % perRow
            let rect = Rect(x: area.x + column * width, y: area.y + row * height, width: width, height: height)
            guard rect.maxY <= area.maxY else { break }
            rects.append(rect)
        }
        return rects
    }
}
