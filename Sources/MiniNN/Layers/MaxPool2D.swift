/// Max pooling over N×C×H×W batches: each output is the largest input in its
/// window; no padding (a window that would run past the edge is dropped, as in
/// PyTorch's default).
///
/// Forward remembers, for every output, which input won; backward routes the
/// gradient to that input only (ties go to the first in row-major order).
public final class MaxPool2D: Layer {
    public let window: Int
    public let stride: Int

    /// Input shape of the last training forward, N×C×H×W.
    private var cachedInputShape: [Int]?
    /// For every output of the last training forward, the flat index of the
    /// winning input within its image (C·H·W items).
    private var winners: [Int32] = []

    /// A message naming the first setting that cannot make a pooling layer, or nil.
    public static func settingsError(window: Int, stride: Int) -> String? {
        if window < 1 { return "MaxPool2D window must be at least 1, got \(window)" }
        if stride < 1 { return "MaxPool2D stride must be at least 1, got \(stride)" }
        return nil
    }

    /// A pooling layer with a `window`×`window` window moved by `stride`
    /// (defaults to the window: non-overlapping).
    public init(window: Int, stride: Int? = nil) {
        let stride = stride ?? window
        if let problem = MaxPool2D.settingsError(window: window, stride: stride) {
            preconditionFailure(problem)
        }
        self.window = window
        self.stride = stride
    }

    public var kind: String { "MaxPool2D" }
    public var summary: String {
        "MaxPool2D \(window)×\(window)" + (stride != window ? " stride \(stride)" : "")
    }
    public var spec: LayerSpec { .maxPool2d(window: window, stride: stride) }

