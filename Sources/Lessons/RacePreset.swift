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
    /// What the race shows, in a sentence (the race picker says it); checked
    /// on the lesson's own settings by ``LessonChecks/checkRacePreset(slug:)``.
    public var point: String

    public init(_ runners: [Runner], point: String = "") {
        self.runners = Array(runners.prefix(Self.maximumRunners))
        self.point = point
    }

    /// One per core is the aim; four is what the charts tell apart.
    public static let maximumRunners = 4

    /// The lessons' own races, by the lesson's slug (its number moves when a
    /// lesson is inserted before it); nil where the lesson has none (the race
    /// picker then starts from the learner's selected knob, see ``around(_:in:dataChoices:)``).
    public static func preset(for slug: String) -> RacePreset? {
        switch slug {
        case "perceptron":
            RacePreset([.init("AND", [.data(0)]), .init("OR", [.data(1)]), .init("XOR", [.data(2)])],
                       point: "AND and OR are linearly separable: their lines settle at 100%. No line separates XOR: "
                           + "it never settles and stays below 90%.")
        case "hidden-layers":
            RacePreset([.init("sigmoid", [.activation(.sigmoid)]), .init("tanh", [.activation(.tanh)]),
                        .init("relu", [.activation(.relu)])],
                       point: "The same network with three activations: each bends the boundary its own way.")
        case "learning-rate":
            RacePreset([.init("lr 0.01", [.learningRate(0.01)]), .init("lr 0.1", [.learningRate(0.1)]),
                        .init("lr 1", [.learningRate(1)])],
                       point: "Too small crawls, too large overshoots: lr 0.1 is ahead of lr 0.01 in the same batches.")
        case "many-classes":
            RacePreset([.init("sgd", [.optimizer(.sgd)]), .init("adam", [.optimizer(.adam)])],
                       point: "Same flowers, same first weights: after 3 epochs adam's training loss is lower than plain SGD's.")
        case "overfitting":
            RacePreset([.init("none", [.dropout(0), .weightDecay(0), .shift(0)]),
                        .init("L2 1e-3", [.dropout(0), .weightDecay(0.001), .shift(0)]),
                        .init("dropout 0.5", [.dropout(0.5), .weightDecay(0), .shift(0)]),
                        .init("shift ±2", [.dropout(0), .weightDecay(0), .shift(2)])],
                       point: "Without help the validation loss turns up; L2, dropout and shifts keep it lower.")
        case "mnist-mlp":
            RacePreset([.init("init He ×0.1", [.initScale(0.1)]), .init("init He ×1", [.initScale(1)])],
                       point: "The lesson's small first-layer start lets the weight pictures turn smooth "
                           + "(roughness 0.5 or less) early in the first epoch; from full-size static they stay "
                           + "more than twice as rough.")
        case "convnet":
            RacePreset([.init("init He ×0.1", [.initScale(0.1)]), .init("init He ×1", [.initScale(1)])],
                       point: "Small first-layer weights give smooth kernels; full-size ones stay noisy.")
        case "mistakes":
            RacePreset([.init("lr 0.01", [.learningRate(0.01)]), .init("lr 0.1", [.learningRate(0.1)])],
                       point: "The net that learned less (lr 0.01) is less sure: it answers fewer digits above the "
                           + "threshold, and both are more often right on those they answer.")
        case "transfer":
            RacePreset([.init("fine-tuned", [.pretrained(true)]), .init("from scratch", [.pretrained(false)])],
                       point: "The same 100 images, the same first head: the reused convolutions reach about 94% on "
                           + "the unseen digits 5–9, from scratch about 91%, and fine-tuning trains two to three times as many images a second.")
        case "sandbox":
            RacePreset([.init("sgd", [.optimizer(.sgd)]), .init("momentum", [.optimizer(.momentum)]),
                        .init("adam", [.optimizer(.adam)])],
                       point: "Three optimizers on one net, fed the same batches at one rate: adam gets the loss "
                           + "down first, momentum next, plain SGD last.")
        default: nil
        }
    }

    /// The knobs of `panel` a race can set apart: those that train differently
    /// (not the speed, nor the display knobs of lessons 7 and 9).
    public static func raceableKnobs(_ panel: [KnobKind]) -> [KnobKind] {
        panel.filter { KnobChange.kind($0) != nil }
    }

    /// Values of `kind` to race, around its value in `knobs`: a factor of ten
    /// either side on the 1-2-5 ladders (lr 0.01 / 0.1 / 1), one step either
    /// side elsewhere, every choice where there are at most four (optimizers,
    /// data sets). Each is `knobs` with that one knob turned; at least two
    /// differ unless the knob has a single value.
    public static func suggestedValues(_ kind: KnobKind, around knobs: KnobSettings,
                                       dataChoices: Int = 1) -> [KnobSettings] {
        var values: [KnobSettings] = []
        let change = KnobChange.kind(kind)
        func add(_ candidate: KnobSettings) {
            // Compared as the race would set them (a data choice shows no name without the lesson's list).
            let same = { (other: KnobSettings) in
                change.map { $0(other) == $0(candidate) } ?? (other.display(kind) == candidate.display(kind))
            }
            if values.count < maximumRunners, !values.contains(where: same) { values.append(candidate) }
        }
        switch kind {
        case .optimizer, .data:
            var turned = knobs
            let count = kind == .data ? dataChoices : OptimizerKind.allCases.count
            for _ in 0..<min(count, maximumRunners) {
                add(turned)
                turned.turn(kind, steps: 1, dataChoices: dataChoices)
            }
            if kind == .data { values.sort { $0.dataChoice < $1.dataChoice } }
            if kind == .optimizer {
                let order = OptimizerKind.allCases
                values.sort { (order.firstIndex(of: $0.hyperparameters.optimizer) ?? 0) < (order.firstIndex(of: $1.hyperparameters.optimizer) ?? 0) }
            }
        default:
            let coarse = [.learningRate, .weightDecay, .l1].contains(kind)
            // Either side of the value; at the end of a ladder, two steps on the side there is.
            for steps in [-1, 0, 1, 2, -2] where values.count < 3 {
                var turned = knobs
                turned.turn(kind, steps: steps, coarse: coarse, dataChoices: dataChoices)
                add(turned)
            }
            values.sort { position(of: kind, in: $0) < position(of: kind, in: $1) }
        }
        return values
    }

    /// Where a value sits on its knob's ladder, to list suggestions low to high.
    private static func position(of kind: KnobKind, in knobs: KnobSettings) -> Double {
        let h = knobs.hyperparameters
        switch kind {
        case .learningRate: return Double(h.learningRate)
        case .weightDecay: return Double(h.weightDecay)
        case .l1: return Double(h.l1)
        case .batchSize: return Double(h.batchSize)
        case .dropout: return Double(h.dropout)
        case .initScale: return Double(knobs.initScale)
        case .shift: return Double(h.augmentation.maxShift)
        case .flip: return h.augmentation.flipsHorizontally ? 1 : 0
        case .activation: return Double(knobs.activation.flatMap { KnobSettings.activations.firstIndex(of: $0) } ?? 0)
        default: return 0
        }
    }

    /// A race of `kind` at these values (each `knobs` with that knob set), named
    /// "lr 0.1", "adam", "XOR"; nil when the knob does not train differently.
    public static func race(_ kind: KnobKind, values: [KnobSettings], dataChoices: [LessonData] = []) -> RacePreset? {
        guard let change = KnobChange.kind(kind) else { return nil }
        let runners = values.compactMap { value -> Runner? in
            guard let changed = change(value) else { return nil }
            return Runner(runnerLabel(kind, value, dataChoices: dataChoices), [changed])
        }
        return runners.count >= 2 ? RacePreset(runners) : nil
    }

    /// A runner's name: the knob and its value ("lr 0.1"), or the value alone where it says it ("adam", "XOR").
    public static func runnerLabel(_ kind: KnobKind, _ knobs: KnobSettings, dataChoices: [LessonData] = []) -> String {
        let value = knobs.display(kind, dataChoices: dataChoices)
        switch kind {
        case .optimizer, .activation, .data: return value
        default: return kind.raceName + " " + value
        }
    }
}

/// One knob set to one value, as a race's runner differs from the lesson.
public enum KnobChange: Sendable, Equatable {
    case learningRate(Float), dropout(Float), weightDecay(Float), l1(Float), batchSize(Int)
    case optimizer(OptimizerKind), activation(ActivationKind), initScale(Float)
    case shift(Int), flip(Bool)
    /// Lesson 10: fine-tune the pretrained convnet (true) or train from random weights.
    case pretrained(Bool)
    /// Another of the lesson's data choices (its index), as lesson 1 races AND, OR and XOR.
    case data(Int)

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
        case .data, .perDigit: { .data($0.dataChoice) }
        case .noise, .validationFraction, .confidenceThreshold, .handKernel, .stride, .padding, .labelNoise,
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
            case .data(let choice): knobs.dataChoice = choice
            }
        }
        return knobs
    }
}

extension KnobKind {
    /// The knob's name in a runner's label ("lr 0.1", "batch 32").
    public var raceName: String {
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
