/// Turns each item into a vector: N×C×H×W (or any rank) → N×(C·H·W).
/// No arithmetic; backward restores the input's shape.
public final class Flatten: Layer {
    /// Input shape of the last training forward.
    private var cachedInputShape: [Int]?

    public init() {}

    public var kind: String { "Flatten" }
    public var summary: String { "Flatten" }
    public var spec: LayerSpec { .flatten }

    /// [d₁, d₂, …] → [d₁·d₂·…].
    public func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] {
        guard !inputShape.isEmpty, inputShape.allSatisfy({ $0 >= 1 }) else {
            throw ShapeError(layer: summary, inputShape: inputShape, expected: "a non-empty shape")
        }
        return [inputShape.reduce(1, *)]
    }

    /// x[N × …] → out[N × item size].
    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        if training { cachedInputShape = input.shape }
        return input.reshaped([input.batchSize, input.itemCount])
    }

    /// dout[N × item size] → dx with the shape of the last training input.
    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let shape = cachedInputShape else {
            preconditionFailure("Flatten: backward called without a training forward")
        }
        return outputGradient.reshaped(shape)
    }
}
