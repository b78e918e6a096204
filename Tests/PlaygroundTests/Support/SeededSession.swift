import Foundation
import Lessons
import MiniNN
import TUI
@testable import NetPlayground

/// A lesson's real training session, seeded as the lesson opens it, driven
/// step by step from a test: the snapshots it posts come from the real probes.
///
/// Only what the session computes at a deterministic point is read: right
/// after building (heavy probes run then) and at epoch ends (again forced),
/// never a snapshot whose heavy probes ran on a timer.
final class SeededSession {
    let lesson: Lesson
    let mailbox = Mailbox<TrainingSnapshot>()
    private let session: TrainingSession

    /// Session id 1: the first lesson a fresh `PlaygroundApp` opens gets it.
    /// `knobs` other than the lesson's (a race runner's, run alone) build as a lesson screen builds them.
    /// `pretrained` is where lesson 10's convnet comes from (``fixedPretrainedConvnet()`` for goldens).
    init(_ lesson: Lesson, knobs chosen: KnobSettings? = nil, history: RunHistoryContext? = nil,
         pretrained: PretrainedConvnet = .shared) {
        self.lesson = lesson
        let knobs = chosen ?? KnobSettings(lesson: lesson)
        guard let data = lesson.dataChoices.first, let model = knobs.model(for: lesson) else {
            preconditionFailure("lesson \(lesson.id) trains nothing")
        }
        session = TrainingSession(id: 1, model: model, data: knobs.apply(to: data),
                                  knobs: LiveKnobs(knobs.hyperparameters), seed: lesson.seed,
                                  training: lesson.training, visuals: Set(lesson.visuals), mailbox: mailbox,
                                  startRunning: false, plannedEpochs: lesson.plannedEpochs, history: history,
                                  pretrained: pretrained)
        session.start()
    }

    deinit { session.stop() }

    /// Lesson 10's pretrained convnet read from a file kept with the tests
    /// (Fixtures/), not trained in the test process: trained here, its
    /// kernels differ in the last bits between an AVX2 and an AVX-512 build,
    /// enough to change a golden's ASCII ramp. Read from a copy, since an
    /// unreadable cache is trained over.
    static func fixedPretrainedConvnet() throws -> PretrainedConvnet {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("np-pretrained-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent(PretrainedConvnet.fileName),
                                         to: directory.appendingPathComponent(PretrainedConvnet.fileName))
        let convnet = PretrainedConvnet(cacheDirectory: directory.path)
        let (_, origin) = try convnet.model()
        guard origin == .file else { throw FixtureUnreadable(origin: origin) }
        return convnet
    }

    struct FixtureUnreadable: Error, CustomStringConvertible {
        let origin: PretrainedConvnet.Origin
        var description: String { "Fixtures/\(PretrainedConvnet.fileName) was not read (\(origin)): write it again" }
    }

    /// The snapshot posted once data and model are built (untrained weights).
    func built() throws -> TrainingSnapshot {
        try wait("the built model") { $0.state == .paused }
    }

    /// Trains `epochs` more whole epochs, one at a time, and returns the snapshot of the last epoch end.
    func trainEpochs(_ epochs: Int, after snapshot: TrainingSnapshot) throws -> TrainingSnapshot {
        var latest = snapshot
        for _ in 0..<epochs {
            let target = latest.epochs.count + 1
            session.send(.stepEpoch)
            latest = try wait("epoch \(target)") { $0.epochs.count == target && $0.state == .paused }
        }
        return latest
    }

    /// Exports the model and returns the snapshot that carries the export's note.
    func export(to directory: String) throws -> TrainingSnapshot {
        session.send(.export(directory: directory))
        return try wait("the export") { $0.exportNote != nil }
    }

    /// Sends a command and returns the first snapshot after it that satisfies `done`.
    func send(_ command: TrainingSession.Command, awaiting what: String,
              _ done: (TrainingSnapshot) -> Bool) throws -> TrainingSnapshot {
        session.send(command)
        return try wait(what, done)
    }

    struct Timeout: Error, CustomStringConvertible {
        let what: String
        var description: String { "no snapshot for \(what) within 120 s" }
    }

    /// Polls the mailbox until a snapshot satisfies `done`. The bound only
    /// keeps a broken session from hanging the suite; nothing is timed.
    private func wait(_ what: String, _ done: (TrainingSnapshot) -> Bool) throws -> TrainingSnapshot {
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            if let snapshot = mailbox.take(), done(snapshot) { return snapshot }
            Thread.sleep(forTimeInterval: 0.005)
        }
        throw Timeout(what: what)
    }
}

extension TrainingSnapshot {
    /// The same snapshot with what depends on the clock fixed, so screens compare byte for byte.
    func withFixedClock() -> TrainingSnapshot {
        var snapshot = self
        snapshot.itemsPerSecond = 0
        snapshot.epochs = snapshot.epochs.map { var report = $0; report.seconds = 1.5; return report }
        return snapshot
    }

    /// A plausible run laid over a built model's snapshot, for layout: a
    /// falling loss curve, three finished epochs and a running state.
    func withMadeUpRun(epochs: Int = 3, batchesPerEpoch: Int = 40, itemsPerSecond: Double = 4_200) -> TrainingSnapshot {
        var snapshot = self
        let points = epochs * batchesPerEpoch
        snapshot.lossCurve = (0..<points).map { step in
            let t = Double(step + 1) / Double(batchesPerEpoch)
            let wiggle = 0.03 * sin(Double(step) * 1.7)
            let loss = 0.08 + 0.62 * exp(-1.4 * t) + wiggle
            return LossPoint(epoch: t, loss: Float(loss), accuracy: Float(min(1, 1.02 - loss)))
        }
        let count = max(1, snapshot.trainCount)
        snapshot.epochs = (0..<epochs).map { epoch in
            let loss = Float(0.08 + 0.62 * exp(-1.4 * Double(epoch + 1)))
            return EpochReport(epoch: epoch,
                               train: Evaluation(loss: loss, accuracy: 1 - loss, count: count),
                               validation: Evaluation(loss: loss * 1.2, accuracy: 0.98 - loss,
                                                      count: max(1, snapshot.validationCount)),
                               test: nil, seconds: 1.5)
        }
        snapshot.epoch = epochs
        snapshot.batch = batchesPerEpoch / 2
        snapshot.batchesPerEpoch = batchesPerEpoch
        snapshot.itemsSeen = epochs * count + count / 2
        snapshot.itemsPerSecond = itemsPerSecond
        snapshot.state = .running
        return snapshot
    }
}
