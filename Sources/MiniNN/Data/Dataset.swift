/// Per-feature affine normalization, `(x - mean) / std`, applied when a batch
/// becomes Float. Kept with the dataset so exports can put it in the graph.
public struct Normalization: Equatable, Sendable, Codable {
    /// One value per feature, or a single value for all features.
    public var mean: [Float]
    /// One value per feature, or a single value for all features; never zero.
    public var std: [Float]
    public init(mean: [Float], std: [Float]) { self.mean = mean; self.std = std }
    /// Leaves values as they are.
    public static let identity = Normalization(mean: [0], std: [1])
}

/// Labelled examples for classification. Pixel data stays `UInt8`; features
/// become `Float` only when a batch is made.
public struct Dataset: Sendable {
    /// Raw features, one row per example.
    public enum Features: Sendable {
        /// Real-valued features (toy sets, iris).
        case float([Float])
        /// Bytes scaled by 1/255 when a batch is made (MNIST pixels).
        case bytes([UInt8])
    }

    /// Human-readable name, e.g. "MNIST train" or "XOR".
    public var name: String
    /// Per-example shape, e.g. [2], [4] or [1, 28, 28].
    public var itemShape: [Int]
    /// Names of the classes, index = label.
    public var classNames: [String]
    /// Row-major features, `count × itemShape.product`.
    public var features: Features
    /// Class index of each example.
    public var labels: [UInt8]
    /// Applied after byte scaling when batches are made.
    public var normalization: Normalization
    /// A regression's real-valued target of each example, in the target's
    /// units (nil: the labels are classes). ``Trainer`` trains by mean squared
    /// error on these when the training set has them.
    public var targets: [Float]?

    public init(name: String, itemShape: [Int], classNames: [String], features: Features,
                labels: [UInt8], normalization: Normalization = .identity) {
        self.name = name
        self.itemShape = itemShape
        self.classNames = classNames
        self.features = features
        self.labels = labels
        self.normalization = normalization
    }

    /// Number of examples.
    public var count: Int { labels.count }
    /// Number of classes.
    public var classCount: Int { classNames.count }
    /// Scalars per example.
    public var itemSize: Int { itemShape.reduce(1, *) }
}

/// A mini-batch ready for the network.
public struct Batch: Sendable {
    /// N × itemShape, normalized.
    public var inputs: Tensor
    /// Class index of each item.
    public var labels: [Int]
    public init(inputs: Tensor, labels: [Int]) { self.inputs = inputs; self.labels = labels }
}
