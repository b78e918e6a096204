import Foundation
import Lessons
import MiniNN
import Testing
import TUI
@testable import NetPlayground

/// Reopening a lesson that has kept runs: the note says `o` lists them;
/// `p` pins one onto the charts, Enter goes on training one where it stopped
/// (weights, knobs, epochs and curves). Kept files are untrusted: a bad one
/// is named in a notice and the lesson opens all the same.
@Suite("Earlier runs of a lesson", .serialized)
struct EarlierRunsTests {
    /// A progress directory whose `runs/` holds two kept runs of lesson 3,
    /// two epochs each with weights (seed 1, then seed 9 after a reset);
    /// returns it, the records (newest first) and the decision maps the runs
    /// ended with (oldest first).
    static func keptRuns() throws -> (directory: String, records: [RunRecord], maps: [PlaneMap?]) {
        let directory = RunHistoryTests.directory()
        let history = RunHistory(directory: directory + "/runs")
        let lesson = Course.learningRate
        let context = RunHistoryContext(store: history, lesson: lesson.id, lessonTitle: lesson.title, slug: lesson.slug)
        let session = SeededSession(lesson, history: context)
        let first = try session.trainEpochs(2, after: try session.built())
        let reset = try session.send(.reset(seed: 9), awaiting: "the reset") { $0.seed == 9 && $0.state == .paused }
        let second = try session.trainEpochs(2, after: reset)
        _ = try session.send(.reset(seed: 10), awaiting: "the second reset") { $0.seed == 10 }
        return (directory, history.list().records, [first.decisionMap, second.decisionMap])
    }

    static func app(_ directory: String, threads: Bool = false, mailbox: Mailbox<TrainingSnapshot> = Mailbox()) -> PlaygroundApp {
        PlaygroundApp(progress: ProgressStore(directory: directory), exportRoot: directory, mailbox: mailbox,
                      openLesson: Course.learningRate.id, startsThreads: threads)
    }

    @Test("the lesson opens with its last run pinned and says o lists them; o, ↓, p pins the older one")
    func pinAnEarlierRun() throws {
        let (directory, records, _) = try Self.keptRuns()
        #expect(records.count == 2 && records.allSatisfy { $0.slug == "learning-rate" && $0.weights != nil })
        var app = Self.app(directory)
        guard case .lesson(let opened) = app.screen else { Issue.record("lesson 3 did not open"); return }
        #expect(opened.earlierRuns.map(\.id) == records.map(\.id), "newest first")
        #expect(opened.note?.contains("o lists your 2 kept runs") == true, "\(opened.note ?? "")")
        #expect(opened.pins.map(\.historyID) == [records[0].id], "the last run is pinned as the lesson opens")
        _ = app.update(.key(.character("o")))
        #expect(app.keyContext == .earlierRuns)
        _ = app.update(.key(.character("p")))
        guard case .earlierRuns(let list) = app.screen else { Issue.record("p on a pinned run left the list"); return }
        #expect(list.note == "that run is already on the charts")
        _ = app.update(.key(.down))
        _ = app.update(.key(.character("p")))
        guard case .lesson(let pinned) = app.screen else { Issue.record("p did not go back to the lesson"); return }
        #expect(pinned.pins.map(\.historyID) == [records[0].id, records[1].id])
        #expect(pinned.pins[1].run.validation.map(\.loss) == records[1].validation.map(\.loss))
        #expect(pinned.note?.hasPrefix("pinned your run") == true)
    }

    @Test("Enter goes on training a kept run: its weights, knobs and seed, epoch 3 next, its curves, then it trains on")
    func continueAKeptRun() throws {
        let (directory, records, maps) = try Self.keptRuns()
        let mailbox = Mailbox<TrainingSnapshot>()
        var app = Self.app(directory, threads: true, mailbox: mailbox)
        defer { _ = app.update(.key(.character("q"))) }
        _ = app.update(.key(.character("o")))
        _ = app.update(.key(.down))
        _ = app.update(.key(.enter))
        guard case .lesson(let continued) = app.screen else { Issue.record("Enter did not go back to the lesson"); return }
        let record = records[1]
        #expect(record.seed == 1 && continued.knobs.hyperparameters == record.hyperparameters && continued.seed == 1)
        #expect(continued.note?.contains("from the end of epoch 2") == true, "\(continued.note ?? "")")
        func waitFor(_ what: String, _ done: (TrainingSnapshot) -> Bool) throws -> TrainingSnapshot {
            let deadline = Date().addingTimeInterval(60)
            while true {
                for snapshot in mailbox.takeAll() { _ = app.update(.posted(snapshot)) }
                if case .lesson(let screen) = app.screen, let snapshot = screen.snapshot,
                   snapshot.session == continued.sessionID, done(snapshot) { return snapshot }
                guard Date() < deadline else { throw SeededSession.Timeout(what: what) }
                Thread.sleep(forTimeInterval: 0.005)
            }
        }
        let restored = try waitFor("the restored run") { $0.state == .paused && !$0.epochs.isEmpty }
        #expect(restored.epochs.map(\.epoch) == [0, 1] && restored.epoch == 2)
        #expect(restored.epochs.compactMap { $0.validation?.loss } == record.validation.map(\.loss))
        #expect(restored.lossCurve.map(\.loss) == record.curve.map(\.loss), "the curve is the kept one")
        #expect(restored.decisionMap != nil && restored.decisionMap == maps[0], "the kept weights draw the boundary they ended with")
        _ = app.update(.key(.character("n")))
        let onward = try waitFor("a third epoch") { $0.epochs.count == 3 }
        #expect(onward.epochs.last?.epoch == 2, "the next epoch is the run's third")
    }

    @Test("a bad history file gives a notice naming it; bad weights refuse to continue; nothing crashes")
    func untrustedFiles() throws {
        let (directory, records, _) = try Self.keptRuns()
        let runs = directory + "/runs"
        let bad = RunRecord.makeID(date: "20991231-235959", lesson: Course.learningRate.id, process: 1, session: 1, run: 1)
        try Data("{\"format\": \"netplayground-run/1\", \"id\": 3".utf8).write(to: URL(fileURLWithPath: runs + "/" + bad + ".json"))
        let weights = try #require(records[0].weights)
        try Data("not a model".utf8).write(to: URL(fileURLWithPath: runs + "/" + weights))
        var app = Self.app(directory)
        guard case .lesson(let opened) = app.screen else { Issue.record("the lesson did not open"); return }
        #expect(opened.note?.contains("1 kept run could not be read (\(bad).json: not a run record)") == true,
                "\(opened.note ?? "")")
        _ = app.update(.key(.character("o")))
        _ = app.update(.key(.enter))
        guard case .earlierRuns(let list) = app.screen else { Issue.record("bad weights left the list"); return }
        #expect(list.note?.hasPrefix("cannot go on from \(weights)") == true, "\(list.note ?? "")")
        var grid = Grid(width: 80, height: 24, theme: Theme(capability: .none), glyphs: .braille)
        app.view(into: &grid)
        #expect(grid.lines.joined().contains("cannot go on from"))
    }
}
