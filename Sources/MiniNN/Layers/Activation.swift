import Foundation

/// An element-wise nonlinearity; any input shape, output of the same shape.
///
///   x  N × …     y = f(x)  N × …     dx = dy ⊙ f′(x), with f′ written through y:
///   step      y = 1 if x ≥ 0 else 0       f′ = 0 (the perceptron's; it learns by its own rule)
///   sigmoid   y = 1 / (1 + e^(−x))        f′ = y (1 − y)
///   tanh      y = tanh x                  f′ = 1 − y²
///   relu      y = max(0, x)               f′ = 1 if y > 0 else 0 (0 at the kink)
///   identity  y = x                       f′ = 1 (no copy either way)
///
/// The output buffer doubles as the cache for backward, so a training step
/// stores nothing extra; the buffers are reused while the batch shape stays.
public final class Activation: Layer {
    /// Which nonlinearity.
    public let function: ActivationKind

    private var output = Tensor(shape: [0])
    private var inputGradient = Tensor(shape: [0])
    /// Whether `output` holds the last training forward (so `backward` may use it).
    private var outputIsCached = false

    /// The layer applying `function` element by element.
    public init(_ function: ActivationKind) { self.function = function }

    public var kind: String { "Activation" }
    public var summary: String {
        switch function {
        case .step: "Step"
        case .sigmoid: "Sigmoid"
        case .tanh: "Tanh"
        case .relu: "ReLU"
        case .identity: "Identity"
        }
    }
    public var spec: LayerSpec { .activation(function) }

    public func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] {
        guard !inputShape.isEmpty, inputShape.allSatisfy({ $0 > 0 }) else {
            throw ShapeError(layer: summary, inputShape: inputShape, expected: "a non-empty shape")
        }
        return inputShape
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        // x[N × …] → y[N × …]
        outputIsCached = training
        if function == .identity { return input }
        if output.shape != input.shape { output = Tensor(shape: input.shape) }
        let count = input.count
        let function = self.function
        output.scalars.withUnsafeMutableBufferPointer { yBuffer in
            input.scalars.withUnsafeBufferPointer { xBuffer in
                guard let y = yBuffer.baseAddress, let x = xBuffer.baseAddress else { return }
                switch function {
                case .step:
                    for i in 0..<count { y[i] = x[i] >= 0 ? 1 : 0 }
                case .sigmoid:
                    for i in 0..<count { y[i] = 1 / (1 + expf(-x[i])) }
                case .tanh:
                    for i in 0..<count { y[i] = tanhf(x[i]) }
                case .relu:
                    VectorKernels.relu(x, into: y, count: count)
                case .identity:
                    break
                }
            }
        }
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        // dy[N × …] → dx[N × …] = dy ⊙ f′
        precondition(outputIsCached, "\(summary): backward without a training forward")
        if function == .identity { return outputGradient }
        precondition(outputGradient.count == output.count,
                     "\(summary): gradient of \(outputGradient.shape) for output \(output.shape)")
        if inputGradient.shape != output.shape { inputGradient = Tensor(shape: output.shape) }
        let count = output.count
        let function = self.function
        inputGradient.scalars.withUnsafeMutableBufferPointer { dxBuffer in
            outputGradient.scalars.withUnsafeBufferPointer { dyBuffer in
                output.scalars.withUnsafeBufferPointer { yBuffer in
                    guard let dx = dxBuffer.baseAddress, let dy = dyBuffer.baseAddress,
                          let y = yBuffer.baseAddress else { return }
                    switch function {
                    case .step:
                        dx.update(repeating: 0, count: count)
                    case .sigmoid:
                        for i in 0..<count { dx[i] = dy[i] * y[i] * (1 - y[i]) }
                    case .tanh:
                        for i in 0..<count { dx[i] = dy[i] * (1 - y[i] * y[i]) }
                    case .relu:
                        VectorKernels.reluBackward(output: y, gradient: dy, into: dx, count: count)
                    case .identity:
                        break
                    }
                }
            }
        }
        return inputGradient
    }
}
