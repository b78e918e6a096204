import Foundation
import Lessons
import MiniNN
import TUI

extension VisualPanel {
    func renderPrediction(into grid: inout Grid, area: Rect) {
        guard let snapshot, let digit = snapshot.digit, digit.pixels.count == 784 else {
            return waiting("waiting for a test digit", into: &grid, area: area)
        }
        let imageWidth = min(area.width / 2, max(8, area.height * 2))
        let parts = Layout.horizontal([.length(imageWidth), .fill(1)]).split(area)
        grid.render(Heatmap(rows: 28, columns: 28, values: digit.pixels.map { Double($0) },
                            palette: .sequential(range: 0...255)), in: parts[0])
        let theme = grid.theme
        let bars = parts[1].inset(left: 1)
        let correct = digit.predicted == digit.label
        grid.write("label \(digit.label), says \(digit.predicted)", x: bars.x, y: bars.y,
                   style: theme.style(correct ? .success : .error), maxWidth: bars.width)
        ProbabilityBars(probabilities: digit.probabilities, highlight: digit.predicted)
            .render(into: &grid, area: bars.inset(top: 1))
        if bars.height >= 13 && screen.focus != .visuals {
            grid.write("Tab to here, ↑↓: another digit", x: bars.x, y: bars.maxY - 1,
                       style: theme.style(.muted), maxWidth: bars.width)
        }
    }
}

/// Class probabilities as horizontal bars, the predicted class highlighted.
struct ProbabilityBars: Widget {
    let probabilities: [Float]
    let highlight: Int

    func render(into grid: inout Grid, area: Rect) {
        let theme = grid.theme
        let eighths = grid.glyphs.horizontalEighths
        let barWidth = max(1, area.width - 9)
        for (index, p) in probabilities.enumerated() {
            let y = area.y + index
            guard y < area.maxY else { break }
            let style = theme.style(index == highlight ? .highlight : .text)
            var x = area.x
            x += grid.write("\(index) ", x: x, y: y, style: style, clip: area)
            let filled = Double(max(0, min(1, p))) * Double(barWidth)
            let full = Int(filled)
            for i in 0..<barWidth {
                let character: Character
                if i < full {
                    character = eighths[8]
                } else if i == full {
                    character = eighths[Int((filled - Double(full)) * 8)]
                } else {
                    character = grid.glyphs.isUnicode ? " " : "."
                }
                grid.set(character, x: x + i, y: y, style: style, clip: area)
            }
            grid.write(String(format: " %3.0f%%", p * 100), x: x + barWidth, y: y, style: style, clip: area)
        }
    }
}
