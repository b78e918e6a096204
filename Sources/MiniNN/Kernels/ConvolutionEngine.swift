/// The fast path behind ``Conv2D``: the same convolution as
/// ``Conv2D/referenceForward(_:weight:bias:stride:padding:)`` and its
/// backward, computed image by image as column unfolding + one GEMM per
/// product (`Matmul.gemm`), or for stride 1, where their register blocks
/// fit, by ``DirectConvolution``'s kernels straight on the padded image.
///
/// One image's matrices stay in L2, where these skinny products run near the
/// core's peak, which batching images into one larger GEMM does not. The
/// batch is shared out in chunks of images (``BatchParallel``, one BLAS
/// thread per worker). Stride 1 uses wide rows (``WideRows``: long contiguous
/// copies), other strides classic im2col (``Im2Col``). Each worker owns its
/// scratch; nothing is allocated per batch except the returned tensors. In
/// training the input and (stride 1) its padded copies are kept for
/// backward, which rebuilds the columns from them (cheap copies) rather than
/// keeping them, so a training step stays small.
///
/// ``ConvReLUPool`` drives the per-image steps below directly.
final class ConvolutionEngine {
    let inChannels: Int
    let outChannels: Int
    let kernelSize: Int
    let stride: Int
    let padding: Int
    /// The layer's parameters: read by forward, gradients accumulated by backward.
    let weight: Parameter
    let bias: Parameter
    /// The layer's summary, for messages.
    let summary: String

    /// When false, `backward` skips dx and returns an empty tensor.
    var computesInputGradient = true

    /// When false, stride 1 takes the GEMM path even where
    /// ``DirectConvolution``'s kernels fit (for the tests that hold the two
    /// to each other, and for benchmarks).
    var usesDirectKernels = true

    /// The last training input, N×C×H×W, for backward.
    private var cachedInput: Tensor?
    /// Stride 1: each image of the last training batch, padded (``WideRows``).
    private let paddedBatch = PaddedImages()
    /// The weights regrouped by kernel tap for ``GradientLayout/byTap``.
    private let tapWeights = ScratchBuffer()
    /// ``DirectConvolution``'s weights regrouped by four, for the forward
    /// block and for the input gradient's, and its offset tables, built for
    /// the geometry `directTablesGeometry`.
    private let forwardWeights = ScratchBuffer()
    private let inputGradientWeights = ScratchBuffer()
    private var tapShifts: [Int] = []
    private var gradientOffsets: [Int] = []
    private var directTablesGeometry: WideRows.Geometry?
    /// One scratch set per worker (see ``BatchParallel``).
    private let workspaces: [ConvWorkspace]
    /// One partial gradient per chunk of the backward batch.
    private var chunkGradients: [ChunkGradient] = []

    init(stride: Int, padding: Int, weight: Parameter, bias: Parameter, summary: String) {
        (outChannels, inChannels, kernelSize) = (weight.value.shape[0], weight.value.shape[1], weight.value.shape[2])
        self.stride = stride
        self.padding = padding
        self.weight = weight
        self.bias = bias
        self.summary = summary
        workspaces = (0..<BatchParallel.workerCount).map { _ in ConvWorkspace() }
    }

    /// Forgets the last training input (after the weights were redrawn).
    func forgetTrainingInput() { cachedInput = nil }

    /// Rows of the weight matrix: C·k·k taps per output channel.
    private var tapsPerOutput: Int { inChannels * kernelSize * kernelSize }

    /// Geometry of one call, derived from the input's shape.
    ///
    /// One image's raw convolution (W ∗ x, before the bias) is computed into
    /// worker scratch as `outChannels` planes of OH rows, `rawPitch` floats
    /// apart, planes `rawPlane` apart: wide rows (pitch Wp) for stride 1,
    /// compact (pitch OW) otherwise. Only the first OW values of a row count.
    struct Geometry {
        var batch, height, width, outHeight, outWidth: Int
        var wide: WideRows.Geometry
        var usesWideRows: Bool
        var inArea: Int { height * width }
        var outArea: Int { outHeight * outWidth }
        var rawPitch: Int { usesWideRows ? wide.pitch : outWidth }
        var rawPlane: Int { outHeight * rawPitch }
    }

