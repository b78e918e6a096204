import Foundation
import Lessons
import MiniNN
import TUI

/// `o` in a lesson that has kept runs: its last runs, newest first. `p`
/// pins the selected one onto the lesson's charts; Enter goes on training
/// it where it stopped (its weights, knobs, epochs and curves). Esc goes back.
struct EarlierRunsList {
    /// The lesson, going on behind the list as it was.
    var home: LessonScreen
    /// The runs to choose from, newest first.
    let records: [RunRecord]
    private(set) var selected = 0
    var note: String?

    /// What a key asks of the app.
    enum Outcome: Equatable {
        case stay, back
        /// The selected run onto the charts (the list stays open).
        case pin(RunRecord)
        /// The lesson goes on from the selected run.
        case continueRun(RunRecord)
    }

    /// Nil when the lesson has no kept runs.
    init?(home: LessonScreen) {
        guard !home.earlierRuns.isEmpty else { return nil }
        self.home = home
        records = home.earlierRuns
    }

    /// The list's update function: the selection moves here; pinning and
    /// continuing are the app's to do.
    mutating func handle(_ action: PlaygroundAction) -> Outcome {
        note = nil
        switch action {
        case .back: return .back
        case .up: selected = (selected + records.count - 1) % records.count
        case .down: selected = (selected + 1) % records.count
        case .pinRun: return records.indices.contains(selected) ? .pin(records[selected]) : .stay
        case .select, .continueRun:
            guard records.indices.contains(selected) else { return .stay }
            guard records[selected].weights != nil else {
                note = "that run's weights were not kept: p pins its curves instead"
                return .stay
            }
            return .continueRun(records[selected])
        default: break
        }
        return .stay
    }
}

extension EarlierRunsList {
    /// The lesson under a box listing the runs: when, what set it apart, how
    /// far it got; the list's keys on the hint line.
    func render(into grid: inout Grid, area: Rect, framesPerSecond: Double?) {
        let size = Size(width: min(area.width - 4, 96), height: min(area.height - 2, records.count + 9))
        let inner = home.renderUnderBox(into: &grid, area: area, framesPerSecond: framesPerSecond, keys: .earlierRuns,
                                        size: size, title: "Your earlier runs of this lesson",
                                        rightTitle: "\(records.count) kept")
            .inset(top: 1, left: 1, right: 1)
        guard !inner.isEmpty else { return }
        let parts = Layout.vertical([.fill(1), .length(2)]).split(inner)
        grid.render(table(unicode: grid.glyphs.isUnicode), in: parts[0])
        let text = note ?? "p pins the selected run onto the charts; Enter goes on training it from its last whole epoch."
        grid.render(Paragraph(spans: [[Span(text)]], role: note == nil ? .muted : .warning), in: parts[1])
    }

    /// One row a run: when it ended, its knobs, epochs, best validation loss, last validation accuracy.
    func table(unicode: Bool) -> Table {
        let marker = unicode ? "▶" : ">"
        let rows = records.enumerated().map { index, record -> [TableCell] in
            let lit = index == selected
            func cell(_ text: String) -> TableCell { lit ? TableCell(text, role: .focus, attributes: .bold) : TableCell(text) }
            return [cell(Self.when(record.ended)), cell(knobs(of: record)),
                    cell(String(record.epochs)),
                    cell(record.best.map { NumberFormat.compact(Double($0.loss)) } ?? "—"),
                    cell(record.finalValidation.map { "\(Int(($0.accuracy * 100).rounded()))%" } ?? "—"),
                    cell(record.weights == nil ? "no" : "yes")]
        }
        return Table(corner: "run", columnHeaders: ["ended", "knobs", "ep", "best", "val", "weights"],
                     rowHeaders: records.indices.map { $0 == selected ? "\(marker)\($0 + 1)" : "\($0 + 1)" },
                     cells: rows, footer: "best: min val loss · val: last val accuracy")
    }

    /// "Dec 3 10:38" from an ISO 8601 time (in UTC, as it was written).
    static func when(_ iso: String) -> String {
        guard let date = ISO8601DateFormatter().date(from: iso) else { return TerminalText.sanitized(iso, maxLength: 20) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "MMM d HH:mm"
        return formatter.string(from: date)
    }

    /// The knobs of the lesson's panel that trained the run ("lr 0.1, adam, batch 32").
    private func knobs(of record: RunRecord) -> String {
        var knobs = home.knobs
        knobs.hyperparameters = record.hyperparameters
        let shown: [KnobKind] = [.learningRate, .optimizer, .batchSize, .dropout, .weightDecay, .l1, .shift]
        let text = home.panel.filter { shown.contains($0) }
            .map { RacePreset.runnerLabel($0, knobs) }.joined(separator: ", ")
        let data = TerminalText.sanitized(record.data, maxLength: 30)
        return home.lesson.dataChoices.count > 1 ? data + ", " + text : text
    }
}
