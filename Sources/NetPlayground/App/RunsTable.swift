import Lessons
import MiniNN
import TUI

/// The runs table (`t`): each run on the charts in a row, with the knobs
/// that differ between them (the ones that differ from the shown run
/// highlighted), its best validation loss and epoch, its final accuracies,
/// images a second and seconds of training.
struct RunsTable: Sendable {
    /// One run: its name in the table ("1", "▶"), its knobs and what it did.
    struct Row: Sendable {
        var name: String
        var knobs: KnobSettings
        var run: FinishedRun
        /// The run the screen shows live (the others are compared with it).
        var isShown: Bool
    }

    var rows: [Row]
    /// The panel's knobs, in order; those that differ between rows get a column.
    var panel: [KnobKind]
    var dataChoices: [LessonData] = []

    init(rows: [Row], panel: [KnobKind], dataChoices: [LessonData]) {
        self.rows = rows
        self.panel = panel
        self.dataChoices = dataChoices
    }

    /// The lesson screen's runs: its pins, then the live one.
    init(lessonScreen screen: LessonScreen) {
        panel = screen.panel
        dataChoices = screen.lesson.dataChoices
        // Numbered as the charts number them.
        var rows: [Row] = screen.shownPins.map { shown in
            var knobs = screen.pins.first { $0.run.runNumber == shown.run.runNumber }?.knobs ?? screen.knobs
            if let ran = shown.run.hyperparameters { knobs.hyperparameters = ran }
            return Row(name: String(shown.number), knobs: knobs, run: shown.run, isShown: false)
        }
        if let snapshot = screen.snapshot {
            rows.append(Row(name: "▶", knobs: screen.knobs, run: FinishedRun(snapshot, label: "this run"), isShown: true))
        }
        self.rows = rows
    }

    /// A race's runners, by number; the shown one marked.
    init(race: RaceView) {
        let first = race.runners.first?.screen
        panel = first?.panel ?? []
        dataChoices = first?.lesson.dataChoices ?? []
        rows = race.runners.enumerated().compactMap { index, runner in
            guard let snapshot = runner.screen.snapshot else { return nil }
            let name = index == race.selected ? "▶\(index + 1)" : "\(index + 1)"
            return Row(name: name, knobs: runner.screen.knobs, run: FinishedRun(snapshot, label: runner.label),
                       isShown: index == race.selected)
        }
    }

    /// The knobs that are not the same in every row (speed never is a difference).
    var differingKnobs: [KnobKind] {
        panel.filter { kind in
            kind != .speed && Set(rows.map { $0.knobs.display(kind, dataChoices: dataChoices) }).count > 1
        }
    }

    var table: Table {
        let knobs = differingKnobs
        let shown = rows.first(where: \.isShown)
        let bestLoss = rows.compactMap { $0.run.bestValidation?.loss }.min()
        // Runs with a test set (MNIST) also show its verdict and the seconds an epoch took.
        let tested = rows.contains { $0.run.testAccuracy != nil }
        let headers = knobs.map(\.columnName) + ["best", "ep", "acc", "val"] + (tested ? ["test"] : []) + ["img/s", "s"]
            + (tested ? ["s/ep"] : [])
        let cells = rows.map { row -> [TableCell] in
            var cells = knobs.map { kind -> TableCell in
                let value = row.knobs.display(kind, dataChoices: dataChoices)
                let differs = shown.map { value != $0.knobs.display(kind, dataChoices: dataChoices) } ?? false
                return differs ? TableCell(value, role: .emphasis, attributes: .bold) : TableCell(value)
            }
            let best = row.run.bestValidation
            cells.append(best.map {
                TableCell(NumberFormat.compact(Double($0.loss)), role: $0.loss == bestLoss ? .success : .text,
                          attributes: $0.loss == bestLoss ? .bold : [])
            } ?? TableCell("—", role: .muted))
            cells.append(best.map { TableCell(String(Int($0.epoch.rounded()))) } ?? TableCell("—", role: .muted))
            cells.append(row.run.curve.last.map { TableCell(Self.percent($0.accuracy)) } ?? TableCell("—", role: .muted))
            cells.append(row.run.validation.last.map { TableCell(Self.percent($0.accuracy)) } ?? TableCell("—", role: .muted))
            if tested {
                cells.append(row.run.testAccuracy.map { TableCell(Self.percent($0)) } ?? TableCell("—", role: .muted))
            }
            let seconds = row.run.trainingSeconds
            cells.append(seconds > 0 ? TableCell(Self.rate(Double(row.run.curveItems) / seconds)) : TableCell("—", role: .muted))
            cells.append(TableCell(Self.seconds(seconds)))
            if tested {
                cells.append(row.run.epochs > 0 ? TableCell(Self.secondsPerEpoch(seconds / Double(row.run.epochs)))
                                                : TableCell("—", role: .muted))
            }
            return cells
        }
        return Table(corner: "run", columnHeaders: headers, rowHeaders: rows.map(\.name), cells: cells,
                     footer: "best: min val loss, at ep · s: batch time")
    }

    /// Seconds an epoch took, fine enough for epochs of a few batches: 0.004, 0.02, 0.35, 2.4.
    static func secondsPerEpoch(_ value: Double) -> String {
        guard value.isFinite, value > 0 else { return "0" }
        if value < 0.01 { return String(format: "%.3f", value) }
        if value < 1 { return String(format: "%.2f", value) }
        return seconds(value)
    }

    /// Images a second, to three figures: 958, 12.4k, 758k.
    static func rate(_ value: Double) -> String {
        guard value.isFinite, value >= 0 else { return "—" }
        if value < 1000 { return String(Int(value.rounded())) }
        if value < 100_000 { return NumberFormat.compact((value / 100).rounded() * 100) }
        return "\(Int((value / 1000).rounded()))k"
    }

    /// Seconds spent in batches (waits between paced batches left out): <0.1, 2.4, 75.
    static func seconds(_ value: Double) -> String {
        if value <= 0 { return "0" }
        if value < 0.1 { return "<0.1" }
        if value < 10 { return String(format: "%.1f", value) }
        return String(Int(value.rounded()))
    }

    private static func percent(_ value: Float) -> String {
        value.isFinite ? "\(Int((value * 100).rounded()))%" : "—"
    }
}

extension KnobKind {
    /// The knob's column heading in the runs table.
    fileprivate var columnName: String {
        switch self {
        case .learningRate: "lr"
        case .batchSize: "batch"
        case .optimizer: "opt"
        case .weightDecay: "L2"
        case .l1: "L1"
        case .activation: "act"
        case .initScale: "init"
        case .labelNoise: "lbl noise"
        case .validationFraction: "val %"
        default: label
        }
    }
}
