import MiniNN

/// One step of the course: what it teaches, what it trains, what it shows.
///
/// A lesson is plain data. The playground turns it into a live screen; the
/// tests run its ``LessonCheck`` headless through the same trainer.
public struct Lesson: Sendable, Identifiable {
    /// Position in the course, 1-based, as the learner reads it ("Lesson 5").
    /// It changes when a lesson is added before it; ``slug`` does not.
    public var id: Int
    /// The lesson's stable name ("overfitting"): what the progress file
    /// remembers, so inserting a lesson never moves a learner's ticks.
    public var slug: String
    public var title: String
    /// One line for the course list.
    public var summary: String
    /// What the learner takes away, one short point each.
    public var learn: [String]
    /// The lesson text: paragraphs separated by blank lines.
    public var text: String
    /// The data the lesson trains on (nil when nothing trains, as in lesson 7).
    public var data: LessonData?
    /// Other data sets the lesson's "data" knob cycles through; `data` comes first.
    public var dataChoices: [LessonData]
    /// The model the lesson trains (nil when nothing trains).
    public var model: LessonModel?
    /// Knob values when the lesson opens.
    public var knobs: Hyperparameters
    /// Knobs shown in the panel, in order; the first is focused.
    public var panel: [KnobKind]
    /// Experiments to try, each with what the learner should see.
    public var experiments: [Experiment]
    /// Panels the lesson screen shows, most important first: a small terminal
    /// shows the first ones only.
    public var visuals: [Visual]
    /// Seed of the first run; `r` picks the next one.
    public var seed: UInt64
    /// The learning-rate schedule and input standardization beyond the knobs.
    public var training: LessonTraining
    /// How fast the lesson trains when it opens: slow enough to see what its
    /// text describes (`<` `>` change it, `f` jumps to full speed).
    public var defaultSpeed: BatchRate
    /// Share of training labels replaced at random when the lesson opens: a
    /// saved model continued in the sandbox keeps the noise it was trained with.
    public var labelNoise: Float = 0

    public init(id: Int, slug: String, title: String, summary: String, learn: [String], text: String,
                data: LessonData?, alternatives: [LessonData] = [], model: LessonModel?, knobs: Hyperparameters,
                panel: [KnobKind], experiments: [Experiment], visuals: [Visual], seed: UInt64 = 1,
                training: LessonTraining = .plain, defaultSpeed: BatchRate = .full) {
        self.id = id; self.slug = slug; self.title = title; self.summary = summary; self.learn = learn
        self.text = text; self.data = data; self.model = model; self.knobs = knobs
        self.dataChoices = (data.map { [$0] } ?? []) + alternatives
        self.panel = panel; self.experiments = experiments; self.visuals = visuals; self.seed = seed
        self.training = training
        self.defaultSpeed = defaultSpeed
    }

    /// Whether the lesson trains something live.
    public var trains: Bool { data != nil && model != nil }
}

/// How a lesson's run trains beyond its knobs: the learning-rate schedule
/// laid over the epochs the lesson plans, and whether pixels are standardized
/// (as the recipes do) instead of only scaled to 0…1.
public struct LessonTraining: Sendable, Equatable {
    /// Multiplies the learning-rate knob over the run (nil: constant).
    public var schedule: RecipeSchedule?
    /// The schedule's horizon: the epochs the lesson plans.
    public var plannedEpochs: Int
    /// Items one planned epoch counts (nil: the training set's size). Set to
    /// the default data's size, it keeps the horizon in batches when the data
    /// knob picks fewer digits: they train as long, over many more epochs.
    public var epochItems: Int?
    /// MNIST pixels shifted and scaled by the training images' mean and
    /// deviation (one for all pixels), as ``RecipeData/load(locator:seed:)`` does.
    public var standardizesPixels: Bool

    public init(schedule: RecipeSchedule? = nil, plannedEpochs: Int = 1, epochItems: Int? = nil,
                standardizesPixels: Bool = false) {
        self.schedule = schedule
        self.plannedEpochs = max(1, plannedEpochs)
        self.epochItems = epochItems.map { max(1, $0) }
        self.standardizesPixels = standardizesPixels
    }

    /// Batches in one planned epoch at `batchSize`, for a training set of `trainCount`.
    public func batchesPerPlannedEpoch(batchSize: Int, trainCount: Int) -> Int {
        let items = epochItems ?? trainCount
        let size = max(1, batchSize)
        return max(1, (items + size - 1) / size)
    }

    /// A constant learning rate, pixels in 0…1.
    public static let plain = LessonTraining()
}

/// A "try this": one change to make, the keys that make it, what it should
/// show, and when the learner has done it (the lesson's checklist ticks it).
public struct Experiment: Sendable, Equatable {
    /// What to do, in a few words, e.g. "Set the learning rate to 10".
    public var action: String
    /// The keys to press on the lesson screen, as data: the prose the learner
    /// reads is made from them (``keysMarkup``) and a test replays them.
    public var keys: [KeyStep]
    /// What the learner should see happen, and why.
    public var expectation: String
    /// Whether the learner has done it, read off the screen's state: a pure
    /// function, true only once the action was taken and trained long enough
    /// to show its outcome (e.g. "learning rate 10 set, and the run diverged").
    public var isDone: @Sendable (LessonState) -> Bool

