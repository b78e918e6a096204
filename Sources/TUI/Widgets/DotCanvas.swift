/// A canvas of sub-cell dots: braille gives 2×4 dots per cell, quadrant blocks
/// 2×2, ASCII 1×1. Each cell remembers which series drew in it last, for color.
struct DotCanvas {
    let columns: Int
    let rows: Int
    let dotsPerColumn: Int
    let dotsPerRow: Int
    let glyphs: GlyphSet
    private(set) var bits: [UInt8]
    private(set) var owners: [Int]

    init(columns: Int, rows: Int, glyphs: GlyphSet) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        self.glyphs = glyphs
        switch glyphs {
        case .braille: (dotsPerColumn, dotsPerRow) = (2, 4)
        case .blocks: (dotsPerColumn, dotsPerRow) = (2, 2)
        case .ascii: (dotsPerColumn, dotsPerRow) = (1, 1)
        }
        bits = Array(repeating: 0, count: self.columns * self.rows)
        owners = Array(repeating: -1, count: self.columns * self.rows)
    }

    /// Width of the canvas in dots.
    var width: Int { columns * dotsPerColumn }
    /// Height of the canvas in dots.
    var height: Int { rows * dotsPerRow }

    /// Sets a dot (origin top-left), ignoring dots outside the canvas.
    mutating func plot(x: Int, y: Int, owner: Int) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let cell = (y / dotsPerRow) * columns + x / dotsPerColumn
        let dx = x % dotsPerColumn, dy = y % dotsPerRow
        let bit: UInt8
        switch glyphs {
        case .braille:
            // Braille dots 1-2-3-7 run down the left column, 4-5-6-8 down the right.
            bit = dy < 3 ? UInt8(1 << (dy + 3 * dx)) : UInt8(1 << (6 + dx))
        case .blocks:
            bit = UInt8(1 << (dy * 2 + dx))
        case .ascii:
            bit = 1
        }
        bits[cell] |= bit
        owners[cell] = owner
    }

    /// Draws a straight line between two dots (Bresenham), skipping every
    /// `dash`-th stretch when `dash > 0` so overlapping series stay apart without color.
    mutating func line(from start: (x: Int, y: Int), to end: (x: Int, y: Int), owner: Int, dash: Int = 0) {
        var x = start.x, y = start.y
        let dx = abs(end.x - x), dy = -abs(end.y - y)
        let sx = x < end.x ? 1 : -1, sy = y < end.y ? 1 : -1
        var error = dx + dy
        var steps = 0
        // A runaway line (huge coordinates) is bounded by the canvas size.
        let limit = 4 * (width + height) + 8
        while steps < limit {
            if dash <= 0 || (x / max(1, dash)) % 2 == 0 { plot(x: x, y: y, owner: owner) }
            if x == end.x && y == end.y { break }
            let doubled = 2 * error
            if doubled >= dy { error += dy; x += sx }
            if doubled <= dx { error += dx; y += sy }
            steps += 1
        }
    }

    /// The character for a cell, or nil when the cell is empty.
    func character(column: Int, row: Int, asciiMarker: Character) -> Character? {
        let value = bits[row * columns + column]
        guard value != 0 else { return nil }
        switch glyphs {
        case .braille:
            return Character(Unicode.Scalar(0x2800 + UInt32(value)) ?? " ")
        case .blocks:
            return DotCanvas.quadrants[Int(value & 0x0F)]
        case .ascii:
            return asciiMarker
        }
    }

    func owner(column: Int, row: Int) -> Int { owners[row * columns + column] }

    private static let quadrants: [Character] = [" ", "▘", "▝", "▀", "▖", "▌", "▞", "▛", "▗", "▚", "▐", "▜", "▄", "▙", "▟", "█"]
}
