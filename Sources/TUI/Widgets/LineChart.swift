import Foundation

/// One line of a chart: y values at x positions, drawn in a role's color.
public struct Series: Sendable {
    public var name: String
    public var xs: [Double]
    public var ys: [Double]
    public var role: Role
    /// Drawn dim and dotted behind the other lines (a finished run beside the
    /// one in progress); it still takes part in the y range.
    public var dimmed = false
    /// Joins consecutive points with lines; false draws each point as a dot alone (a scatter plot).
    public var drawsLine = true

    /// Values at x = 0, 1, 2, … (e.g. one loss per batch).
    public init(_ name: String, values: [Double], role: Role) {
        self.name = name
        self.xs = values.indices.map(Double.init)
        self.ys = values
        self.role = role
    }

    /// Values at explicit x positions (e.g. validation loss at fractional epochs).
    /// Extra values of the longer array are ignored.
    public init(_ name: String, xs: [Double], ys: [Double], role: Role, dimmed: Bool = false) {
        let count = min(xs.count, ys.count)
        self.name = name
        self.xs = Array(xs.prefix(count))
        self.ys = Array(ys.prefix(count))
        self.role = role
        self.dimmed = dimmed
    }

    /// The last finite value, shown in the legend.
    public var latest: Double? { ys.last(where: \.isFinite) }
}

/// A single point drawn with its own glyph over the lines (e.g. the best
/// validation loss), named in the legend by its label; an empty label
/// leaves it out of the legend (a number marking where a named line ends).
public struct ChartPoint: Sendable {
    public var x: Double
    public var y: Double
    public var label: String
    public var role: Role
    public var glyph: Character
    public var asciiGlyph: Character

    public init(x: Double, y: Double, label: String, role: Role, glyph: Character = "◆", asciiGlyph: Character = "@") {
        self.x = x
        self.y = y
        self.label = label
        self.role = role
        self.glyph = glyph
        self.asciiGlyph = asciiGlyph
    }
}

/// A line chart with braille (2×4 dots per cell), block or ASCII resolution.
///
/// Several series share the axes; a legend on top names them with their last
/// value (on two rows when one is too narrow and the chart is tall enough).
/// The y-axis is scaled to the finite values only (NaN and ±∞ make gaps,
/// never a broken scale), may be logarithmic (the x caption then says
/// "log y"), and may fit only the values from some x on (``fitYFrom``), so a
/// curve's recent part is not squashed by its start. Vertical marks (e.g.
/// epoch boundaries) are drawn behind the lines, thinned to round values
/// when they would stand closer than ``minimumMarkGap`` columns. Without
/// color, the second and later series are dashed so they remain
/// distinguishable; dimmed series are always dotted.
public struct LineChart: Widget, Sendable {
    public var series: [Series]
    /// A logarithmic y-axis; values ≤ 0 leave gaps.
    public var logarithmicY: Bool
    /// Fixed y range; `nil` scales to the data.
    public var yRange: ClosedRange<Double>?
    /// Fixed x range; `nil` scales to the data.
    public var xRange: ClosedRange<Double>?
    /// x positions of dotted vertical marks.
    public var marks: [Double]
    /// The x-axis caption, e.g. "epoch".
    public var xLabel: String
    public var showsLegend: Bool
    /// Points drawn with their own glyph on top, each named in the legend.
    public var points: [ChartPoint]
    /// When set (and no ``yRange``), the y-axis fits the values at x ≥ this
    /// (and the points); earlier values may run off the top or bottom.
    public var fitYFrom: Double?
    /// Marks closer than this many columns are thinned to round multiples.
    public var minimumMarkGap: Int