    func geometry(of input: Tensor) -> Geometry {
        precondition(input.rank == 4 && input.shape[1] == inChannels,
                     "\(summary) needs N×\(inChannels)×H×W input, got \(input.shape)")
        let (height, width) = (input.shape[2], input.shape[3])
        let wide = WideRows.Geometry(channels: inChannels, height: height, width: width,
                                     kernel: kernelSize, padding: padding)
        return Geometry(
            batch: input.shape[0], height: height, width: width,
            outHeight: Im2Col.outputSize(input: height, kernel: kernelSize, stride: stride, padding: padding),
            outWidth: Im2Col.outputSize(input: width, kernel: kernelSize, stride: stride, padding: padding),
            wide: wide, usesWideRows: stride == 1)
    }

    /// x[N×C×H×W] → out[N×O×OH×OW]; out[n] = W[O × Ckk] · col(x[n])[Ckk × OH·OW] + b.
    func forward(_ input: Tensor, training: Bool) -> Tensor {
        let g = geometry(of: input)
        let outItem = outChannels * g.outArea
        prepare(g, input: input, training: training)
        let output = [Float](unsafeUninitializedCapacity: g.batch * outItem) { out, initialized in
            input.scalars.withUnsafeBufferPointer { x in
                weight.value.scalars.withUnsafeBufferPointer { w in
                    bias.value.scalars.withUnsafeBufferPointer { b in
                        guard let x = x.baseAddress, let w = w.baseAddress, let b = b.baseAddress,
                              let out = out.baseAddress else { return }
                        _ = Matmul.withCurrentBLASThreads {
                            BatchParallel.forEachChunk(of: g.batch, chunkSize: BatchParallel.imagesPerChunk) {
                                worker, _, items in
                                for n in items {
                                    let raw = convolve(x + n * inChannels * g.inArea, g, w, worker: worker,
                                                       image: training ? n : nil)
                                    for o in 0..<outChannels {
                                        VectorKernels.addRows(raw + o * g.rawPlane, pitch: g.rawPitch,
                                                              plus: b[o], rows: g.outHeight, width: g.outWidth,
                                                              into: out + n * outItem + o * g.outArea)
                                    }
                                }
                            }
                        }
                    }
                }
            }
            initialized = g.batch * outItem
        }
        return Tensor(shape: [g.batch, outChannels, g.outHeight, g.outWidth], scalars: output)
    }

    /// Gets ready for a batch of `g`: in training, keeps `input` for backward
    /// and (stride 1) makes room for every image's padded copy, which backward
    /// unfolds again instead of padding twice. Call before ``convolve(_:_:_:worker:image:)``.
    func prepare(_ g: Geometry, input: Tensor, training: Bool) {
        if direct(g).forward {
            prepareDirectTables(g)
            weight.value.scalars.withUnsafeBufferPointer { w in
                guard let w = w.baseAddress else { return }
                DirectConvolution.regroupByFour(w, rows: outChannels, columns: tapsPerOutput,
                                                into: forwardWeights.reserve(outChannels * tapsPerOutput))
            }
        }
        guard training else { return }
        cachedInput = input
        if g.usesWideRows { _ = paddedBatch.prepare(g.wide, count: g.batch) }
    }

    /// The input of the last training forward, N×C×H×W.
    var trainingInput: Tensor? { cachedInput }

    /// The offset tables of ``DirectConvolution`` for `g`, when not built for it already.
    private func prepareDirectTables(_ g: Geometry) {
        guard directTablesGeometry != g.wide else { return }
        DirectConvolution.tapShifts(g.wide, into: &tapShifts)
        DirectConvolution.gradientOffsets(g.wide, outputs: outChannels, into: &gradientOffsets)
        directTablesGeometry = g.wide
    }

    /// Which of ``DirectConvolution``'s kernels this layer runs on input of `g`.
    private func direct(_ g: Geometry) -> (forward: Bool, weights: Bool, input: Bool) {
        // An input smaller than the kernel even with its padding has no output
        // positions; the GEMM path handles it, the blocks' loops would not.
        guard usesDirectKernels && g.usesWideRows && g.outHeight > 0 && g.outWidth > 0 else {
            return (false, false, false)
        }
        return (DirectConvolution.fitsForward(outputs: outChannels),
                DirectConvolution.fitsWeightGradient(outputs: outChannels),
                DirectConvolution.fitsWeightGradient(outputs: outChannels)
                    && DirectConvolution.fitsInputGradient(channels: inChannels))
    }

