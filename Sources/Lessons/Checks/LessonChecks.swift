import MiniNN

/// What a lesson check found: whether the lesson's claim held, and the
/// numbers that show it.
public struct LessonCheckResult: Sendable, CustomStringConvertible {
    /// The lesson's claim, in one sentence.
    public var claim: String
    public var passed: Bool
    /// The measurements, e.g. "AND 100%, OR 100%, XOR at most 74%".
    public var measured: String

    public var description: String { "\(passed ? "holds" : "FAILS"): \(claim) (\(measured))" }
}

/// The checks that prove each lesson's claim with a fixed seed.
///
/// They train through ``LessonRun``, the class the playground's training
/// thread drives, with each lesson's own data, model and knobs, so a check
/// passing means the learner sees the same thing. Each runs in seconds in a
/// release build; the MNIST ones use subsets where the claim allows.
public enum LessonChecks {
    /// The seed every check uses.
    public static let seed: UInt64 = 1

    // MARK: Lesson 1

    /// Accuracies of the perceptron on lesson 1's data sets.
    public struct PerceptronFindings: Sendable {
        /// Training accuracy after training (AND, OR, iris: 1.0 once the line separates them).
        public var and: Float
        public var or: Float
        public var iris: Float
        /// The best training accuracy XOR reached at any epoch end.
        public var xorBest: Float
        /// Epochs each was trained.
        public var epochs: Int
    }

    /// Trains lesson 1's perceptron on AND, OR, XOR and iris for `epochs` epochs each.
    public static func perceptron(epochs: Int = 30, locator: DatasetLocator = .standard) throws -> PerceptronFindings {
        let lesson = Course.perceptron
        func train(_ data: LessonData) throws -> (final: Float, best: Float) {
            let run = try LessonRun(model: .perceptron(inputs: 2), data: data,
                                    knobs: LiveKnobs(lesson.knobs), seed: seed, locator: locator)
            let reports = run.train(epochs: epochs).reports
            return (reports.last?.train.accuracy ?? 0, reports.map(\.train.accuracy).max() ?? 0)
        }
        let choices = lesson.dataChoices
        func choice(_ name: String) -> LessonData? { choices.first { $0.fileName == name } }
        guard let andData = choice("and"), let orData = choice("or"), let xorData = choice("xor"),
              let irisData = choice("iris") else {
            throw CheckError("lesson 1 lost one of its data sets")
        }
        return PerceptronFindings(and: try train(andData).final, or: try train(orData).final,
                                  iris: try train(irisData).final, xorBest: try train(xorData).best, epochs: epochs)
    }

    /// Lesson 1's claim.
    public static func checkPerceptron(locator: DatasetLocator = .standard) throws -> LessonCheckResult {
        let found = try perceptron(locator: locator)
        return LessonCheckResult(
            claim: "the perceptron rule separates AND, OR and setosa/versicolor, and never gets XOR above 75%",
            passed: found.and == 1 && found.or == 1 && found.iris == 1 && found.xorBest <= 0.75,
            measured: "AND \(percent(found.and)), OR \(percent(found.or)), iris \(percent(found.iris)), "
                + "XOR best \(percent(found.xorBest)) over \(found.epochs) epochs")
    }

    // MARK: Lesson 2

    /// Validation accuracy of lesson 2's network on one of its data sets.
    public static func hiddenLayers(_ data: ToyKind, activation: ActivationKind = .tanh, epochs: Int,
                                    locator: DatasetLocator = .standard) throws -> Float {
        let lesson = Course.hiddenLayers
        guard let choice = lesson.dataChoices.first(where: { $0.fileName == data.rawValue }),
              case .network(let spec) = lesson.model else {
            throw CheckError("lesson 2 has no \(data.rawValue) data")
        }
        let run = try LessonRun(model: .network(spec.withActivation(activation)), data: choice,
                                knobs: LiveKnobs(lesson.knobs), seed: seed, locator: locator)
        let reports = run.train(epochs: epochs).reports
        return reports.last?.validation?.accuracy ?? 0
    }

