import Foundation
import Lessons
import MiniNN
import TUI

extension VisualPanel {
    func renderPrediction(into grid: inout Grid, area: Rect) {
        guard let snapshot, let digit = snapshot.digit, digit.pixels.count == 784 else {
            return waiting("waiting for a test digit", into: &grid, area: area)
        }
        // The digit as large as leaves the bars their ~20 columns: 28×14 cells shows every pixel.
        let imageWidth = max(8, min(area.width - 22, area.height * 2))
        let parts = Layout.horizontal([.length(imageWidth), .fill(1)]).split(area)
        grid.render(Heatmap(rows: 28, columns: 28, values: digit.pixels.map { Double($0) },
                            palette: .sequential(range: 0...255)), in: parts[0])
        let theme = grid.theme
        let bars = parts[1].inset(left: 1)
        let correct = digit.predicted == digit.label
        // By the data's class names: lesson 10's classes 0–4 are the digits 5–9.
        func name(_ index: Int) -> String {
            snapshot.classNames.indices.contains(index) ? snapshot.classNames[index] : String(index)
        }
        grid.write("label \(name(digit.label)), says \(name(digit.predicted))", x: bars.x, y: bars.y,
                   style: theme.style(correct ? .success : .error), maxWidth: bars.width)
        let chart = BarChart(bars: digit.probabilities.enumerated().map { Bar(name($0.offset), Double($0.element)) },
                             maximum: 1, highlight: digit.predicted, format: .percent)
        grid.render(chart, in: bars.inset(top: 1))
        if bars.height >= 13 && screen.focus != .visuals {
            let hint = ["Tab to here, ↑↓: another digit", "Tab, ↑↓: another digit", "Tab, ↑↓: digit"]
                .first { displayWidth(of: $0) <= bars.width } ?? ""
            grid.write(hint, x: bars.x, y: bars.maxY - 1, style: theme.style(.muted), maxWidth: bars.width)
        }
    }
}