    public init(
        series: [Series], logarithmicY: Bool = false, yRange: ClosedRange<Double>? = nil,
        xRange: ClosedRange<Double>? = nil, marks: [Double] = [], xLabel: String = "", showsLegend: Bool = true,
        points: [ChartPoint] = [], fitYFrom: Double? = nil, minimumMarkGap: Int = 6
    ) {
        self.series = series
        self.logarithmicY = logarithmicY
        self.yRange = yRange
        self.xRange = xRange
        self.marks = marks
        self.xLabel = xLabel
        self.showsLegend = showsLegend
        self.points = points
        self.fitYFrom = fitYFrom
        self.minimumMarkGap = minimumMarkGap
    }

    static let asciiMarkers: [Character] = ["*", "o", "+", "x", "#", "@"]
    static let dimmedASCIIMarker: Character = "."

    /// A series' place among the series that are not dimmed: its marker and
    /// dashes stay the same whether or not a finished run is drawn beside it.
    func liveIndex(of index: Int) -> Int {
        series[..<index].filter { !$0.dimmed }.count
    }

    /// The x caption as drawn: a log axis says so.
    var caption: String {
        guard logarithmicY else { return xLabel }
        return xLabel.isEmpty ? "log y" : "\(xLabel) · log y"
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        let theme = grid.theme
        let muted = theme.style(.muted)
        let legend = legendRows(width: area.width, height: area.height, glyphs: grid.glyphs, hasColor: theme.hasColor)
        let frame = frame(in: area, glyphs: grid.glyphs, legendRowCount: legend.count)
        for (index, row) in legend.enumerated() {
            renderLegendRow(row, into: &grid, row: area.row(index))
        }
        guard let frame else { return }
        let canvasArea = frame.canvasArea
        var canvas = DotCanvas(columns: canvasArea.width, rows: canvasArea.height, glyphs: grid.glyphs)

        if frame.showsAxes {
            let box = grid.glyphs.box
            for row in 0..<canvasArea.height {
                grid.set(box.vertical, x: canvasArea.x - 1, y: canvasArea.y + row, style: muted)
            }
            grid.set(box.bottomLeft, x: canvasArea.x - 1, y: canvasArea.maxY, style: muted)
            for column in 0..<canvasArea.width {
                grid.set(box.horizontal, x: canvasArea.x + column, y: canvasArea.maxY, style: muted)
            }
            var labelledRows = Set<Int>()
            for tick in frame.yTicks {
                let row = canvasArea.y + clampedIndex(
                    (frame.yHigh - tick.value) / (frame.yHigh - frame.yLow) * Double(canvasArea.height - 1),
                    within: 0...(canvasArea.height - 1))
                // Two ticks that land on one row would overwrite each other's labels.
                guard labelledRows.insert(row).inserted else { continue }
                let label = String(tick.label.prefix(frame.labelWidth))
                grid.write(label, x: frame.plotArea.x + frame.labelWidth - displayWidth(of: label), y: row,
                           style: muted, clip: frame.plotArea)
                grid.set(box.teeLeft, x: canvasArea.x - 1, y: row, style: muted)
            }
            renderXLabels(into: &grid, canvasArea: canvasArea, low: frame.xLow, high: frame.xHigh, style: muted)
        }

        // Marks behind the data, as dotted columns, never closer than the gap allows.
        let markCharacter: Character = grid.glyphs.isUnicode ? "┊" : ":"
        for mark in shownMarks(in: frame) {
            let column = max(0, frame.dotX(mark)) / frame.dotsPerColumn
            for row in 0..<canvasArea.height {
                grid.set(markCharacter, x: canvasArea.x + column, y: canvasArea.y + row, style: muted, clip: canvasArea)
            }
        }

        // Dimmed series first, so the live lines own the cells they share.
        let order = series.indices.filter { series[$0].dimmed } + series.indices.filter { !series[$0].dimmed }
        for index in order {
            let line = series[index]
            let live = liveIndex(of: index)
            let dash = line.dimmed ? 1 : (theme.hasColor || live == 0 ? 0 : 1 + live)
            var previous: (x: Int, y: Int)?
            for (x, rawY) in zip(line.xs, line.ys) {
                let y = frame.transform(rawY)
                guard x.isFinite, y.isFinite else { previous = nil; continue }
                let point = (x: frame.dotX(x), y: frame.dotY(y))
                if let start = previous, line.drawsLine {
                    canvas.line(from: start, to: point, owner: index, dash: dash)
                } else {
                    canvas.plot(x: point.x, y: point.y, owner: index)
                }
                previous = point
            }
        }
        for row in 0..<canvas.rows {
            for column in 0..<canvas.columns {
                let owner = canvas.owner(column: column, row: row)
                guard owner >= 0, owner < series.count else { continue }
                let line = series[owner]
                let marker = line.dimmed
                    ? LineChart.dimmedASCIIMarker : LineChart.asciiMarkers[liveIndex(of: owner) % LineChart.asciiMarkers.count]
                if let character = canvas.character(column: column, row: row, asciiMarker: marker) {
                    grid.set(character, x: canvasArea.x + column, y: canvasArea.y + row,
                             style: line.dimmed ? muted : theme.style(line.role))
                }
            }
        }
        for point in points {
            guard let cell = frame.cell(x: point.x, y: point.y) else { continue }
            grid.set(grid.glyphs.isUnicode ? point.glyph : point.asciiGlyph, x: cell.column, y: cell.row,
                     style: theme.style(point.role).adding(.bold))
        }
        if frame.isEmpty && canvasArea.width >= 12 {
            let note = "no data yet"
            grid.write(note, x: canvasArea.x + (canvasArea.width - note.count) / 2, y: canvasArea.y + canvasArea.height / 2,
                       style: muted, clip: canvasArea)
        }
    }

