import Foundation

/// Which update rule the optimizer applies.
public enum OptimizerKind: String, CaseIterable, Sendable, Codable {
    case sgd, momentum, adam
}

/// The knobs a learner can turn. Any of them may change between two steps and
/// takes effect on the next one; none of them resets training.
public struct Hyperparameters: Equatable, Sendable, Codable {
    public var learningRate: Float
    public var optimizer: OptimizerKind
    public var batchSize: Int
    /// Probability of dropping a unit in every Dropout layer, in [0, 1).
    public var dropout: Float
    /// L2 weight decay λ: adds λ·w to each weight's gradient.
    public var weightDecay: Float
    /// L1 weight decay λ: adds λ·sign(w) to each weight's gradient.
    public var l1: Float
    /// Random changes to each training image, drawn every batch (image data only).
    public var augmentation: Augmentation

    public init(learningRate: Float = 0.01, optimizer: OptimizerKind = .sgd, batchSize: Int = 32,
                dropout: Float = 0, weightDecay: Float = 0, l1: Float = 0, augmentation: Augmentation = .none) {
        self.learningRate = learningRate
        self.optimizer = optimizer
        self.batchSize = batchSize
        self.dropout = dropout
        self.weightDecay = weightDecay
        self.l1 = l1
        self.augmentation = augmentation
    }

    private enum CodingKeys: String, CodingKey {
        case learningRate, optimizer, batchSize, dropout, weightDecay, l1, augmentation
    }

    /// Reads files written before augmentation existed as having none.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        learningRate = try values.decode(Float.self, forKey: .learningRate)
        optimizer = try values.decode(OptimizerKind.self, forKey: .optimizer)
        batchSize = try values.decode(Int.self, forKey: .batchSize)
        dropout = try values.decode(Float.self, forKey: .dropout)
        weightDecay = try values.decode(Float.self, forKey: .weightDecay)
        l1 = try values.decode(Float.self, forKey: .l1)
        augmentation = try values.decodeIfPresent(Augmentation.self, forKey: .augmentation) ?? .none
    }

    /// Leaves augmentation out while there is none, so files and JSON without it read as before.
    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(learningRate, forKey: .learningRate)
        try values.encode(optimizer, forKey: .optimizer)
        try values.encode(batchSize, forKey: .batchSize)
        try values.encode(dropout, forKey: .dropout)
        try values.encode(weightDecay, forKey: .weightDecay)
        try values.encode(l1, forKey: .l1)
        if !augmentation.isNone { try values.encode(augmentation, forKey: .augmentation) }
    }

    /// A message naming the first knob outside its valid range, or nil.
    public var validationError: String? {
        if !(learningRate.isFinite && learningRate > 0) { return "learning rate must be a positive number, got \(learningRate)" }
        if batchSize < 1 { return "batch size must be at least 1, got \(batchSize)" }
        if !(dropout >= 0 && dropout < 1) { return "dropout must be in [0, 1), got \(dropout)" }
        if !(weightDecay >= 0 && weightDecay.isFinite) { return "weight decay must be ≥ 0, got \(weightDecay)" }
        if !(l1 >= 0 && l1.isFinite) { return "L1 decay must be ≥ 0, got \(l1)" }
        return augmentation.validationError
    }
}

/// Knobs shared between the UI thread (writes) and the training thread
/// (reads once per batch). Reads and writes are atomic as a whole.
public final class LiveKnobs: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Hyperparameters

    public init(_ initial: Hyperparameters) { current = initial }

    /// The knobs as they are now.
    public var value: Hyperparameters {
        get { lock.withLock { current } }
        set { lock.withLock { current = newValue } }
    }

    /// Changes some knobs atomically.
    public func update(_ change: (inout Hyperparameters) -> Void) {
        lock.withLock { change(&current) }
    }
}
