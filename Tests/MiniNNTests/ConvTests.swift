import Testing
@testable import MiniNN

/// One convolution configuration: sizes, stride and padding of a batch.
struct ConvCase: CustomTestStringConvertible, Sendable {
    var batch, inChannels, outChannels, kernel, stride, padding, height, width: Int
    var testDescription: String {
        "N\(batch) \(inChannels)→\(outChannels) \(kernel)×\(kernel) s\(stride) p\(padding) on \(height)×\(width)"
    }

    /// Odd shapes: non-square inputs, strides 1–3, padding 0–2, several
    /// channels, batch > 1; stride 1 runs the wide-row path, the others im2col.
    static let all: [ConvCase] = [
        ConvCase(batch: 2, inChannels: 1, outChannels: 2, kernel: 3, stride: 1, padding: 0, height: 5, width: 7),
        ConvCase(batch: 3, inChannels: 2, outChannels: 3, kernel: 3, stride: 1, padding: 1, height: 6, width: 5),
        ConvCase(batch: 2, inChannels: 3, outChannels: 2, kernel: 5, stride: 1, padding: 2, height: 7, width: 6),
        ConvCase(batch: 3, inChannels: 2, outChannels: 3, kernel: 3, stride: 2, padding: 1, height: 7, width: 8),
        ConvCase(batch: 2, inChannels: 2, outChannels: 2, kernel: 4, stride: 2, padding: 2, height: 9, width: 6),
        ConvCase(batch: 2, inChannels: 2, outChannels: 2, kernel: 3, stride: 2, padding: 0, height: 8, width: 5),
        ConvCase(batch: 2, inChannels: 3, outChannels: 2, kernel: 1, stride: 1, padding: 0, height: 3, width: 4),
        ConvCase(batch: 2, inChannels: 2, outChannels: 2, kernel: 3, stride: 3, padding: 1, height: 8, width: 7),
        // Wide rows on MNIST-sized and larger planes, many channels, and no
        // padding (junk columns then read the start of the next row).
        ConvCase(batch: 2, inChannels: 1, outChannels: 3, kernel: 5, stride: 1, padding: 2, height: 28, width: 27),
        ConvCase(batch: 2, inChannels: 7, outChannels: 2, kernel: 3, stride: 1, padding: 1, height: 12, width: 11),
        ConvCase(batch: 2, inChannels: 1, outChannels: 2, kernel: 3, stride: 1, padding: 0, height: 60, width: 30),
        // Stride 1 with 4+ input channels: backward by kernel tap, with and without padding.
        ConvCase(batch: 3, inChannels: 4, outChannels: 3, kernel: 5, stride: 1, padding: 2, height: 9, width: 8),
        ConvCase(batch: 2, inChannels: 5, outChannels: 2, kernel: 3, stride: 1, padding: 0, height: 7, width: 9),
        // Stride 1 where DirectConvolution's blocks fit (outputs a multiple of 4
        // forward, of 8 for dW, inputs of 4 for dx): MNIST's two convs, 8 and
        // 16 outputs, kernel rows of 1–7 taps (5 + 2), no padding, the most padding
        // there is (k − 1), and 12 outputs (direct forward, GEMM backward).
        ConvCase(batch: 2, inChannels: 1, outChannels: 8, kernel: 5, stride: 1, padding: 2, height: 28, width: 28),
        ConvCase(batch: 3, inChannels: 8, outChannels: 16, kernel: 5, stride: 1, padding: 2, height: 14, width: 14),
        ConvCase(batch: 2, inChannels: 4, outChannels: 8, kernel: 3, stride: 1, padding: 0, height: 7, width: 9),
        ConvCase(batch: 2, inChannels: 8, outChannels: 24, kernel: 7, stride: 1, padding: 3, height: 10, width: 11),
        ConvCase(batch: 2, inChannels: 4, outChannels: 16, kernel: 4, stride: 1, padding: 1, height: 6, width: 7),
        ConvCase(batch: 2, inChannels: 4, outChannels: 8, kernel: 5, stride: 1, padding: 4, height: 5, width: 5),
        ConvCase(batch: 2, inChannels: 4, outChannels: 16, kernel: 1, stride: 1, padding: 0, height: 5, width: 3),
        ConvCase(batch: 2, inChannels: 2, outChannels: 12, kernel: 3, stride: 1, padding: 1, height: 9, width: 6),
    ]

