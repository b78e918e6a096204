import Foundation
import Lessons
import MiniNN
import Testing
import TUI
@testable import NetPlayground

/// `p` keeps a run on the loss charts, dimmed and named by the knob that set
/// it apart; `P` clears them. Driven through the screen's update function
/// with made-up runs of lesson 3's real built model.
@Suite("Pinned runs")
struct PinnedRunTests {
    /// Lesson 3's built model under a made-up run of `epochs`, as run `number`.
    static func run(_ number: Int, epochs: Int, learningRate: Float, built: TrainingSnapshot,
                    shift: Double = 0) -> TrainingSnapshot {
        var snapshot = built.withMadeUpCurves(epochs: epochs, batchesPerEpoch: 10,
                                              train: { 0.2 * exp(-$0 / (3 + shift)) + 0.01 },
                                              validation: { 0.2 * exp(-Double($0) / (3 + shift)) + 0.02 })
        snapshot.runNumber = number
        snapshot.seed = UInt64(number)
        var knobs = Course.learningRate.knobs
        knobs.learningRate = learningRate
        snapshot.knobsInEffect = knobs
        return snapshot
    }

    /// A reset as the session does it: the next run, with the one that ended as its previous run.
    static func next(after ended: TrainingSnapshot, _ number: Int, epochs: Int, learningRate: Float,
                     built: TrainingSnapshot) -> TrainingSnapshot {
        var snapshot = run(number, epochs: epochs, learningRate: learningRate, built: built, shift: Double(number))
        var previous = ended.asPreviousRun
        previous.runNumber = ended.runNumber
        previous.seed = ended.seed
        previous.hyperparameters = ended.knobsInEffect
        snapshot.previousRun = previous
        return snapshot
    }

    static func screen() -> LessonScreen {
        var screen = LessonScreen(lesson: Course.learningRate, sessionID: 1, mailbox: Mailbox(), startsThreads: false)
        screen.selectedKnob = Course.learningRate.panel.firstIndex(of: .learningRate) ?? 0
        return screen
    }

