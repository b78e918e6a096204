/// What the training loop reports. Observers (the TUI, the CLI progress bar,
/// tests) receive these; the loop never knows who is listening.
public enum TrainingEvent: Sendable {
    /// A mini-batch was trained.
    case batchEnd(BatchReport)
    /// An epoch finished and the model was evaluated.
    case epochEnd(EpochReport)
    /// The loss became NaN or infinite; training stopped before the update.
    case diverged(DivergenceReport)
}

/// One trained mini-batch.
public struct BatchReport: Sendable, Equatable {
    /// 0-based epoch.
    public var epoch: Int
    /// 0-based batch within the epoch.
    public var batch: Int
    /// Batches in this epoch.
    public var batchesPerEpoch: Int
    /// Items in this batch.
    public var batchSize: Int
    /// Mean loss over the batch (before the update).
    public var loss: Float
    /// Fraction of the batch classified correctly (0 for a regression).
    public var accuracy: Float
    /// Learning rate used for this step: the knob's, times the schedule's factor.
    public var learningRate: Float
    /// The knobs this step ran with, as the trainer read them once at its
    /// start (out-of-range values already clamped). A knob turned while the
    /// step ran shows in the next report, not in this one.
    public var hyperparameters: Hyperparameters
    /// Total items trained since the start (across epochs).
    public var itemsSeen: Int

    /// A report; without `hyperparameters`, the knobs are the defaults at this
    /// learning rate and batch size (for reports made up outside a trainer).
    public init(epoch: Int, batch: Int, batchesPerEpoch: Int, batchSize: Int, loss: Float,
                accuracy: Float, learningRate: Float, hyperparameters: Hyperparameters? = nil, itemsSeen: Int) {
        self.epoch = epoch; self.batch = batch; self.batchesPerEpoch = batchesPerEpoch
        self.batchSize = batchSize; self.loss = loss; self.accuracy = accuracy
        self.learningRate = learningRate; self.itemsSeen = itemsSeen
        self.hyperparameters = hyperparameters ?? Hyperparameters(learningRate: learningRate, batchSize: batchSize)
    }
}

/// Loss and accuracy over a whole data split.
public struct Evaluation: Sendable, Equatable, Codable {
    /// Mean loss; for a regression, the mean squared error of the standardized target.
    public var loss: Float
    /// Share classified correctly; 0 for a regression.
    public var accuracy: Float
    public var count: Int
    /// A regression's RMSE and R² in the target's units (nil: classes).
    public var regression: RegressionEvaluation?
    public init(loss: Float, accuracy: Float, count: Int, regression: RegressionEvaluation? = nil) {
        self.loss = loss; self.accuracy = accuracy; self.count = count; self.regression = regression
    }
}

/// One finished epoch with its evaluations.
public struct EpochReport: Sendable, Equatable {
    /// 0-based epoch that just finished.
    public var epoch: Int
    /// Over the training split (inference mode, after the epoch).
    public var train: Evaluation
    /// Over the validation split, when there is one.
    public var validation: Evaluation?
    /// Over the test set, when there is one.
    public var test: Evaluation?
    /// Wall-clock seconds spent training this epoch (excluding evaluation).
    public var seconds: Double

    public init(epoch: Int, train: Evaluation, validation: Evaluation?, test: Evaluation?, seconds: Double) {
        self.epoch = epoch; self.train = train; self.validation = validation
        self.test = test; self.seconds = seconds
    }
}

/// Training stopped because the loss stopped being a number, or the run collapsed.
public struct DivergenceReport: Sendable, Equatable {
    public var epoch: Int
    public var batch: Int
    public var loss: Float
    public var learningRate: Float
    /// What went wrong: a loss that is not a number, or a collapse to chance
    /// (then `loss` is the smoothed loss).
    public var reason: DivergenceReason
    public init(epoch: Int, batch: Int, loss: Float, learningRate: Float,
                reason: DivergenceReason = .notFinite) {
        self.epoch = epoch; self.batch = batch; self.loss = loss
        self.learningRate = learningRate; self.reason = reason
    }
}

/// Anything that wants to hear about training.
public protocol TrainingObserver: AnyObject {
    func training(_ event: TrainingEvent)
}