    func makeLayer(seed: UInt64 = 11) -> Conv2D {
        let layer = Conv2D(inChannels: inChannels, outChannels: outChannels, kernelSize: kernel,
                           stride: stride, padding: padding, seed: seed)
        // Non-zero biases, so a bias that is dropped or doubled shows.
        var generator = SeededGenerator(seed: seed &+ 100)
        for i in 0..<outChannels { layer.bias.value.scalars[i] = generator.nextGaussian(std: 0.5) }
        return layer
    }

    var inputShape: [Int] { [batch, inChannels, height, width] }
}

@Suite("Conv2D")
struct ConvTests {
    @Test("forward equals the convolution by definition", arguments: ConvCase.all)
    func forwardMatchesDefinition(_ c: ConvCase) {
        let layer = c.makeLayer()
        let input = GradientCheck.randomTensor(shape: c.inputShape, seed: 3)
        let output = layer.forward(input, training: false)
        let expected = Conv2D.referenceForward(input, weight: layer.weight.value, bias: layer.bias.value,
                                               stride: c.stride, padding: c.padding)
        #expect(referenceMismatch(output, expected, "output") == nil)
    }

    @Test("backward equals the reference loops: dx, dW and db", arguments: ConvCase.all)
    func backwardMatchesReference(_ c: ConvCase) throws {
        let layer = c.makeLayer()
        let input = GradientCheck.randomTensor(shape: c.inputShape, seed: 13)
        let outputShape = try layer.outputShape(for: Array(c.inputShape.dropFirst()))
        let upstream = GradientCheck.randomTensor(shape: [c.batch] + outputShape, seed: 14)
        _ = layer.forward(input, training: true)
        Self.expectBackwardMatchesReference(layer, input: input, upstream: upstream, c)
    }

    /// Runs `layer`'s backward (after its training forward on `input`) and
    /// holds dx, dW and db to the reference loops.
    static func expectBackwardMatchesReference(_ layer: Conv2D, input: Tensor, upstream: Tensor, _ c: ConvCase) {
        let dx = layer.backward(upstream)
        let expected = Conv2D.referenceBackward(input, outputGradient: upstream, weight: layer.weight.value,
                                                stride: c.stride, padding: c.padding)
        #expect(referenceMismatch(dx, expected.input, "dx") == nil)
        #expect(referenceMismatch(layer.weight.gradient, expected.weight, "dW") == nil)
        #expect(referenceMismatch(layer.bias.gradient, expected.bias, "db") == nil)
    }