    @Test("p pins the run; after a knob change and a reset it is drawn dimmed, named by the knob")
    func pinThenReset() throws {
        let built = try SeededSession(Course.learningRate).built()
        var screen = Self.screen()
        _ = screen.handle(.pinRun, exportRoot: "/tmp")
        #expect(screen.pins.isEmpty && screen.note?.contains("nothing to pin yet") == true)

        let first = Self.run(1, epochs: 3, learningRate: 0.1, built: built)
        screen.receive(Self.run(1, epochs: 2, learningRate: 0.1, built: built))
        _ = screen.handle(.pinRun, exportRoot: "/tmp")
        #expect(screen.pins.count == 1 && screen.shownPins.isEmpty, "the live run is not drawn twice")
        _ = screen.handle(.pinRun, exportRoot: "/tmp")
        #expect(screen.pins.count == 1 && screen.note?.contains("already pinned") == true)

        _ = screen.handle(.increase, exportRoot: "/tmp")
        #expect(screen.knobs.display(.learningRate) == "0.2")
        screen.receive(Self.next(after: first, 2, epochs: 1, learningRate: 0.2, built: built))
        let shown = try #require(screen.shownPins.first)
        #expect(screen.shownPins.count == 1, "the pinned last run is drawn once: \(screen.shownPins.map(\.label))")
        #expect(shown.number == 1 && shown.label == "lr 0.1")
        #expect(shown.run.curve == first.lossCurve, "the pin got the whole run when it ended, not the part pinned")

        let charts = LossCharts(try #require(screen.snapshot), pins: screen.shownPins, logarithmic: false)
        #expect(charts.loss.series.filter(\.dimmed).count == 2 && charts.loss.series.first?.name == "1 lr 0.1")
        #expect(charts.loss.points.contains { $0.glyph == "1" && $0.x == 3 }, "its number where its line ends")
        var grid = Grid(width: 80, height: 24, theme: Theme(capability: .full256), glyphs: .braille)
        var app = ScreenSnapshotTests.app(opening: 3)
        app.screen = .lesson(screen)
        app.view(into: &grid)
        #expect(grid.lines.contains { $0.contains("┈┈ 1 lr 0.1") }, "\(grid.lines.joined(separator: "\n"))")
    }

    @Test("t: the runs table lists the pinned and the live run, the knob that differs highlighted, the best val loss marked")
    func runsTable() throws {
        let built = try SeededSession(Course.learningRate).built()
        var screen = Self.screen()
        var first = Self.run(1, epochs: 3, learningRate: 0.1, built: built)
        first.trainingSeconds = 2
        first.curveItems = 960
        screen.receive(first)
        _ = screen.handle(.pinRun, exportRoot: "/tmp")
        _ = screen.handle(.increase, exportRoot: "/tmp")
        var second = Self.next(after: first, 2, epochs: 2, learningRate: 0.2, built: built)
        second.previousRun?.trainingSeconds = 2
        second.previousRun?.curveItems = 960
        screen.receive(second)
        _ = screen.handle(.toggleRunsTable, exportRoot: "/tmp")
        #expect(screen.showsRunsTable)
        let runs = RunsTable(lessonScreen: screen)
        #expect(runs.rows.map(\.name) == ["1", "▶"] && runs.differingKnobs == [.learningRate])
        let table = runs.table
        #expect(table.columnHeaders == ["lr", "best", "ep", "acc", "val", "img/s", "s"])
        #expect(table.cells[0][0] == TableCell("0.1", role: .emphasis, attributes: .bold), "the pin's rate differs from the live one")
        #expect(table.cells[1][0] == TableCell("0.2"))
        let bestLosses = runs.rows.map { $0.run.bestValidation?.loss ?? .infinity }
        let winner = bestLosses[0] < bestLosses[1] ? 0 : 1
        #expect(table.cells[winner][1].role == .success && table.cells[1 - winner][1].role == .text)
        #expect(table.cells[0][5].text == "480" && table.cells[0][6].text == "2.0", "960 items in 2 s of batches")

        var app = ScreenSnapshotTests.app(opening: 3)
        app.screen = .lesson(screen)
        var grid = Grid(width: 80, height: 24, theme: Theme(capability: .none), glyphs: .braille)
        app.view(into: &grid)
        let text = grid.lines.joined(separator: "\n")
        #expect(text.contains("┌ runs") && text.contains("t closes") && text.contains(" 0.1 "), "\(text)")
        _ = screen.handle(.toggleRunsTable, exportRoot: "/tmp")
        #expect(!screen.showsRunsTable)
    }

    @Test("runs with a test set show its accuracy and the seconds an epoch took (lesson 10's fine-tuned vs scratch)")
    func testedRunsShowTestAndSecondsPerEpoch() {
        let knobs = KnobSettings(lesson: Course.transfer)
        func row(_ name: String, accuracy: Float, seconds: Double) -> RunsTable.Row {
            var run = FinishedRun(label: name, curve: [], validation: [.init(epoch: 20, loss: 0.2, accuracy: 0.9)])
            run.testAccuracy = accuracy
            run.epochs = 20
            run.trainingSeconds = seconds
            run.curveItems = 2_000
            var rowKnobs = knobs
            rowKnobs.pretrained = name == "1"
            return RunsTable.Row(name: name, knobs: rowKnobs, run: run, isShown: name == "1")
        }
        let runs = RunsTable(rows: [row("1", accuracy: 0.942, seconds: 0.4), row("2", accuracy: 0.915, seconds: 1.2)],
                             panel: Course.transfer.panel, dataChoices: Course.transfer.dataChoices)
        let table = runs.table
        #expect(table.columnHeaders == ["convolutions", "best", "ep", "acc", "val", "test", "img/s", "s", "s/ep"])
        #expect(table.cells[0][0].text == "reused" && table.cells[1][0].text == "random")
        #expect(table.cells[0][5].text == "94%" && table.cells[1][5].text == "92%", "the test accuracies")
        #expect(table.cells[0][8].text == "0.02" && table.cells[1][8].text == "0.06", "0.4 s and 1.2 s over 20 epochs")
    }

    @Test("an unpinned last run is drawn until the next ends; a fifth pin drops the oldest; P clears all")
    func lastRunCapacityAndClear() throws {
        let built = try SeededSession(Course.learningRate).built()
        var screen = Self.screen()
        var current = Self.run(1, epochs: 2, learningRate: 0.1, built: built)
        screen.receive(current)
        _ = screen.handle(.increase, exportRoot: "/tmp")
        current = Self.next(after: current, 2, epochs: 2, learningRate: 0.2, built: built)
        screen.receive(current)
        #expect(screen.shownPins.map(\.label) == ["last run: lr 0.1"])

        for number in 3...7 {
            _ = screen.handle(.pinRun, exportRoot: "/tmp")
            if number == 7 { #expect(screen.note?.contains("the oldest pin dropped") == true, "\(screen.note ?? "")") }
            _ = screen.handle(.increase, exportRoot: "/tmp")
            current = Self.next(after: current, number, epochs: 2,
                                learningRate: screen.knobs.hyperparameters.learningRate, built: built)
            screen.receive(current)
        }
        #expect(screen.pins.count == LessonScreen.pinCapacity)
        #expect(screen.pins.map(\.run.runNumber) == [3, 4, 5, 6], "run 2, the oldest pin, was dropped")
        #expect(screen.shownPins.map(\.number) == [1, 2, 3, 4])

        _ = screen.handle(.clearPins, exportRoot: "/tmp")
        #expect(screen.pins.isEmpty && screen.shownPins.isEmpty, "P clears the pins and the last run")
        #expect(screen.note == "cleared 4 pinned runs")
        current = Self.next(after: current, 8, epochs: 1, learningRate: screen.knobs.hyperparameters.learningRate,
                            built: built)
        screen.receive(current)
        #expect(screen.shownPins.map(\.label) == ["last run: seed 7"], "the run after P ends and is drawn as the last run")
    }

    @Test("lessons without loss curves have nothing to pin")
    func nothingToPin() {
        var screen = LessonScreen(lesson: Course.convolution, sessionID: 1, mailbox: Mailbox(), startsThreads: false)
        _ = screen.handle(.pinRun, exportRoot: "/tmp")
        #expect(screen.pins.isEmpty && screen.note?.contains("no loss curves") == true)
    }
}
