import MiniNN

/// What a race (`c`) trains side by side: the same data, seed and first
/// weights, two to four settings of the knobs that make the lesson's point.
public struct RacePreset: Sendable, Equatable {
    /// One runner: its name on the charts and how its knobs differ from the lesson's.
    public struct Runner: Sendable, Equatable {
        public var label: String
        public var changes: [KnobChange]

        public init(_ label: String, _ changes: [KnobChange]) {
            self.label = label
            self.changes = changes
        }
    }

    public var runners: [Runner]

    public init(_ runners: [Runner]) {
        self.runners = Array(runners.prefix(Self.maximumRunners))
    }

    /// One per core is the aim; four is what the charts tell apart.
    public static let maximumRunners = 4

    /// The lessons' own races; nil where the lesson has none (the learner's
    /// selected knob is raced instead, see ``around(_:in:)``).
    public static func preset(for lessonID: Int) -> RacePreset? {
        switch lessonID {
        case 2: RacePreset([.init("sigmoid", [.activation(.sigmoid)]), .init("tanh", [.activation(.tanh)]),
                            .init("relu", [.activation(.relu)])])
        case 3: RacePreset([.init("lr 0.01", [.learningRate(0.01)]), .init("lr 0.1", [.learningRate(0.1)]),
                            .init("lr 1", [.learningRate(1)])])
        case 5: RacePreset([.init("none", [.dropout(0), .weightDecay(0), .shift(0)]),
                            .init("L2 1e-3", [.dropout(0), .weightDecay(0.001), .shift(0)]),
                            .init("dropout 0.5", [.dropout(0.5), .weightDecay(0), .shift(0)]),
                            .init("shift ±2", [.dropout(0), .weightDecay(0), .shift(2)])])
        case 8: RacePreset([.init("init He ×0.1", [.initScale(0.1)]), .init("init He ×1", [.initScale(1)])])
        case 10: RacePreset([.init("fine-tuned", [.pretrained(true)]), .init("from scratch", [.pretrained(false)])])
        default: nil
        }
    }

    /// The knob `kind` one step down, as it is, and one step up (those that
    /// differ), for lessons without a preset. Nil when the knob does not
    /// train differently (speed, the lesson-7 and lesson-9 display knobs).
    public static func around(_ kind: KnobKind, in knobs: KnobSettings, dataChoices: Int = 1) -> RacePreset? {
        guard let change = KnobChange.kind(kind) else { return nil }
        var runners: [Runner] = []
        for steps in [-1, 0, 1] {
            var turned = knobs
            turned.turn(kind, steps: steps, dataChoices: dataChoices)
            guard let value = change(turned) else { continue }
            let label = kind.raceName + " " + turned.display(kind)
            if !runners.contains(where: { $0.label == label }) { runners.append(Runner(label, [value])) }
        }
        return runners.count >= 2 ? RacePreset(runners) : nil
    }
}

/// One knob set to one value, as a race's runner differs from the lesson.
public enum KnobChange: Sendable, Equatable {
    case learningRate(Float), dropout(Float), weightDecay(Float), l1(Float), batchSize(Int)
    case optimizer(OptimizerKind), activation(ActivationKind), initScale(Float)
    case shift(Int), flip(Bool)
    /// Lesson 10: fine-tune the pretrained convnet (true) or train from random weights.
    case pretrained(Bool)

    /// How to read this kind of change off a panel's knobs (nil: not raced).
    static func kind(_ kind: KnobKind) -> ((KnobSettings) -> KnobChange?)? {
        switch kind {
        case .learningRate: { .learningRate($0.hyperparameters.learningRate) }
        case .dropout: { .dropout($0.hyperparameters.dropout) }
        case .weightDecay: { .weightDecay($0.hyperparameters.weightDecay) }
        case .l1: { .l1($0.hyperparameters.l1) }
        case .batchSize: { .batchSize($0.hyperparameters.batchSize) }
        case .optimizer: { .optimizer($0.hyperparameters.optimizer) }
        case .activation: { $0.activation.map(KnobChange.activation) }
        case .initScale: { .initScale($0.initScale) }
        case .shift: { .shift($0.hyperparameters.augmentation.maxShift) }
        case .flip: { .flip($0.hyperparameters.augmentation.flipsHorizontally) }
        case .start: { $0.pretrained.map(KnobChange.pretrained) }
        case .data, .perDigit, .noise, .validationFraction, .confidenceThreshold, .handKernel, .stride, .padding, .labelNoise,
             .speed: nil
        }
    }
}

extension KnobSettings {
    /// These knobs with a runner's changes made.
    public func applying(_ changes: [KnobChange]) -> KnobSettings {
        var knobs = self
        for change in changes {
            switch change {
            case .learningRate(let value): knobs.hyperparameters.learningRate = value
            case .dropout(let value): knobs.hyperparameters.dropout = value
            case .weightDecay(let value): knobs.hyperparameters.weightDecay = value
            case .l1(let value): knobs.hyperparameters.l1 = value
            case .batchSize(let value): knobs.hyperparameters.batchSize = value
            case .optimizer(let value): knobs.hyperparameters.optimizer = value
            case .activation(let value): if knobs.activation != nil { knobs.activation = value }
            case .initScale(let value): knobs.initScale = value
            case .shift(let value): knobs.hyperparameters.augmentation.maxShift = value
            case .flip(let value): knobs.hyperparameters.augmentation.flipsHorizontally = value
            case .pretrained(let value): if knobs.pretrained != nil { knobs.pretrained = value }
            }
        }
        return knobs
    }
}

extension KnobKind {
    /// The knob's name in a runner's label ("lr 0.1", "adam").
    var raceName: String {
        switch self {
        case .learningRate: "lr"
        case .batchSize: "batch"
        case .weightDecay: "L2"
        case .l1: "L1"
        case .initScale: "init"
        default: label
        }
    }
}
