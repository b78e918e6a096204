/// How values map to colors (or ramp characters without color).
public enum Palette: Hashable, Sendable {
    /// Low to high on a dark-to-bright ramp; `range` nil scales to the finite data.
    case sequential(range: ClosedRange<Double>?)
    /// Signed values around zero: negative blue, positive red; `limit` is the
    /// magnitude shown at full strength (nil: the largest finite magnitude).
    case diverging(limit: Double?)

    /// The value range shown, from the finite values when not fixed.
    func bounds(of values: [Double]) -> (low: Double, high: Double) {
        let finite = values.filter(\.isFinite)
        switch self {
        case .sequential(let range?) where range.upperBound > range.lowerBound:
            return (range.lowerBound, range.upperBound)
        case .sequential:
            guard let low = finite.min(), let high = finite.max(), high > low else {
                let v = finite.first ?? 0
                return (v - 1, v + 1)
            }
            return (low, high)
        case .diverging(let limit):
            let magnitude = limit.flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
                ?? finite.map(abs).max().flatMap { $0 > 0 ? $0 : nil } ?? 1
            return (-magnitude, magnitude)
        }
    }

    /// Position of `value` in 0...1 for the bounds (NaN stays NaN).
    func position(_ value: Double, low: Double, high: Double) -> Double {
        guard value.isFinite else { return value.isNaN ? .nan : (value > 0 ? 1 : 0) }
        return min(1, max(0, (value - low) / (high - low)))
    }

    func color(position t: Double, theme: Theme) -> Color? {
        switch self {
        case .sequential: return theme.sequential(t)
        case .diverging: return theme.diverging(t * 2 - 1)
        }
    }
}

/// A point drawn over a heatmap, in the heatmap's own coordinates (0...1 left to
/// right, 0...1 bottom to top), e.g. a training example over a decision boundary.
/// With half blocks a point is a dot in its class color on the map's own color there
/// (dark on a bright cell, bright on a dark one); otherwise a letter per class (o, x, +, …).
public struct HeatmapPoint: Hashable, Sendable {
    public var x: Double
    public var y: Double
    /// The class; picks the `Role.category` color and, without color, a marker letter.
    public var category: Int

    public init(x: Double, y: Double, category: Int) {
        self.x = x
        self.y = y
        self.category = category
    }
}

/// A grid of values drawn as colored pixels, two per cell (upper and lower half block).
///
/// With color each cell is `▀` with the upper pixel as foreground and the lower
/// as background, so a W×H area shows W×2H roughly square pixels. Without color
/// (or with ASCII glyphs) each cell is one ramp character ` .:-=+*#%@` by value.
/// Data is resampled (nearest neighbour) to the area, keeping square pixels
/// unless `stretches`. Points and a line can be drawn on top; a scale legend
/// can take the bottom row.
public struct Heatmap: Widget, Sendable {
    public var rows: Int
    public var columns: Int
    /// Row-major values, top row first; missing values count as NaN.
    public var values: [Double]
    public var palette: Palette
    public var points: [HeatmapPoint]
    /// A line from `(x0, y0)` to `(x1, y1)` in the same coordinates as points.
    public var line: (x0: Double, y0: Double, x1: Double, y1: Double)?
    /// Show a scale legend (low … high) on the bottom row.
    public var showsLegend: Bool
    /// Fill the whole area instead of keeping pixels square.
    public var stretches: Bool
    /// The width over the height of what the values cover (a plane's extent),
    /// kept when not stretching; nil: `columns / rows`, one square pixel per value.
    public var aspectRatio: Double?
    /// Draw ramp characters even where color half blocks could be drawn (the
    /// playground's `v` switch between the two forms).
    public var forcesRamp: Bool = false
    /// On a diverging palette, draw ramp characters by magnitude, each value
    /// two columns: with color both columns take the magnitude character in the
    /// sign's color; without color the first is the sign (`-` / `+`, blank
    /// near zero), so negative weights stay readable (`-@` strong negative).
    public var signedRamp: Bool = false
    /// How many classes the points' categories are, when the values shade each
    /// class the network picks along the diverging palette (class k at
    /// 2k/(count − 1) − 1); 2: the map is class 1's probability around ½.
    public var pointClassCount: Int = 2

    public init(
        rows: Int, columns: Int, values: [Double], palette: Palette = .sequential(range: nil),
        points: [HeatmapPoint] = [], line: (x0: Double, y0: Double, x1: Double, y1: Double)? = nil,
        showsLegend: Bool = false, stretches: Bool = false, aspectRatio: Double? = nil
    ) {
        self.rows = max(0, rows)
        self.columns = max(0, columns)
        self.values = values
        self.palette = palette
        self.points = points
        self.line = line
        self.showsLegend = showsLegend
        self.stretches = stretches
        self.aspectRatio = aspectRatio.flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
    }

    /// The data resolution that fills `area` at one value per (roughly square)
    /// pixel: width × 2·height with color and Unicode half blocks, else
    /// width/2 × height (each value then takes two ramp characters).
    public static func pixelSize(for area: Rect, grid: Grid) -> Size {
        usesHalfBlocks(theme: grid.theme, glyphs: grid.glyphs) ? Size(width: area.width, height: area.height * 2)
            : Size(width: area.width / 2, height: area.height)
    }

