/// A 2-D convolution over N×C×H×W batches: `out = W ∗ x + b`, any kernel size,
/// stride and zero padding.
///
///   x    N × C × H × W          W  O × C × k × k  (PyTorch's nn.Conv2d layout)
///   out  N × O × OH × OW        b  O
///
/// Forward and backward run image by image as column unfolding + one GEMM per
/// product (`Matmul.gemm`), with the batch split across cores
/// (``BatchParallel``, one BLAS thread per worker). Stride 1 uses wide rows
/// (``WideRows``: long contiguous copies), other strides classic im2col
/// (``Im2Col``). Each worker owns its scratch, sized for one image so it stays
/// in L2; nothing is allocated per batch except the returned tensors. The
/// input is cached for backward and its columns rebuilt there (cheap copies),
/// which keeps the memory of a training step small.
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
    public var computesInputGradient = true

    /// The last training input, N×C×H×W, for backward.
    private var cachedInput: Tensor?
    /// One scratch set per worker (see ``BatchParallel``).
    private let workspaces: [Workspace]

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
        workspaces = (0..<BatchParallel.workerCount).map { _ in Workspace() }
    }

    public func reset(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let area = kernelSize * kernelSize
        initializer.fill(&weight.value, fanIn: inChannels * area, fanOut: outChannels * area,
                         using: &generator)
        bias.value.zero()
        weight.zeroGradient()
        bias.zeroGradient()
        cachedInput = nil
    }

    /// Rows of the weight matrix: C·k·k taps per output channel.
    private var tapsPerOutput: Int { inChannels * kernelSize * kernelSize }

    public var kind: String { "Conv2D" }
    public var summary: String {
        "Conv2D \(inChannels)→\(outChannels) \(kernelSize)×\(kernelSize)"
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

    /// Geometry of one call, derived from the input's shape.
    private struct Geometry {
        var batch, height, width, outHeight, outWidth: Int
        var inArea: Int { height * width }
        var outArea: Int { outHeight * outWidth }
        var wide: WideRows.Geometry
    }

    private func geometry(of input: Tensor) -> Geometry {
        precondition(input.rank == 4 && input.shape[1] == inChannels,
                     "\(summary) needs N×\(inChannels)×H×W input, got \(input.shape)")
        let (height, width) = (input.shape[2], input.shape[3])
        return Geometry(
            batch: input.shape[0], height: height, width: width,
            outHeight: Im2Col.outputSize(input: height, kernel: kernelSize, stride: stride, padding: padding),
            outWidth: Im2Col.outputSize(input: width, kernel: kernelSize, stride: stride, padding: padding),
            wide: WideRows.Geometry(channels: inChannels, height: height, width: width,
                                    kernel: kernelSize, padding: padding))
    }

    /// x[N×C×H×W] → out[N×O×OH×OW]; out[n] = W[O × Ckk] · col(x[n])[Ckk × OH·OW] + b.
    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        let g = geometry(of: input)
        let outItem = outChannels * g.outArea
        let output = [Float](unsafeUninitializedCapacity: g.batch * outItem) { out, initialized in
            input.scalars.withUnsafeBufferPointer { x in
                weight.value.scalars.withUnsafeBufferPointer { w in
                    bias.value.scalars.withUnsafeBufferPointer { b in
                        guard let x = x.baseAddress, let w = w.baseAddress, let b = b.baseAddress,
                              let out = out.baseAddress else { return }
                        BatchParallel.forEachSlice(of: g.batch) { worker, items in
                            for n in items {
                                if stride == 1 {
                                    forwardWide(x + n * inChannels * g.inArea, g, w, b, workspaces[worker],
                                                into: out + n * outItem)
                                } else {
                                    forwardStrided(x + n * inChannels * g.inArea, g, w, b, workspaces[worker],
                                                   into: out + n * outItem)
                                }
                            }
                        }
                    }
                }
            }
            initialized = g.batch * outItem
        }
        if training { cachedInput = input }
        return Tensor(shape: [g.batch, outChannels, g.outHeight, g.outWidth], scalars: output)
    }

    /// One image, any stride: out[O × OH·OW] = W · col + b.
    private func forwardStrided(_ x: UnsafePointer<Float>, _ g: Geometry, _ w: UnsafePointer<Float>,
                                _ b: UnsafePointer<Float>, _ space: Workspace, into out: UnsafeMutablePointer<Float>) {
        let taps = tapsPerOutput
        let col = space.columns.reserve(taps * g.outArea)
        Im2Col.unfold(x, channels: inChannels, height: g.height, width: g.width, kernel: kernelSize,
                      stride: stride, padding: padding, outHeight: g.outHeight, outWidth: g.outWidth, into: col)
        // Start from the bias so the product accumulates onto it.
        for o in 0..<outChannels {
            VectorKernels.fill(out + o * g.outArea, with: b[o], count: g.outArea)
        }
        Matmul.gemm(transposeA: false, transposeB: false, m: outChannels, n: g.outArea, k: taps,
                    a: w, b: col, beta: 1, c: out)
    }

    /// One image, stride 1, in wide rows (see ``WideRows``): wide[O × OH·Wp] = W · col,
    /// then out = the first OW values of each wide row + b.
    private func forwardWide(_ x: UnsafePointer<Float>, _ g: Geometry, _ w: UnsafePointer<Float>,
                             _ b: UnsafePointer<Float>, _ space: Workspace, into out: UnsafeMutablePointer<Float>) {
        let taps = tapsPerOutput, wg = g.wide
        let padded = space.padded.reserve(wg.paddedCount)
        let col = space.columns.reserve(taps * wg.wideArea)
        let wide = space.wide.reserve(outChannels * wg.wideArea)
        WideRows.pad(x, wg, into: padded)
        WideRows.unfold(padded, wg, into: col)
        Matmul.gemm(transposeA: false, transposeB: false, m: outChannels, n: wg.wideArea, k: taps,
                    a: w, b: col, c: wide)
        for o in 0..<outChannels {
            let bias = SIMD8<Float>(repeating: b[o])
            for oy in 0..<g.outHeight {
                let source = wide + o * wg.wideArea + oy * wg.paddedWidth
                let target = out + (o * g.outHeight + oy) * g.outWidth
                var i = 0
                while i + 8 <= g.outWidth {
                    let value = UnsafeRawPointer(source + i).loadUnaligned(as: SIMD8<Float>.self) + bias
                    UnsafeMutableRawPointer(target + i).storeBytes(of: value, as: SIMD8<Float>.self)
                    i += 8
                }
                while i < g.outWidth {
                    target[i] = source[i] + b[o]
                    i += 1
                }
            }
        }
    }

    /// dout[N×O×OH×OW] → dx[N×C×H×W]; accumulates dW += Σₙ dout[n] · col(x[n])ᵀ and
    /// db += Σₙ Σ_pixels dout[n]; dx[n] = fold(Wᵀ · dout[n]).
    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let input = cachedInput else {
            preconditionFailure("\(summary): backward called without a training forward")
        }
        let g = geometry(of: input)
        precondition(outputGradient.shape == [g.batch, outChannels, g.outHeight, g.outWidth],
                     "\(summary): output gradient \(outputGradient.shape) does not match the last forward")
        let taps = tapsPerOutput
        let inItem = inChannels * g.inArea, outItem = outChannels * g.outArea
        var workersUsed = 0
        let computesInputGradient = self.computesInputGradient
        let inputCount = computesInputGradient ? g.batch * inItem : 0
        let inputGradient = [Float](unsafeUninitializedCapacity: inputCount) { dx, initialized in
            input.scalars.withUnsafeBufferPointer { x in
                outputGradient.scalars.withUnsafeBufferPointer { dOut in
                    weight.value.scalars.withUnsafeBufferPointer { w in
                        guard let x = x.baseAddress, let dOut = dOut.baseAddress,
                              let w = w.baseAddress else { return }
                        let dx = computesInputGradient ? dx.baseAddress : nil
                        workersUsed = BatchParallel.forEachSlice(of: g.batch) { worker, items in
                            let space = workspaces[worker]
                            let dW = space.weightGradient.reserve(outChannels * taps)
                            let dB = space.biasGradient.reserve(outChannels)
                            VectorKernels.fill(dW, with: 0, count: outChannels * taps)
                            VectorKernels.fill(dB, with: 0, count: outChannels)
                            for n in items {
                                let dImage = dOut + n * outItem
                                for o in 0..<outChannels {
                                    dB[o] += VectorKernels.sum(dImage + o * g.outArea, count: g.outArea)
                                }
                                let dxImage = dx.map { $0 + n * inItem }
                                if stride == 1 {
                                    backwardWide(x + n * inItem, dImage, g, w, space, dW: dW, dx: dxImage)
                                } else {
                                    backwardStrided(x + n * inItem, dImage, g, w, space, dW: dW, dx: dxImage)
                                }
                            }
                        }
                    }
                }
            }
            initialized = inputCount
        }
        // Sum the workers' partial gradients into the parameters' (+=).
        weight.gradient.scalars.withUnsafeMutableBufferPointer { dW in
            bias.gradient.scalars.withUnsafeMutableBufferPointer { dB in
                guard let dW = dW.baseAddress, let dB = dB.baseAddress else { return }
                for space in workspaces.prefix(workersUsed) {
                    VectorKernels.add(space.weightGradient.pointer, into: dW, count: outChannels * taps)
                    VectorKernels.add(space.biasGradient.pointer, into: dB, count: outChannels)
                }
            }
        }
        return computesInputGradient ? Tensor(shape: input.shape, scalars: inputGradient) : Tensor(shape: [0])
    }

    /// One image, any stride: dW += dout · colᵀ; dx = fold(Wᵀ · dout) when `dx` is given.
    private func backwardStrided(_ x: UnsafePointer<Float>, _ dOut: UnsafePointer<Float>, _ g: Geometry,
                                 _ w: UnsafePointer<Float>, _ space: Workspace,
                                 dW: UnsafeMutablePointer<Float>, dx: UnsafeMutablePointer<Float>?) {
        let taps = tapsPerOutput
        let col = space.columns.reserve(taps * g.outArea)
        let dCol = space.columnGradient.reserve(taps * g.outArea)
        Im2Col.unfold(x, channels: inChannels, height: g.height, width: g.width, kernel: kernelSize,
                      stride: stride, padding: padding, outHeight: g.outHeight, outWidth: g.outWidth, into: col)
        // dW[O × Ckk] += dout[O × OHW] · colᵀ[OHW × Ckk]
        Matmul.gemm(transposeA: false, transposeB: true, m: outChannels, n: taps, k: g.outArea,
                    a: dOut, b: col, beta: 1, c: dW)
        guard let dx else { return }
        // dcol[Ckk × OHW] = Wᵀ[Ckk × O] · dout[O × OHW]
        Matmul.gemm(transposeA: true, transposeB: false, m: taps, n: g.outArea, k: outChannels,
                    a: w, b: dOut, c: dCol)
        VectorKernels.fill(dx, with: 0, count: inChannels * g.inArea)
        Im2Col.fold(dCol, channels: inChannels, height: g.height, width: g.width, kernel: kernelSize,
                    stride: stride, padding: padding, outHeight: g.outHeight, outWidth: g.outWidth, into: dx)
    }

    /// One image, stride 1, in wide rows: the output gradient is spread into
    /// wide rows (zeros in the junk columns, so they contribute nothing), then
    /// dW += wide · colᵀ and, when `dx` is given, dx = unpad(fold(Wᵀ · wide)).
    private func backwardWide(_ x: UnsafePointer<Float>, _ dOut: UnsafePointer<Float>, _ g: Geometry,
                              _ w: UnsafePointer<Float>, _ space: Workspace,
                              dW: UnsafeMutablePointer<Float>, dx: UnsafeMutablePointer<Float>?) {
        let taps = tapsPerOutput, wg = g.wide
        let padded = space.padded.reserve(wg.paddedCount)
        let col = space.columns.reserve(taps * wg.wideArea)
        let wide = space.wide.reserve(outChannels * wg.wideArea)
        VectorKernels.fill(wide, with: 0, count: outChannels * wg.wideArea)
        for o in 0..<outChannels {
            for oy in 0..<g.outHeight {
                VectorKernels.copy(dOut + (o * g.outHeight + oy) * g.outWidth,
                                   to: wide + o * wg.wideArea + oy * wg.paddedWidth, count: g.outWidth)
            }
        }
        WideRows.pad(x, wg, into: padded)
        WideRows.unfold(padded, wg, into: col)
        // dW[O × Ckk] += wide[O × OH·Wp] · colᵀ[OH·Wp × Ckk]
        Matmul.gemm(transposeA: false, transposeB: true, m: outChannels, n: taps, k: wg.wideArea,
                    a: wide, b: col, beta: 1, c: dW)
        guard let dx else { return }
        let dCol = space.columnGradient.reserve(taps * wg.wideArea)
        let dPadded = space.paddedGradient.reserve(wg.paddedCount)
        // dcol[Ckk × OH·Wp] = Wᵀ[Ckk × O] · wide[O × OH·Wp]
        Matmul.gemm(transposeA: true, transposeB: false, m: taps, n: wg.wideArea, k: outChannels,
                    a: w, b: wide, c: dCol)
        VectorKernels.fill(dPadded, with: 0, count: wg.paddedCount)
        WideRows.fold(dCol, wg, into: dPadded)
        WideRows.unpad(dPadded, wg, into: dx)
    }
}

/// One worker's scratch buffers for a ``Conv2D``, sized for one image and
/// reused by every batch.
private final class Workspace {
    let padded = ScratchBuffer()
    let columns = ScratchBuffer()
    let wide = ScratchBuffer()
    let columnGradient = ScratchBuffer()
    let paddedGradient = ScratchBuffer()
    let weightGradient = ScratchBuffer()
    let biasGradient = ScratchBuffer()
}
