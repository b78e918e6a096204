/// A 2-D convolution over N×C×H×W batches: `out = W ∗ x + b`, any kernel size,
/// stride and zero padding.
///
///   x    N × C × H × W          W  O × C × k × k  (PyTorch's nn.Conv2d layout)
///   out  N × O × OH × OW        b  O              OH = ⌊(H + 2p − k)/s⌋ + 1
///
/// What it computes is spelled out in ``referenceForward(_:weight:bias:stride:padding:)``
/// and ``referenceBackward(_:outputGradient:weight:stride:padding:)``: plain
/// loops, read first, which the tests hold the fast path to. `forward` and
/// `backward` run that fast path, ``ConvolutionEngine`` (column unfolding and
/// GEMMs, batch shared across cores). ``Sequential`` runs a Conv2D followed by
/// ReLU and MaxPool2D through ``ConvReLUPool``.
public final class Conv2D: SeededLayer {
    public let inChannels: Int
    public let outChannels: Int
    public let kernelSize: Int
    public let stride: Int
    public let padding: Int

    /// W[outChannels × inChannels × k × k].
    public let weight: Parameter
    /// b[outChannels].
    public let bias: Parameter
    /// How ``reset(seed:)`` draws the weights (fan-in C·k·k, fan-out O·k·k).
    public let initializer: Initializer

    /// When false, `backward` skips dx (a third of the work, and for the first
    /// layer nobody reads it) and returns an empty tensor, as ``Dense`` does.
    public var computesInputGradient: Bool {
        get { engine.computesInputGradient }
        set { engine.computesInputGradient = newValue }
    }

    /// The fast path; it keeps what backward needs from the last training forward.
    let engine: ConvolutionEngine

    // MARK: The convolution, plainly

    /// out[n, o, y, x] = b[o] + Σ_c Σ_ky Σ_kx W[o, c, ky, kx] · x[n, c, y·s + ky − p, x·s + kx − p],
    /// with x = 0 outside the image. Sums in Double, so it is also the yardstick
    /// for rounding.
    public static func referenceForward(_ x: Tensor, weight: Tensor, bias: Tensor, stride: Int,
                                        padding: Int) -> Tensor {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (o, k) = (weight.shape[0], weight.shape[2])
        let oh = (h + 2 * padding - k) / stride + 1, ow = (w + 2 * padding - k) / stride + 1
        var out = Tensor(shape: [n, o, oh, ow])
        for item in 0..<n {
            for channel in 0..<o {
                for oy in 0..<oh {
                    for ox in 0..<ow {
                        var sum = Double(bias[channel])
                        for ci in 0..<c {
                            for ky in 0..<k {
                                for kx in 0..<k {
                                    let iy = oy * stride + ky - padding, ix = ox * stride + kx - padding
                                    guard (0..<h).contains(iy), (0..<w).contains(ix) else { continue }
                                    sum += Double(x[item, ci, iy, ix]) * Double(weight[channel, ci, ky, kx])
                                }
                            }
                        }
                        out[item, channel, oy, ox] = Float(sum)
                    }
                }
            }
        }
        return out
    }

    /// The same loops run backwards: every product W·x in the forward sum
    /// sends dout·x to dW, dout·W to dx, and dout to db.
    public static func referenceBackward(_ x: Tensor, outputGradient dOut: Tensor, weight: Tensor, stride: Int,
                                         padding: Int) -> (input: Tensor, weight: Tensor, bias: Tensor) {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (o, k) = (weight.shape[0], weight.shape[2])
        let (oh, ow) = (dOut.shape[2], dOut.shape[3])
        var dx = [Double](repeating: 0, count: x.count)
        var dW = [Double](repeating: 0, count: weight.count)
        var dB = [Double](repeating: 0, count: o)
        for item in 0..<n {
            for channel in 0..<o {
                for oy in 0..<oh {
                    for ox in 0..<ow {
                        let g = Double(dOut[item, channel, oy, ox])
                        dB[channel] += g
                        for ci in 0..<c {
                            for ky in 0..<k {
                                for kx in 0..<k {
                                    let iy = oy * stride + ky - padding, ix = ox * stride + kx - padding
                                    guard (0..<h).contains(iy), (0..<w).contains(ix) else { continue }
                                    let xi = ((item * c + ci) * h + iy) * w + ix
                                    let wi = ((channel * c + ci) * k + ky) * k + kx
                                    dW[wi] += g * Double(x.scalars[xi])
                                    dx[xi] += g * Double(weight.scalars[wi])
                                }
                            }
                        }
                    }
                }
            }
        }
        return (Tensor(shape: x.shape, scalars: dx.map(Float.init)),
                Tensor(shape: weight.shape, scalars: dW.map(Float.init)),
                Tensor(shape: [o], scalars: dB.map(Float.init)))
    }

    // MARK: The layer