    /// Lesson 2's claim.
    public static func checkHiddenLayers(locator: DatasetLocator = .standard) throws -> LessonCheckResult {
        let xor = try hiddenLayers(.xor, epochs: 60, locator: locator)
        let circles = try hiddenLayers(.circles, epochs: 60, locator: locator)
        let linear = try hiddenLayers(.xor, activation: .identity, epochs: 60, locator: locator)
        return LessonCheckResult(
            claim: "a small MLP solves XOR and circles; without a nonlinearity it cannot solve XOR",
            passed: xor >= 0.95 && circles >= 0.95 && linear <= 0.8,
            measured: "validation XOR \(percent(xor)), circles \(percent(circles)), "
                + "XOR with identity activation \(percent(linear))")
    }

    // MARK: Lesson 3

    /// What lesson 3's network does with one learning rate.
    public struct LearningRateFindings: Sendable {
        public var learningRate: Float
        /// Training loss at the start (after one batch) and after training.
        public var firstLoss: Float
        public var finalLoss: Float?
        /// Set when training stopped because the loss stopped being a number.
        public var divergence: DivergenceReport?
    }

    /// Trains lesson 3's network with `learningRate` for `epochs` epochs.
    public static func learningRate(_ learningRate: Float, epochs: Int,
                                    locator: DatasetLocator = .standard) throws -> LearningRateFindings {
        let lesson = Course.learningRate
        guard let data = lesson.data, let model = lesson.model else { throw CheckError("lesson 3 trains nothing") }
        var knobs = lesson.knobs
        knobs.learningRate = learningRate
        let run = try LessonRun(model: model, data: data, knobs: LiveKnobs(knobs), seed: seed, locator: locator)
        var firstLoss = Float.nan
        if case .trained(let report, _) = run.trainBatch() { firstLoss = report.loss }
        let (reports, divergence) = run.train(epochs: epochs)
        return LearningRateFindings(learningRate: learningRate, firstLoss: firstLoss,
                                    finalLoss: divergence == nil ? reports.last?.train.loss : nil,
                                    divergence: divergence)
    }

    /// Lesson 3's claim.
    public static func checkLearningRate(locator: DatasetLocator = .standard) throws -> LessonCheckResult {
        let tiny = try learningRate(0.001, epochs: 10, locator: locator)
        let good = try learningRate(0.1, epochs: 10, locator: locator)
        let huge = try learningRate(10, epochs: 10, locator: locator)
        let tinyDrop = tiny.firstLoss - (tiny.finalLoss ?? .nan)
        let goodDrop = good.firstLoss - (good.finalLoss ?? .nan)
        return LessonCheckResult(
            claim: "a learning rate of 0.001 crawls, 0.1 learns, 10 diverges and the trainer says so",
            passed: tinyDrop < goodDrop / 3 && goodDrop > 0.1 && huge.divergence != nil,
            measured: "loss drop in 10 epochs: lr 0.001 \(format(tinyDrop)), lr 0.1 \(format(goodDrop)); lr 10: "
                + (huge.divergence.map { "diverged at epoch \($0.epoch + 1), batch \($0.batch + 1)" } ?? "did not diverge"))
    }

    // MARK: Lesson 4

    /// Validation accuracy and confusion matrix of lesson 4's iris network.
    public static func manyClasses(epochs: Int = 100, locator: DatasetLocator = .standard) throws
        -> (accuracy: Float, confusion: [[Int]]) {
        let lesson = Course.manyClasses
        guard let data = lesson.data, let model = lesson.model else { throw CheckError("lesson 4 trains nothing") }
        let run = try LessonRun(model: model, data: data, knobs: LiveKnobs(lesson.knobs), seed: seed, locator: locator)
        let reports = run.train(epochs: epochs).reports
        let predictions = ModelProbes.classify(run.model, data: run.data.validation)
        return (reports.last?.validation?.accuracy ?? 0, ModelProbes.confusionMatrix(predictions, classes: 3))
    }

    /// Lesson 4's claim.
    public static func checkManyClasses(locator: DatasetLocator = .standard) throws -> LessonCheckResult {
        let (accuracy, confusion) = try manyClasses(locator: locator)
        let setosaRight = confusion[0][0] == confusion[0].reduce(0, +) && confusion[1][0] == 0 && confusion[2][0] == 0
        return LessonCheckResult(
            claim: "softmax over three species reaches 90%+ on held-out flowers; setosa is never confused",
            passed: accuracy >= 0.9 && setosaRight,
            measured: "validation accuracy \(percent(accuracy)), confusion \(confusion)")
    }

