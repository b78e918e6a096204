/// Predicted against actual values of a regression: one dot per item (x the
/// actual value, y the prediction, in the same units on both axes) with the
/// diagonal y = x, where a perfect model's dots would lie. The axes are
/// named after the quantity: "predicted <name>" over the plot and "actual
/// <name>" under it.
///
/// Built on ``LineChart`` (its dots, axes, ticks and glyph fallbacks): the
/// items are a series drawn as dots alone, the diagonal a dimmed line
/// behind them, and both axes share one range so the diagonal runs corner
/// to corner.
public struct ScatterPlot: Widget, Sendable {
    /// (actual, predicted) pairs; non-finite ones are left out.
    public var points: [(actual: Double, predicted: Double)]
    /// The quantity's name (the target column).
    public var quantity: String
    public var role: Role

    public init(points: [(actual: Double, predicted: Double)], quantity: String, role: Role = .validationLoss) {
        self.points = points.filter { $0.actual.isFinite && $0.predicted.isFinite }
        self.quantity = quantity
        self.role = role
    }

    /// The caption over the plot, naming the y axis.
    public var yCaption: String { "predicted \(quantity)" }
    /// The caption under the plot, naming the x axis.
    public var xCaption: String { "actual \(quantity)" }
    /// The legend's names of the dots and of the diagonal.
    public static let dotsName = "rows"
    public static let diagonalName = "y = x"

    /// The shared range of both axes: every actual and predicted value, a little padded.
    public var range: ClosedRange<Double> {
        let values = points.flatMap { [$0.actual, $0.predicted] }
        guard let low = values.min(), let high = values.max() else { return 0...1 }
        let pad = high > low ? (high - low) * 0.05 : max(1, abs(low) * 0.1)
        return (low - pad)...(high + pad)
    }

    /// The line chart that draws it.
    public var chart: LineChart {
        let range = self.range
        var dots = Series(Self.dotsName, xs: points.map(\.actual), ys: points.map(\.predicted), role: role)
        dots.drawsLine = false
        let diagonal = Series(Self.diagonalName, xs: [range.lowerBound, range.upperBound],
                              ys: [range.lowerBound, range.upperBound], role: .muted, dimmed: true)
        return LineChart(series: [diagonal, dots], yRange: range, xRange: range, xLabel: xCaption)
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        grid.write(yCaption, x: area.x, y: area.y, style: grid.theme.style(.muted), maxWidth: area.width)
        grid.render(chart, in: area.inset(top: 1))
    }

    /// The screen cell where the item (actual, predicted) is drawn in `area`, or nil off the plot.
    public func cell(actual: Double, predicted: Double, in area: Rect, glyphs: GlyphSet,
                     hasColor: Bool = true) -> (column: Int, row: Int)? {
        chart.cell(x: actual, y: predicted, in: area.inset(top: 1), glyphs: glyphs, hasColor: hasColor)
    }
}