    @Test("with the direct kernels off, stride 1 takes the GEMMs, which agree with the reference too",
          arguments: ConvCase.all.filter { $0.stride == 1 && $0.outChannels % 4 == 0 })
    func gemmPathMatchesReference(_ c: ConvCase) throws {
        let layer = c.makeLayer()
        layer.engine.usesDirectKernels = false
        let input = GradientCheck.randomTensor(shape: c.inputShape, seed: 13)
        let output = layer.forward(input, training: true)
        #expect(referenceMismatch(output, Conv2D.referenceForward(input, weight: layer.weight.value, bias: layer.bias.value,
                                                                  stride: c.stride, padding: c.padding), "output") == nil)
        let upstream = GradientCheck.randomTensor(shape: output.shape, seed: 14)
        Self.expectBackwardMatchesReference(layer, input: input, upstream: upstream, c)
    }

    @Test("gradients agree with finite differences", arguments: ConvCase.all)
    func gradientCheck(_ c: ConvCase) {
        let layer = c.makeLayer()
        let input = GradientCheck.randomTensor(shape: c.inputShape, seed: 5)
        let report = GradientCheck.check(layer, input: input)
        #expect(report.passed, "\(report)")
    }

    @Test("each image is convolved independently of its batch and of the worker split")
    func batchIndependence() {
        let c = ConvCase.all[2]
        let layer = c.makeLayer()
        let batch = GradientCheck.randomTensor(shape: [7, c.inChannels, c.height, c.width], seed: 9)
        let whole = layer.forward(batch, training: false)
        let itemSize = c.inChannels * c.height * c.width
        for item in 0..<7 {
            let single = Tensor(shape: [1, c.inChannels, c.height, c.width],
                                scalars: Array(batch.scalars[(item * itemSize)..<((item + 1) * itemSize)]))
            let alone = layer.forward(single, training: false)
            let slice = Array(whole.scalars[(item * alone.count)..<((item + 1) * alone.count)])
            #expect(slice == alone.scalars, "item \(item) differs when run alone")
        }
    }

    @Test("gradients accumulate across backward passes until cleared")
    func gradientsAccumulate() throws {
        let c = ConvCase.all[3]
        let layer = c.makeLayer()
        let input = GradientCheck.randomTensor(shape: c.inputShape, seed: 1)
        let outputShape = try layer.outputShape(for: Array(c.inputShape.dropFirst()))
        let upstream = GradientCheck.randomTensor(shape: [c.batch] + outputShape, seed: 2)
        _ = layer.forward(input, training: true)
        _ = layer.backward(upstream)
        let once = layer.weight.gradient
        _ = layer.forward(input, training: true)
        _ = layer.backward(upstream)
        let twice = layer.weight.gradient
        let doubled = Tensor(shape: once.shape, scalars: once.scalars.map { 2 * $0 })
        #expect(referenceMismatch(twice, doubled, "dW after two passes") == nil)
    }

    @Test("skipping the input gradient leaves the parameter gradients unchanged")
    func skippedInputGradient() throws {
        let c = ConvCase.all[1]
        let full = c.makeLayer(), skipping = c.makeLayer()
        skipping.computesInputGradient = false
        let input = GradientCheck.randomTensor(shape: c.inputShape, seed: 4)
        let outputShape = try full.outputShape(for: Array(c.inputShape.dropFirst()))
        let upstream = GradientCheck.randomTensor(shape: [c.batch] + outputShape, seed: 6)
        _ = full.forward(input, training: true)
        _ = full.backward(upstream)
        _ = skipping.forward(input, training: true)
        let skipped = skipping.backward(upstream)
        #expect(skipped.count == 0)
        #expect(skipping.weight.gradient == full.weight.gradient)
        #expect(skipping.bias.gradient == full.bias.gradient)
    }

    @Test("the same seed draws the same He-initialized kernels; reset redraws them")
    func seededInitialization() {
        let a = Conv2D(inChannels: 8, outChannels: 16, kernelSize: 5, padding: 2, seed: 42)
        let b = Conv2D(inChannels: 8, outChannels: 16, kernelSize: 5, padding: 2, seed: 42)
        let other = Conv2D(inChannels: 8, outChannels: 16, kernelSize: 5, padding: 2, seed: 43)
        #expect(a.weight.value == b.weight.value)
        #expect(a.weight.value != other.weight.value)
        #expect(a.bias.value.scalars.allSatisfy { $0 == 0 })
        // He: variance 2 / fan-in (8·5·5 = 200), so the sample std is near 0.1.
        let values = a.weight.value.scalars.map(Double.init)
        let std = (values.map { $0 * $0 }.reduce(0, +) / Double(values.count)).squareRoot()
        #expect(abs(std - 0.1) < 0.01, "std \(std)")
        other.reset(seed: 42)
        #expect(other.weight.value == a.weight.value)
    }

    @Test("output shapes follow ⌊(H + 2p − k)/s⌋ + 1")
    func outputShapes() throws {
        let layer = Conv2D(inChannels: 3, outChannels: 4, kernelSize: 3, stride: 2, padding: 1, seed: 1)
        #expect(try layer.outputShape(for: [3, 7, 10]) == [4, 4, 5])
        let same = Conv2D(inChannels: 1, outChannels: 8, kernelSize: 5, padding: 2, seed: 1)
        #expect(try same.outputShape(for: [1, 28, 28]) == [8, 28, 28])
    }

    @Test("a mismatched input is a ShapeError naming the layer and both shapes")
    func shapeErrors() {
        let layer = Conv2D(inChannels: 3, outChannels: 4, kernelSize: 5, seed: 1)
        #expect(throws: ShapeError.self) { try layer.outputShape(for: [1, 28, 28]) }
        #expect(throws: ShapeError.self) { try layer.outputShape(for: [3, 4, 28]) }
        #expect(throws: ShapeError.self) { try layer.outputShape(for: [784]) }
        do {
            _ = try layer.outputShape(for: [1, 28, 28])
        } catch {
            #expect(error.description.contains("Conv2D 3→4 5×5"))
            #expect(error.description.contains("1×28×28"))
            #expect(error.description.contains("3×H×W"))
        }
    }

    @Test("impossible settings are named", arguments: [(0, 1, 3, 1, 0), (1, 0, 3, 1, 0), (1, 1, 0, 1, 0),
                                                       (1, 1, 3, 0, 0), (1, 1, 3, 1, -1), (1, 1, 3, 1, 3)])
    func settings(_ s: (Int, Int, Int, Int, Int)) {
        #expect(Conv2D.settingsError(inChannels: s.0, outChannels: s.1, kernelSize: s.2,
                                     stride: s.3, padding: s.4) != nil)
    }
}
