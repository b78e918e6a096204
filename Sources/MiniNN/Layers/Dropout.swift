/// Inverted dropout: in training each unit is zeroed with probability `rate`
/// and the kept ones are scaled by 1/(1 − rate), so the expected output equals
/// the input and inference is the identity with nothing to rescale.
///
///   x  N × …     mask m ∈ {0, 1/(1−p)} per element, drawn from the layer's seeded stream
///   y  = x ⊙ m (training) or x (inference)
///   dx = dy ⊙ m
///
/// `rate` may change between any two batches (the trainer sets it from the knobs).
public final class Dropout: SeededLayer {
    /// The largest rate accepted; a rate of 1 would drop everything and divide by zero.
    public static let maximumRate: Float = 0.99

    /// Probability of dropping a unit, clamped to [0, ``maximumRate``].
    public var rate: Float {
        didSet { rate = Dropout.clamped(rate) }
    }

    private var generator: SeededGenerator
    /// The mask of the last training forward, or empty after an inference forward.
    private var mask = Tensor(shape: [0])
    private var output = Tensor(shape: [0])
    private var inputGradient = Tensor(shape: [0])
    /// Whether the last forward was a training pass with a nonzero rate (so `mask` applies).
    private var maskIsActive = false
    private var hasTrainingForward = false

    /// A dropout layer with drop probability `rate` and its mask stream drawn from `seed`.
    public init(rate: Float, seed: UInt64) {
        self.rate = Dropout.clamped(rate)
        generator = SeededGenerator(seed: seed)
    }

    private static func clamped(_ rate: Float) -> Float {
        rate.isFinite ? min(max(rate, 0), maximumRate) : 0
    }

    /// Restarts the mask stream as a new layer with `seed` would have it.
    public func reset(seed: UInt64) {
        generator = SeededGenerator(seed: seed)
        hasTrainingForward = false
    }

    public var kind: String { "Dropout" }
    public var summary: String { "Dropout \(rate)" }
    public var spec: LayerSpec { .dropout(rate: rate) }

    public func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] {
        guard !inputShape.isEmpty, inputShape.allSatisfy({ $0 > 0 }) else {
            throw ShapeError(layer: summary, inputShape: inputShape, expected: "a non-empty shape")
        }
        return inputShape
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        // x[N × …] → y[N × …]
        hasTrainingForward = training
        maskIsActive = training && rate > 0
        guard maskIsActive else { return input }
        if mask.shape != input.shape { mask = Tensor(shape: input.shape) }
        if output.shape != input.shape { output = Tensor(shape: input.shape) }
        let count = input.count
        let keepProbability = 1 - rate
        let keptScale = 1 / keepProbability
        // A local copy of the stream keeps the loop free of exclusivity checks on `self`.
        var stream = generator
        mask.scalars.withUnsafeMutableBufferPointer { m in
            for i in 0..<count { m[i] = stream.nextUnitFloat() < keepProbability ? keptScale : 0 }
        }
        generator = stream
        output.scalars.withUnsafeMutableBufferPointer { yBuffer in
            input.scalars.withUnsafeBufferPointer { xBuffer in
                mask.scalars.withUnsafeBufferPointer { mBuffer in
                    guard let y = yBuffer.baseAddress, let x = xBuffer.baseAddress,
                          let m = mBuffer.baseAddress else { return }
                    for i in 0..<count { y[i] = x[i] * m[i] }
                }
            }
        }
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        // dy[N × …] → dx[N × …] = dy ⊙ m
        precondition(hasTrainingForward, "\(summary): backward without a training forward")
        guard maskIsActive else { return outputGradient }
        precondition(outputGradient.count == mask.count,
                     "\(summary): gradient of \(outputGradient.shape) for mask \(mask.shape)")
        if inputGradient.shape != mask.shape { inputGradient = Tensor(shape: mask.shape) }
        let count = mask.count
        inputGradient.scalars.withUnsafeMutableBufferPointer { dxBuffer in
            outputGradient.scalars.withUnsafeBufferPointer { dyBuffer in
                mask.scalars.withUnsafeBufferPointer { mBuffer in
                    guard let dx = dxBuffer.baseAddress, let dy = dyBuffer.baseAddress,
                          let m = mBuffer.baseAddress else { return }
                    for i in 0..<count { dx[i] = dy[i] * m[i] }
                }
            }
        }
        return inputGradient
    }
}
