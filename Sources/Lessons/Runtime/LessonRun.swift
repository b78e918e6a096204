import MiniNN

/// What one training step did.
public enum BatchOutcome: Sendable {
    /// A batch trained; the epoch's report comes along when it was the epoch's last.
    case trained(BatchReport, epochEnd: EpochReport?)
    /// The loss became NaN or infinite; nothing was updated and the run
    /// refuses to train until ``LessonRun/reset(seed:)``.
    case diverged(DivergenceReport)
}

/// One lesson's model, data and ``Trainer``, ready to train batch by batch.
///
/// The playground's training thread and the lesson checks both drive this
/// class, so a check proves what the learner sees. Use it from one thread.
public final class LessonRun {
    public let model: Sequential
    public let trainer: Trainer
    public let modelChoice: LessonModel
    public private(set) var dataChoice: LessonData
    public private(set) var data: LessonDataSets
    /// The seed `data` was drawn with (a reset draws new weights but keeps the data).
    public private(set) var dataSeed: UInt64
    /// The knobs the last trained batch ran with, from its report (the trainer
    /// reads the shared knobs once per batch; this is that read, not another).
    public private(set) var lastKnobs: Hyperparameters?
    /// The schedule and standardization the run trains with.
    public let training: LessonTraining
    /// Share of training labels replaced by random digits (0: the true labels).
    public private(set) var labelNoise: Float
    private let collector = EventCollector()
    private let locator: DatasetLocator
    /// Lesson 10's pretrained convnet, whose convolutions a reset copies in again.
    private let pretrainedBase: Sequential?

    /// Builds the model from `seed`, loads or generates the data (generated
    /// points and splits also depend on `seed`), and sets up a trainer that
    /// reads `knobs` at every batch, with `training`'s schedule over its
    /// planned epochs. `labelNoise` replaces that share of the training
    /// labels at random (validation and test keep theirs).
    ///
    /// Lesson 10's pretrained convnet is fetched from `pretrained` (trained
    /// there on first use, with `progress` told the share done, stopping
    /// with ``PretrainingStopped`` once `shouldStop` says so).
    public init(model modelChoice: LessonModel, data dataChoice: LessonData, knobs: LiveKnobs, seed: UInt64,
                training: LessonTraining = .plain, labelNoise: Float = 0,
                locator: DatasetLocator = .standard, pretrained: PretrainedConvnet = .shared,
                progress: (@Sendable (Double) -> Void)? = nil,
                shouldStop: @escaping @Sendable () -> Bool = { false }) throws {
        self.modelChoice = modelChoice
        self.dataChoice = dataChoice
        self.locator = locator
        self.training = training
        self.labelNoise = Self.clampedShare(labelNoise)
        var data = try Self.prepare(LessonDataSets.load(dataChoice, seed: seed, locator: locator),
                                    training: training, labelNoise: self.labelNoise, seed: seed)
        dataSeed = seed
        let spec = modelChoice.spec
        var rule: LearningRule = .backpropagation
        if case .perceptron = modelChoice { rule = .perceptron }
        let built: Sequential
        if case .saved(let path, _) = modelChoice {
            // A saved model goes on as it learned: by its rule, on inputs
            // shifted and scaled as they were when it trained.
            let loaded = try ModelFile.load(from: path)
            built = loaded.model
            rule = loaded.info.rule
            data.normalize(as: loaded.info.normalization)
        } else {
            built = try ModelBuilder.build(spec, seed: seed)
        }
        if case .transfer(pretrained: true) = modelChoice {
            let fetched = try pretrained.model(locator: locator, progress: progress, shouldStop: shouldStop)
            pretrainedBase = fetched.model
            TransferLearning.reuseConvolutions(of: fetched.model, in: built)
        } else {
            pretrainedBase = nil
        }
        model = built
        self.data = data
        trainer = try Trainer(model: model, loss: spec.loss, train: data.train, validation: data.validation,
                              test: data.test, knobs: knobs, seed: seed, rule: rule)
        trainer.addObserver(collector)
        // What the learner watches must not say "running" over a net that guesses.
        trainer.detectsCollapse = true
        applySchedule()
    }

    /// Lays the lesson's schedule over its planned epochs at the current batch size.
    private func applySchedule() {
        guard let schedule = training.schedule else { trainer.schedule = .constant; return }
        let batches = training.batchesPerPlannedEpoch(batchSize: trainer.knobs.value.batchSize,
                                                      trainCount: data.train.count)
        trainer.schedule = schedule.schedule(batchesPerEpoch: batches, epochs: training.plannedEpochs)
    }

