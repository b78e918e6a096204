import Foundation
import MiniNN

/// Every value the knob panel can turn, for one lesson screen.
///
/// The training knobs (`hyperparameters`) go to the trainer through
/// `LiveKnobs` and take effect on the next batch. The data knobs (noise,
/// validation share, data choice) regenerate the data; `activation` rebuilds
/// the network. The rest are read by the visuals only.
public struct KnobSettings: Sendable, Equatable {
    public var hyperparameters: Hyperparameters
    /// Index into the lesson's `dataChoices`.
    public var dataChoice: Int
    /// Gaussian noise of 2-D data.
    public var noise: Float
    /// Share of 2-D or iris data held out for validation.
    public var validationFraction: Float
    /// Activation of the hidden layers (nil when the model has none to change).
    public var activation: ActivationKind?
    /// Lesson 9: answers below this confidence are "not sure".
    public var confidenceThreshold: Float
    /// Lesson 7's kernel, stride and padding.
    public var handKernel: HandKernel
    public var stride: Int
    public var padding: Int
    /// Multiplier of the first layer's initial weights (1: plain He or Xavier).
    public var initScale: Float
    /// Share of training labels replaced by a wrong one at random.
    public var labelNoise: Float
    /// How fast free-running training goes (`<` `>` and the speed knob turn it).
    public var speed: BatchRate
    /// Lesson 10: start from the convnet pretrained on digits 0–4 (frozen
    /// convolutions), or from random weights (nil: the lesson has no such choice).
    public var pretrained: Bool?

    /// The knobs a lesson opens with.
    public init(lesson: Lesson) {
        hyperparameters = lesson.knobs
        dataChoice = 0
        noise = 0
        validationFraction = 0.2
        activation = lesson.model?.spec.hiddenActivation
        if lesson.model.map({ if case .perceptron = $0 { true } else { false } }) == true { activation = nil }
        confidenceThreshold = 0.9
        handKernel = .verticalEdge
        stride = 1
        padding = 0
        initScale = lesson.model?.spec.firstLayerInitScale ?? 1
        labelNoise = lesson.labelNoise
        speed = lesson.defaultSpeed
        if case .transfer(let startsPretrained)? = lesson.model { pretrained = startsPretrained }
        if let data = lesson.data { adoptDataDefaults(data) }
    }

    /// Takes noise and validation share from a data description.
    public mutating func adoptDataDefaults(_ data: LessonData) {
        switch data {
        case .toy(_, _, let noise, let fraction):
            self.noise = noise
            validationFraction = fraction
        case .iris(_, _, let fraction), .csv(_, _, let fraction):
            validationFraction = fraction
        case .mnist, .mnistDigits:
            break
        }
    }

    /// The lesson's model with this panel's activation and first-layer init scale.
    public func model(for lesson: Lesson) -> LessonModel? {
        if case .transfer(let startsPretrained)? = lesson.model { return .transfer(pretrained: pretrained ?? startsPretrained) }
        guard case .network(var spec) = lesson.model else { return lesson.model }
        if let activation, activation != spec.hiddenActivation { spec = spec.withActivation(activation) }
        spec.firstLayerInitScale = initScale == 1 ? nil : initScale
        return .network(spec)
    }

    /// The data description with this panel's noise and validation share applied.
    public func apply(to data: LessonData) -> LessonData {
        switch data {
        case .toy(let problem, let count, _, _):
            .toy(problem, count: count, noise: noise, validationFraction: validationFraction)
        case .iris(let features, let species, _):
            .iris(features: features, species: species, validationFraction: validationFraction)
        case .csv(let path, let target, _):
            .csv(path: path, target: target, validationFraction: validationFraction)
        case .mnist, .mnistDigits:
            data
        }
    }

    // MARK: Ladders

