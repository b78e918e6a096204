import Foundation
import Lessons
import MiniNN
import TUI

extension VisualPanel {
    /// Accuracy against confidence over the held-out digits: is 99% sure 99% right?
    func renderCalibration(into grid: inout Grid, area: Rect) {
        guard let snapshot, let report = snapshot.calibration, report.total > 0 else {
            return waiting("measured with the first predictions", into: &grid, area: area)
        }
        let dash = grid.glyphs.isUnicode ? "–" : "-"
        let rows = report.bins.map { bin in
            ReliabilityTable.Row(label: String(format: "%.1f%@%.1f", bin.lower, dash, bin.upper), count: bin.count,
                                 confidence: bin.meanConfidence.map(Double.init), accuracy: bin.accuracy.map(Double.init))
        }
        var footer = ""
        if let sure = snapshot.verySure, let accuracy = sure.accuracy {
            footer = String(format: "said ≥%.0f%%: %@ digits, %.1f%% right", sure.lower * 100, sure.count.grouped,
                            accuracy * 100)
            if !grid.glyphs.isUnicode { footer = footer.replacingOccurrences(of: "≥", with: ">=") }
        }
        grid.render(ReliabilityTable(rows: rows, footer: footer), in: area.inset(left: 1, right: 1))
    }
}
