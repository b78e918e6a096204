import MiniNN
import Testing
@testable import Lessons

/// A run that goes wrong without a NaN is stopped and said so; a lesson's
/// own settings never raise that alarm.
@Suite("Collapse detection")
struct CollapseDetectionTests {
    /// Trains up to `batches` batches; returns the divergence, if any, and the batches trained.
    private func train(_ run: LessonRun, batches: Int) -> (DivergenceReport?, Int) {
        for trained in 0..<batches {
            if case .diverged(let report) = run.trainBatch() { return (report, trained) }
        }
        return (nil, batches)
    }

    /// The lesson's data with MNIST cut to `mnistImages` training images, so
    /// that several epochs pass in a few hundred batches.
    private func smaller(_ data: LessonData, mnistImages: Int) -> LessonData {
        guard case .mnist(_, _, _, let flattened) = data else { return data }
        return .mnist(trainCount: mnistImages, validationCount: 200, testCount: 1, flattened: flattened)
    }

    @Test("lesson 8 at learning rate 10 collapses to chance without a NaN, and the run stops")
    func convnetAtLearningRateTenCollapses() throws {
        let lesson = try #require(Course.lesson(id: 8))
        var knobs = lesson.knobs
        knobs.learningRate = 10
        let run = try LessonRun(model: try #require(lesson.model),
                                data: smaller(try #require(lesson.data), mnistImages: 320), knobs: LiveKnobs(knobs), seed: 1)
        let (divergence, trained) = train(run, batches: 400)
        let report = try #require(divergence, "400 batches at lr 10 and no alarm")
        #expect(report.loss.isFinite, "this is the collapse without NaN, not the NaN stop")
        switch report.reason {
        case .collapsedToChance, .lossAboveChance: break
        default: Issue.record("reason \(report.reason), expected a collapse")
        }
        guard case .diverged = run.trainBatch() else {
            Issue.record("a collapsed run trained another batch (after \(trained))")
            return
        }
    }

    @Test("no lesson's default run raises the alarm", arguments: Course.lessons.filter(\.trains).map(\.id))
    func defaultRunsNeverCollapse(id: Int) throws {
        let lesson = try #require(Course.lesson(id: id))
        let data = try #require(lesson.data)
        let batches = data.isMNIST ? 300 : 3_000
        let run = try LessonRun(model: try #require(lesson.model), data: smaller(data, mnistImages: 1_600),
                                knobs: LiveKnobs(lesson.knobs), seed: lesson.seed)
        let (divergence, _) = train(run, batches: batches)
        #expect(divergence == nil, "lesson \(id): \(String(describing: divergence))")
        #expect(run.trainer.epoch >= 2, "lesson \(id): the check should cover more than the first epoch")
    }
}

@Suite("Collapse detector")
struct CollapseDetectorTests {
    @Test("accuracy back at chance after it was far above trips it; a run that never learned does not")
    func collapseAfterLearning() {
        var detector = CollapseDetector(classes: 10, loss: .softmaxCrossEntropy)
        for _ in 0..<200 { #expect(detector.observe(loss: 0.3, accuracy: 0.95, afterFirstEpoch: false) == nil) }
        var reason: DivergenceReason?
        for _ in 0..<300 where reason == nil {
            reason = detector.observe(loss: 2.3, accuracy: 0.1, afterFirstEpoch: false)
        }
        guard case .collapsedToChance(let peak, _)? = reason else {
            Issue.record("no collapse reported: \(String(describing: reason))")
            return
        }
        #expect(peak > 0.9)

        // A linear model on XOR: chance accuracy at the chance loss, for ever.
        var linear = CollapseDetector(classes: 2, loss: .softmaxCrossEntropy)
        for _ in 0..<5_000 { #expect(linear.observe(loss: 0.693, accuracy: 0.5, afterFirstEpoch: true) == nil) }
    }

    @Test("after the first epoch, chance accuracy at a loss well above chance trips it; before, it does not")
    func lossAboveChance() {
        var detector = CollapseDetector(classes: 10, loss: .softmaxCrossEntropy)
        for _ in 0..<1_000 { #expect(detector.observe(loss: 4, accuracy: 0.1, afterFirstEpoch: false) == nil) }
        var reason: DivergenceReason?
        for _ in 0..<200 where reason == nil { reason = detector.observe(loss: 4, accuracy: 0.1, afterFirstEpoch: true) }
        guard case .lossAboveChance(let loss, let chance)? = reason else {
            Issue.record("no collapse reported: \(String(describing: reason))")
            return
        }
        #expect(loss > chance)
        // Mean squared error has no chance loss to compare with.
        var mse = CollapseDetector(classes: 10, loss: .meanSquaredError)
        for _ in 0..<1_000 { #expect(mse.observe(loss: 4, accuracy: 0.1, afterFirstEpoch: true) == nil) }
    }
}