    /// A message naming the first setting that cannot make a convolution, or nil.
    public static func settingsError(inChannels: Int, outChannels: Int, kernelSize: Int,
                                     stride: Int, padding: Int) -> String? {
        if inChannels < 1 { return "Conv2D needs at least 1 input channel, got \(inChannels)" }
        if outChannels < 1 { return "Conv2D needs at least 1 output channel, got \(outChannels)" }
        if kernelSize < 1 { return "Conv2D kernel size must be at least 1, got \(kernelSize)" }
        if stride < 1 { return "Conv2D stride must be at least 1, got \(stride)" }
        if padding < 0 { return "Conv2D padding must be 0 or more, got \(padding)" }
        if padding >= kernelSize { return "Conv2D padding \(padding) must be smaller than the kernel size \(kernelSize)" }
        return nil
    }

    /// A convolution with weights drawn by `initializer` from `seed` and zero biases.
    ///
    /// The settings must pass ``settingsError(inChannels:outChannels:kernelSize:stride:padding:)``
    /// (a programming error otherwise; ``ModelBuilder`` checks specs first).
    public convenience init(inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int = 1,
                            padding: Int = 0, initializer: Initializer = .he, seed: UInt64) {
        if let problem = Conv2D.settingsError(inChannels: inChannels, outChannels: outChannels,
                                              kernelSize: kernelSize, stride: stride, padding: padding) {
            preconditionFailure(problem)
        }
        self.init(weight: Tensor(shape: [outChannels, inChannels, kernelSize, kernelSize]),
                  bias: Tensor(shape: [outChannels]), stride: stride, padding: padding,
                  initializer: initializer)
        reset(seed: seed)
    }

    /// A convolution with the given weights W[out × in × k × k] and bias b[out]
    /// (e.g. loaded from a file).
    ///
    /// The settings must pass ``settingsError(inChannels:outChannels:kernelSize:stride:padding:)``
    /// and the tensors must have those shapes (a programming error otherwise).
    public init(weight: Tensor, bias: Tensor, stride: Int = 1, padding: Int = 0,
                initializer: Initializer = .he) {
        precondition(weight.rank == 4 && weight.shape[2] == weight.shape[3],
                     "Conv2D weight must be out×in×k×k, got \(weight.shape)")
        let (outChannels, inChannels, kernel) = (weight.shape[0], weight.shape[1], weight.shape[2])
        precondition(bias.shape == [outChannels], "Conv2D bias must be [\(outChannels)], got \(bias.shape)")
        if let problem = Conv2D.settingsError(inChannels: inChannels, outChannels: outChannels,
                                              kernelSize: kernel, stride: stride, padding: padding) {
            preconditionFailure(problem)
        }
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = kernel
        self.stride = stride
        self.padding = padding
        self.initializer = initializer
        self.weight = Parameter(name: "weight", value: weight)
        self.bias = Parameter(name: "bias", value: bias, decays: false)
        engine = ConvolutionEngine(stride: stride, padding: padding, weight: self.weight, bias: self.bias,
                                   summary: Self.summary(inChannels, outChannels, kernel, stride, padding))
    }

    public func reset(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let area = kernelSize * kernelSize
        initializer.fill(&weight.value, fanIn: inChannels * area, fanOut: outChannels * area,
                         using: &generator)
        bias.value.zero()
        weight.zeroGradient()
        bias.zeroGradient()
        engine.forgetTrainingInput()
    }

    public var kind: String { "Conv2D" }
    public var summary: String { Self.summary(inChannels, outChannels, kernelSize, stride, padding) }
    private static func summary(_ inChannels: Int, _ outChannels: Int, _ kernel: Int, _ stride: Int,
                                _ padding: Int) -> String {
        "Conv2D \(inChannels)→\(outChannels) \(kernel)×\(kernel)"
            + (stride != 1 ? " stride \(stride)" : "") + (padding != 0 ? " pad \(padding)" : "")
    }
    public var spec: LayerSpec {
        .conv2d(inChannels: inChannels, outChannels: outChannels, kernelSize: kernelSize,
                stride: stride, padding: padding)
    }
    public var parameters: [Parameter] { [weight, bias] }

    /// [C, H, W] → [outChannels, OH, OW].
    public func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] {
        let expected = "\(inChannels)×H×W with H, W ≥ \(max(1, kernelSize - 2 * padding))"
        guard inputShape.count == 3, inputShape[0] == inChannels,
              inputShape[1] >= 1, inputShape[2] >= 1 else {
            throw ShapeError(layer: summary, inputShape: inputShape, expected: expected)
        }
        let outHeight = Im2Col.outputSize(input: inputShape[1], kernel: kernelSize, stride: stride, padding: padding)
        let outWidth = Im2Col.outputSize(input: inputShape[2], kernel: kernelSize, stride: stride, padding: padding)
        guard outHeight > 0, outWidth > 0 else {
            throw ShapeError(layer: summary, inputShape: inputShape, expected: expected)
        }
        return [outChannels, outHeight, outWidth]
    }

    /// x[N×C×H×W] → out[N×O×OH×OW], by the fast path.
    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        engine.forward(input, training: training)
    }

    /// dout[N×O×OH×OW] → dx[N×C×H×W]; accumulates dW and db, by the fast path.
    public func backward(_ outputGradient: Tensor) -> Tensor {
        engine.backward(outputGradient)
    }
}