    /// Standardizes MNIST pixels when the lesson asks, and corrupts labels.
    private static func prepare(_ loaded: LessonDataSets, training: LessonTraining, labelNoise: Float,
                                seed: UInt64) -> LessonDataSets {
        var data = loaded
        if training.standardizesPixels, case .bytes = data.train.features {
            // One mean and deviation for all pixels, from the training images, as the recipes do.
            let normalization = data.train.standardization(perFeature: false)
            data.train.normalization = normalization
            data.validation.normalization = normalization
            data.test?.normalization = normalization
        }
        if labelNoise > 0 {
            data.train = LabelNoise.corrupt(data.train, share: labelNoise, seed: SeededGenerator.derive(seed, 0x1ABE1))
        }
        return data
    }

    private static func clampedShare(_ share: Float) -> Float { share.isFinite ? min(1, max(0, share)) : 0 }

    /// Trains one mini-batch (evaluating at the end of an epoch).
    public func trainBatch() -> BatchOutcome {
        collector.clear()
        if let report = trainer.step() {
            lastKnobs = report.hyperparameters
            // A collapse is found after the batch trained: the run stops all the same.
            if let collapse = collector.divergence { return .diverged(collapse) }
            return .trained(report, epochEnd: collector.epochReport)
        }
        if let divergence = collector.divergence { return .diverged(divergence) }
        // step() refuses while diverged; report the same stop again.
        return .diverged(DivergenceReport(epoch: trainer.epoch, batch: trainer.batchInEpoch, loss: .nan,
                                          learningRate: lastKnobs?.learningRate ?? 0))
    }

    /// Trains until `epochs` more epochs have finished, or the run diverges.
    /// Returns the epoch reports and the divergence, if any.
    @discardableResult
    public func train(epochs: Int) -> (reports: [EpochReport], divergence: DivergenceReport?) {
        var reports: [EpochReport] = []
        while reports.count < epochs {
            switch trainBatch() {
            case .trained(_, let epochEnd?): reports.append(epochEnd)
            case .trained: continue
            case .diverged(let report): return (reports, report)
            }
        }
        return (reports, nil)
    }

    /// Fresh weights and batch order from `seed`; lifts a divergence stop.
    public func reset(seed: UInt64) {
        trainer.resetWeights(seed: seed)
        // A fine-tuning run starts again from the same pretrained convolutions, with a new head.
        if let pretrainedBase { TransferLearning.reuseConvolutions(of: pretrainedBase, in: model) }
        // The batch size may have changed since the schedule was laid out.
        applySchedule()
    }

    /// New data for the same model (noise, validation share, another 2-D set),
    /// keeping the weights: the learner sees the same network meet new points.
    /// `labelNoise` (nil: as before) replaces that share of training labels.
    public func replaceData(_ newChoice: LessonData, seed: UInt64, labelNoise: Float? = nil) throws {
        let noise = labelNoise.map(Self.clampedShare) ?? self.labelNoise
        var newData = Self.prepare(try LessonDataSets.load(newChoice, seed: seed, locator: locator),
                                   training: training, labelNoise: noise, seed: seed)
        // A saved model keeps the inputs it was trained on (see init).
        if case .saved = modelChoice { newData.normalize(as: data.train.normalization) }
        try trainer.replaceData(train: newData.train, validation: newData.validation, test: newData.test)
        data = newData
        dataSeed = seed
        dataChoice = newChoice
        self.labelNoise = noise
        applySchedule()
    }

    /// Inference-mode loss and accuracy on the held-out set (test, else validation).
    public func evaluateHeldOut() -> Evaluation { trainer.evaluate(data.heldOut) }

    /// For a perceptron on 2-D data: its line w₁x + w₂y + b = 0 in the data's
    /// raw coordinates (undoing the normalization batches apply).
    public var perceptronLine: (Float, Float, Float)? {
        guard case .perceptron(2) = modelChoice, let unit = model.layers.first as? Dense else { return nil }
        let w = unit.weight.value.scalars, b = unit.bias.value.scalars[0]
        let normalization = data.train.normalization
        func mean(_ i: Int) -> Float { normalization.mean.count > i ? normalization.mean[i] : normalization.mean.first ?? 0 }
        func std(_ i: Int) -> Float { normalization.std.count > i ? normalization.std[i] : normalization.std.first ?? 1 }
        // w·((x − m)/s) + b = (w/s)·x + (b − Σ w m / s).
        let w1 = w[0] / std(0), w2 = w[1] / std(1)
        return (w1, w2, b - w1 * mean(0) - w2 * mean(1))
    }
}

extension LessonDataSets {
    /// Every split's inputs go through `normalization`.
    fileprivate mutating func normalize(as normalization: Normalization) {
        train.normalization = normalization
        validation.normalization = normalization
        test?.normalization = normalization
    }
}

/// Keeps the epoch report and divergence of the last step.
private final class EventCollector: TrainingObserver {
    var epochReport: EpochReport?
    var divergence: DivergenceReport?

    func clear() { epochReport = nil; divergence = nil }

    func training(_ event: TrainingEvent) {
        switch event {
        case .batchEnd: break
        case .epochEnd(let report): epochReport = report
        case .diverged(let report): divergence = report
        }
    }
}
