import Foundation
import Lessons
import MiniNN
import TUI

extension VisualPanel {
    func renderBoundary(into grid: inout Grid, area: Rect) {
        guard let snapshot, let map = snapshot.decisionMap, let extent = snapshot.planeExtent else {
            return waiting("drawing the plane…", into: &grid, area: area)
        }
        let width = Double(extent.maxX - extent.minX), height = Double(extent.maxY - extent.minY)
        // Train points, at most a few hundred so the boundary stays visible.
        let step = max(1, snapshot.points.count / 300)
        let points = stride(from: 0, to: snapshot.points.count, by: step).map { index -> HeatmapPoint in
            let p = snapshot.points[index]
            return HeatmapPoint(x: Double(p.x - extent.minX) / width, y: Double(p.y - extent.minY) / height,
                                category: p.label)
        }
        var line: (x0: Double, y0: Double, x1: Double, y1: Double)?
        if let (w1, w2, b) = snapshot.perceptronLine {
            line = BoundaryLine.clip(w1: Double(w1), w2: Double(w2), b: Double(b), extent: extent)
        }
        // Class 1's probability around ½: blue for class 0, red for class 1.
        let values = map.values.map { Double($0) - 0.5 }
        let heatmap = Heatmap(rows: map.rows, columns: map.columns, values: values,
                              palette: .diverging(limit: 0.5), points: points, line: line, stretches: true)
        let parts = Layout.vertical([.fill(1), .length(1)]).split(area)
        grid.render(heatmap, in: parts[0])
        let names = snapshot.classNames
        // The full sentence when it fits; shorter forms for narrow panels.
        let legends = names.count >= 2
            ? ["\(names[0]) (blue) vs \(names[1]) (red); shade = confidence",
               "\(names[0]) blue, \(names[1]) red; shade = confidence",
               "blue \(names[0]), red \(names[1]), shade = sure",
               "blue \(names[0]) · red \(names[1])"]
            : ["shade = the network's answer"]
        let room = parts[1].width - 1
        let legend = legends.first { $0.count <= room } ?? legends[legends.count - 1]
        grid.write(legend, x: parts[1].x + 1, y: parts[1].y, style: grid.theme.style(.muted), maxWidth: parts[1].width - 1)
    }
}
