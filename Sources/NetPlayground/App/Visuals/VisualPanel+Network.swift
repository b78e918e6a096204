import Foundation
import Lessons
import MiniNN
import TUI

extension VisualPanel {
    func renderNetwork(into grid: inout Grid, area: Rect) {
        guard let snapshot, !snapshot.layerSummaries.isEmpty else {
            return waiting("building…", into: &grid, area: area)
        }
        let theme = grid.theme
        func shape(_ s: [Int]) -> String { s.map(String.init).joined(separator: "×") }
        var y = area.y
        let arrow = grid.glyphs.isUnicode ? "↓" : "v"
        if let input = snapshot.layerShapes.first {
            grid.write("input \(shape(input))", x: area.x + 1, y: y, style: theme.style(.emphasis), maxWidth: area.width - 1)
            y += 1
        }
        for (index, summary) in snapshot.layerSummaries.enumerated() {
            guard y < area.maxY - 1 else { break }
            let output = snapshot.layerShapes.indices.contains(index + 1) ? shape(snapshot.layerShapes[index + 1]) : ""
            let x = area.x + 1
            let used = grid.write("\(arrow) \(summary)", x: x, y: y, style: theme.style(.text), maxWidth: area.width - 1)
            let right = "→ \(output)"
            let rightX = max(x + used + 1, area.maxX - right.count - 1)
            grid.write(right, x: rightX, y: y, style: theme.style(.muted), maxWidth: area.maxX - rightX)
            y += 1
        }
        if y < area.maxY {
            grid.write("\(snapshot.parameterCount.grouped) parameters", x: area.x + 1, y: y,
                       style: theme.style(.highlight), maxWidth: area.width - 1)
        }
    }
}
