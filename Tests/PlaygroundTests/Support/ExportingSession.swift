import Foundation
import Lessons
import MiniNN
import TUI
@testable import NetPlayground

/// A lesson's real training session (the one the app runs), trained a given
/// number of batches and exported as `e` exports: the export round-trip
/// tests start from the files the playground writes.
final class ExportingSession {
    let mailbox = Mailbox<TrainingSnapshot>()
    private let session: TrainingSession
    private let batches = BatchCounter()

    /// `data` is one of the lesson's data choices, with the lesson's knobs applied.
    init(_ lesson: Lesson, data: LessonData) throws {
        let knobs = KnobSettings(lesson: lesson)
        guard let model = lesson.model else { throw Failure(description: "lesson \(lesson.id) trains nothing") }
        session = TrainingSession(id: 1, model: model, data: knobs.apply(to: data),
                                  knobs: LiveKnobs(knobs.hyperparameters), seed: lesson.seed,
                                  training: lesson.training, visuals: [], mailbox: mailbox,
                                  startRunning: false, plannedEpochs: lesson.plannedEpochs)
        session.trainerObserver = batches
        session.start()
        let built = try wait("the built model") { $0.state == .paused || $0.state.isFailed }
        if case .failed(let message) = built.state { throw Failure(description: "lesson \(lesson.id): \(message)") }
    }

    deinit { session.stop() }

    /// Trains `count` batches (a step of `count`, as `s` pressed `count` times).
    func train(batches count: Int) throws {
        let target = batches.count + count
        session.send(.stepBatches(count))
        let deadline = Date().addingTimeInterval(120)
        while batches.count < target {
            guard Date() < deadline else { throw Failure(description: "\(count) batches did not train within 120 s") }
            Thread.sleep(forTimeInterval: 0.002)
        }
    }

    /// Sends a command as the lesson screen would, and waits until the session
    /// has handled it (the next snapshot it posts).
    func send(_ command: TrainingSession.Command) throws {
        while mailbox.take() != nil {}
        session.send(command)
        _ = try wait("\(command) handled") { $0.state == .paused }
    }

    /// Exports into a new directory `directory`; returns the export's note.
    func export(to directory: String) throws -> String {
        session.send(.export(directory: directory))
        // An earlier export's note stays in the snapshots; this one names its directory.
        return try wait("the export") { $0.exportNote?.contains(directory) == true }.exportNote ?? ""
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    /// Polls the mailbox until a snapshot satisfies `done`. The bound only
    /// keeps a broken session from hanging the suite; nothing is timed.
    private func wait(_ what: String, _ done: (TrainingSnapshot) -> Bool) throws -> TrainingSnapshot {
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            if let snapshot = mailbox.take(), done(snapshot) { return snapshot }
            Thread.sleep(forTimeInterval: 0.002)
        }
        throw Failure(description: "no snapshot for \(what) within 120 s")
    }
}

/// Counts the batches a session trained (events arrive on its thread).
private final class BatchCounter: TrainingObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var trained = 0

    var count: Int { lock.withLock { trained } }

    func training(_ event: TrainingEvent) {
        if case .batchEnd = event { lock.withLock { trained += 1 } }
    }
}

extension TrainingSnapshot.RunState {
    var isFailed: Bool { if case .failed = self { true } else { false } }
}
