/// A trainable tensor and the gradient accumulated for it.
///
/// A class, so optimizers can keep per-parameter state (momentum, Adam
/// moments) keyed by identity, and layers can hand out their parameters
/// without copying.
public final class Parameter: @unchecked Sendable {
    /// What it is within its layer: "weight" or "bias".
    public let name: String
    /// Whether weight decay applies (weights yes, biases no).
    public let decays: Bool
    /// The current value.
    public var value: Tensor
    /// dLoss/dvalue, summed over backward passes since the last `zeroGradient()`.
    public var gradient: Tensor
    /// Whether training changes it. A frozen parameter (false) is skipped by
    /// the optimizer (no update, no weight decay, no state) and the trainer
    /// stops backpropagating below the lowest layer that still trains.
    public var isTrainable = true

    public init(name: String, value: Tensor, decays: Bool = true) {
        self.name = name
        self.decays = decays
        self.value = value
        self.gradient = Tensor(shape: value.shape)
    }

    /// Clears the accumulated gradient.
    public func zeroGradient() { gradient.zero() }
}

/// One step of a network: a `forward` that caches what `backward` needs, and
/// a `backward` that returns the input gradient and accumulates (`+=`) the
/// parameter gradients beside the parameters.
///
/// Shapes exclude the batch dimension in `outputShape(for:)`; tensors passed
/// to `forward`/`backward` are batch-first.
public protocol Layer: AnyObject {
    /// Short kind name used in summaries and file metadata, e.g. "Dense".
    var kind: String { get }
    /// One-line description with sizes, e.g. "Dense 784→128".
    var summary: String { get }
    /// The description that rebuilds this layer (without its weights).
    var spec: LayerSpec { get }
    /// Parameters in a fixed order (weight before bias).
    var parameters: [Parameter] { get }
    /// The per-item output shape for a per-item input shape, or a
    /// ``ShapeError`` naming this layer when the input does not fit.
    func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int]
    /// Computes the output for a batch; `training` turns on dropout and caching.
    func forward(_ input: Tensor, training: Bool) -> Tensor
    /// Given dLoss/doutput for the last `forward`, accumulates parameter
    /// gradients and returns dLoss/dinput.
    func backward(_ outputGradient: Tensor) -> Tensor
    /// Whether `backward` computes dLoss/dinput. The trainer turns it off for
    /// the first layer with parameters, whose input gradient nobody reads;
    /// `backward` then returns an empty tensor. Layers without parameters
    /// always compute it and ignore the setting.
    var computesInputGradient: Bool { get set }
}

extension Layer {
    public var parameters: [Parameter] { [] }
    public var computesInputGradient: Bool {
        get { true }
        set {}  // nothing to skip: such a layer is never the first to train
    }
    /// Total number of trainable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }
}

/// A layer stack whose shapes do not fit, found when the model is built.
public struct ShapeError: Error, Equatable, CustomStringConvertible {
    /// Position of the offending layer in its model, when known.
    public var layerIndex: Int?
    /// The layer's summary, e.g. "Dense 800→10".
    public var layer: String
    /// The shape the layer received.
    public var inputShape: [Int]
    /// What the layer expected instead.
    public var expected: String

    public init(layerIndex: Int? = nil, layer: String, inputShape: [Int], expected: String) {
        self.layerIndex = layerIndex
        self.layer = layer
        self.inputShape = inputShape
        self.expected = expected
    }

    public var description: String {
        let position = layerIndex.map { "layer \($0) " } ?? ""
        let shape = inputShape.map(String.init).joined(separator: "×")
        return "\(position)(\(layer)) receives input of shape \(shape) but expects \(expected)"
    }
}
