/// Conv2D → ReLU → MaxPool2D run as one pass per image, the way ``Sequential``
/// executes that run of three layers.
///
///   x  N × C × H × W   →   conv + b   →   relu   →   pool   →   out  N × O × PH × PW
///
/// Pooling commutes with the bias and the ReLU (both are monotone):
/// pool(relu(raw + b)) = relu(pool(raw) + b). So each image's raw convolution
/// stays in its worker's scratch (in cache), is pooled there, and only the
/// pooled output leaves; the N × O × OH × OW map and the ReLU and pooling
/// passes over it are never made. Values are bit-identical to running the
/// three layers one by one (float addition of a constant preserves order).
///
/// Backward routes each pooled gradient to its window's winner in the raw
/// map, unless the ReLU zeroed that output (winner −1), then runs the
/// convolution's backward from there. The three layers keep their own
/// parameters and settings; this only runs them.
final class ConvReLUPool {
    let convolution: Conv2D
    let pooling: MaxPool2D

    /// Per pooled output of the last training forward: the index of its
    /// winner within the image's raw convolution, or −1 when the ReLU made it 0.
    private var winners: [Int32] = []

    init(convolution: Conv2D, pooling: MaxPool2D) {
        self.convolution = convolution
        self.pooling = pooling
    }

    /// The pooled output size along one axis for a convolution output of `size`.
    private func pooledSize(_ size: Int) -> Int {
        Im2Col.outputSize(input: size, kernel: pooling.window, stride: pooling.stride, padding: 0)
    }

    /// x[N×C×H×W] → out[N×O×PH×PW] = pool(relu(conv(x))).
    func forward(_ input: Tensor, training: Bool) -> Tensor {
        let conv = convolution.engine
        let g = conv.geometry(of: input)
        let (channels, window, stride) = (conv.outChannels, pooling.window, pooling.stride)
        let (pooledHeight, pooledWidth) = (pooledSize(g.outHeight), pooledSize(g.outWidth))
        let pooledArea = pooledHeight * pooledWidth, outItem = channels * pooledArea
        let inItem = conv.inChannels * g.inArea
        if training, winners.count < g.batch * outItem {
            winners = [Int32](repeating: 0, count: g.batch * outItem)
        }
        conv.prepare(g, input: input, training: training)
        let output = [Float](unsafeUninitializedCapacity: g.batch * outItem) { out, initialized in
            winners.withUnsafeMutableBufferPointer { winnerBuffer in
                input.scalars.withUnsafeBufferPointer { x in
                    conv.weight.value.scalars.withUnsafeBufferPointer { w in
                        conv.bias.value.scalars.withUnsafeBufferPointer { b in
                            guard let x = x.baseAddress, let w = w.baseAddress, let b = b.baseAddress,
                                  let out = out.baseAddress else { return }
                            let winnerBase = training ? winnerBuffer.baseAddress : nil
                            _ = Matmul.withCurrentBLASThreads {
                                BatchParallel.forEachChunk(of: g.batch, chunkSize: BatchParallel.imagesPerChunk) {
                                    worker, _, items in
                                    for n in items {
                                        let raw = conv.convolve(x + n * inItem, g, w, worker: worker,
                                                                image: training ? n : nil)
                                        for o in 0..<channels {
                                            let pooled = out + n * outItem + o * pooledArea
                                            let planeWinners = winnerBase.map { $0 + n * outItem + o * pooledArea }
                                            MaxPool2D.poolPlane(
                                                raw + o * g.rawPlane, pitch: g.rawPitch, window: window, stride: stride,
                                                into: pooled, outHeight: pooledHeight, outWidth: pooledWidth,
                                                winners: planeWinners, indexOffset: o * g.rawPlane)
                                            ConvReLUPool.addBiasAndRectify(pooled, winners: planeWinners,
                                                                           bias: b[o], count: pooledArea)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            initialized = g.batch * outItem
        }
        return Tensor(shape: [g.batch, channels, pooledHeight, pooledWidth], scalars: output)
    }

    /// y = max(0, y + bias); a winner whose output became 0 is marked −1, since
    /// no gradient flows back through it. Branch-free: the sign is random.
    @inline(__always)
    private static func addBiasAndRectify(_ y: UnsafeMutablePointer<Float>, winners: UnsafeMutablePointer<Int32>?,
                                          bias: Float, count: Int) {
        let (zero, splat, dead) = (SIMD8<Float>(repeating: 0), SIMD8<Float>(repeating: bias), SIMD8<Int32>(repeating: -1))
        var i = 0
        while i + 8 <= count {
            var value = UnsafeRawPointer(y + i).loadUnaligned(as: SIMD8<Float>.self) + splat
            let off = value .<= zero
            value.replace(with: zero, where: off)
            UnsafeMutableRawPointer(y + i).storeBytes(of: value, as: SIMD8<Float>.self)
            if let winners {
                var index = UnsafeRawPointer(winners + i).loadUnaligned(as: SIMD8<Int32>.self)
                index.replace(with: dead, where: off)
                UnsafeMutableRawPointer(winners + i).storeBytes(of: index, as: SIMD8<Int32>.self)
            }
            i += 8
        }
        while i < count {
            let value = y[i] + bias
            y[i] = value > 0 ? value : 0
            if value <= 0 { winners?[i] = -1 }
            i += 1
        }
    }

    /// dout[N×O×PH×PW] → dx[N×C×H×W], accumulating the convolution's dW and db.
    func backward(_ outputGradient: Tensor) -> Tensor {
        guard let input = convolution.engine.trainingInput else {
            preconditionFailure("\(convolution.summary) → ReLU → \(pooling.summary): backward without a training forward")
        }
        let conv = convolution.engine
        let g = conv.geometry(of: input)
        let channels = conv.outChannels
        let pooledArea = pooledSize(g.outHeight) * pooledSize(g.outWidth)
        let outItem = channels * pooledArea
        precondition(outputGradient.shape == [g.batch, channels, pooledSize(g.outHeight), pooledSize(g.outWidth)],
                     "\(pooling.summary): output gradient \(outputGradient.shape) does not match the last forward")
        return winners.withUnsafeBufferPointer { winners in
            conv.backward(input: input, outputGradient: outputGradient, g) { worker, n, dOut, dB in
                let raw = conv.rawGradientScratch(worker: worker, g, spare: 1)
                let planes = channels * g.rawPlane
                VectorKernels.fill(raw, with: 0, count: planes + 1)
                // Outputs the ReLU zeroed (winner −1) add into the spare slot
                // after the planes instead of branching on a random sign.
                let first = n * outItem
                for i in first..<(first + outItem) {
                    let winner = Int(winners[i])
                    raw[winner < 0 ? planes : winner] += dOut[i]
                }
                for o in 0..<channels {
                    dB[o] += VectorKernels.sum(raw + o * g.rawPlane, count: g.rawPlane)
                }
                return UnsafePointer(raw)
            }
        }
    }
}
