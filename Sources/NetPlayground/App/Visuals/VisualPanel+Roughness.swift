import Foundation
import Lessons
import MiniNN
import TUI

extension VisualPanel {
    /// The pictures' area and, when there is room, one row under it for the roughness.
    func splitForRoughness(_ area: Rect) -> (Rect, Rect) {
        guard snapshot?.roughness != nil, area.height >= 4 else { return (area, Rect(x: area.x, y: area.y, width: 0, height: 0)) }
        return (area.inset(bottom: 1), Rect(x: area.x, y: area.maxY - 1, width: area.width, height: 1))
    }

    /// "roughness 0.42 smooth ▇▅▃▂": how noisy the first layer's pictures are (1 is noise), over the run.
    func renderRoughness(into grid: inout Grid, area: Rect, what: String) {
        guard let snapshot, let roughness = snapshot.roughness, !area.isEmpty else { return }
        let reading = RoughnessReading(roughness)
        var notes: [String] = []
        if snapshot.flatPictures > 0 { notes.append("\(snapshot.flatPictures) flat") }
        if area.width >= 60 { notes.append("(1 = noise, \(what))") }
        let line = TrendLine(label: "roughness", value: String(format: "%.2f", roughness), word: reading.rawValue,
                             role: reading == .smooth ? .success : (reading == .noise ? .warning : .emphasis),
                             note: notes.joined(separator: " "), history: snapshot.roughnessHistory, range: 0...1.2)
        grid.render(line, in: area.inset(left: 1))
    }
}
