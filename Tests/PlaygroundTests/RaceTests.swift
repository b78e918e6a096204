import Foundation
import Lessons
import MiniNN
import Testing
import TUI
@testable import NetPlayground

/// `c` races the lesson's settings side by side. Fair by construction: the
/// runners start from the same seed, data and first weights, so equal knobs
/// give bit-identical curves, and each runner trains exactly as the same
/// knobs would alone, though the runners train at once (one OpenBLAS thread
/// each) and the lone run uses the lesson's own threads.
@Suite("Races", .serialized)
struct RaceTests {
    /// A lesson's screen (3 unless told) at full speed, its learning rate selected.
    static func home(_ lesson: Lesson = Course.learningRate, mailbox: Mailbox<TrainingSnapshot> = Mailbox()) -> LessonScreen {
        var home = LessonScreen(lesson: lesson, sessionID: 1, mailbox: mailbox, startsThreads: false)
        home.knobs.speed = .full
        home.selectedKnob = lesson.panel.firstIndex(of: .learningRate) ?? 0
        return home
    }

    /// Runs a race's runners until each has trained `epochs` epochs; returns their snapshots then.
    static func runRace(_ preset: RacePreset, epochs: Int, lesson: Lesson = Course.learningRate) throws -> [TrainingSnapshot] {
        try runRace(preset, lesson: lesson, until: "\(epochs) epochs of every runner") { $0.epochs.count >= epochs }
    }

    /// Runs a race's runners until each one's snapshot satisfies `done`.
    static func runRace(_ preset: RacePreset, lesson: Lesson, until what: String,
                        _ done: (TrainingSnapshot) -> Bool) throws -> [TrainingSnapshot] {
        let mailbox = Mailbox<TrainingSnapshot>()
        var race = RaceScreen(home: home(lesson, mailbox: mailbox), preset: preset, firstSessionID: 10,
                              mailbox: mailbox, startsThreads: true)
        defer { race.stop() }
        let deadline = Date().addingTimeInterval(120)
        while race.runners.contains(where: { $0.snapshot.map(done) != true }) {
            guard Date() < deadline else { throw SeededSession.Timeout(what: what) }
            for snapshot in mailbox.takeAll() { race.receive(snapshot) }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return race.runners.compactMap(\.snapshot)
    }

    /// What a run trained in its first `epochs` epochs: its curve and its epoch-end validation.
    static func firstEpochs(_ snapshot: TrainingSnapshot, _ epochs: Int) -> (curve: [TrainingSnapshot.LossPoint], validation: [Float]) {
        (snapshot.lossCurve.filter { $0.epoch <= Double(epochs) },
         snapshot.epochs.prefix(epochs).compactMap { $0.validation?.loss })
    }

    @Test("runners with equal knobs give bit-identical curves")
    func equalKnobsEqualCurves() throws {
        let same = RacePreset([.init("lr 0.1", [.learningRate(0.1)]), .init("lr 0.1 again", [.learningRate(0.1)])])
        let snapshots = try Self.runRace(same, epochs: 6)
        let first = Self.firstEpochs(snapshots[0], 6), second = Self.firstEpochs(snapshots[1], 6)
        #expect(first.curve.count == 60 && first.validation.count == 6)
        #expect(first.curve == second.curve, "the two runners' training curves differ")
        #expect(first.validation == second.validation)
        #expect(snapshots[0].seed == snapshots[1].seed && snapshots[0].trainCount == snapshots[1].trainCount)
    }

    @Test("a race of three takes the same steps as three runs alone")
    func raceEqualsSeparateRuns() throws {
        let preset = try #require(RacePreset.preset(for: "learning-rate"))
        #expect(preset.runners.map(\.label) == ["lr 0.01", "lr 0.1", "lr 1"])
        let raced = try Self.runRace(preset, epochs: 4)
        for (index, runner) in preset.runners.enumerated() {
            let knobs = Self.home().knobs.applying(runner.changes)
            let alone = SeededSession(Course.learningRate, knobs: knobs)
            let solo = try alone.trainEpochs(4, after: try alone.built())
            let race = Self.firstEpochs(raced[index], 4), own = Self.firstEpochs(solo, 4)
            #expect(race.curve == own.curve, "runner \(index + 1) (\(runner.label)) trained differently from its run alone")
            #expect(race.validation == own.validation)
            #expect(raced[index].knobsInEffect?.learningRate == knobs.hyperparameters.learningRate)
        }
        // The point of the race: a tenth of the rate learns far less in the same batches.
        let slow = Self.firstEpochs(raced[0], 4).validation.last ?? 0, good = Self.firstEpochs(raced[1], 4).validation.last ?? 1
        #expect(slow > good, "lr 0.01 should be behind lr 0.1 after 4 epochs: \(slow) vs \(good)")
    }

    @Test("lesson 8's convnet runners (one OpenBLAS thread each, at once) train as each would alone")
    func convnetRunnersTrainAsAlone() throws {
        let preset = try #require(RacePreset.preset(for: "convnet"))
        let batches = 24
        let raced = try Self.runRace(preset, lesson: Course.convnet, until: "\(batches) batches of every runner") {
            $0.lossCurve.count >= batches
        }
        for (index, runner) in preset.runners.enumerated() {
            let knobs = Self.home(Course.convnet).knobs.applying(runner.changes)
            let alone = SeededSession(Course.convnet, knobs: knobs)
            _ = try alone.built()
            let solo = try alone.send(.stepBatches(batches), awaiting: "\(batches) batches alone") {
                $0.batchesTrained == batches && $0.state == .paused
            }
            #expect(Array(raced[index].lossCurve.prefix(batches)) == solo.lossCurve,
                    "runner \(index + 1) (\(runner.label)) trained differently from its run alone")
        }
    }