    /// Learning rates a learner can pick: 1-2-5 steps from 0.0001 to 10.
    public static let learningRates: [Float] = ladder(from: -4, to: 1)
    /// Weight-decay strengths: 0, then 1-2-5 steps from 0.00001 to 1.
    public static let decays: [Float] = [0] + ladder(from: -5, to: 0)
    /// Batch sizes: powers of two.
    public static let batchSizes: [Int] = (0...9).map { 1 << $0 }
    /// Confidence thresholds for lesson 9.
    public static let thresholds: [Float] = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999]
    /// First-layer init scales: a tenth of He, a third, or He as it is.
    public static let initScales: [Float] = [0.1, 0.3, 1]
    /// Shares of wrong training labels.
    public static let labelNoises: [Float] = [0, 0.2, 0.5, 0.8]
    /// Largest shifts of augmentation, in pixels.
    public static let shifts: [Int] = [0, 1, 2, 3, 4]
    /// Activations the hidden layers may use.
    public static let activations: [ActivationKind] = [.sigmoid, .tanh, .relu, .identity]

    /// 1, 2, 5 times each power of ten from 10^low up to 10^high (inclusive).
    static func ladder(from low: Int, to high: Int) -> [Float] {
        var values: [Float] = []
        for exponent in low...high {
            let scale = Float(pow10(exponent))
            for mantissa: Float in [1, 2, 5] {
                let value = mantissa * scale
                if exponent == high && mantissa > 1 { break }
                values.append(value)
            }
        }
        return values
    }

    private static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(exponent) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }

    /// The position in `ladder` closest to `value` (in ratio for positive ladders).
    static func nearestIndex(of value: Float, in ladder: [Float]) -> Int {
        var best = 0
        var bestDistance = Float.infinity
        for (index, candidate) in ladder.enumerated() {
            let distance: Float
            if value > 0 && candidate > 0 {
                distance = abs(log2(value / candidate))
            } else {
                distance = abs(value - candidate) * 1000
            }
            if distance < bestDistance { best = index; bestDistance = distance }
        }
        return best
    }

    private static func stepped<T>(_ ladder: [T], from index: Int, by steps: Int) -> T {
        ladder[min(ladder.count - 1, max(0, index + steps))]
    }

    // MARK: Turning

    /// Turns `knob` by `steps` notches (negative: down). A coarse turn moves
    /// three notches on 1-2-5 ladders (a factor of ten) and bigger steps elsewhere.
    /// `dataChoices` bounds the data knob.
    public mutating func turn(_ knob: KnobKind, steps: Int, coarse: Bool = false, dataChoices: Int = 1) {
        let notches = coarse ? steps * 3 : steps
        switch knob {
        case .learningRate:
            let index = Self.nearestIndex(of: hyperparameters.learningRate, in: Self.learningRates)
            hyperparameters.learningRate = Self.stepped(Self.learningRates, from: index, by: notches)
        case .weightDecay:
            let index = Self.nearestIndex(of: hyperparameters.weightDecay, in: Self.decays)
            hyperparameters.weightDecay = Self.stepped(Self.decays, from: index, by: notches)
        case .l1:
            let index = Self.nearestIndex(of: hyperparameters.l1, in: Self.decays)
            hyperparameters.l1 = Self.stepped(Self.decays, from: index, by: notches)
        case .batchSize:
            let index = Self.batchSizes.firstIndex { $0 >= hyperparameters.batchSize } ?? (Self.batchSizes.count - 1)
            hyperparameters.batchSize = Self.stepped(Self.batchSizes, from: index, by: coarse ? steps * 2 : steps)
        case .dropout:
            let step: Float = coarse ? 0.25 : 0.05
            hyperparameters.dropout = Self.rounded(min(0.9, max(0, hyperparameters.dropout + Float(steps) * step)))
        case .optimizer:
            let all = OptimizerKind.allCases
            let index = all.firstIndex(of: hyperparameters.optimizer) ?? 0
            hyperparameters.optimizer = all[Self.wrap(index + steps, all.count)]
        case .data, .perDigit:
            dataChoice = Self.wrap(dataChoice + steps, max(1, dataChoices))
        case .noise:
            let step: Float = coarse ? 0.25 : 0.05
            noise = Self.rounded(min(1, max(0, noise + Float(steps) * step)))
        case .validationFraction:
            let step: Float = coarse ? 0.2 : 0.05
            validationFraction = Self.rounded(min(0.5, max(0.1, validationFraction + Float(steps) * step)))
        case .activation:
            guard let current = activation else { return }
            let index = Self.activations.firstIndex(of: current) ?? 0
            activation = Self.activations[Self.wrap(index + steps, Self.activations.count)]
        case .confidenceThreshold:
            let index = Self.nearestIndex(of: confidenceThreshold, in: Self.thresholds)
            confidenceThreshold = Self.stepped(Self.thresholds, from: index, by: notches)
        case .handKernel:
            let all = HandKernel.allCases
            let index = all.firstIndex(of: handKernel) ?? 0
            handKernel = all[Self.wrap(index + steps, all.count)]
        case .stride:
            stride = min(3, max(1, stride + steps))
        case .padding:
            padding = min(2, max(0, padding + steps))
        case .initScale:
            let index = Self.nearestIndex(of: initScale, in: Self.initScales)
            initScale = Self.stepped(Self.initScales, from: index, by: steps)
        case .labelNoise:
            let index = Self.nearestIndex(of: labelNoise, in: Self.labelNoises)
            labelNoise = Self.stepped(Self.labelNoises, from: index, by: steps)
        case .shift:
            let index = Self.shifts.firstIndex { $0 >= hyperparameters.augmentation.maxShift } ?? 0
            hyperparameters.augmentation.maxShift = Self.stepped(Self.shifts, from: index, by: steps)
        case .flip:
            if steps != 0 { hyperparameters.augmentation.flipsHorizontally.toggle() }
        case .start:
            if steps != 0, let current = pretrained { pretrained = !current }
        case .speed:
            // Up is faster, as `>` is; a coarse turn goes to either end.
            for _ in 0..<(coarse ? BatchRate.ladder.count : abs(steps)) {
                speed = steps > 0 ? speed.faster : speed.slower
            }
        }
    }

    private static func wrap(_ value: Int, _ count: Int) -> Int { ((value % count) + count) % count }

    /// Rounds to two decimals so repeated 0.05 steps do not drift (0.15000001).
    private static func rounded(_ value: Float) -> Float { (value * 100).rounded() / 100 }

    /// The knob's value as the panel shows it, e.g. "0.001" or "adam".
    public func display(_ knob: KnobKind, dataChoices: [LessonData] = []) -> String {
        switch knob {
        case .learningRate: Self.format(hyperparameters.learningRate)
        case .optimizer: hyperparameters.optimizer.rawValue
        case .batchSize: String(hyperparameters.batchSize)
        case .dropout: Self.format(hyperparameters.dropout)
        case .weightDecay: Self.format(hyperparameters.weightDecay)
        case .l1: Self.format(hyperparameters.l1)
        case .data:
            dataChoices.indices.contains(dataChoice) ? dataChoices[dataChoice].displayName : "—"
        case .noise: Self.format(noise)
        case .validationFraction: "\(Int((validationFraction * 100).rounded()))%"
        case .activation: activation?.rawValue ?? "—"
        case .confidenceThreshold: Self.format(confidenceThreshold)
        case .handKernel: handKernel.displayName
        case .stride: String(stride)
        case .padding: String(padding)
        case .initScale: "He ×" + Self.format(initScale)
        case .labelNoise: "\(Int((labelNoise * 100).rounded()))%"
        case .speed: speed.label
        case .shift:
            hyperparameters.augmentation.maxShift == 0 ? "off" : "±\(hyperparameters.augmentation.maxShift) px"
        case .flip: hyperparameters.augmentation.flipsHorizontally ? "on" : "off"
        case .start: pretrained.map { $0 ? "reused" : "random" } ?? "—"
        case .perDigit:
            if dataChoices.indices.contains(dataChoice),
               case .mnistDigits(_, let perClass, _) = dataChoices[dataChoice] { perClass.grouped } else { "—" }
        }
    }

    /// A short decimal without float noise: 0.001, 0.05, 10, 2e-05.
    public static func format(_ value: Float) -> String {
        if value == 0 { return "0" }
        if abs(value) < 0.0001 {
            // 1e-5 as a Float is 9.99999975e-6: its log rounds down to −6, and
            // the mantissa rounds up to 10. Carry it, so it reads "1e-5".
            var exponent = Int(log10(Double(abs(value))).rounded(.down))
            var mantissa = Double(value) / pow10(exponent)
            if abs((mantissa * 10_000).rounded() / 10_000) >= 10 {
                mantissa /= 10
                exponent += 1
            }
            return "\(Self.trim(mantissa))e\(exponent)"
        }
        return trim(Double(value))
    }

    private static func trim(_ value: Double) -> String {
        var text = String(format: "%.4f", value)
        while text.contains(".") && (text.hasSuffix("0") || text.hasSuffix(".")) { text.removeLast() }
        return text
    }
}
