/// Where a heatmap's values land on screen: the drawn rectangle and the
/// palette position of every pixel in it (NaN off the data).
struct Raster {
    let heatmap: Heatmap
    /// Size in pixels (two per cell vertically with half blocks).
    let width: Int
    let height: Int
    /// The cells drawn.
    let target: Rect
    let halfBlocks: Bool
    let low: Double
    let high: Double

    init(heatmap: Heatmap, width: Int, height: Int, target: Rect, halfBlocks: Bool) {
        self.heatmap = heatmap
        self.width = width
        self.height = height
        self.target = target
        self.halfBlocks = halfBlocks
        (low, high) = heatmap.palette.bounds(of: heatmap.values)
    }

    /// The palette position (0...1) of pixel (px, py), top left first.
    func position(_ px: Int, _ py: Int) -> Double {
        guard px >= 0, py >= 0, px < width, py < height else { return .nan }
        let column = min(heatmap.columns - 1, px * heatmap.columns / width)
        let row = min(heatmap.rows - 1, py * heatmap.rows / height)
        return heatmap.palette.position(heatmap.value(row: row, column: column), low: low, high: high)
    }
}

extension Heatmap {
    /// Point markers by class where points are letters (no half blocks): o, x, +, …
    public static let pointLetters: [Character] = ["o", "x", "+", "#", "@", "%"]

    /// The letter for a class's points without half blocks.
    public static func pointLetter(category: Int) -> Character {
        pointLetters[((category % pointLetters.count) + pointLetters.count) % pointLetters.count]
    }

    func renderOverlays(into grid: inout Grid, raster: Raster, clip: Rect) {
        let target = raster.target
        guard !target.isEmpty else { return }
        func cell(_ x: Double, _ y: Double) -> (Int, Int)? {
            guard x.isFinite, y.isFinite, x >= 0, x <= 1, y >= 0, y <= 1 else { return nil }
            let cx = target.x + min(target.width - 1, Int(x * Double(target.width)))
            let cy = target.y + min(target.height - 1, Int((1 - y) * Double(target.height)))
            return (cx, cy)
        }
        if let line {
            // Sample densely along the segment; one dot per cell it crosses.
            let lineStyle = grid.theme.style(.highlight)
            let samples = 4 * (target.width + target.height)
            let dot: Character = grid.glyphs.isUnicode ? "•" : "."
            for step in 0...samples {
                let t = Double(step) / Double(samples)
                let x = line.x0 + (line.x1 - line.x0) * t, y = line.y0 + (line.y1 - line.y0) * t
                guard let (cx, cy) = cell(x, y) else { continue }
                var style = lineStyle
                style.background = grid[cx, cy].style.background
                grid.set(dot, x: cx, y: cy, style: style, clip: clip)
            }
        }
        for point in points {
            guard let (cx, cy) = cell(point.x, point.y) else { continue }
            if raster.halfBlocks {
                // The dot sits on the map's color at its own pixel, so the map shows
                // through around it instead of a hole in the terminal's background.
                let py = min(raster.height - 1, Int((1 - point.y) * Double(raster.height)))
                let under = raster.position(cx - target.x, py)
                let background = under.isNaN ? Color.default : (palette.color(position: under, theme: grid.theme) ?? .default)
                let color = pointColor(category: point.category, over: under, background: background, theme: grid.theme)
                grid.set(grid.glyphs.point, x: cx, y: cy,
                         style: Style(foreground: color, background: background, attributes: .bold), clip: clip)
            } else {
                // Ramp characters around it: the letter says the class, the color (if any) too.
                let color = pointColor(category: point.category, over: .nan, background: .default, theme: grid.theme)
                grid.set(Self.pointLetter(category: point.category), x: cx, y: cy,
                         style: Style(foreground: color, attributes: .bold), clip: clip)
            }
        }
    }

    /// A class's point color over palette position `under`: on a diverging
    /// map class 0 takes the negative side's hue and class 1 the positive's, weak
    /// over a strong (sure) cell and strong over a weak (unsure) one, so it keeps
    /// contrast everywhere and on either background (weak is dark on a dark
    /// one, light on a light one); other classes and palettes use the class colors.
    ///
    /// With ``pointClassCount`` above 2 (a map shading each class the network
    /// picks at 2k/(count − 1) − 1), class k takes its own shade's hue the same
    /// way, and the middle class, on the neutral, the background's opposite.
    func pointColor(category: Int, over under: Double, background: Color, theme: Theme) -> Color {
        let classColor = theme.style(.category(category)).foreground
        guard case .diverging = palette else { return classColor }
        let sign: Double
        if pointClassCount > 2 {
            guard (0..<pointClassCount).contains(category) else { return classColor }
            let position = 2 * Double(category) / Double(pointClassCount - 1) - 1
            if abs(position) < 1e-9 {
                let light = theme.background == .light
                return theme.capability == .full256 ? .gray(light ? 2 : 23) : (light ? .black : .white)
            }
            sign = position
        } else {
            guard category == 0 || category == 1 else { return classColor }
            sign = category == 0 ? -1 : 1
        }
        let strongCell = under.isFinite && abs(under * 2 - 1) > 0.5
        let color = theme.diverging(sign * (strongCell ? 0.3 : 1) / max(1, abs(sign))) ?? classColor
        // With one shade per side (8 colors) the dark dot would vanish in its own
        // class's color: it turns neutral there, and still differs from the other class.
        return color == background ? (theme.diverging(0) ?? classColor) : color
    }
}
