import Foundation
import Lessons
import MiniNN
import TUI

extension VisualPanel {
    func renderNetwork(into grid: inout Grid, area: Rect) {
        guard let snapshot, !snapshot.layerSummaries.isEmpty else {
            return waiting("building…", into: &grid, area: area)
        }
        if let picture = snapshot.network, area.height >= 6 {
            let diagram = Self.diagram(picture)
            let pictureArea = area.inset(bottom: 1)
            if diagram.fits(in: pictureArea) {
                grid.render(diagram, in: pictureArea)
                grid.write("\(snapshot.parameterCount.grouped) parameters", x: area.x + 1, y: area.maxY - 1,
                           style: grid.theme.style(.highlight), maxWidth: area.width - 1)
                return
            }
        }
        renderLayerList(snapshot, into: &grid, area: area)
    }

    /// The 2-D net as neurons and connections; the output, class 1's share, on the boundary's scale.
    static func diagram(_ picture: NetworkPicture) -> NetworkDiagram {
        let last = picture.layers.count - 1
        let layers = picture.layers.enumerated().map { index, maps in
            maps.map { map in
                index == last && maps.count == 1
                    ? NetworkDiagram.Neuron(rows: map.rows, columns: map.columns,
                                            values: map.values.map { Double($0) - 0.5 }, limit: 0.5)
                    : NetworkDiagram.Neuron(rows: map.rows, columns: map.columns, values: map.values.map(Double.init))
            }
        }
        let captions = picture.layers.enumerated().map { index, maps in
            index == 0 ? "x y" : (index == last ? "out" : String(maps.count))
        }
        return NetworkDiagram(layers: layers, weights: picture.weights.map { $0.map(Double.init) }, captions: captions)
    }

    /// Layer by layer with output shapes: for nets too big to draw neuron by neuron.
    func renderLayerList(_ snapshot: TrainingSnapshot, into grid: inout Grid, area: Rect) {
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
            let right = (grid.glyphs.isUnicode ? "→ " : "-> ") + output
            let rightX = max(x + used + 1, area.maxX - displayWidth(of: right) - 1)
            grid.write(right, x: rightX, y: y, style: theme.style(.muted), maxWidth: area.maxX - rightX)
            y += 1
        }
        if y < area.maxY {
            grid.write("\(snapshot.parameterCount.grouped) parameters", x: area.x + 1, y: y,
                       style: theme.style(.highlight), maxWidth: area.width - 1)
        }
    }
}
