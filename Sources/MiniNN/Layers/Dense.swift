/// A fully connected layer: `y = x · Wᵀ + b`.
///
///   x  N × in        W  out × in  (PyTorch's nn.Linear layout: row j holds unit j's weights)
///   y  N × out       b  out
///
/// Forward and backward are three GEMMs through `Matmul.gemm`; the output and
/// input-gradient buffers belong to the layer and are reused from batch to
/// batch (they are reallocated only when the batch size changes). The input
/// is cached by reference during training and released after `backward`, so
/// that the previous layer can overwrite its own output buffer in place next time.
public final class Dense: SeededLayer {
    /// Values per input item.
    public let inputs: Int
    /// Units, i.e. values per output item.
    public let outputs: Int
    /// How ``reset(seed:)`` draws the weights.
    public let initializer: Initializer
    /// W[outputs × inputs].
    public let weight: Parameter
    /// b[outputs].
    public let bias: Parameter

    /// When false, `backward` skips dx = dy · W and returns an empty tensor.
    /// The trainer turns it off for a model's first layer, whose input
    /// gradient nobody reads (a third of that layer's backward work).
    public var computesInputGradient = true

    /// What `backward` returns when ``computesInputGradient`` is off (shared, so nothing is allocated).
    private static let noGradient = Tensor(shape: [0])

    private var cachedInput: Tensor?
    private var output = Tensor(shape: [0])
    private var inputGradient = Tensor(shape: [0])

    /// A layer with weights drawn by `initializer` from `seed` and zero biases.
    public init(inputs: Int, outputs: Int, initializer: Initializer = .xavier, seed: UInt64) {
        precondition(inputs > 0 && outputs > 0, "Dense needs positive sizes, got \(inputs)→\(outputs)")
        self.inputs = inputs
        self.outputs = outputs
        self.initializer = initializer
        weight = Parameter(name: "weight", value: Tensor(shape: [outputs, inputs]))
        bias = Parameter(name: "bias", value: Tensor(shape: [outputs]), decays: false)
        reset(seed: seed)
    }

    /// A layer with the given weights W[out × in] and bias b[out] (e.g. loaded from a file).
    public init(weight: Tensor, bias: Tensor, initializer: Initializer = .xavier) {
        precondition(weight.rank == 2 && bias.shape == [weight.shape[0]],
                     "Dense weight must be out×in and bias [out], got \(weight.shape) and \(bias.shape)")
        outputs = weight.shape[0]
        inputs = weight.shape[1]
        self.initializer = initializer
        self.weight = Parameter(name: "weight", value: weight)
        self.bias = Parameter(name: "bias", value: bias, decays: false)
    }

    public func reset(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        initializer.fill(&weight.value, fanIn: inputs, fanOut: outputs, using: &generator)
        bias.value.zero()
        weight.zeroGradient()
        bias.zeroGradient()
        cachedInput = nil
    }

    public var kind: String { "Dense" }
    public var summary: String { "Dense \(inputs)→\(outputs)" }
    public var spec: LayerSpec { .dense(inputs: inputs, outputs: outputs) }
    public var parameters: [Parameter] { [weight, bias] }

    public func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] {
        guard inputShape == [inputs] else {
            let hint = inputShape.count > 1 && Tensor.elementCount(of: inputShape) == inputs
                ? " (add a Flatten before it)" : ""
            throw ShapeError(layer: summary, inputShape: inputShape,
                             expected: "a vector of \(inputs) values\(hint)")
        }
        return [outputs]
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        // x[N × in] → y[N × out]
        let n = input.batchSize
        precondition(input.itemCount == inputs, "\(summary) received items of \(input.itemCount) values")
        ensureShape(&output, n, outputs)
        output.scalars.withUnsafeMutableBufferPointer { y in
            guard let yBase = y.baseAddress, n > 0 else { return }
            // y ← b in every row, then y ← x · Wᵀ + 1·y.
            bias.value.scalars.withUnsafeBufferPointer { b in
                for row in 0..<n { (yBase + row * outputs).update(from: b.baseAddress!, count: outputs) }
            }
            input.scalars.withUnsafeBufferPointer { x in
                weight.value.scalars.withUnsafeBufferPointer { w in
                    Matmul.gemm(transposeA: false, transposeB: true, m: n, n: outputs, k: inputs,
                                a: x.baseAddress!, b: w.baseAddress!, beta: 1, c: yBase)
                }
            }
        }
        cachedInput = training ? input : nil
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        // dy[N × out] → dW[out × in] += dyᵀ · x,  db[out] += Σ_rows dy,  dx[N × in] = dy · W
        guard let input = cachedInput else {
            preconditionFailure("\(summary): backward without a training forward")
        }
        let n = input.batchSize
        precondition(outputGradient.count == n * outputs, "\(summary): gradient of \(outputGradient.shape)")
        defer { cachedInput = nil }
        guard n > 0 else { return Tensor(shape: [0, inputs]) }
        outputGradient.scalars.withUnsafeBufferPointer { dyBuffer in
            let dy = dyBuffer.baseAddress!
            input.scalars.withUnsafeBufferPointer { x in
                weight.gradient.scalars.withUnsafeMutableBufferPointer { dW in
                    Matmul.gemm(transposeA: true, transposeB: false, m: outputs, n: inputs, k: n,
                                a: dy, b: x.baseAddress!, beta: 1, c: dW.baseAddress!)
                }
            }
            bias.gradient.scalars.withUnsafeMutableBufferPointer { db in
                for row in 0..<n {
                    let dyRow = dy + row * outputs
                    for j in 0..<outputs { db[j] += dyRow[j] }
                }
            }
        }
        guard computesInputGradient else { return Dense.noGradient }
        ensureShape(&inputGradient, n, inputs)
        inputGradient.scalars.withUnsafeMutableBufferPointer { dx in
            outputGradient.scalars.withUnsafeBufferPointer { dy in
                weight.value.scalars.withUnsafeBufferPointer { w in
                    Matmul.gemm(transposeA: false, transposeB: false, m: n, n: inputs, k: outputs,
                                a: dy.baseAddress!, b: w.baseAddress!, c: dx.baseAddress!)
                }
            }
        }
        return inputGradient
    }
}

/// Makes `tensor` an N×width matrix, reusing its storage when it already is one.
///
/// Checks the existing shape first so that the common case builds no shape array.
@inline(__always)
func ensureShape(_ tensor: inout Tensor, _ n: Int, _ width: Int) {
    if tensor.rank == 2 && tensor.shape[0] == n && tensor.shape[1] == width { return }
    tensor = Tensor(shape: [n, width])
}