    public init(_ action: String, keys: [KeyStep], expect expectation: String,
                done isDone: @escaping @Sendable (LessonState) -> Bool) {
        self.action = action
        self.keys = keys
        self.expectation = expectation
        self.isDone = isDone
    }

    /// Two experiments are the same when they read the same (a check cannot be compared).
    public static func == (lhs: Experiment, rhs: Experiment) -> Bool {
        lhs.action == rhs.action && lhs.keys == rhs.keys && lhs.expectation == rhs.expectation
    }
}

extension Lesson {
    /// Indices of the experiments whose check holds in `state`.
    public func experimentsDone(in state: LessonState) -> Set<Int> {
        Set(experiments.indices.filter { experiments[$0].isDone(state) })
    }
}

extension ToyKind {
    /// How the problem is named on the knob panel and the status line.
    public var label: String {
        switch self {
        case .and: "AND"
        case .or: "OR"
        case .xor: "XOR"
        case .blobs: "two blobs"
        case .circles: "circles"
        case .spirals: "spirals"
        }
    }
}

/// The data a lesson trains on, as a description the playground loads.
public enum LessonData: Sendable, Equatable {
    /// A generated 2-D set: `count` points, Gaussian `noise`, a fraction held
    /// out for validation. Noise and the ratio are knobs that regenerate it.
    case toy(ToyKind, count: Int, noise: Float, validationFraction: Float)
    /// Fisher's iris: the chosen feature columns (0 sepal length, 1 sepal
    /// width, 2 petal length, 3 petal width) and species (0 setosa,
    /// 1 versicolor, 2 virginica).
    case iris(features: [Int], species: [Int], validationFraction: Float)
    /// MNIST digits: the first `trainCount` images of the training file train,
    /// the next `validationCount` validate (so the two never overlap; together
    /// at most 60,000), and the first `testCount` of the 10,000 test images test.
    case mnist(trainCount: Int, validationCount: Int, testCount: Int, flattened: Bool)
    /// Some digits only, relabelled 0, 1, … in order (lesson 10's digits 5–9):
    /// `perClass` training images of each, drawn with the run's seed from
    /// the training images before the last `validationCount`; those digits
    /// among the last `validationCount` validate, and among all 10,000 test
    /// images test. Pixels are standardized by all 60,000 training images,
    /// as the convnet that is reused saw them.
    case mnistDigits(digits: [Int], perClass: Int, validationCount: Int)
    /// A CSV table of the learner's own: every other column predicts the
    /// `target` column's classes (numbers standardized, text one-hot, as
    /// `train --csv` reads it); `validationFraction` held out, stratified.
    case csv(path: String, target: String, validationFraction: Float)

    /// A short name for the status line and the sandbox menu.
    public var displayName: String {
        switch self {
        case .toy(let problem, _, _, _): problem.label
        case .iris(let features, let species, _):
            species.count == 3 ? "iris (\(features.count) measurements)" : "iris, \(species.count) species"
        case .mnist(let train, _, _, _): train >= 60_000 ? "MNIST" : "MNIST (\(train.grouped) images)"
        case .mnistDigits(let digits, let perClass, _): "digits \(Self.digitRange(digits)), \(perClass.grouped) each"
        case .csv(let path, let target, _): "\(path.split(separator: "/").last.map(String.init) ?? path) → \(target)"
        }
    }

    /// A short lowercase name for files and metadata: "xor", "iris", "mnist".
    public var fileName: String {
        switch self {
        case .toy(let problem, _, _, _): problem.rawValue
        case .iris: "iris"
        case .mnist: "mnist"
        case .mnistDigits: "mnist-digits"
        case .csv: "csv"
        }
    }

    /// Whether the data is a CSV table of the learner's own.
    public var isTable: Bool {
        if case .csv = self { return true }
        return false
    }

    /// "5–9" for consecutive digits, else "5, 7, 9".
    public static func digitRange(_ digits: [Int]) -> String {
        guard let first = digits.first, let last = digits.last, digits.count > 2,
              digits == Array(first...max(first, last)) else { return digits.map(String.init).joined(separator: ", ") }
        return "\(first)–\(last)"
    }

    /// Whether the inputs are points in the plane (decision boundaries apply).
    public var isPlanar: Bool {
        if case .toy = self { return true }
        if case .iris(let features, _, _) = self { return features.count == 2 }
        return false
    }

    /// Whether the inputs are MNIST images.
    public var isMNIST: Bool {
        switch self {
        case .mnist, .mnistDigits: true
        case .toy, .iris, .csv: false
        }
    }
}

/// The model a lesson trains.
public enum LessonModel: Sendable, Equatable {
    /// A single step-activation neuron trained by Rosenblatt's rule.
    case perceptron(inputs: Int)
    /// A network trained by backpropagation with the loss in the spec.
    case network(ModelSpec)
    /// A network saved to a model file (its architecture is `spec`), trained further.
    case saved(path: String, spec: ModelSpec)
    /// Lesson 10's convnet with a head for the new digits: `pretrained`, its
    /// convolutions come from the convnet trained on digits 0–4 and stay
    /// frozen; otherwise every layer starts from random weights.
    case transfer(pretrained: Bool)

