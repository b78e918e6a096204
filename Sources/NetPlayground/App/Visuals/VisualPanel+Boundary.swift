import Foundation
import Lessons
import MiniNN
import TUI

extension VisualPanel {
    func renderBoundary(into grid: inout Grid, area fullArea: Rect) {
        guard let snapshot, let map = snapshot.decisionMap, let extent = snapshot.planeExtent else {
            return waiting("drawing the plane…", into: &grid, area: fullArea)
        }
        var area = fullArea
        // A table's plane says what its axes are (two columns, or two principal components) above the map.
        if let longest = snapshot.planeCaptions.first, area.height > 4 {
            let caption = snapshot.planeCaptions.first { displayWidth(of: $0) <= area.width - 1 } ?? longest
            grid.write(caption, x: area.x + 1, y: area.y, style: grid.theme.style(.muted), maxWidth: area.width - 1)
            area = area.inset(top: 1)
        }
        let width = Double(extent.maxX - extent.minX), height = Double(extent.maxY - extent.minY)
        // Train points, at most one per three cells of the map and a few hundred, so the boundary
        // stays visible; an odd step, as the toy sets alternate their classes.
        let mapColumns = min(area.width, Int((width / height * Double(2 * area.height)).rounded()))
        let shown = max(12, min(300, mapColumns * area.height / 3))
        var step = max(1, snapshot.points.count / shown)
        if step > 1 && step % 2 == 0 { step += 1 }
        let points = stride(from: 0, to: snapshot.points.count, by: step).map { index -> HeatmapPoint in
            let p = snapshot.points[index]
            return HeatmapPoint(x: Double(p.x - extent.minX) / width, y: Double(p.y - extent.minY) / height,
                                category: p.label)
        }
        var line: (x0: Double, y0: Double, x1: Double, y1: Double)?
        if let (w1, w2, b) = snapshot.perceptronLine {
            line = BoundaryLine.clip(w1: Double(w1), w2: Double(w2), b: Double(b), extent: extent)
        }
        // Class 1's probability around ½: one hue per class, dark where unsure.
        let values = map.values.map { Double($0) - 0.5 }
        // The extent's proportions, so circles stay round (half-block pixels are square).
        var heatmap = Heatmap(rows: map.rows, columns: map.columns, values: values,
                              palette: .diverging(limit: 0.5), points: points, line: line,
                              aspectRatio: width / height)
        heatmap.pointClassCount = max(2, snapshot.classNames.count)
        let legends = Heatmap.classLegends(names: snapshot.classNames, theme: grid.theme, glyphs: grid.glyphs)
        // A map as tall as the panel leaves room on its right: the legend goes there, wrapped.
        if area.width - mapColumns - 2 >= 20 {
            let mapRect = Rect(x: area.x + 1, y: area.y, width: mapColumns, height: area.height)
            grid.render(heatmap, in: mapRect)
            let side = Rect(x: mapRect.maxX + 2, y: area.y, width: area.maxX - mapRect.maxX - 3, height: area.height)
            grid.render(Paragraph(legends[0], role: .muted), in: side)
            return
        }
        let parts = Layout.vertical([.fill(1), .length(1)]).split(area)
        grid.render(heatmap, in: parts[0])
        // The full sentence when it fits; shorter forms for narrow panels.
        let room = parts[1].width - 1
        let legend = legends.first { displayWidth(of: $0) <= room } ?? legends[legends.count - 1]
        grid.write(legend, x: parts[1].x + 1, y: parts[1].y, style: grid.theme.style(.muted), maxWidth: parts[1].width - 1)
    }
}
