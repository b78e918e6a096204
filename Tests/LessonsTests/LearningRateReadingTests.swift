import Foundation
import MiniNN
import Testing
@testable import Lessons

/// The status line's learning rate is the one the last step used: under
/// lesson 8's cosine schedule that is the knob times the schedule's factor,
/// shown with the knob as its base.
@Suite("Learning rate the step used")
struct LearningRateReadingTests {
    /// Lesson 8's rate at `step` (0-based) of its 860-batch half cosine.
    static func cosineRate(_ base: Double, step: Int) -> Float {
        let progress: Double = Double(step) / 860
        return Float(base * 0.5 * (1 + cos(Double.pi * progress)))
    }

    @Test func formats() {
        #expect(LearningRateReading.text(used: 0.1, base: 0.1, scheduled: false) == "lr 0.1")
        #expect(LearningRateReading.text(used: 0.0012345, base: 0.003, scheduled: true) == "lr 0.0012 of 0.003")
        #expect(LearningRateReading.text(used: 0, base: 0.003, scheduled: true) == "lr 0 of 0.003")
        #expect(LearningRateReading.significant(2.94e-5) == "2.9e-5")
        #expect(LearningRateReading.significant(0.02) == "0.02")
        #expect(LearningRateReading.significant(0.00296) == "0.003")
        // What lesson 8's status line shows fits beside the rest at 80 columns.
        #expect(LearningRateReading.text(used: 1.2e-8, base: 0.003, scheduled: true).count <= 20)
    }

    @Test("lesson 8: the schedule takes the step's rate below the knob, and a knob turned live is the new base")
    func lessonEightScheduleAndKnob() throws {
        let lesson = Course.convnet
        let knobs = KnobSettings(lesson: lesson)
        // Lesson 8's schedule, knob and batch size; a linear model on 20,000 digits stands in for the
        // convnet (the rate does not depend on the model), so 300 steps take a moment, inside one epoch.
        let model = LessonModel.network(.classifier(inputs: 784, hidden: [], classes: 10, activation: .relu))
        let data = LessonData.mnist(trainCount: 20_000, validationCount: 0, testCount: 1, flattened: true)
        let live = LiveKnobs(knobs.hyperparameters)
        let run = try LessonRun(model: model, data: data, knobs: live, seed: 1, training: lesson.training)
        func step() throws -> BatchReport {
            guard case .trained(let report, _) = run.trainBatch() else { throw CheckError("lesson 8 did not train") }
            return report
        }
        let first = try step()
        #expect(first.learningRate == 0.003, "the first step runs at the knob")
        #expect(LearningRateReading.text(used: first.learningRate, base: 0.003, scheduled: true) == "lr 0.003 of 0.003")
        var last = first
        for _ in 1..<300 { last = try step() }
        // Step 300 of 860 on half a cosine: 0.003 · ½(1 + cos(π · 299/860)) ≈ 0.00216.
        let expected = Self.cosineRate(0.003, step: 299)
        #expect(abs(last.learningRate - expected) < 1e-7, "step rate \(last.learningRate), expected \(expected)")
        #expect(LearningRateReading.text(used: last.learningRate, base: run.lastKnobs?.learningRate ?? 0,
                                         scheduled: lesson.training.schedule != nil) == "lr 0.0022 of 0.003")
        live.update { $0.learningRate = 0.01 }
        let turned = try step()
        #expect(run.lastKnobs?.learningRate == 0.01)
        #expect(abs(turned.learningRate - Self.cosineRate(0.01, step: 300)) < 1e-7)
        #expect(LearningRateReading.text(used: turned.learningRate, base: 0.01, scheduled: true) == "lr 0.0073 of 0.01")
    }
}