    /// Whether values are drawn as colored half-block pixels (else ramp characters).
    public static func usesHalfBlocks(theme: Theme, glyphs: GlyphSet) -> Bool { theme.hasColor && glyphs.isUnicode }

    func value(row: Int, column: Int) -> Double {
        let index = row * columns + column
        return index >= 0 && index < values.count ? values[index] : .nan
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty, rows > 0, columns > 0 else { return }
        var mapArea = area
        if showsLegend && area.height >= 3 {
            mapArea = area.inset(bottom: 1)
            renderLegend(into: &grid, row: area.row(area.height - 1))
        }
        let halfBlocks = Self.usesHalfBlocks(theme: grid.theme, glyphs: grid.glyphs) && !forcesRamp
        let signed: Bool
        if case .diverging = palette { signed = signedRamp && !halfBlocks } else { signed = false }
        let pixelsPerCell = halfBlocks ? 2 : 1
        // Without half blocks a cell is about twice as tall as wide; one value per
        // cell then looks square only with two columns per value.
        let columnsPerValue = halfBlocks ? 1.0 : 2.0
        var drawWidth = mapArea.width, drawHeight = mapArea.height * pixelsPerCell
        if !stretches {
            // The picture's width in values: the columns, or what keeps the extent's proportions.
            let across = aspectRatio.map { $0 * Double(rows) } ?? Double(columns)
            let scale = min(Double(mapArea.width) / (across * columnsPerValue), Double(drawHeight) / Double(rows))
            drawWidth = max(1, min(mapArea.width, Int((across * columnsPerValue * scale).rounded())))
            drawHeight = max(1, min(drawHeight, Int((Double(rows) * scale).rounded())))
        }
        let cellRows = (drawHeight + pixelsPerCell - 1) / pixelsPerCell
        let target = Rect(x: mapArea.x + (mapArea.width - drawWidth) / 2, y: mapArea.y + (mapArea.height - cellRows) / 2,
                          width: drawWidth, height: cellRows)
        let raster = Raster(heatmap: self, width: drawWidth, height: drawHeight, target: target, halfBlocks: halfBlocks)
        let sample = raster.position
        let ramp = GlyphSet.asciiRamp
        for cy in 0..<target.height {
            for cx in 0..<target.width {
                if halfBlocks {
                    let top = sample(cx, cy * 2), bottom = sample(cx, cy * 2 + 1)
                    let fg = top.isNaN ? Color.default : (palette.color(position: top, theme: grid.theme) ?? .default)
                    let bg = bottom.isNaN ? Color.default : (palette.color(position: bottom, theme: grid.theme) ?? .default)
                    grid.set("▀", x: target.x + cx, y: target.y + cy, style: Style(foreground: fg, background: bg), clip: mapArea)
                } else if signed {
                    // Both columns of a pair show one value, so a sign stays beside its magnitude.
                    let t = sample(cx - cx % 2, cy)
                    let (character, color) = signedCharacter(t, second: cx % 2 == 1, theme: grid.theme)
                    grid.set(character, x: target.x + cx, y: target.y + cy, style: Style(foreground: color ?? .default), clip: mapArea)
                } else {
                    let t = sample(cx, cy)
                    let character: Character = t.isNaN ? " " : ramp[Theme.bucket(t, count: ramp.count)]
                    let color = t.isNaN ? nil : palette.color(position: t, theme: grid.theme)
                    grid.set(character, x: target.x + cx, y: target.y + cy, style: Style(foreground: color ?? .default), clip: mapArea)
                }
            }
        }
        renderOverlays(into: &grid, raster: raster, clip: mapArea)
    }

    /// One column of a signed ramp pair for palette position `t` (0 strong negative, 1 strong positive).
    func signedCharacter(_ t: Double, second: Bool, theme: Theme) -> (Character, Color?) {
        guard !t.isNaN else { return (" ", nil) }
        let s = t * 2 - 1
        let ramp = GlyphSet.magnitudeRamp
        let level = Theme.bucket(abs(s), count: ramp.count)
        if let color = theme.diverging(s) { return (ramp[level], color) }
        if second { return (ramp[level], nil) }
        return (level == 0 ? " " : (s < 0 ? "-" : "+"), nil)
    }

    private func renderLegend(into grid: inout Grid, row: Rect) {
        let (low, high) = palette.bounds(of: values)
        let lowText = NumberFormat.compact(low), highText = NumberFormat.compact(high)
        let barWidth = min(24, row.width - displayWidth(of: lowText) - displayWidth(of: highText) - 2)
        guard barWidth >= 2 else { return }
        let muted = grid.theme.style(.muted)
        var x = row.x + grid.write(lowText, x: row.x, y: row.y, style: muted, clip: row) + 1
        let ramp = GlyphSet.asciiRamp
        for i in 0..<barWidth {
            let t = Double(i) / Double(barWidth - 1)
            if let color = palette.color(position: t, theme: grid.theme), grid.glyphs.isUnicode {
                grid.set("█", x: x, y: row.y, style: Style(foreground: color), clip: row)
            } else {
                grid.set(ramp[Theme.bucket(t, count: ramp.count)], x: x, y: row.y, style: muted, clip: row)
            }
            x += 1
        }
        grid.write(" " + highText, x: x, y: row.y, style: muted, clip: row)
    }
}
