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

    /// What a run trained: the epoch reports and, for each epoch, the losses
    /// of its batches (the training curve the screen draws, dropout and all).
    struct Trace {
        var reports: [EpochReport] = []
        var batchLosses: [[Float]] = [[]]
        var divergence: DivergenceReport?
        /// Batches trained before the run diverged (or in all).
        var batches: Int { batchLosses.reduce(0) { $0 + $1.count } }
    }

    /// Trains `epochs` epochs batch by batch, as the playground's thread does.
    static func trace(_ run: LessonRun, epochs: Int) -> Trace {
        var trace = Trace()
        while trace.reports.count < epochs {
            switch run.trainBatch() {
            case .trained(let batch, let epochEnd):
                trace.batchLosses[trace.batchLosses.count - 1].append(batch.loss)
                if let epochEnd {
                    trace.reports.append(epochEnd)
                    if trace.reports.count < epochs { trace.batchLosses.append([]) }
                }
            case .diverged(let report):
                trace.divergence = report
                return trace
            }
        }
        return trace
    }

    static func mean(_ values: [Float]) -> Float { values.isEmpty ? .nan : values.reduce(0, +) / Float(values.count) }

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
