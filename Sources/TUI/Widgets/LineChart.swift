import Foundation

/// One line of a chart: y values at x positions, drawn in a role's color.
public struct Series: Sendable {
    public var name: String
    public var xs: [Double]
    public var ys: [Double]
    public var role: Role

    /// Values at x = 0, 1, 2, … (e.g. one loss per batch).
    public init(_ name: String, values: [Double], role: Role) {
        self.name = name
        self.xs = values.indices.map(Double.init)
        self.ys = values
        self.role = role
    }

    /// Values at explicit x positions (e.g. validation loss at fractional epochs).
    /// Extra values of the longer array are ignored.
    public init(_ name: String, xs: [Double], ys: [Double], role: Role) {
        let count = min(xs.count, ys.count)
        self.name = name
        self.xs = Array(xs.prefix(count))
        self.ys = Array(ys.prefix(count))
        self.role = role
    }

    /// The last finite value, shown in the legend.
    public var latest: Double? { ys.last(where: \.isFinite) }
}

/// A line chart with braille (2×4 dots per cell), block or ASCII resolution.
///
/// Several series share the axes; a legend on top names them with their last
/// value. The y-axis is scaled to the finite values only (NaN and ±∞ make gaps,
/// never a broken scale) and may be logarithmic. Vertical marks (e.g. epoch
/// boundaries) are drawn behind the lines. Without color, the second and later
/// series are dashed so they remain distinguishable.
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

    public init(
        series: [Series], logarithmicY: Bool = false, yRange: ClosedRange<Double>? = nil,
        xRange: ClosedRange<Double>? = nil, marks: [Double] = [], xLabel: String = "", showsLegend: Bool = true
    ) {
        self.series = series
        self.logarithmicY = logarithmicY
        self.yRange = yRange
        self.xRange = xRange
        self.marks = marks
        self.xLabel = xLabel
        self.showsLegend = showsLegend
    }

    static let asciiMarkers: [Character] = ["*", "o", "+", "x", "#", "@"]

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        let theme = grid.theme
        let muted = theme.style(.muted)
        var plotArea = area
        if showsLegend && area.height >= 4 && !series.isEmpty {
            renderLegend(into: &grid, row: area.row(0))
            plotArea = plotArea.inset(top: 1)
        }

        // y scale over the finite (and, for log, positive) values.
        let transform: (Double) -> Double = logarithmicY ? { $0 > 0 ? log10($0) : .nan } : { $0 }
        let finiteYs = series.flatMap { $0.ys.map(transform) }.filter(\.isFinite)
        let finiteXs = series.flatMap { s in zip(s.xs, s.ys).filter { transform($0.1).isFinite }.map(\.0) }.filter(\.isFinite)
        var (yLow, yHigh) = LineChart.range(
            of: finiteYs, fixed: yRange.map { (transform($0.lowerBound), transform($0.upperBound)) })
        let (xLow, xHigh) = LineChart.range(of: finiteXs + marks.filter(\.isFinite), fixed: xRange.map { ($0.lowerBound, $0.upperBound) }, pad: false)

        // Axes take a label column on the left and two rows at the bottom when there is room.
        let showsAxes = plotArea.height >= 4 && plotArea.width >= 12
        var yTicks: [(value: Double, label: String)] = []
        if showsAxes {
            let tickCount = max(2, min(5, plotArea.height / 3))
            if logarithmicY {
                yTicks = LineChart.logTicks(low: yLow, high: yHigh, maximumCount: tickCount)
            } else {
                let step = LineChart.niceStep((yHigh - yLow) / Double(tickCount - 1))
                yLow = floor(yLow / step) * step
                yHigh = ceil(yHigh / step) * step
                if yHigh <= yLow { yHigh = yLow + step }
                var v = yLow
                while v <= yHigh + step * 1e-6 {
                    yTicks.append((v, NumberFormat.tick(v, step: step)))
                    v += step
                }
            }
        }
        let labelWidth = showsAxes ? min(8, yTicks.map { displayWidth(of: $0.label) }.max() ?? 0) : 0
        let canvasArea = showsAxes
            ? Rect(x: plotArea.x + labelWidth + 1, y: plotArea.y, width: plotArea.width - labelWidth - 1, height: plotArea.height - 2)
            : plotArea
        guard !canvasArea.isEmpty else { return }

        var canvas = DotCanvas(columns: canvasArea.width, rows: canvasArea.height, glyphs: grid.glyphs)
        // Points far outside a fixed range land just beyond the edge, never overflow an Int.
        func dotX(_ x: Double) -> Int {
            clampedIndex((x - xLow) / (xHigh - xLow) * Double(canvas.width - 1), within: -1...canvas.width)
        }
        func dotY(_ y: Double) -> Int {
            clampedIndex((yHigh - y) / (yHigh - yLow) * Double(canvas.height - 1), within: -1...canvas.height)
        }

        if showsAxes {
            let box = grid.glyphs.box
            for row in 0..<canvasArea.height {
                grid.set(box.vertical, x: canvasArea.x - 1, y: canvasArea.y + row, style: muted)
            }
            grid.set(box.bottomLeft, x: canvasArea.x - 1, y: canvasArea.maxY, style: muted)
            for column in 0..<canvasArea.width {
                grid.set(box.horizontal, x: canvasArea.x + column, y: canvasArea.maxY, style: muted)
            }
            var labelledRows = Set<Int>()
            for tick in yTicks {
                let row = canvasArea.y + clampedIndex(
                    (yHigh - tick.value) / (yHigh - yLow) * Double(canvasArea.height - 1), within: 0...(canvasArea.height - 1))
                // Two ticks that land on one row would overwrite each other's labels.
                guard labelledRows.insert(row).inserted else { continue }
                let label = String(tick.label.prefix(labelWidth))
                grid.write(label, x: plotArea.x + labelWidth - displayWidth(of: label), y: row, style: muted, clip: plotArea)
                grid.set(box.teeLeft, x: canvasArea.x - 1, y: row, style: muted)
            }
            renderXLabels(into: &grid, canvasArea: canvasArea, low: xLow, high: xHigh, style: muted)
        }

        // Marks behind the data, as dotted columns.
        let markCharacter: Character = grid.glyphs.isUnicode ? "┊" : ":"
        for mark in marks where mark.isFinite && mark >= xLow && mark <= xHigh {
            let column = max(0, dotX(mark)) / canvas.dotsPerColumn
            for row in 0..<canvasArea.height {
                grid.set(markCharacter, x: canvasArea.x + column, y: canvasArea.y + row, style: muted, clip: canvasArea)
            }
        }

        for (index, line) in series.enumerated() {
            let dash = theme.hasColor || index == 0 ? 0 : 1 + index
            var previous: (x: Int, y: Int)?
            for (x, rawY) in zip(line.xs, line.ys) {
                let y = transform(rawY)
                guard x.isFinite, y.isFinite else { previous = nil; continue }
                let point = (x: dotX(x), y: dotY(y))
                if let start = previous {
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
                let marker = LineChart.asciiMarkers[owner % LineChart.asciiMarkers.count]
                if let character = canvas.character(column: column, row: row, asciiMarker: marker) {
                    grid.set(character, x: canvasArea.x + column, y: canvasArea.y + row, style: theme.style(series[owner].role))
                }
            }
        }
        if finiteYs.isEmpty && canvasArea.width >= 12 {
            let note = "no data yet"
            grid.write(note, x: canvasArea.x + (canvasArea.width - note.count) / 2, y: canvasArea.y + canvasArea.height / 2, style: muted, clip: canvasArea)
        }
    }

    /// The legend: sample, name and latest value per series; values are dropped
    /// first, then names shortened, when the row is too narrow for everything.
    private func renderLegend(into grid: inout Grid, row: Rect) {
        let samples = series.indices.map { index -> String in
            if grid.glyphs == .ascii {
                return String(repeating: LineChart.asciiMarkers[index % LineChart.asciiMarkers.count], count: 2)
            }
            return grid.theme.hasColor || index == 0 ? "━━" : "╍╍"
        }
        let values = series.map { line in line.latest.map { " " + NumberFormat.compact($0) } ?? "" }
        func totalWidth(names: [String], values: [String]) -> Int {
            series.indices.reduce(0) { sum, i in
                sum + displayWidth(of: samples[i]) + 1 + displayWidth(of: names[i]) + displayWidth(of: values[i]) + 2
            } - 2
        }
        var names = series.map(\.name)
        var shownValues = values
        if totalWidth(names: names, values: shownValues) > row.width {
            shownValues = values.map { _ in "" }
            // Keep the values but shorten names to their first letters if that fits.
            let shortNames = names.map { String($0.prefix(3)) }
            if totalWidth(names: shortNames, values: values) <= row.width {
                names = shortNames
                shownValues = values
            } else if totalWidth(names: names, values: shownValues) > row.width {
                names = shortNames
            }
        }
        var x = row.x
        for index in series.indices {
            let entryWidth = displayWidth(of: samples[index]) + 1 + displayWidth(of: names[index]) + displayWidth(of: shownValues[index])
            guard x + entryWidth <= row.maxX else { break }
            let style = grid.theme.style(series[index].role)
            x += grid.write(samples[index], x: x, y: row.y, style: style, clip: row) + 1
            x += grid.write(names[index], x: x, y: row.y, style: grid.theme.style(.text), clip: row)
            x += grid.write(shownValues[index], x: x, y: row.y, style: style.adding(.bold), clip: row) + 2
        }
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
        if !xLabel.isEmpty {
            let labelX = canvasArea.x + (canvasArea.width - displayWidth(of: xLabel)) / 2
            if labelX > canvasArea.x + displayWidth(of: left) + 1 && labelX + displayWidth(of: xLabel) < rightX {
                grid.write(xLabel, x: labelX, y: y, style: style, clip: row)
            }
        }
    }

    /// The range of the values (or the fixed one), widened when empty or flat.
    static func range(of values: [Double], fixed: (Double, Double)?, pad: Bool = true) -> (Double, Double) {
        if let (low, high) = fixed, low.isFinite, high.isFinite, high > low { return (low, high) }
        guard let low = values.min(), let high = values.max() else { return (0, 1) }
        // A spread too wide for a Double (±1e308) is halved so positions stay finite.
        if high > low { return (high - low).isFinite ? (low, high) : (low / 2, high / 2) }
        let spread = max(abs(low) * 0.1, pad ? 0.5 : 1)
        return pad ? (low - spread, high + spread) : (low, low + spread)
    }

    /// Ticks for a log axis spanning 10^low … 10^high: the 1-2-5 values inside
    /// it, thinned to decades when there are too many, or the two ends when
    /// none fall inside. Positions are exponents.
    static func logTicks(low: Double, high: Double, maximumCount: Int) -> [(value: Double, label: String)] {
        guard low.isFinite, high.isFinite, high > low else { return [] }
        var candidates: [(value: Double, label: String, multiple: Double)] = []
        var exponent = floor(low)
        while exponent <= ceil(high) && candidates.count < 200 {
            for multiple in [1.0, 2.0, 5.0] {
                let value = multiple * pow(10, exponent)
                let position = log10(value)
                if position >= low - 1e-9 && position <= high + 1e-9 {
                    candidates.append((position, NumberFormat.compact(value), multiple))
                }
            }
            exponent += 1
        }
        // Too many: keep the 1s and 5s, then only the 1s (decades), then every n-th.
        if candidates.count > maximumCount {
            let onesAndFives = candidates.filter { $0.multiple != 2 }
            let decades = candidates.filter { $0.multiple == 1 }
            candidates = onesAndFives.count <= maximumCount || decades.count < 2 ? onesAndFives : decades
        }
        if candidates.count > maximumCount {
            let stride = Int((Double(candidates.count) / Double(maximumCount)).rounded(.up))
            candidates = candidates.enumerated().filter { $0.offset % stride == 0 }.map(\.element)
        }
        if candidates.count < 2 {
            return [(low, NumberFormat.compact(pow(10, low))), (high, NumberFormat.compact(pow(10, high)))]
        }
        return candidates.map { ($0.value, $0.label) }
    }

    /// 1, 2 or 5 times a power of ten, at least `rough`.
    static func niceStep(_ rough: Double) -> Double {
        guard rough.isFinite, rough > 0 else { return 1 }
        let power = pow(10, floor(log10(rough)))
        let fraction = rough / power
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        return nice * power
    }
}
