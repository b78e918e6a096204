import Foundation
import Lessons
import MiniNN
import Testing
import TUI
@testable import NetPlayground

/// Every run is kept when it ends, bounded, and read back with care.
@Suite("Run history", .serialized)
struct RunHistoryTests {
    static func directory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("np-runs-\(UUID().uuidString.prefix(8))").path
    }

    static func record(_ index: Int, lesson: Int = 3) -> RunRecord {
        RunRecord(id: RunRecord.makeID(date: String(format: "20261203-1000%02d", index), lesson: lesson, process: 1,
                                       session: 1, run: index),
                  ended: "2026-12-03T10:00:00Z", lesson: lesson, lessonTitle: "t", data: "circles", model: "Dense 2→16",
                  hyperparameters: Hyperparameters(learningRate: 0.1), seed: 1, labelNoise: 0, seconds: 1, items: 320,
                  epochs: 1, curve: [.init(epoch: 1, loss: 0.5, accuracy: 0.8)],
                  validation: [.init(epoch: 1, loss: 0.4, accuracy: 0.85)], weights: nil)
    }

    @Test("a session keeps a run when it is reset, once, with weights that load; a run that trained nothing is not kept")
    func sessionKeepsRuns() throws {
        let directory = Self.directory()
        let history = RunHistory(directory: directory)
        let session = SeededSession(Course.learningRate,
                                    history: RunHistoryContext(store: history, lesson: 3, lessonTitle: "lr"))
        let trained = try session.trainEpochs(2, after: try session.built())
        _ = try session.send(.reset(seed: 2), awaiting: "the reset") { $0.seed == 2 }
        _ = try session.send(.reset(seed: 3), awaiting: "a second reset") { $0.seed == 3 }
        let listing = history.list()
        #expect(listing.records.count == 1, "the untrained run after the first reset is not kept: \(listing.records.map(\.id))")
        let record = try #require(listing.records.first)
        #expect(record.lesson == 3 && record.epochs == 2 && record.seed == 1 && record.items == trained.curveItems)
        #expect(record.validation.map(\.loss) == trained.epochs.compactMap { $0.validation?.loss })
        #expect(record.curve.count == min(RunRecord.curvePoints, trained.lossCurve.count))
        let weights = try #require(record.weights)
        let loaded = try ModelFile.load(from: directory + "/" + weights)
        #expect(loaded.info.seed == 1 && loaded.info.metrics.epochs == 2)
        #expect(history.latest(lesson: 3) == record && history.latest(lesson: 4) == nil)
    }

    @Test("runs kept before lessons had names stay their lesson's: an old sandbox run (then lesson 10) is the sandbox's, not lesson 10's")
    func olderRecordsKeepTheirLesson() throws {
        let history = RunHistory(directory: Self.directory())
        var oldSandbox = Self.record(1, lesson: 10)
        oldSandbox.slug = nil
        var transfer = Self.record(2, lesson: Course.transfer.id)
        transfer.slug = Course.transfer.slug
        var sandbox = Self.record(3, lesson: Course.sandboxID)
        sandbox.slug = Course.sandbox.slug
        for record in [oldSandbox, transfer, sandbox] { #expect(history.save(record, model: nil, info: nil) == nil) }
        let sandboxRuns = history.recent(lesson: Course.sandboxID, slug: Course.sandbox.slug).records.map(\.id)
        #expect(sandboxRuns == [sandbox.id, oldSandbox.id])
        let transferRuns = history.recent(lesson: Course.transfer.id, slug: Course.transfer.slug).records.map(\.id)
        #expect(transferRuns == [transfer.id])
    }

    @Test("the sandbox's \"or continue\" lists the kept runs' weights, newest first, and continuing one loads it")
    func sandboxContinuesKeptRuns() throws {
        let directory = Self.directory()
        let history = RunHistory(directory: directory)
        let session = SeededSession(Course.learningRate,
                                    history: RunHistoryContext(store: history, lesson: 3, lessonTitle: "lr"))
        _ = try session.trainEpochs(1, after: try session.built())
        _ = try session.send(.reset(seed: 2), awaiting: "the reset") { $0.seed == 2 }
        #expect(history.save(Self.record(1), model: nil, info: nil) == nil, "a record without weights is not offered")
        let offered = SandboxSetup.keptRunModels(in: history)
        #expect(offered.count == 1 && offered[0].hasSuffix(".safetensors"), "\(offered)")
        guard case .success(let lesson) = SandboxSetup.lesson(continuing: offered[0]) else {
            Issue.record("the kept run's weights do not load in the sandbox"); return
        }
        #expect(lesson.dataChoices.first?.displayName == "circles" && lesson.knobs.learningRate == 0.1)
    }

    @Test("past the limits the oldest runs go, record and weights")
    func bounded() {
        var history = RunHistory(directory: Self.directory())
        history.maximumRuns = 3
        for index in 0..<5 { #expect(history.save(Self.record(index), model: nil, info: nil) == nil) }
        #expect(history.list().records.map(\.id) == (2..<5).reversed().map { Self.record($0).id })
    }

    @Test("bad files are skipped and named: garbage, another format, a bad id, too large")
    func untrusted() throws {
        let directory = Self.directory()
        let history = RunHistory(directory: directory)
        #expect(history.save(Self.record(1), model: nil, info: nil) == nil)
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: directory + "/a.json"))
        var other = Self.record(2)
        other.format = "something-else/9"
        try JSONEncoder().encode(other).write(to: URL(fileURLWithPath: directory + "/b.json"))
        var sneaky = Self.record(3)
        sneaky.weights = "../../etc/passwd"
        try JSONEncoder().encode(sneaky).write(to: URL(fileURLWithPath: directory + "/c.json"))
        try Data(count: RunHistory.maximumRecordBytes + 1).write(to: URL(fileURLWithPath: directory + "/d.json"))
        let listing = history.list()
        #expect(listing.records.map(\.id) == [Self.record(1).id])
        #expect(listing.skipped.count == 4, "\(listing.skipped)")
        #expect(listing.skipped.contains { $0.hasPrefix("a.json: not a run record") })
        #expect(listing.skipped.contains { $0.hasPrefix("b.json: format") })
        #expect(listing.skipped.contains { $0.hasPrefix("c.json: a weights file outside") })
        #expect(listing.skipped.contains { $0.hasPrefix("d.json:") })
        #expect((try? history.record("20261203-100001").get())?.id == Self.record(1).id, "a prefix of the id is enough")
        if case .failure(let problem) = history.record("nope") { #expect(problem.message.contains("no run 'nope'")) }
    }

    @Test("reopening a lesson pins its last kept run, dimmed and named as earlier")
    func reopeningPinsTheLastRun() throws {
        let root = Self.directory()
        let history = RunHistory(directory: root + "/runs")
        var earlier = Self.record(1)
        earlier.hyperparameters.learningRate = 0.5
        #expect(history.save(earlier, model: nil, info: nil) == nil)
        let app = PlaygroundApp(progress: ProgressStore(directory: root), exportRoot: root, mailbox: Mailbox(), openLesson: 3,
                                startsThreads: false)
        guard case .lesson(let screen) = app.screen else { Issue.record("lesson 3 did not open"); return }
        #expect(screen.shownPins.map(\.label) == ["earlier: lr 0.5"])
        #expect(screen.shownPins.first?.run.validation.first?.loss == 0.4)
    }
}
