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

    /// The common 2×2, stride-2 case for one output row, eight outputs at a
    /// time (``poolEight(_:_:pitch:firstIndex:)``). A row that is not a
    /// multiple of 8 redoes its last 8; a row of fewer than 8 (a 14-pixel map
    /// pools to 7) is copied into one block first, so it never reads past its end.
    @inline(__always)
    private static func poolRow2x2(
        top: UnsafePointer<Float>, width: Int, into target: UnsafeMutablePointer<Float>, outWidth: Int,
        winners: UnsafeMutablePointer<Int32>?, rowIndex: Int
    ) {
        let bottom = top + width
        guard outWidth >= 8 else {
            // Through a zeroed block on the stack: bulk copies in and out
            // (setting vector lanes one by one is far slower).
            withUnsafeTemporaryAllocation(byteCount: 192, alignment: 64) { block in
                let rows = block.baseAddress!.initializeMemory(as: Float.self, repeating: 0, count: 48)
                rows.update(from: top, count: 2 * outWidth)
                (rows + 16).update(from: bottom, count: 2 * outWidth)
                let (best, index) = poolEight(UnsafeRawPointer(rows).loadUnaligned(as: SIMD16<Float>.self),
                                              UnsafeRawPointer(rows + 16).loadUnaligned(as: SIMD16<Float>.self),
                                              pitch: width, firstIndex: rowIndex)
                let results = UnsafeMutableRawPointer(rows + 32)
                results.storeBytes(of: best, as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(target).copyMemory(from: results, byteCount: outWidth * 4)
                if let winners {
                    results.storeBytes(of: index, toByteOffset: 32, as: SIMD8<Int32>.self)
                    UnsafeMutableRawPointer(winners).copyMemory(from: results + 32, byteCount: outWidth * 4)
                }
            }
            return
        }
        var ox = 0
        while ox < outWidth {
            if outWidth - ox < 8 { ox = outWidth - 8 }
            let upper = UnsafeRawPointer(top + 2 * ox).loadUnaligned(as: SIMD16<Float>.self)
            let lower = UnsafeRawPointer(bottom + 2 * ox).loadUnaligned(as: SIMD16<Float>.self)
            let (best, index) = poolEight(upper, lower, pitch: width, firstIndex: rowIndex + 2 * ox)
            UnsafeMutableRawPointer(target + ox).storeBytes(of: best, as: SIMD8<Float>.self)
            if let winners { UnsafeMutableRawPointer(winners + ox).storeBytes(of: index, as: SIMD8<Int32>.self) }
            ox += 8
        }
    }

    /// Eight 2×2 windows side by side, from 16 floats of a row (`upper`) and
    /// of the row below (`lower`): each window's maximum and the index of its
    /// winner, `firstIndex` + 2·lane + (0, 1, pitch or pitch + 1). SIMD selects,
    /// no branches to mispredict; the first candidate in row-major order wins
    /// ties, as in the general loop. Which candidate won is tracked in a float
    /// vector too, so every select uses the float comparison's own mask:
    /// 2²³ + offset, whose bit pattern is 0x4B000000 + offset, so a bit cast
    /// recovers the offset.
    @inline(__always)
    private static func poolEight(_ upper: SIMD16<Float>, _ lower: SIMD16<Float>, pitch: Int,
                                  firstIndex: Int) -> (SIMD8<Float>, SIMD8<Int32>) {
        let exponent: Float = 8_388_608, exponentBits: Int32 = 0x4B00_0000
        var best = upper.evenHalf, code = SIMD8<Float>(repeating: exponent)
        var wins = upper.oddHalf .> best
        best.replace(with: upper.oddHalf, where: wins)
        code.replace(with: exponent + 1, where: wins)
        wins = lower.evenHalf .> best
        best.replace(with: lower.evenHalf, where: wins)
        code.replace(with: exponent + Float(pitch), where: wins)
        wins = lower.oddHalf .> best
        best.replace(with: lower.oddHalf, where: wins)
        code.replace(with: exponent + Float(pitch + 1), where: wins)
        let lanes = SIMD8<Int32>(0, 2, 4, 6, 8, 10, 12, 14)
        let index = lanes &+ Int32(truncatingIfNeeded: firstIndex)
            &+ (unsafeBitCast(code, to: SIMD8<Int32>.self) &- exponentBits)
        return (best, index)
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