    /// One image's raw convolution W ∗ x (no bias) into `worker`'s scratch,
    /// laid out as ``Geometry`` describes; valid until that worker's next call.
    /// `image` is the image's index in a training batch (its padded copy is
    /// kept for backward), nil outside training. The caller holds OpenBLAS's
    /// thread count (``Matmul/withCurrentBLASThreads(_:)``) around its batch loop.
    func convolve(_ x: UnsafePointer<Float>, _ g: Geometry, _ w: UnsafePointer<Float>,
                  worker: Int, image: Int?) -> UnsafeMutablePointer<Float> {
        let raw = workspaces[worker].raw.reserve(outChannels * g.rawPlane)
        if direct(g).forward {
            let padded = image.map { paddedBatch.slot($0) } ?? workspaces[worker].padded.prepare(g.wide, count: 1)
            WideRows.copyImage(x, g.wide, into: padded)
            tapShifts.withUnsafeBufferPointer { shifts in
                guard let shifts = shifts.baseAddress else { return }
                DirectConvolution.forward(padded, g.wide, groupedWeights: forwardWeights.pointer, shifts: shifts,
                                          outputs: outChannels, into: raw)
            }
            return raw
        }
        let columns = unfold(x, g, worker: worker, image: image, padsImage: true)
        // raw[O × rawPlane] = W[O × Ckk] · col[Ckk × rawPlane]
        Matmul.gemmHoldingThreads(transposeA: false, transposeB: false,
                                  m: outChannels, n: g.rawPlane, k: tapsPerOutput, a: w, b: columns, c: raw)
        return raw
    }

    /// Builds one image's column matrix in the worker's scratch: wide rows from
    /// its padded copy (made now when `padsImage`, else the one the training
    /// forward left in the image's slot), or classic im2col for other strides.
    private func unfold(_ x: UnsafePointer<Float>, _ g: Geometry, worker: Int, image: Int?,
                        padsImage: Bool) -> UnsafeMutablePointer<Float> {
        let space = workspaces[worker]
        let columns = space.columns.reserve(tapsPerOutput * g.rawPlane)
        if g.usesWideRows {
            let padded = image.map { paddedBatch.slot($0) } ?? space.padded.prepare(g.wide, count: 1)
            if padsImage { WideRows.copyImage(x, g.wide, into: padded) }
            WideRows.unfold(padded, g.wide, into: columns)
        } else {
            Im2Col.unfold(x, channels: inChannels, height: g.height, width: g.width, kernel: kernelSize,
                          stride: stride, padding: padding, outHeight: g.outHeight, outWidth: g.outWidth,
                          into: columns)
        }
        return columns
    }

    /// dout[N×O×OH×OW] → dx[N×C×H×W]; accumulates dW += Σₙ dout[n] · col(x[n])ᵀ and
    /// db += Σₙ Σ_pixels dout[n]; dx[n] = fold(Wᵀ · dout[n]).
    func backward(_ outputGradient: Tensor) -> Tensor {
        guard let input = cachedInput else {
            preconditionFailure("\(summary): backward called without a training forward")
        }
        let g = geometry(of: input)
        precondition(outputGradient.shape == [g.batch, outChannels, g.outHeight, g.outWidth],
                     "\(summary): output gradient \(outputGradient.shape) does not match the last forward")
        let outItem = outChannels * g.outArea
        return backward(input: input, outputGradient: outputGradient, g) { worker, n, dOut, dB in
            let dImage = dOut + n * outItem
            for o in 0..<outChannels {
                dB[o] += VectorKernels.sum(dImage + o * g.outArea, count: g.outArea)
            }
            // Compact layout: the gradient already is the raw gradient.
            guard g.usesWideRows else { return UnsafePointer(dImage) }
            // Wide rows: spread it out, zeros in the junk columns so they add nothing.
            let raw = rawGradientScratch(worker: worker, g)
            for o in 0..<outChannels {
                VectorKernels.spreadRows(dImage + o * g.outArea, rows: g.outHeight, width: g.outWidth,
                                         into: raw + o * g.rawPlane, pitch: g.rawPitch)
            }
            return UnsafePointer(raw)
        }
    }

