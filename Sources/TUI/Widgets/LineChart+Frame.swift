import Foundation

/// Where a line chart's parts go in its area and how values map to dots:
/// computed once per frame and shared by drawing and by ``LineChart/cell(x:y:in:glyphs:hasColor:)``,
/// so what a test asks about is what the screen shows.
struct ChartFrame {
    var plotArea: Rect
    var canvasArea: Rect
    var showsAxes: Bool
    var yTicks: [(value: Double, label: String)]
    var labelWidth: Int
    var xLow: Double, xHigh: Double
    /// In transformed units (exponents on a log axis).
    var yLow: Double, yHigh: Double
    var logarithmic: Bool
    var dotsPerColumn: Int, dotsPerRow: Int
    /// No finite value to plot.
    var isEmpty: Bool

    func transform(_ y: Double) -> Double { logarithmic ? (y > 0 ? log10(y) : .nan) : y }

    var dotWidth: Int { canvasArea.width * dotsPerColumn }
    var dotHeight: Int { canvasArea.height * dotsPerRow }

    // Points far outside a fixed range land just beyond the edge, never overflow an Int.
    func dotX(_ x: Double) -> Int {
        clampedIndex((x - xLow) / (xHigh - xLow) * Double(dotWidth - 1), within: -1...dotWidth)
    }

    /// `y` already transformed.
    func dotY(_ y: Double) -> Int {
        clampedIndex((yHigh - y) / (yHigh - yLow) * Double(dotHeight - 1), within: -1...dotHeight)
    }

    /// The screen cell of a raw (untransformed) point, or nil off the canvas.
    func cell(x: Double, y: Double) -> (column: Int, row: Int)? {
        let ty = transform(y)
        guard !isEmpty, x.isFinite, ty.isFinite else { return nil }
        let dx = dotX(x), dy = dotY(ty)
        guard dx >= 0, dy >= 0, dx < dotWidth, dy < dotHeight else { return nil }
        return (canvasArea.x + dx / dotsPerColumn, canvasArea.y + dy / dotsPerRow)
    }
}

extension LineChart {
    /// The frame for `area` below `legendRowCount` legend rows, or nil when no canvas fits.
    func frame(in area: Rect, glyphs: GlyphSet, legendRowCount: Int) -> ChartFrame? {
        let plotArea = area.inset(top: legendRowCount)
        let logarithmic = logarithmicY
        let transform: (Double) -> Double = logarithmic ? { $0 > 0 ? log10($0) : .nan } : { $0 }
        // y scale over the finite (and, for log, positive) values, from `fitYFrom` on when that leaves any.
        func finiteYs(from start: Double?) -> [Double] {
            let lines = series.flatMap { line in
                zip(line.xs, line.ys).filter { pair in start.map { pair.0 >= $0 } ?? true }.map { transform($0.1) }
            }
            return (lines + points.map { transform($0.y) }).filter(\.isFinite)
        }
        let allYs = finiteYs(from: nil)
        let fitted = fitYFrom.map { finiteYs(from: $0) } ?? []
        let shownYs = fitted.isEmpty ? allYs : fitted
        let finiteXs = series.flatMap { s in zip(s.xs, s.ys).filter { transform($0.1).isFinite }.map(\.0) }.filter(\.isFinite)
        var (yLow, yHigh) = LineChart.range(
            of: shownYs, fixed: yRange.map { (transform($0.lowerBound), transform($0.upperBound)) })
        let (xLow, xHigh) = LineChart.range(of: finiteXs + marks.filter(\.isFinite),
                                            fixed: xRange.map { ($0.lowerBound, $0.upperBound) }, pad: false)

        // Axes take a label column on the left and two rows at the bottom when there is room.
        let showsAxes = plotArea.height >= 4 && plotArea.width >= 12
        var yTicks: [(value: Double, label: String)] = []
        if showsAxes {
            let tickCount = max(2, min(5, plotArea.height / 3))
            if logarithmic {
                yTicks = LineChart.logTicks(low: yLow, high: yHigh, maximumCount: tickCount)
            } else {
                (yLow, yHigh, yTicks) = LineChart.linearTicks(low: yLow, high: yHigh, maximumCount: tickCount)
            }
        }
        let labelWidth = showsAxes ? min(8, yTicks.map { displayWidth(of: $0.label) }.max() ?? 0) : 0
        let canvasArea = showsAxes
            ? Rect(x: plotArea.x + labelWidth + 1, y: plotArea.y, width: plotArea.width - labelWidth - 1,
                   height: plotArea.height - 2)
            : plotArea
        guard !canvasArea.isEmpty else { return nil }
        let (dotsPerColumn, dotsPerRow): (Int, Int)
        switch glyphs {
        case .braille: (dotsPerColumn, dotsPerRow) = (2, 4)
        case .blocks: (dotsPerColumn, dotsPerRow) = (2, 2)
        case .ascii: (dotsPerColumn, dotsPerRow) = (1, 1)
        }
        return ChartFrame(plotArea: plotArea, canvasArea: canvasArea, showsAxes: showsAxes, yTicks: yTicks,
                          labelWidth: labelWidth, xLow: xLow, xHigh: xHigh, yLow: yLow, yHigh: yHigh,
                          logarithmic: logarithmic, dotsPerColumn: dotsPerColumn, dotsPerRow: dotsPerRow,
                          isEmpty: allYs.isEmpty)
    }

