import Foundation
import Lessons
import MiniNN
import TUI

extension VisualPanel {
    func renderConfusion(into grid: inout Grid, area: Rect) {
        guard let snapshot, !snapshot.confusion.isEmpty else {
            return waiting("counted at the end of each epoch", into: &grid, area: area)
        }
        ConfusionTable(counts: snapshot.confusion, classNames: snapshot.classNames).render(into: &grid, area: area)
    }
}

/// Counts by true class (rows) and predicted class (columns); the diagonal is right.
struct ConfusionTable: Widget {
    let counts: [[Int]]
    let classNames: [String]

    func render(into grid: inout Grid, area: Rect) {
        let theme = grid.theme
        let classes = counts.count
        let largest = counts.flatMap { $0 }.max() ?? 0
        let cellWidth = max(3, String(largest).count + 1)
        let labelWidth = min(11, max(3, (classNames.map(\.count).max() ?? 1) + 1))
        let shortNames = classNames.map { String($0.prefix(cellWidth - 1)) }
        var x = area.x + labelWidth + 1
        grid.write("predicted →", x: x, y: area.y, style: theme.style(.muted), clip: area)
        for column in 0..<classes {
            grid.write(shortNames.indices.contains(column) ? shortNames[column].leftPadded(to: cellWidth) : "",
                       x: x, y: area.y + 1, style: theme.style(.muted), clip: area)
            x += cellWidth
        }
        for row in 0..<classes {
            let y = area.y + 2 + row
            guard y < area.maxY else { break }
            let name = classNames.indices.contains(row) ? String(classNames[row].prefix(labelWidth)) : "\(row)"
            grid.write(name.padding(to: labelWidth), x: area.x + 1, y: y, style: theme.style(.muted), clip: area)
            var cx = area.x + labelWidth + 1
            for column in 0..<classes {
                let count = counts[row][column]
                let role: Role = count == 0 ? .muted : (row == column ? .success : .error)
                grid.write(String(count).leftPadded(to: cellWidth), x: cx, y: y, style: theme.style(role), clip: area)
                cx += cellWidth
            }
        }
        let total = counts.flatMap { $0 }.reduce(0, +)
        let right = (0..<classes).reduce(0) { $0 + counts[$1][$1] }
        let y = area.y + 2 + classes
        if y < area.maxY, total > 0 {
            grid.write(String(format: "%d of %d right (%.1f%%); rows: true class", right, total,
                              Double(right) / Double(total) * 100),
                       x: area.x + 1, y: y, style: theme.style(.muted), maxWidth: area.width - 1)
        }
    }
}

extension String {
    /// Right-aligned in `width` columns.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