    @Test("c opens the picker on the preset, Enter starts it; 1–4 pick the runner whose knobs the keys turn; Space acts on all; Esc goes back")
    func keysInARace() throws {
        var app = ScreenSnapshotTests.app(opening: 3)
        _ = app.update(.key(.character("c")))
        #expect(app.keyContext == .racePicker)
        _ = app.update(.key(.enter))
        guard case .race(var race) = app.screen else { Issue.record("c did not start a race"); return }
        #expect(app.keyContext == .race && race.runners.count == 3 && race.selected == 0)
        #expect(race.runners.map { $0.knobs.display(.learningRate) } == ["0.01", "0.1", "1"])
        #expect(Set(race.runners.map(\.seed)).count == 1, "every runner starts from the lesson's seed")

        _ = app.update(.key(.character("2")))
        _ = app.update(.key(.character("+")))
        guard case .race(let turned) = app.screen else { Issue.record("the race ended"); return }
        race = turned
        #expect(race.selected == 1)
        #expect(race.runners.map { $0.knobs.display(.learningRate) } == ["0.01", "0.2", "1"], "only runner 2's knob turned")
        #expect(race.label(of: 1) == "lr 0.1 → lr 0.2" && race.label(of: 0) == "lr 0.01")
        let pause = race.handle(.togglePause, exportRoot: "/tmp")
        #expect(pause.map(\.runner) == [0, 1, 2], "Space reaches every runner")
        _ = app.update(.key(.character("9")))
        _ = app.update(.key(.character("t")))
        guard case .race(let tabled) = app.screen else { Issue.record("the race ended"); return }
        #expect(tabled.runners.allSatisfy { $0.showsRunsTable }, "t opens the runs table for every runner")
        #expect(try #require(tabled.shownRunner.race).table.rows.map(\.name) == [], "no runner has posted a snapshot yet")
        _ = app.update(.key(.character("t")))

        var grid = Grid(width: 80, height: 24, theme: Theme(capability: .none), glyphs: .braille)
        app.view(into: &grid)
        let text = grid.lines.joined(separator: "\n")
        #expect(text.contains("race: 1 lr 0.01  [2 lr 0.1 → lr 0.2]  3 lr 1"), "\(text)")
        #expect(text.contains("c end race") && text.contains("1-4 runner"), "the race's own hints: \(text)")

        _ = app.update(.key(.escape))
        guard case .lesson(let back) = app.screen else { Issue.record("Esc did not end the race"); return }
        #expect(back.note?.hasPrefix("race ended") == true && back.knobs.display(.learningRate) == "0.1")
    }

    @Test("lesson 7 trains nothing, so c says so and opens no picker")
    func nothingToRace() {
        var app = ScreenSnapshotTests.app(opening: Course.lesson(slug: "convolution")?.id ?? 7)
        _ = app.update(.key(.character("c")))
        guard case .lesson(let lesson) = app.screen else { Issue.record("c left lesson 7"); return }
        #expect(lesson.note == "nothing trains in this lesson, so nothing races")
        #expect(RacePreset.preset(for: "overfitting")?.runners.map(\.label) == ["none", "L2 1e-3", "dropout 0.5", "shift ±2"])
        #expect(RacePreset.preset(for: "convnet")?.runners.count == 2 && RacePreset.preset(for: "hidden-layers")?.runners.count == 3)
    }
}