    /// The batch loop of every backward pass: per image, `rawGradient(worker, n,
    /// dOut, dB)` returns the gradient of the raw convolution (laid out as
    /// ``Geometry`` describes) after adding that image's share into its
    /// chunk's bias gradient `dB`; then dW and dx follow. Sums the chunks'
    /// partial gradients into the parameters at the end, in chunk order, so
    /// the result is the same whichever core ran which chunk.
    func backward(
        input: Tensor, outputGradient: Tensor, _ g: Geometry,
        rawGradient: (_ worker: Int, _ n: Int, _ dOut: UnsafePointer<Float>,
                      _ dB: UnsafeMutablePointer<Float>) -> UnsafePointer<Float>
    ) -> Tensor {
        let inItem = inChannels * g.inArea
        var chunks = 0
        let chunkSize = BatchParallel.imagesPerChunk
        while chunkGradients.count * chunkSize < g.batch { chunkGradients.append(ChunkGradient()) }
        let computesInputGradient = self.computesInputGradient
        let layout = gradientLayout(g)
        if computesInputGradient && direct(g).input {
            prepareDirectTables(g)
            let area = kernelSize * kernelSize
            weight.value.scalars.withUnsafeBufferPointer { w in
                guard let w = w.baseAddress else { return }
                DirectConvolution.regroupForInputGradient(
                    w, channels: inChannels, outputs: outChannels, area: area,
                    into: inputGradientWeights.reserve(outChannels * inChannels * area))
            }
        } else if layout == .byTap && computesInputGradient {
            prepareTapWeights()
        }
        let inputCount = computesInputGradient ? g.batch * inItem : 0
        let inputGradient = [Float](unsafeUninitializedCapacity: inputCount) { dx, initialized in
            input.scalars.withUnsafeBufferPointer { x in
                outputGradient.scalars.withUnsafeBufferPointer { dOut in
                    weight.value.scalars.withUnsafeBufferPointer { w in
                        guard let x = x.baseAddress, let dOut = dOut.baseAddress,
                              let w = w.baseAddress else { return }
                        let dx = computesInputGradient ? dx.baseAddress : nil
                        chunks = Matmul.withCurrentBLASThreads {
                            BatchParallel.forEachChunk(of: g.batch, chunkSize: chunkSize) { worker, chunk, items in
                                let partial = chunkGradients[chunk]
                                let dW = partial.weight.reserve(outChannels * tapsPerOutput)
                                let dB = partial.bias.reserve(outChannels)
                                VectorKernels.fill(dW, with: 0, count: outChannels * tapsPerOutput)
                                VectorKernels.fill(dB, with: 0, count: outChannels)
                                for n in items {
                                    let raw = rawGradient(worker, n, dOut, dB)
                                    backpropagate(x + n * inItem, image: n, rawGradient: raw, g, w, layout: layout,
                                                  worker: worker, dW: dW, dx: dx.map { $0 + n * inItem })
                                }
                            }
                        }
                    }
                }
            }
            initialized = inputCount
        }
        addChunkGradients(chunks, layout: layout)
        return computesInputGradient ? Tensor(shape: input.shape, scalars: inputGradient) : Tensor(shape: [0])
    }

    /// A scratch of O × rawPlane (+ `spare`) floats, contents unspecified, in
    /// which to build one image's raw gradient.
    func rawGradientScratch(worker: Int, _ g: Geometry, spare: Int = 0) -> UnsafeMutablePointer<Float> {
        workspaces[worker].rawGradient.reserve(outChannels * g.rawPlane + spare)
    }

    /// How a chunk's partial weight gradient is laid out, which picks the
    /// backward products.
    enum GradientLayout {
        /// dW[O × Ckk] += dRaw · colᵀ.
        case plain
        /// dWᵀ[Ckk × O] += col · dRawᵀ: with many more taps than channels
        /// OpenBLAS runs this ~25% faster (200×16 vs 16×200, k = 252).
        case transposed
        /// Stride 1, with several input channels or ``DirectConvolution``'s
        /// weight kernel: for each kernel tap t the input
        /// it sees is a plain C × (OH·P) matrix inside the padded image, one
        /// padded plane from row to row, so dW and dx come from k·k small
        /// products straight on the padded image and its gradient, with no
        /// column matrix and no fold. Kept as dW[tap][C][O].
        case byTap
    }

