import MiniNN

extension LessonChecks {
    // MARK: Lesson 3

    /// What lesson 3's network does with one learning rate (or batch size).
    public struct LearningRateFindings: Sendable {
        public var learningRate: Float
        /// Training loss of the first batch.
        public var firstLoss: Float
        /// Training loss and validation accuracy at each epoch end.
        public var trainLosses: [Float]
        public var validationAccuracies: [Float]
        /// Mean size of the change from one batch's loss to the next: how ragged the curve is.
        public var raggedness: Float
        public var batchesPerEpoch: Int
        /// Set when training stopped because the loss stopped being a number.
        public var divergence: DivergenceReport?
        /// Batches trained up to and including the one that diverged.
        public var batchesToDivergence: Int?

        public var finalLoss: Float? { divergence == nil ? trainLosses.last : nil }
        /// Validation accuracy at the end of epoch `epoch` (1-based), 0 if it never got there.
        public func validationAccuracy(atEpoch epoch: Int) -> Float {
            validationAccuracies.indices.contains(epoch - 1) ? validationAccuracies[epoch - 1] : 0
        }
        /// The largest rise of the epoch's training loss from one epoch to the next.
        public var largestRise: Float {
            zip(trainLosses, trainLosses.dropFirst()).map { $1 - $0 }.max() ?? 0
        }
    }

    /// Trains lesson 3's network with `learningRate` (and `batchSize`) for `epochs` epochs.
    public static func learningRate(_ learningRate: Float, batchSize: Int? = nil, epochs: Int, seed: UInt64 = seed,
                                    locator: DatasetLocator = .standard) throws -> LearningRateFindings {
        let lesson = Course.learningRate
        guard let data = lesson.data, let model = lesson.model else { throw CheckError("lesson 3 trains nothing") }
        var knobs = lesson.knobs
        knobs.learningRate = learningRate
        if let batchSize { knobs.batchSize = batchSize }
        let run = try LessonRun(model: model, data: data, knobs: LiveKnobs(knobs), seed: seed, locator: locator)
        let trace = trace(run, epochs: epochs)
        let losses = trace.batchLosses.flatMap { $0 }
        let steps = zip(losses, losses.dropFirst()).map { abs($1 - $0) }
        return LearningRateFindings(learningRate: learningRate, firstLoss: losses.first ?? .nan,
                                    trainLosses: trace.reports.map(\.train.loss),
                                    validationAccuracies: trace.reports.compactMap { $0.validation?.accuracy },
                                    raggedness: mean(steps), batchesPerEpoch: trace.batchLosses.first?.count ?? 0,
                                    divergence: trace.divergence,
                                    batchesToDivergence: trace.divergence.map { _ in trace.batches + 1 })
    }

    /// The seeds lesson 3's checks run on.
    static let learningRateSeeds: [UInt64] = [1, 2, 3]

    /// Lesson 3's claims, over seeds 1–3.
    public static func checkLearningRate(locator: DatasetLocator = .standard) throws -> LessonCheckResult {
        func each(_ rate: Float, epochs: Int) throws -> [LearningRateFindings] {
            try learningRateSeeds.map { try learningRate(rate, epochs: epochs, seed: $0, locator: locator) }
        }
        let tiny = try each(0.001, epochs: 100), good = try each(0.1, epochs: 100), fast = try each(0.5, epochs: 30)
        let wobbly = try each(1, epochs: 100), two = try each(2, epochs: 10), huge = try each(10, epochs: 10)
        let single = try learningRate(0.1, batchSize: 1, epochs: 5, locator: locator)
        let large = try learningRate(0.1, batchSize: 128, epochs: 5, locator: locator)
        let passed = tiny.allSatisfy { $0.validationAccuracy(atEpoch: 100) <= 0.65 && ($0.finalLoss ?? .nan) < $0.firstLoss }
            && good.allSatisfy { $0.validationAccuracy(atEpoch: 100) >= 0.9 && $0.validationAccuracy(atEpoch: 30) < 0.9 }
            && good[0].batchesPerEpoch == 10
            && fast.allSatisfy { $0.validationAccuracy(atEpoch: 30) >= 0.9 }
            && zip(wobbly, fast).allSatisfy { $0.largestRise > 0.05 && $0.largestRise > 3 * $1.largestRise }
            && two.allSatisfy { $0.divergence != nil && $0.divergence!.epoch <= 1 }
            && huge.allSatisfy { ($0.batchesToDivergence ?? .max) <= 15 && !($0.divergence?.loss.isFinite ?? true) }
            && single.raggedness > 3 * large.raggedness && single.batchesPerEpoch == 320 && large.batchesPerEpoch == 3
        func accuracies(_ runs: [LearningRateFindings], at epoch: Int) -> String {
            runs.map { percent($0.validationAccuracy(atEpoch: epoch)) }.joined(separator: "/")
        }
        return LessonCheckResult(
            claim: "on validation accuracy: lr 0.001 creeps, staying at or below 65% for 100 epochs, 0.1 passes 90% by "
                + "epoch 100 (not by 30), 0.5 by epoch 30; at 1 the loss jumps back up; 2 diverges in the second "
                + "epoch, 10 within 15 batches, and the trainer says so; batch 1 is over 3× as ragged as 128 (seeds 1–3)",
            passed: passed,
            measured: "validation at epoch 100: lr 0.001 \(accuracies(tiny, at: 100)), lr 0.1 \(accuracies(good, at: 100)) "
                + "(epoch 30: \(accuracies(good, at: 30))); lr 0.5 at epoch 30 \(accuracies(fast, at: 30)); largest "
                + "rise lr 1 \(wobbly.map { format($0.largestRise) }) vs 0.5 \(fast.map { format($0.largestRise) }); "
                + "lr 2 diverged at batch \(two.map { $0.batchesToDivergence ?? 0 }), lr 10 at \(huge.map { $0.batchesToDivergence ?? 0 }); "
                + "raggedness batch 1 \(format(single.raggedness)), 128 \(format(large.raggedness)); "
                + "batches per epoch at 1/32/128: \(single.batchesPerEpoch)/\(good[0].batchesPerEpoch)/\(large.batchesPerEpoch)")
    }
}