    /// The layer description (the perceptron as Dense → step).
    public var spec: ModelSpec {
        switch self {
        case .perceptron(let inputs):
            ModelSpec(inputShape: [inputs], layers: [.dense(inputs: inputs, outputs: 1), .activation(.step)],
                      loss: .meanSquaredError)
        case .network(let spec), .saved(_, let spec): spec
        case .transfer: TransferLearning.spec
        }
    }
}

/// A knob the lesson screen can show and the learner can turn.
public enum KnobKind: String, Sendable, CaseIterable, Codable {
    case learningRate, optimizer, batchSize, dropout, weightDecay, l1
    /// Which of the lesson's data sets trains (rebuilds the data and the network).
    case data
    /// Lesson 10: labelled training images of each new digit, another name
    /// for the data knob over its ``LessonData/mnistDigits(digits:perClass:validationCount:)`` choices.
    case perDigit
    /// 2-D data only: Gaussian noise on the points (regenerates the data).
    case noise
    /// 2-D data only: fraction of points held out for validation (regenerates the data).
    case validationFraction
    /// The hidden layers' activation (rebuilds the network: a fresh start).
    case activation
    /// Lesson 9: confidence below which the answer is "not sure".
    case confidenceThreshold
    /// Lesson 7: which hand-made kernel slides over the digit.
    case handKernel
    /// Lesson 7: stride of the hand-made convolution.
    case stride
    /// Lesson 7: zero padding of the hand-made convolution.
    case padding
    /// The first weighted layer's initial weights times this (rebuilds the network).
    case initScale
    /// Share of training labels replaced by a wrong digit at random (rebuilds the data).
    case labelNoise
    /// How fast free-running training goes: the same setting as `<` `>`.
    case speed
    /// MNIST: largest random shift of each training image, in pixels (augmentation, live).
    case shift
    /// MNIST: whether half the training images are mirrored left to right (augmentation, live).
    case flip
    /// Lesson 10: the convolutions reused from the convnet pretrained on
    /// digits 0–4 (frozen), or random and training (rebuilds the network).
    case start

    /// How the knob is labelled in the panel.
    public var label: String {
        switch self {
        case .data: "data"
        case .perDigit: "images/digit"
        case .learningRate: "learning rate"
        case .optimizer: "optimizer"
        case .batchSize: "batch size"
        case .dropout: "dropout"
        case .weightDecay: "L2 decay"
        case .l1: "L1 decay"
        case .noise: "noise"
        case .validationFraction: "validation"
        case .activation: "activation"
        case .confidenceThreshold: "threshold"
        case .handKernel: "kernel"
        case .stride: "stride"
        case .padding: "padding"
        case .initScale: "init scale"
        case .labelNoise: "wrong labels"
        case .speed: "speed"
        case .shift: "shift"
        case .flip: "flip"
        case .start: "convolutions"
        }
    }
}

/// A panel of the lesson screen.
public enum Visual: String, Sendable, CaseIterable, Codable {
    /// Training and validation loss, with accuracy, epoch marks.
    case lossCurves
    /// 2-D data: the model's output over the plane with the points on top.
    case decisionBoundary
    /// The network drawn small: layers, sizes, parameter count.
    case network
    /// 2-D data: what each first-hidden-layer neuron computes over the plane.
    case neuronMaps
    /// MNIST MLP: first-layer weights as 28×28 images.
    case firstLayerWeights
    /// Convnet: the first conv layer's kernels, live.
    case kernels
    /// Convnet: one test digit's activation maps after each conv/pool layer.
    case activationMaps
    /// A test digit with the class probabilities the model gives it.
    case prediction
    /// Rows are true classes, columns predicted, over the validation or test set.
    case confusionMatrix
    /// Lesson 9: the wrong answers given with the highest confidence.
    case confidentMistakes
    /// Lesson 9: accuracy against confidence, in confidence bins (a reliability table).
    case calibration
    /// Lesson 7: a hand-made kernel applied to a digit, with the output size.
    case handConvolution
    /// Lesson 5: one training digit as the network sees it under the augmentation knobs.
    case augmentedDigits
    /// A regression: each validation row's prediction against its actual value, with the diagonal y = x.
    case predictedVsActual

    /// Panel title.
    public var title: String {
        switch self {
        case .lossCurves: "loss"
        case .decisionBoundary: "decision boundary"
        case .network: "network"
        case .neuronMaps: "hidden neurons"
        case .firstLayerWeights: "first-layer weights"
        case .kernels: "conv kernels"
        case .activationMaps: "activation maps"
        case .prediction: "prediction"
        case .confusionMatrix: "confusion matrix"
        case .confidentMistakes: "confident mistakes"
        case .calibration: "calibration"
        case .handConvolution: "convolution"
        case .augmentedDigits: "what the network sees"
        case .predictedVsActual: "predicted vs actual"
        }
    }
}