    func gradientLayout(_ g: Geometry) -> GradientLayout {
        if g.usesWideRows && (inChannels >= 4 || direct(g).weights) { return .byTap }
        return tapsPerOutput > outChannels ? .transposed : .plain
    }

    /// One image: partial dW += dRaw · colᵀ; dx = fold(Wᵀ · dRaw) when `dx` is given.
    private func backpropagate(_ x: UnsafePointer<Float>, image: Int, rawGradient dRaw: UnsafePointer<Float>,
                               _ g: Geometry, _ w: UnsafePointer<Float>, layout: GradientLayout, worker: Int,
                               dW: UnsafeMutablePointer<Float>, dx: UnsafeMutablePointer<Float>?) {
        if layout == .byTap {
            backpropagateByTap(image: image, rawGradient: dRaw, g, worker: worker, dW: dW, dx: dx)
            return
        }
        let space = workspaces[worker], taps = tapsPerOutput
        let columns = unfold(x, g, worker: worker, image: image, padsImage: false)
        if layout == .transposed {
            // dWᵀ[Ckk × O] += col[Ckk × rawPlane] · dRawᵀ[rawPlane × O]
            Matmul.gemmHoldingThreads(transposeA: false, transposeB: true, m: taps, n: outChannels, k: g.rawPlane,
                                      a: columns, b: dRaw, beta: 1, c: dW)
        } else {
            // dW[O × Ckk] += dRaw[O × rawPlane] · colᵀ[rawPlane × Ckk]
            Matmul.gemmHoldingThreads(transposeA: false, transposeB: true, m: outChannels, n: taps, k: g.rawPlane,
                                      a: dRaw, b: columns, beta: 1, c: dW)
        }
        guard let dx else { return }
        // dcol[Ckk × rawPlane] = Wᵀ[Ckk × O] · dRaw[O × rawPlane]
        let dColumns = space.columnGradient.reserve(taps * g.rawPlane)
        Matmul.gemmHoldingThreads(transposeA: true, transposeB: false, m: taps, n: g.rawPlane, k: outChannels,
                                  a: w, b: dRaw, c: dColumns)
        if g.usesWideRows {
            let dPadded = space.paddedGradient.reserve(g.wide.paddedCount)
            VectorKernels.fill(dPadded, with: 0, count: g.wide.paddedCount)
            WideRows.fold(dColumns, g.wide, into: dPadded)
            WideRows.unpad(dPadded, g.wide, into: dx)
        } else {
            VectorKernels.fill(dx, with: 0, count: inChannels * g.inArea)
            Im2Col.fold(dColumns, channels: inChannels, height: g.height, width: g.width, kernel: kernelSize,
                        stride: stride, padding: padding, outHeight: g.outHeight, outWidth: g.outWidth, into: dx)
        }
    }

    /// ``GradientLayout/byTap``: for each tap t = (ky, kx), with
    /// X_t[C × rawPlane] the padded image shifted by ky·P + kx (rows one
    /// padded plane apart): dW_t[C × O] += X_t · dRawᵀ, and the padded
    /// gradient, shifted the same way, += W_t[C × O] · dRaw. Taps past a
    /// row's end land in padding, which `unpad` drops.
    private func backpropagateByTap(image: Int, rawGradient dRaw: UnsafePointer<Float>, _ g: Geometry,
                                    worker: Int, dW: UnsafeMutablePointer<Float>, dx: UnsafeMutablePointer<Float>?) {
        let (channels, outputs, plane, length) = (inChannels, outChannels, g.wide.paddedPlane, g.rawPlane)
        // The training forward left this image padded in its slot.
        let padded = paddedBatch.slot(image)
        let space = workspaces[worker], kernels = direct(g)
        if kernels.weights {
            let transposed = space.transposedGradient.reserve(outputs * g.outArea)
            DirectConvolution.transposeGradient(dRaw, g.wide, outputs: outputs, into: transposed)
            DirectConvolution.weightGradient(padded, g.wide, transposedGradient: transposed, outputs: outputs, into: dW)
        }
        if let dx, kernels.input {
            let spread = space.columnGradient.reserve(DirectConvolution.spreadGradientCount(g.wide, outputs: outputs))
            DirectConvolution.spreadGradient(dRaw, g.wide, outputs: outputs, into: spread)
            let span = space.paddedGradient.reserve(channels * g.height * g.wide.pitch)
            gradientOffsets.withUnsafeBufferPointer { offsets in
                guard let offsets = offsets.baseAddress else { return }
                DirectConvolution.inputGradient(spread, g.wide, groupedWeights: inputGradientWeights.pointer,
                                                offsets: offsets, outputs: outputs, span: span, into: dx)
            }
            return
        }
        if kernels.weights && dx == nil { return }
        let dPadded = dx.map { _ in space.paddedGradient.reserve(g.wide.paddedCount) }
        if let dPadded { VectorKernels.fill(dPadded, with: 0, count: g.wide.paddedCount) }
        let tapWeights = self.tapWeights.pointer
        for ky in 0..<kernelSize {
            for kx in 0..<kernelSize {
                let tap = ky * kernelSize + kx, shift = ky * g.wide.pitch + kx
                if !kernels.weights {
                    Matmul.gemmHoldingThreads(transposeA: false, transposeB: true, m: channels, n: outputs, k: length,
                                              a: padded + shift, lda: plane, b: dRaw, beta: 1,
                                              c: dW + tap * channels * outputs)
                }
                guard let dPadded else { continue }
                Matmul.gemmHoldingThreads(transposeA: false, transposeB: false, m: channels, n: length, k: outputs,
                                          a: tapWeights + tap * channels * outputs, b: dRaw, beta: 1,
                                          c: dPadded + shift, ldc: plane)
            }
        }
        if let dx, let dPadded { WideRows.unpad(dPadded, g.wide, into: dx) }
    }

