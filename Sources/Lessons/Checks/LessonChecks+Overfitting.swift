import MiniNN

extension LessonChecks {
    // MARK: Lesson 5

    /// Lesson 5's network after some epochs with some regularization.
    public struct OverfittingFindings: Sendable {
        /// Loss and accuracy of the last epoch, every neuron on.
        public var trainLoss: Float
        public var validationLoss: Float
        public var trainAccuracy: Float
        public var validationAccuracy: Float
        /// Validation loss at each epoch end.
        public var validationLosses: [Float]
        /// Mean batch loss of the last epoch: the training curve on screen, dropout active.
        public var curveLoss: Float
        /// Share of first-layer weights within 0.01 of zero, and exactly zero.
        public var nearZeroShare: Float
        public var exactZeroShare: Float
        public var parameterCount: Int

        /// The lowest validation loss at any epoch end: a regularizer that only
        /// underfits narrows the gap too, but does not lower this.
        public var bestValidationLoss: Float { validationLosses.min() ?? .nan }
        /// Validation minus training loss: how much it overfits.
        public var gap: Float { validationLoss - trainLoss }
    }

    /// Lesson 5's run with its knobs changed; `live` turns them mid-run.
    struct OverfittingRun {
        let run: LessonRun
        let live: LiveKnobs
    }

    static func overfittingRun(dropout: Float, weightDecay: Float, l1: Float, trainCount: Int?,
                               augmentation: Augmentation = .none, seed: UInt64 = LessonChecks.seed,
                               locator: DatasetLocator) throws -> OverfittingRun {
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
        knobs.augmentation = augmentation
        let live = LiveKnobs(knobs)
        let run = try LessonRun(model: model, data: data, knobs: live, seed: seed, locator: locator)
        return OverfittingRun(run: run, live: live)
    }

    static func findings(_ run: LessonRun, _ trace: Trace) throws -> OverfittingFindings {
        guard let last = trace.reports.last, let validated = last.validation else {
            throw CheckError("lesson 5 did not train")
        }
        let first = run.model.layers.compactMap { $0 as? Dense }.first?.weight.value.scalars ?? []
        let nearZero = first.filter { abs($0) < 0.01 }.count
        return OverfittingFindings(trainLoss: last.train.loss, validationLoss: validated.loss,
                                   trainAccuracy: last.train.accuracy, validationAccuracy: validated.accuracy,
                                   validationLosses: trace.reports.compactMap { $0.validation?.loss },
                                   curveLoss: mean(trace.batchLosses.last ?? []),
                                   nearZeroShare: Float(nearZero) / Float(max(1, first.count)),
                                   exactZeroShare: Float(first.filter { $0 == 0 }.count) / Float(max(1, first.count)),
                                   parameterCount: run.model.parameterCount)
    }

    /// Trains lesson 5's big network on its digits for `epochs` epochs,
    /// optionally on a smaller subset of them (`trainCount`).
    public static func overfitting(dropout: Float = 0, weightDecay: Float = 0, l1: Float = 0, epochs: Int = 15,
                                   trainCount: Int? = nil, augmentation: Augmentation = .none,
                                   seed: UInt64 = LessonChecks.seed,
                                   locator: DatasetLocator = .standard) throws -> OverfittingFindings {
        let setup = try overfittingRun(dropout: dropout, weightDecay: weightDecay, l1: l1, trainCount: trainCount,
                                       augmentation: augmentation, seed: seed, locator: locator)
        return try findings(setup.run, trace(setup.run, epochs: epochs))
    }

    /// Trains lesson 5's network without regularization for `epochs`, then
    /// turns dropout up to `dropout` without a reset and trains `more`
    /// epochs: the last experiment. Returns both states.
    public static func dropoutTurnedUp(_ dropout: Float, after epochs: Int, more: Int,
                                       locator: DatasetLocator = .standard) throws
        -> (before: OverfittingFindings, after: OverfittingFindings) {
        let setup = try overfittingRun(dropout: 0, weightDecay: 0, l1: 0, trainCount: nil, locator: locator)
        let before = try findings(setup.run, trace(setup.run, epochs: epochs))
        setup.live.update { $0.dropout = dropout }
        return (before, try findings(setup.run, trace(setup.run, epochs: more)))
    }
}
