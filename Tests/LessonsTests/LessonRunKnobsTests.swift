import Lessons
import MiniNN
import Testing

/// Hears the end of each batch, inside the trainer's step: where a knob
/// turned by the UI thread while the batch finishes lands.
private final class BatchEndHook: TrainingObserver {
    let action: () -> Void
    init(_ action: @escaping () -> Void) { self.action = action }
    func training(_ event: TrainingEvent) {
        if case .batchEnd = event { action() }
    }
}

@Suite("LessonRun knobs in effect")
struct LessonRunKnobsTests {
    @Test("each batch's report and lastKnobs give the learning rate that batch used, not the knob's later value")
    func lastKnobsComeFromTheReport() throws {
        let lesson = Course.learningRate
        let knobs = LiveKnobs(lesson.knobs)
        let run = try LessonRun(model: try #require(lesson.model), data: try #require(lesson.data), knobs: knobs,
                                seed: 1, training: lesson.training)
        // The learner turns the knob again as every batch ends.
        run.trainer.addObserver(BatchEndHook { knobs.update { $0.learningRate = 3 } })
        for rate: Float in [0.1, 0.03, 1, 0.3] {
            knobs.update { $0.learningRate = rate }
            guard case .trained(let report, _) = run.trainBatch() else {
                Issue.record("batch at lr \(rate) did not train"); return
            }
            #expect(knobs.value.learningRate == 3)
            #expect(report.hyperparameters.learningRate == rate)
            #expect(report.learningRate == rate)
            #expect(run.lastKnobs == report.hyperparameters)
        }
    }
}

@Suite("Planned length")
struct PlannedLengthTests {
    @Test("a plan in epochs ends at that epoch's end, once")
    func epochs() {
        let training = LessonTraining.plain
        let ends = (0..<6).map { training.plannedLengthReached(plannedEpochs: 3, endedEpoch: $0, itemsSeen: 100 * ($0 + 1),
                                                               trainCount: 100) }
        #expect(ends == [false, false, true, false, false, false])
    }

    @Test("lesson 8's plan counts 55,000 items: on 200 digits it ends at the first epoch end past them")
    func items() throws {
        let lesson = Course.convnet
        let planned = try #require(lesson.plannedEpochs)
        #expect(planned == 1)
        let training = lesson.training
        func reached(_ items: Int, of count: Int) -> Bool {
            training.plannedLengthReached(plannedEpochs: planned, endedEpoch: items / count - 1, itemsSeen: items,
                                          trainCount: count)
        }
        #expect(reached(55_000, of: 55_000))
        #expect(!reached(110_000, of: 55_000))
        #expect(!reached(54_800, of: 200))
        #expect(reached(55_000, of: 200))
        #expect(!reached(55_200, of: 200))
        // 55,000 is no multiple of 300: the epoch end at 55,200 is the first past it.
        #expect(!reached(54_900, of: 300))
        #expect(reached(55_200, of: 300))
    }
}