    /// A linear axis around `low…high`: its ends rounded out to a tenth of the
    /// span's order (so 0…0.53 becomes 0…0.6, not 0…1, and no rows go
    /// unused), and ticks at round multiples inside it, at least two.
    static func linearTicks(low: Double, high: Double, maximumCount: Int)
        -> (low: Double, high: Double, ticks: [(value: Double, label: String)]) {
        let fine = niceStep((high - low) / 8)
        var low = floor(low / fine) * fine
        var high = ceil(high / fine) * fine
        if high <= low { high = low + fine }
        low = low.isFinite ? low : 0
        high = high.isFinite ? high : 1
        var step = niceStep((high - low) / Double(max(1, maximumCount - 1)))
        func ticks(_ step: Double) -> [(value: Double, label: String)] {
            var values: [(Double, String)] = []
            var v = ceil(low / step - 1e-9) * step
            while v <= high + step * 1e-6 && values.count < 100 {
                values.append((v, NumberFormat.tick(abs(v) < step * 1e-9 ? 0 : v, step: step)))
                v += step
            }
            return values
        }
        var result = ticks(step)
        // A coarse step can leave one tick in the range: 1-2-5 down until two fit.
        while result.count < 2 && step > fine {
            step = niceStep(step / 2.5 * 0.999)
            result = ticks(step)
        }
        if result.count < 2 { result = [(low, NumberFormat.tick(low, step: fine)), (high, NumberFormat.tick(high, step: fine))] }
        return (low, high, result)
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

    /// The marks inside `low…high` that stand at least `minimumGap` columns
    /// apart: all of them when they already do, else only those at round
    /// multiples (1, 2, 5, 10, 20, 50, … times their spacing), so a run of
    /// 300 epochs shows a mark every 50 rather than a comb.
    public static func thinnedMarks(_ marks: [Double], low: Double, high: Double, columns: Int,
                                    minimumGap: Int) -> [Double] {
        let inside = marks.filter { $0.isFinite && $0 >= low && $0 <= high }.sorted()
        guard inside.count > 1, high > low, columns > 0, minimumGap > 0 else { return inside }
        let columnsPerUnit = Double(columns) / (high - low)
        let spacing = zip(inside, inside.dropFirst()).map { $1 - $0 }.filter { $0 > 1e-9 }.min() ?? 1
        guard spacing * columnsPerUnit < Double(minimumGap) else { return inside }
        let step = niceStep(max(spacing, Double(minimumGap) / columnsPerUnit))
        return inside.filter { mark in
            let multiple = mark / step
            return abs(multiple - multiple.rounded()) < 1e-6
        }
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
