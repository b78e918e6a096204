import Lessons
import MiniNN
import TUI

extension RacePicker {
    /// The lesson as it is, under a box with the picker's rows: what to race,
    /// each runner's value, the preset's point, Start; the picker's keys on the hint line.
    func render(into grid: inout Grid, area: Rect, framesPerSecond: Double?) {
        let width = min(area.width - 4, 76)
        let point = race?.point ?? ""
        let explanation = point.isEmpty ? explanationForKnob : point
        let text = Paragraph(spans: [[Span(explanation)]], role: .muted)
        let textRows = text.wrappedLineCount(width: max(1, width - 6), glyphs: grid.glyphs)
        let panelRows = 1 + runnerLabels.count
        let size = Size(width: width, height: min(area.height - 2, panelRows + textRows + 8))
        let inner = home.renderUnderBox(into: &grid, area: area, framesPerSecond: framesPerSecond, keys: .racePicker,
                                        size: size, title: "Race: train side by side",
                                        rightTitle: "\(runnerLabels.count) runners")
            .inset(top: 1, left: 2, right: 2)
        guard !inner.isEmpty else { return }
        let parts = Layout.vertical([.length(panelRows), .length(1), .length(textRows), .length(1), .length(1), .fill(1)])
            .split(inner)
        grid.render(KnobPanel(knobs: rowKnobs(unicode: grid.glyphs.isUnicode), selectedIndex: row < panelRows ? row : nil,
                              focused: true),
                    in: parts[0])
        grid.render(text, in: parts[2])
        let onStart = row == startRow
        let marker = onStart ? String(grid.glyphs.focusMarker) : " "
        grid.write("\(marker) [ Start the race ]", x: parts[4].x, y: parts[4].y,
                   style: onStart ? grid.theme.style(.focus) : grid.theme.style(.text), clip: parts[4])
        if let note {
            grid.render(Paragraph(spans: [[Span(note)]], role: .warning), in: parts[5])
        }
    }

    /// What a race of the chosen knob does, where there is no preset's point to say.
    private var explanationForKnob: String {
        "Same data, seed and first weights; only the \(knob?.label ?? "knob") differs. "
            + "↓ to a runner, ←→ its value, [ ] coarse; a adds a runner, x removes one."
    }

    /// The first row (what is raced) and one per runner.
    private func rowKnobs(unicode: Bool) -> [Knob] {
        let what = knob.map { $0.label } ?? "the lesson's preset"
        var rows = [Knob("race", choice: 0, of: 1, text: what, ordered: false)]
        if let knob {
            for (index, value) in values.enumerated() {
                var screen = home
                screen.knobs = value
                var widget = screen.knobWidget(knob)
                widget.name = "runner \(index + 1)"
                rows.append(widget)
            }
        } else {
            for (index, label) in runnerLabels.enumerated() {
                rows.append(Knob("runner \(index + 1)", choice: 0, of: 1, text: label, ordered: false))
            }
        }
        return rows
    }
}
