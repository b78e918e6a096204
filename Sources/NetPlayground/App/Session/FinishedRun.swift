import MiniNN

/// A run's curves and what it ran with: the loss chart draws it dimmed
/// beside the run in progress (as the last run, or pinned with `p`), never
/// joined to it. A small value on purpose, so a list of pins holds several.
struct FinishedRun: Sendable, Equatable {
    /// A validation result at an epoch's end.
    struct EpochPoint: Sendable, Equatable {
        /// Position in epochs (the end of the first epoch is 1).
        var epoch: Double
        var loss: Float
        var accuracy: Float
    }

    /// Says which run it was, e.g. "seed 1" or "label noise 0%".
    var label: String
    /// Which of the session's runs it was (``TrainingSnapshot/runNumber``).
    var runNumber: Int = 0
    /// The knobs its last batch trained with (nil: it trained none).
    var hyperparameters: Hyperparameters?
    var seed: UInt64 = 0
    /// Seconds its batches took and the items they held.
    var trainingSeconds: Double = 0
    var curveItems: Int = 0
    /// The smoothed training curve, as the chart drew it.
    var curve: [TrainingSnapshot.LossPoint]
    /// Validation at each epoch end, when the run had validation data.
    var validation: [EpochPoint]
    /// Test accuracy at the last epoch end, when the run has a test set (MNIST).
    var testAccuracy: Float?
    /// Epochs finished.
    var epochs = 0

    var isEmpty: Bool { curve.isEmpty && validation.isEmpty }

    /// The run a snapshot shows, as far as it has got.
    init(_ snapshot: TrainingSnapshot, label: String) {
        self.label = label
        runNumber = snapshot.runNumber
        hyperparameters = snapshot.knobsInEffect
        seed = snapshot.seed
        trainingSeconds = snapshot.trainingSeconds
        curveItems = snapshot.curveItems
        curve = snapshot.lossCurve
        validation = snapshot.epochs.compactMap { report in
            report.validation.map { EpochPoint(epoch: Double(report.epoch + 1), loss: $0.loss, accuracy: $0.accuracy) }
        }
        testAccuracy = snapshot.epochs.last?.test?.accuracy
        epochs = snapshot.epochs.last.map { $0.epoch + 1 } ?? 0
    }

    init(label: String, curve: [TrainingSnapshot.LossPoint], validation: [EpochPoint]) {
        self.label = label
        self.curve = curve
        self.validation = validation
    }

    /// The point of the lowest validation loss (its epoch: 1 is the first epoch's end).
    var bestValidation: EpochPoint? { validation.filter { $0.loss.isFinite }.min { $0.loss < $1.loss } }
}

/// The lowest validation loss of the run in progress and where it was, kept
/// as the epochs come in (so thinning a long history never loses it).
struct BestEpoch: Sendable, Equatable {
    /// 0-based epoch.
    var epoch: Int
    var loss: Float

    /// Position on the chart's x axis: the epoch's end.
    var position: Double { Double(epoch + 1) }
}
