import MiniNN
import Testing
@testable import Lessons

/// Each lesson's claim, proved with a fixed seed through ``LessonRun`` — the
/// same trainer the playground runs on its background thread.
@Suite("Lesson checks")
struct LessonChecksTests {
    @Test("lesson 1: the perceptron separates AND, OR and iris, and never gets XOR above 75%")
    func perceptron() throws {
        let found = try LessonChecks.perceptron()
        #expect(found.and == 1)
        #expect(found.or == 1)
        #expect(found.iris == 1)
        #expect(found.xorBest <= 0.75)
        #expect(found.xorBest >= 0.4, "XOR should still be trained, not left at random")
        #expect(try LessonChecks.checkPerceptron().passed)
    }

    @Test("lesson 2: a small MLP solves XOR and circles; a linear one cannot solve XOR")
    func hiddenLayers() throws {
        let result = try LessonChecks.checkHiddenLayers()
        #expect(result.passed, "\(result)")
    }

    @Test("lesson 3: lr 0.001 crawls, lr 0.1 learns, lr 10 diverges and the trainer reports it")
    func learningRate() throws {
        let result = try LessonChecks.checkLearningRate()
        #expect(result.passed, "\(result)")
        let huge = try LessonChecks.learningRate(10, epochs: 10)
        let divergence = try #require(huge.divergence)
        #expect(!divergence.loss.isFinite)
        #expect(divergence.learningRate == 10)
    }

    @Test("lesson 3: after a divergence the run refuses to train until reset, then trains again")
    func resetRecoversFromDivergence() throws {
        let lesson = Course.learningRate
        var knobs = lesson.knobs
        knobs.learningRate = 10
        let live = LiveKnobs(knobs)
        let run = try LessonRun(model: try #require(lesson.model), data: try #require(lesson.data), knobs: live, seed: 1)
        let (_, divergence) = run.train(epochs: 10)
        #expect(divergence != nil)
        guard case .diverged = run.trainBatch() else {
            Issue.record("a diverged run trained another batch")
            return
        }
        live.update { $0.learningRate = 0.1 }
        run.reset(seed: 2)
        guard case .trained(let report, _) = run.trainBatch() else {
            Issue.record("the run did not train after a reset")
            return
        }
        #expect(report.loss.isFinite)
        #expect(report.learningRate == 0.1, "the knob changed live is the one in effect")
    }

    @Test("lesson 4: softmax on iris reaches 90% on held-out flowers and never confuses setosa")
    func manyClasses() throws {
        let result = try LessonChecks.checkManyClasses()
        #expect(result.passed, "\(result)")
    }

    @Test("lesson 2 and 10: noise and validation share regenerate the data without resetting the weights")
    func dataChangesKeepWeights() throws {
        let lesson = Course.hiddenLayers
        let run = try LessonRun(model: try #require(lesson.model), data: try #require(lesson.data),
                                knobs: LiveKnobs(lesson.knobs), seed: 1)
        run.train(epochs: 2)
        let weightsBefore = run.model.parameters.map(\.value)
        try run.replaceData(.toy(.xor, count: 300, noise: 0.3, validationFraction: 0.4), seed: 1)
        #expect(run.model.parameters.map(\.value) == weightsBefore)
        #expect(run.data.validation.count == 120)
        guard case .trained = run.trainBatch() else {
            Issue.record("training did not go on with the new data")
            return
        }
    }

    @Test("MNIST lesson 5: dropout 0.5 and L2 0.001 narrow the gap and reach a lower validation loss; L2 0.01 underfits (its 1,000 digits)")
    func overfittingMNIST() throws {
        guard case .mnist(let trainCount, _, _, _)? = Course.overfitting.data else {
            Issue.record("lesson 5 lost its MNIST data"); return
        }
        #expect(trainCount == 1_000, "the text says 1,000 digits")
        #expect(Course.overfitting.text.contains("1,000 handwritten digits"))
        let plain = try LessonChecks.overfitting(epochs: 15)
        let dropout = try LessonChecks.overfitting(dropout: 0.5, epochs: 15)
        let decay = try LessonChecks.overfitting(weightDecay: 0.001, epochs: 15)
        let strong = try LessonChecks.overfitting(weightDecay: 0.01, epochs: 15)
        print("lesson 5: plain gap \(plain.gap) best val \(plain.bestValidationLoss); dropout gap \(dropout.gap) best \(dropout.bestValidationLoss); L2 gap \(decay.gap) best \(decay.bestValidationLoss)")
        #expect(plain.trainAccuracy > 0.99, "the big network memorises its 1,000 digits")
        #expect(plain.gap > 0.2, "without regularization validation loss sits far above training loss")
        #expect(dropout.gap < plain.gap * 0.8, "dropout: gap \(dropout.gap) vs \(plain.gap)")
        #expect(decay.gap < plain.gap * 0.95, "L2 0.001 narrows the gap a little: \(decay.gap) vs \(plain.gap)")
        for (name, run) in [("dropout", dropout), ("L2 0.001", decay)] {
            #expect(run.bestValidationLoss < plain.bestValidationLoss,
                    "\(name): best validation loss \(run.bestValidationLoss) vs \(plain.bestValidationLoss)")
        }
        // L2 0.01 narrows the gap more, by underfitting: its best validation loss is worse.
        #expect(strong.gap < decay.gap && strong.bestValidationLoss > plain.bestValidationLoss,
                "L2 0.01: gap \(strong.gap), best validation loss \(strong.bestValidationLoss)")
    }

    @Test("MNIST lesson 6 (slow, full MNIST): the MLP reaches about 97% on the test set in three epochs")
    func mnistMLP() throws {
        let accuracy = try LessonChecks.mnistMLP(trainCount: 55_000, epochs: 3)
        #expect(accuracy >= 0.965, "test accuracy \(accuracy)")
    }

    @Test("MNIST lesson 9: raising the threshold answers fewer digits and gets more of them right")
    func thresholdOnRealPredictions() throws {
        let predictions = try LessonChecks.mistakes(trainCount: 5_000, testCount: 2_000)
        let reports = [0.5, 0.9, 0.99].map { ConfidenceAnalysis.report(predictions, threshold: Float($0)) }
        #expect(reports[0].coverage > reports[1].coverage && reports[1].coverage > reports[2].coverage)
        #expect(reports[0].accuracy < reports[1].accuracy && reports[1].accuracy < reports[2].accuracy)
        #expect(reports[2].accuracy > 0.98)
        let mistakes = ConfidenceAnalysis.mostConfidentMistakes(predictions, limit: 5)
        #expect(mistakes.count == 5 && mistakes.allSatisfy { !$0.isCorrect })
        #expect(mistakes.first!.confidence > 0.9, "some mistakes are made with high confidence")
    }
}
