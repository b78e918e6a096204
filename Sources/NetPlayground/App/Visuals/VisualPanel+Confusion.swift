import Foundation
import Lessons
import MiniNN
import TUI

extension VisualPanel {
    func renderConfusion(into grid: inout Grid, area: Rect) {
        guard let snapshot, !snapshot.confusion.isEmpty else {
            return waiting("counted at the end of each epoch", into: &grid, area: area)
        }
        let table = Table.confusionMatrix(counts: snapshot.confusion, labels: snapshot.classNames)
        grid.render(table, in: area.inset(left: 1))
    }
}
