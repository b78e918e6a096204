import Foundation

/// The 28×28 drawing of the canvas screen: intensities in 0...1, a cursor
/// and a pen. Strokes are round and anti-aliased (a grey rim around a solid
/// core), like MNIST's pen strokes; painting only ever brightens a pixel, so
/// going over a stroke again does not change it.
struct DigitCanvas: Sendable, Equatable {
    static let side = 28
    /// Pen widths in pixels that `[` `]` step through.
    static let penWidths = [1, 2, 3, 4]

    private(set) var pixels = [Float](repeating: 0, count: side * side)
    /// The cursor's pixel (column, row), from the top left; it starts in the centre.
    private(set) var cursor = (x: side / 2, y: side / 2)
    /// Whether moving the cursor paints.
    private(set) var penDown = false
    private(set) var penWidth = 2

    static func == (a: DigitCanvas, b: DigitCanvas) -> Bool {
        a.pixels == b.pixels && a.cursor == b.cursor && a.penDown == b.penDown && a.penWidth == b.penWidth
    }

    var isBlank: Bool { !pixels.contains { $0 > 0 } }

    /// Moves the cursor by (dx, dy), staying on the canvas; with the pen down
    /// it paints where it arrives.
    mutating func move(dx: Int, dy: Int) {
        cursor = (min(Self.side - 1, max(0, cursor.x + dx)), min(Self.side - 1, max(0, cursor.y + dy)))
        if penDown { paint(at: cursor) }
    }

    /// Puts the cursor at a pixel (a mouse press), painting there when `paints`.
    mutating func place(x: Int, y: Int, paints: Bool, erases: Bool = false) {
        guard (0..<Self.side).contains(x), (0..<Self.side).contains(y) else { return }
        cursor = (x, y)
        if erases { erase(at: cursor) } else if paints { paint(at: cursor) }
    }

    /// Space: pen down (painting here at once) or up.
    mutating func togglePen() {
        penDown.toggle()
        if penDown { paint(at: cursor) }
    }

    /// `[` `]`: a thinner or thicker pen.
    mutating func changePenWidth(by steps: Int) {
        let index = Self.penWidths.firstIndex(of: penWidth) ?? 1
        penWidth = Self.penWidths[min(Self.penWidths.count - 1, max(0, index + steps))]
    }

    /// `c`: a blank canvas; the cursor and pen stay.
    mutating func clear() {
        pixels = [Float](repeating: 0, count: Self.side * Self.side)
    }

    /// `x`: clears the pen's footprint under the cursor.
    mutating func erase(at point: (x: Int, y: Int)) {
        stamp(at: point) { _, _ in 0 }
    }

    mutating func eraseUnderCursor() { erase(at: cursor) }

    /// A round dab of the pen: full intensity within half the pen's width of
    /// the pixel's centre, fading to nothing over one more pixel.
    private mutating func paint(at point: (x: Int, y: Int)) {
        stamp(at: point) { old, coverage in max(old, coverage) }
    }

    private mutating func stamp(at point: (x: Int, y: Int), _ combine: (Float, Float) -> Float) {
        let core = Float(penWidth) / 2, reach = Int((core + 1).rounded(.up))
        for y in max(0, point.y - reach)...min(Self.side - 1, point.y + reach) {
            for x in max(0, point.x - reach)...min(Self.side - 1, point.x + reach) {
                let distance = Float(((x - point.x) * (x - point.x) + (y - point.y) * (y - point.y))).squareRoot()
                let coverage = min(1, max(0, core + 0.5 - distance))
                guard coverage > 0 else { continue }
                pixels[y * Self.side + x] = combine(pixels[y * Self.side + x], coverage)
            }
        }
    }
}
