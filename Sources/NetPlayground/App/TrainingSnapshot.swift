import Lessons
import MiniNN

/// Everything the lesson screen draws about a training run, copied out of
/// the trainer thread as one immutable value. The session posts a new one
/// after batches (latest wins); the UI never reads the model itself.
struct TrainingSnapshot: Sendable {
    /// What the run is doing.
    enum RunState: Sendable, Equatable {
        /// Reading or generating data, building the model.
        case loading(String)
        case paused
        case running
        /// The loss stopped being a number, or the run collapsed to chance
        /// (see the report's reason); training is paused until a reset.
        case diverged(DivergenceReport)
        /// Data or model could not be set up; the message says why.
        case failed(String)
    }

    /// A point of the training-loss curve.
    struct LossPoint: Sendable, Equatable {
        /// Position in epochs (1.5 = halfway through the second epoch).
        var epoch: Double
        var loss: Float
        var accuracy: Float
    }

    /// Which session posted it: a snapshot from a session the screen already
    /// closed can still be in the mailbox, and is dropped.
    var session: Int = 0
    /// Counts every rebuild (reset, new data, new model), so the screen can tell runs apart.
    var generation: Int
    /// Counts every new curve: each rebuild or reset, and new data that the
    /// same weights go on with. A pin (``FinishedRun/runNumber``) names its run by it.
    var runNumber = 0
    var seed: UInt64
    var state: RunState
    /// 0-based epoch in progress and batches done in it.
    var epoch: Int = 0
    var batch: Int = 0
    var batchesPerEpoch: Int = 0
    var itemsSeen: Int = 0
    /// Batches trained in this run (since the weights were last fresh), for the checklist.
    var batchesTrained: Int = 0
    /// Seconds spent training this curve's batches, and the items they held
    /// (the runs table's images/s and time; a new curve starts them at 0).
    var trainingSeconds: Double = 0
    var curveItems: Int = 0
    /// Training throughput over the last second or so of running.
    var itemsPerSecond: Double = 0
    /// The knobs the last trained batch used (shows a change is in effect).
    var knobsInEffect: Hyperparameters?
    /// The learning rate the last step used: the knob, times the schedule's factor when there is one.
    var stepLearningRate: Float?
    /// Whether a schedule scales the learning-rate knob (the status line then shows both).
    var schedulesLearningRate = false
    /// Smoothed per-batch training loss and accuracy (at most ``curveCapacity``, thinned).
    var lossCurve: [LossPoint] = []
    /// Finished epochs, the newest last (at most ``epochCapacity``, thinned on long runs).
    var epochs: [EpochReport] = []
    /// The lowest validation loss of this run so far, and its epoch.
    var bestValidation: BestEpoch?
    /// The run before the last reset or data change, drawn dimmed beside this
    /// one until the next (nil: none yet, or it trained nothing).
    var previousRun: FinishedRun?
    /// Bounds on what a frame draws, so it costs the same at epoch 345 as at epoch 1.
    static let curveCapacity = 4000
    static let epochCapacity = 500
    /// The lesson's planned run length in epochs (nil: open-ended).
    var plannedEpochs: Int?
    /// Paused because the planned length was reached (until the learner goes on).
    var pausedAtPlan = false
    /// "Dense 2→16", … and the parameter count.
    var layerSummaries: [String] = []
    var layerShapes: [[Int]] = []
    var parameterCount: Int = 0
    var trainCount: Int = 0
    var validationCount: Int = 0
    var classNames: [String] = []

    // Visual data; each is nil when the lesson does not show it or it does not apply.
    var planeExtent: PlaneExtent?
    /// What the plane's axes are when they are not the data's own x and y:
    /// a table's two columns, or its first two principal components (longest form first; empty: none).
    var planeCaptions: [String] = []
    var decisionMap: PlaneMap?
    /// Training points (x, y, label) in raw coordinates.
    var points: [PlanePoint] = []
    var neuronMaps: [PlaneMap] = []
    /// 2-D dense nets: every neuron's output over the plane and the weights
    /// between layers, for the network picture (nil: the layer list is drawn).
    var network: NetworkPicture?
    /// The perceptron's line w₁x + w₂y + b = 0 in raw coordinates, as (w₁, w₂, b).
    var perceptronLine: (Float, Float, Float)?
    var firstLayerWeights: [[Float]] = []
    var kernelSide: Int = 0
    var kernels: [[Float]] = []
    /// Mean roughness of the first layer's pictures (kernels or weight images;
    /// ~1 for noise), flat ones left out and counted, and its value after each batch.
    var roughness: Float?
    var flatPictures = 0
    var roughnessHistory: [Float] = []
    var activationMaps: [FeatureMaps] = []
    /// The chosen held-out image (28×28 bytes) with its label and the model's probabilities.
    var digit: DigitPrediction?
    /// Lesson 5: one training digit drawn several times through the augmentation knobs (pixels 0…1).
    var augmentedDigits: [[Float]] = []
    var confusion: [[Int]] = []
    /// A regression's target column (nil: the labels are classes), and each
    /// validation row's (actual, predicted) value in its units.
    var regressionTarget: String?
    var predictedVsActual: [(actual: Float, predicted: Float)] = []
    /// Held-out examples classified (for the threshold and mistakes of lesson 9).
    var heldOutPredictions: [ClassifiedExample] = []
    /// Accuracy against confidence over those predictions, and the ones given
    /// with at least ``ConfidenceAnalysis/verySure`` confidence as one group.
    var calibration: CalibrationReport?
    var verySure: CalibrationBin?
    /// The most confident mistakes, with their pictures.
    var mistakes: [DigitPrediction] = []
    /// A few test digits (28×28 bytes) for lesson 7, which trains nothing.
    var sampleDigits: [[UInt8]] = []
    /// The network's reading of the learner's drawing (the canvas, `d`).
    var drawing: DrawingReading?
    /// What the last export wrote, or why it failed.
    var exportNote: String?
}

/// What the model made of a drawn digit: the 28×28 input it read (the
/// drawing, preprocessed as MNIST's digits were), its class probabilities and
/// each conv layer's activation maps for it.
struct DrawingReading: Sendable, Equatable {
    var input: [UInt8]
    var probabilities: [Float]
    var activationMaps: [FeatureMaps]
}

/// A 2-D training point.
struct PlanePoint: Sendable, Equatable {
    var x: Float
    var y: Float
    var label: Int
}

/// One held-out digit and what the model makes of it.
struct DigitPrediction: Sendable, Equatable {
    /// Index in the held-out set.
    var index: Int
    /// 28×28 grey bytes, row-major.
    var pixels: [UInt8]
    var label: Int
    var probabilities: [Float]

    var predicted: Int {
        var best = 0
        for (i, p) in probabilities.enumerated() where p > probabilities[best] { best = i }
        return best
    }
}