    /// [C, H, W] → [C, ⌊(H − window)/stride⌋ + 1, ⌊(W − window)/stride⌋ + 1].
    public func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] {
        guard inputShape.count == 3, inputShape.allSatisfy({ $0 >= 1 }),
              inputShape[1] >= window, inputShape[2] >= window else {
            throw ShapeError(layer: summary, inputShape: inputShape,
                             expected: "C×H×W with H, W ≥ \(window)")
        }
        return [inputShape[0],
                Im2Col.outputSize(input: inputShape[1], kernel: window, stride: stride, padding: 0),
                Im2Col.outputSize(input: inputShape[2], kernel: window, stride: stride, padding: 0)]
    }

    /// x[N×C×H×W] → out[N×C×OH×OW], out = max over each window.
    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        precondition(input.rank == 4, "\(summary) needs N×C×H×W input, got \(input.shape)")
        let (batch, channels, height, width) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let outHeight = Im2Col.outputSize(input: height, kernel: window, stride: stride, padding: 0)
        let outWidth = Im2Col.outputSize(input: width, kernel: window, stride: stride, padding: 0)
        let planes = batch * channels, outCount = planes * outHeight * outWidth
        if training, winners.count < outCount {
            winners = [Int32](repeating: 0, count: outCount)
        }
        let (window, stride) = (self.window, self.stride)
        let output = [Float](unsafeUninitializedCapacity: outCount) { out, initialized in
            winners.withUnsafeMutableBufferPointer { winnerBuffer in
                input.scalars.withUnsafeBufferPointer { x in
                    guard let x = x.baseAddress, let out = out.baseAddress else { return }
                    let winnerBase = training ? winnerBuffer.baseAddress : nil
                    BatchParallel.forEachSlice(of: planes, minimumItemsPerWorker: 64) { _, planeRange in
                        for plane in planeRange {
                            // Winner indices are relative to the image, so they fit Int32.
                            MaxPool2D.poolPlane(
                                x + plane * height * width, pitch: width,
                                window: window, stride: stride,
                                into: out + plane * outHeight * outWidth, outHeight: outHeight, outWidth: outWidth,
                                winners: winnerBase.map { $0 + plane * outHeight * outWidth },
                                indexOffset: (plane % channels) * height * width)
                        }
                    }
                }
            }
            initialized = outCount
        }
        if training { cachedInputShape = input.shape }
        return Tensor(shape: [batch, channels, outHeight, outWidth], scalars: output)
    }

    /// Pools one plane, whose rows are `pitch` floats apart, into OH×OW
    /// outputs; when `winners` is given, stores for each output `indexOffset`
    /// + the flat index (row · pitch + column) of its winning input.
    @inline(__always)
    static func poolPlane(
        _ source: UnsafePointer<Float>, pitch width: Int, window: Int, stride: Int,
        into target: UnsafeMutablePointer<Float>, outHeight: Int, outWidth: Int,
        winners: UnsafeMutablePointer<Int32>?, indexOffset: Int
    ) {
        if window == 2 && stride == 2 {
            for oy in 0..<outHeight {
                poolRow2x2(top: source + 2 * oy * width, width: width,
                           into: target + oy * outWidth, outWidth: outWidth,
                           winners: winners.map { $0 + oy * outWidth },
                           rowIndex: indexOffset + 2 * oy * width)
            }
            return
        }
        for oy in 0..<outHeight {
            for ox in 0..<outWidth {
                let corner = oy * stride * width + ox * stride
                var best = source[corner], bestIndex = corner
                for dy in 0..<window {
                    let rowStart = corner + dy * width
                    for dx in 0..<window where source[rowStart + dx] > best {
                        best = source[rowStart + dx]
                        bestIndex = rowStart + dx
                    }
                }
                target[oy * outWidth + ox] = best
                winners?[oy * outWidth + ox] = Int32(truncatingIfNeeded: indexOffset + bestIndex)
            }
        }
    }

    /// The common 2×2, stride-2 case for one output row: four outputs at a
    /// time with SIMD selects (no branches to mispredict), the last block
    /// overlapping the one before it; the first candidate in row-major order
    /// wins ties, as in the general loop. Which candidate won is tracked in a
    /// float vector too, so every select uses the float comparison's own mask:
    /// 2²³ + offset (0, 1, pitch, pitch + 1), whose bit pattern is
    /// 0x4B000000 + offset, so a bit cast recovers the offset.
    @inline(__always)
    private static func poolRow2x2(
        top: UnsafePointer<Float>, width: Int, into target: UnsafeMutablePointer<Float>, outWidth: Int,
        winners: UnsafeMutablePointer<Int32>?, rowIndex: Int
    ) {
        let bottom = top + width
        let exponent: Float = 8_388_608, exponentBits: Int32 = 0x4B00_0000
        let (right, below, belowRight) = (exponent + 1, exponent + Float(width), exponent + Float(width + 1))
        let lanes = SIMD4<Int32>(0, 2, 4, 6)
        var ox = 0
        while outWidth >= 4 && ox < outWidth {
            if outWidth - ox < 4 { ox = outWidth - 4 }
            let upper = UnsafeRawPointer(top + 2 * ox).loadUnaligned(as: SIMD8<Float>.self)
            let lower = UnsafeRawPointer(bottom + 2 * ox).loadUnaligned(as: SIMD8<Float>.self)
            var best = upper.evenHalf, code = SIMD4<Float>(repeating: exponent)
            var wins = upper.oddHalf .> best
            best.replace(with: upper.oddHalf, where: wins)
            code.replace(with: right, where: wins)
            wins = lower.evenHalf .> best
            best.replace(with: lower.evenHalf, where: wins)
            code.replace(with: below, where: wins)
            wins = lower.oddHalf .> best
            best.replace(with: lower.oddHalf, where: wins)
            code.replace(with: belowRight, where: wins)
            UnsafeMutableRawPointer(target + ox).storeBytes(of: best, as: SIMD4<Float>.self)
            if let winners {
                let index = lanes &+ Int32(truncatingIfNeeded: rowIndex + 2 * ox)
                    &+ (unsafeBitCast(code, to: SIMD4<Int32>.self) &- exponentBits)
                UnsafeMutableRawPointer(winners + ox).storeBytes(of: index, as: SIMD4<Int32>.self)
            }
            ox += 4
        }
        while ox < outWidth {
            let first = rowIndex + 2 * ox
            var best = top[2 * ox], bestIndex = first
            if top[2 * ox + 1] > best { best = top[2 * ox + 1]; bestIndex = first + 1 }
            if bottom[2 * ox] > best { best = bottom[2 * ox]; bestIndex = first + width }
            if bottom[2 * ox + 1] > best { best = bottom[2 * ox + 1]; bestIndex = first + width + 1 }
            target[ox] = best
            winners?[ox] = Int32(truncatingIfNeeded: bestIndex)
            ox += 1
        }
    }

    /// dout[N×C×OH×OW] → dx[N×C×H×W]: each output's gradient goes to the input
    /// that won its window; every other input gets 0.
    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let inputShape = cachedInputShape else {
            preconditionFailure("\(summary): backward called without a training forward")
        }
        let batch = inputShape[0]
        let imageSize = inputShape.dropFirst().reduce(1, *)
        let outPerImage = outputGradient.itemCount
        precondition(outputGradient.batchSize == batch && outputGradient.count <= winners.count,
                     "\(summary): output gradient \(outputGradient.shape) does not match the last forward")
        let inputGradient = [Float](unsafeUninitializedCapacity: batch * imageSize) { dx, initialized in
            dx.update(repeating: 0)
            initialized = batch * imageSize
            winners.withUnsafeBufferPointer { winners in
                outputGradient.scalars.withUnsafeBufferPointer { dOut in
                    guard let dx = dx.baseAddress, let dOut = dOut.baseAddress,
                          let winners = winners.baseAddress else { return }
                    BatchParallel.forEachSlice(of: batch, minimumItemsPerWorker: 8) { _, items in
                        for n in items {
                            let target = dx + n * imageSize
                            let base = n * outPerImage
                            for o in base..<(base + outPerImage) {
                                target[Int(winners[o])] += dOut[o]
                            }
                        }
                    }
                }
            }
        }
        return Tensor(shape: inputShape, scalars: inputGradient)
    }
}