    /// W[O][C][k·k] → tapWeights[k·k][C][O], for ``backpropagateByTap``.
    private func prepareTapWeights() {
        let (outputs, channels, area) = (outChannels, inChannels, kernelSize * kernelSize)
        let target = tapWeights.reserve(outputs * channels * area)
        weight.value.scalars.withUnsafeBufferPointer { w in
            for o in 0..<outputs {
                for c in 0..<channels {
                    for t in 0..<area { target[(t * channels + c) * outputs + o] = w[(o * channels + c) * area + t] }
                }
            }
        }
    }

    /// Adds the first `count` chunks' gradients into the parameters' (+=):
    /// summed in chunk order into the first chunk's buffers, then added once
    /// (rearranged from the chunk layout).
    private func addChunkGradients(_ count: Int, layout: GradientLayout) {
        guard let first = chunkGradients.first, count > 0 else { return }
        let (outputs, channels, taps) = (outChannels, inChannels, tapsPerOutput)
        let area = kernelSize * kernelSize
        let (partial, partialBias) = (first.weight.pointer, first.bias.pointer)
        for chunk in chunkGradients[1..<count] {
            VectorKernels.add(chunk.weight.pointer, into: partial, count: outputs * taps)
            VectorKernels.add(chunk.bias.pointer, into: partialBias, count: outputs)
        }
        weight.gradient.scalars.withUnsafeMutableBufferPointer { dW in
            bias.gradient.scalars.withUnsafeMutableBufferPointer { dB in
                guard let dW = dW.baseAddress, let dB = dB.baseAddress else { return }
                switch layout {
                case .plain:
                    VectorKernels.add(partial, into: dW, count: outputs * taps)
                case .transposed:
                    for o in 0..<outputs {
                        for t in 0..<taps { dW[o * taps + t] += partial[t * outputs + o] }
                    }
                case .byTap:
                    for o in 0..<outputs {
                        for c in 0..<channels {
                            for t in 0..<area {
                                dW[(o * channels + c) * area + t] += partial[(t * channels + c) * outputs + o]
                            }
                        }
                    }
                }
                VectorKernels.add(partialBias, into: dB, count: outputs)
            }
        }
    }
}

/// One worker's scratch buffers for a ``ConvolutionEngine``, sized for one image and
/// reused by every batch.
final class ConvWorkspace {
    let padded = PaddedImages()
    let columns = ScratchBuffer()
    let raw = ScratchBuffer()
    let rawGradient = ScratchBuffer()
    let columnGradient = ScratchBuffer()
    let paddedGradient = ScratchBuffer()
    let transposedGradient = ScratchBuffer()
}

/// The weight gradient (laid out as ``ConvolutionEngine/GradientLayout`` says) and bias
/// gradient of one chunk of images.
private final class ChunkGradient {
    let weight = ScratchBuffer()
    let bias = ScratchBuffer()
}