    // MARK: Lesson 5

    /// Train and validation loss of lesson 5's network after `epochs` epochs with some regularization.
    public struct OverfittingFindings: Sendable {
        public var trainLoss: Float
        public var validationLoss: Float
        public var trainAccuracy: Float
        public var validationAccuracy: Float
        /// The lowest validation loss at any epoch end: a regularizer that only
        /// underfits narrows the gap too, but does not lower this.
        public var bestValidationLoss: Float
        /// Validation minus training loss: how much it overfits.
        public var gap: Float { validationLoss - trainLoss }
    }

    /// Trains lesson 5's big network on its 1,000 digits for `epochs` epochs,
    /// optionally on a smaller subset of them (`trainCount`).
    public static func overfitting(dropout: Float = 0, weightDecay: Float = 0, l1: Float = 0, epochs: Int = 15,
                                   trainCount: Int? = nil, locator: DatasetLocator = .standard) throws -> OverfittingFindings {
        let lesson = Course.overfitting
        guard case .mnist(let lessonTrain, let validation, _, let flattened)? = lesson.data,
              let model = lesson.model else {
            throw CheckError("lesson 5 does not train on MNIST")
        }
        let data = LessonData.mnist(trainCount: trainCount ?? lessonTrain, validationCount: validation, testCount: 1,
                                    flattened: flattened)
        var knobs = lesson.knobs
        knobs.dropout = dropout
        knobs.weightDecay = weightDecay
        knobs.l1 = l1
        let run = try LessonRun(model: model, data: data, knobs: LiveKnobs(knobs), seed: seed, locator: locator)
        let reports = run.train(epochs: epochs).reports
        guard let last = reports.last, let validated = last.validation else { throw CheckError("lesson 5 did not train") }
        return OverfittingFindings(trainLoss: last.train.loss, validationLoss: validated.loss,
                                   trainAccuracy: last.train.accuracy, validationAccuracy: validated.accuracy,
                                   bestValidationLoss: reports.compactMap { $0.validation?.loss }.min() ?? .nan)
    }

    // MARK: Lesson 6

    /// Test accuracy of lesson 6's MLP after `epochs` epochs on the first `trainCount` digits.
    public static func mnistMLP(trainCount: Int, epochs: Int, testCount: Int = 10_000,
                                locator: DatasetLocator = .standard) throws -> Float {
        let lesson = Course.mnistMLP
        guard let model = lesson.model else { throw CheckError("lesson 6 trains nothing") }
        let data = LessonData.mnist(trainCount: trainCount, validationCount: 0, testCount: testCount, flattened: true)
        let run = try LessonRun(model: model, data: data, knobs: LiveKnobs(lesson.knobs), seed: seed, locator: locator)
        let reports = run.train(epochs: epochs).reports
        return reports.last?.test?.accuracy ?? 0
    }

    // MARK: Lesson 9

    /// Lesson 9's network, trained briefly, with its predictions on `testCount` test digits.
    public static func mistakes(trainCount: Int = 10_000, testCount: Int = 2_000,
                                locator: DatasetLocator = .standard) throws -> [ClassifiedExample] {
        let lesson = Course.mistakes
        guard let model = lesson.model else { throw CheckError("lesson 9 trains nothing") }
        let data = LessonData.mnist(trainCount: trainCount, validationCount: 0, testCount: testCount, flattened: true)
        let run = try LessonRun(model: model, data: data, knobs: LiveKnobs(lesson.knobs), seed: seed, locator: locator)
        run.train(epochs: 1)
        return ModelProbes.classify(run.model, data: run.data.heldOut)
    }

    // MARK: Formatting

    static func percent(_ value: Float) -> String {
        guard value.isFinite else { return "n/a" }
        return "\((value * 1000).rounded() / 10)%"
    }

    static func format(_ value: Float) -> String {
        guard value.isFinite else { return "n/a" }
        return "\((value * 1000).rounded() / 1000)"
    }
}

/// A lesson check that could not run (its lesson lost its data or model).
public struct CheckError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
