/// Element-wise nonlinearities.
public enum ActivationKind: String, Codable, CaseIterable, Sendable {
    /// Heaviside: 1 if x ≥ 0 else 0 (the perceptron's; its derivative is taken as 0).
    case step
    case sigmoid
    case tanh
    case relu
    case identity
}

/// Loss functions.
public enum LossKind: String, Codable, CaseIterable, Sendable {
    case meanSquaredError
    /// On probabilities from a sigmoid output of width 1.
    case binaryCrossEntropy
    /// Fused softmax + cross-entropy on logits.
    case softmaxCrossEntropy

    /// The name in words, for people: "softmax cross-entropy".
    public var displayName: String {
        switch self {
        case .meanSquaredError: "mean squared error"
        case .binaryCrossEntropy: "binary cross-entropy"
        case .softmaxCrossEntropy: "softmax cross-entropy"
        }
    }
}

/// A layer described by its kind and sizes: enough to rebuild it, without weights.
/// Saved in model files and used by recipes and the sandbox.
public enum LayerSpec: Codable, Equatable, Sendable {
    case dense(inputs: Int, outputs: Int)
    case activation(ActivationKind)
    case dropout(rate: Float)
    case conv2d(inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int, padding: Int)
    case maxPool2d(window: Int, stride: Int)
    case flatten
}

/// A whole model described: input shape, layers and loss.
public struct ModelSpec: Codable, Equatable, Sendable {
    /// Per-item input shape, e.g. [2], [784] or [1, 28, 28].
    public var inputShape: [Int]
    public var layers: [LayerSpec]
    public var loss: LossKind
    /// Multiplies the first weighted layer's initial weights (nil: 1). Files
    /// written before this field existed decode as nil.
    public var firstLayerInitScale: Float?

    public init(inputShape: [Int], layers: [LayerSpec], loss: LossKind, firstLayerInitScale: Float? = nil) {
        self.inputShape = inputShape
        self.layers = layers
        self.loss = loss
        self.firstLayerInitScale = firstLayerInitScale
    }

    /// Whether `other` is the same network: input shape, layers and loss.
    /// The init scale only says how the weights started, so trained weights
    /// saved under one fit the other.
    public func hasSameNetwork(as other: ModelSpec) -> Bool {
        inputShape == other.inputShape && layers == other.layers && loss == other.loss
    }
}
