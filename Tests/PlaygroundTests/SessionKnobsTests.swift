import Foundation
import Lessons
import MiniNN
import Testing
import TUI
@testable import NetPlayground

/// Turns the knob as every batch ends, inside the trainer's step on the
/// session thread: the learner pressing `+` while a batch is being trained.
private final class TurnsKnobAtBatchEnd: TrainingObserver {
    let knobs: LiveKnobs
    let rate: Float
    init(_ knobs: LiveKnobs, to rate: Float) { self.knobs = knobs; self.rate = rate }
    func training(_ event: TrainingEvent) {
        if case .batchEnd = event { knobs.update { $0.learningRate = rate } }
    }
}

/// The status line shows the learning rate the last step used: the session
/// copies it from the step's report, never from the live knobs.
@Suite("Session knobs in effect", .serialized)
struct SessionKnobsTests {
    /// The newest snapshot once one has `items` items trained and is paused.
    static func snapshot(after items: Int, from mailbox: Mailbox<TrainingSnapshot>) -> TrainingSnapshot? {
        let deadline = Date().addingTimeInterval(20)
        var latest: TrainingSnapshot?
        while Date() < deadline {
            if let posted = mailbox.take() { latest = posted }
            if let latest, latest.itemsSeen == items, latest.state == .paused { return latest }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return nil
    }

    @Test("a rate set between batches shows for the batch that used it; one turned mid-batch waits for the next")
    func statusLineShowsTheStepsRate() throws {
        let lesson = Course.learningRate
        let mailbox = Mailbox<TrainingSnapshot>()
        let knobs = LiveKnobs(lesson.knobs)
        let session = TrainingSession(id: 1, model: try #require(lesson.model), data: try #require(lesson.data),
                                      knobs: knobs, seed: 1, training: lesson.training, visuals: [],
                                      mailbox: mailbox, startRunning: false)
        session.trainerObserver = TurnsKnobAtBatchEnd(knobs, to: 3)
        session.start()
        defer {
            session.stop()
            AppThreads.shared.joinAll(timeout: 10)
        }
        // The status line drawn from those snapshots, on a screen with no thread of its own.
        var screen = LessonScreen(lesson: lesson, sessionID: 1, mailbox: Mailbox(), startsThreads: false)
        let batchSize = lesson.knobs.batchSize
        for (index, rate) in ([0.1, 0.03, 1] as [Float]).enumerated() {
            knobs.update { $0.learningRate = rate }
            session.send(.stepBatches(1))
            let snapshot = try #require(Self.snapshot(after: (index + 1) * batchSize, from: mailbox))
            #expect(knobs.value.learningRate == 3, "the knob turned during the batch")
            #expect(snapshot.knobsInEffect?.learningRate == rate)
            #expect(snapshot.stepLearningRate == rate)
            screen.snapshot = snapshot
            let status = screen.statusSegments(unicode: true, wide: true, framesPerSecond: nil).map(\.text)
            #expect(status.contains("  lr \(KnobSettings.format(rate))"), "\(status)")
        }
    }
}