    /// Where the chart drawn in `area` puts the point (x, y): its screen
    /// cell, or nil when it falls outside the plot (or nothing is plotted).
    public func cell(x: Double, y: Double, in area: Rect, glyphs: GlyphSet, hasColor: Bool = true) -> (column: Int, row: Int)? {
        let legend = legendRows(width: area.width, height: area.height, glyphs: glyphs, hasColor: hasColor)
        return frame(in: area, glyphs: glyphs, legendRowCount: legend.count)?.cell(x: x, y: y)
    }

    /// The vertical marks the chart drawn in `area` shows (after thinning).
    public func shownMarks(in area: Rect, glyphs: GlyphSet, hasColor: Bool = true) -> [Double] {
        let legend = legendRows(width: area.width, height: area.height, glyphs: glyphs, hasColor: hasColor)
        guard let frame = frame(in: area, glyphs: glyphs, legendRowCount: legend.count) else { return [] }
        return shownMarks(in: frame)
    }

    private func shownMarks(in frame: ChartFrame) -> [Double] {
        LineChart.thinnedMarks(marks, low: frame.xLow, high: frame.xHigh, columns: frame.canvasArea.width,
                               minimumGap: minimumMarkGap)
    }

    private func renderXLabels(into grid: inout Grid, canvasArea: Rect, low: Double, high: Double, style: Style) {
        let y = canvasArea.maxY + 1
        let row = Rect(x: canvasArea.x - 1, y: y, width: canvasArea.width + 1, height: 1)
        let step = LineChart.niceStep(high - low)
        let left = NumberFormat.tick(low, step: step / 10)
        let right = NumberFormat.tick(high, step: step / 10)
        grid.write(left, x: canvasArea.x, y: y, style: style, clip: row)
        let rightX = canvasArea.maxX - displayWidth(of: right)
        if rightX > canvasArea.x + displayWidth(of: left) + 1 {
            grid.write(right, x: rightX, y: y, style: style, clip: row)
        }
        let caption = self.caption
        if !caption.isEmpty {
            let labelX = canvasArea.x + (canvasArea.width - displayWidth(of: caption)) / 2
            if labelX > canvasArea.x + displayWidth(of: left) + 1 && labelX + displayWidth(of: caption) < rightX {
                grid.write(caption, x: labelX, y: y, style: style, clip: row)
            }
        }
    }
}
