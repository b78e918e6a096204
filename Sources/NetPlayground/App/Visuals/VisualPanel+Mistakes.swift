import Foundation
import Lessons
import MiniNN
import TUI

extension VisualPanel {
    func renderMistakes(into grid: inout Grid, area: Rect) {
        guard let snapshot, !snapshot.heldOutPredictions.isEmpty else {
            return waiting("the mistakes appear after the first predictions", into: &grid, area: area)
        }
        let theme = grid.theme
        let report = ConfidenceAnalysis.report(snapshot.heldOutPredictions, threshold: screen.knobs.confidenceThreshold)
        // No answers means no accuracy to show: "100% of those right" of nothing would read as a perfect model.
        let summary = report.answered == 0
            ? String(format: "threshold %@: no digit reaches it, so none of %@ is answered; all not sure",
                     KnobSettings.format(report.threshold), report.total.grouped)
            : String(format: "threshold %@: answers %.1f%% of %@ digits, %.2f%% of those right; %@ not sure",
                     KnobSettings.format(report.threshold), report.coverage * 100, report.total.grouped,
                     report.accuracy * 100, report.notSure.grouped)
        let parts = Layout.vertical([.length(2), .fill(1)]).split(area)
        grid.render(Paragraph(summary, role: .emphasis), in: parts[0].inset(left: 1))
        // A caption row over a 14×7 digit (half its pixels) and a column's gap: never smaller, fewer instead.
        let tiles = Self.fixedTiles(count: snapshot.mistakes.count, in: parts[1].inset(left: 1),
                                    tile: Size(width: 15, height: 8), gap: 0)
        for (index, rect) in tiles.enumerated() {
            let mistake = snapshot.mistakes[index]
            let confidence = mistake.probabilities.indices.contains(mistake.predicted)
                ? mistake.probabilities[mistake.predicted] : 0
            // A narrow tile drops the percent sign, then the figure: a clipped "100%" would read "10".
            let pair = "\(mistake.label)→\(mistake.predicted)"
            let sure = String(format: "%.0f", confidence * 100)
            let caption = [pair + " " + sure + "%", pair + " " + sure, pair].first { displayWidth(of: $0) <= rect.width - 1 } ?? pair
            grid.write(caption, x: rect.x, y: rect.y, style: theme.style(.error), maxWidth: rect.width - 1)
            if mistake.pixels.count == 784 {
                grid.render(Heatmap(rows: 28, columns: 28, values: mistake.pixels.map { Double($0) },
                                    palette: .sequential(range: 0...255)), in: rect.inset(top: 1, right: 1))
            }
        }
    }
}
