import Testing
@testable import MiniNN

/// Sequential runs Conv2D → ReLU → MaxPool2D as one fused pass; it must give
/// what the three layers give one by one.
@Suite("Fused conv → ReLU → pool")
struct ConvBlockTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var inputShape: [Int]
        var layers: [LayerSpec]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "the mnist-cnn stack on 5 images", inputShape: [5, 1, 28, 28], layers: [
            .conv2d(inChannels: 1, outChannels: 8, kernelSize: 5, stride: 1, padding: 2), .activation(.relu),
            .maxPool2d(window: 2, stride: 2),
            .conv2d(inChannels: 8, outChannels: 16, kernelSize: 5, stride: 1, padding: 2), .activation(.relu),
            .maxPool2d(window: 2, stride: 2), .flatten, .dense(inputs: 784, outputs: 10),
        ]),
        Case(name: "strided conv, overlapping 3×3 stride-2 pool", inputShape: [3, 2, 13, 11], layers: [
            .conv2d(inChannels: 2, outChannels: 3, kernelSize: 3, stride: 2, padding: 1), .activation(.relu),
            .maxPool2d(window: 3, stride: 2), .flatten, .dense(inputs: 18, outputs: 4),
        ]),
        Case(name: "odd sizes: the pool drops the last row and column", inputShape: [2, 3, 9, 7], layers: [
            .conv2d(inChannels: 3, outChannels: 4, kernelSize: 3, stride: 1, padding: 1), .activation(.relu),
            .maxPool2d(window: 2, stride: 2), .flatten, .dense(inputs: 48, outputs: 3),
        ]),
        Case(name: "2×2 stride-1 pool after a 1×1 conv", inputShape: [2, 2, 6, 5], layers: [
            .conv2d(inChannels: 2, outChannels: 3, kernelSize: 1, stride: 1, padding: 0), .activation(.relu),
            .maxPool2d(window: 2, stride: 1), .flatten, .dense(inputs: 60, outputs: 2),
        ]),
    ]

    /// Runs one forward and backward of `spec`'s model with fusion on or off;
    /// returns the output, the input gradient and every parameter gradient.
    static func run(_ c: Case, fused: Bool) throws -> (output: Tensor, inputGradient: Tensor, gradients: [Tensor]) {
        let spec = ModelSpec(inputShape: Array(c.inputShape.dropFirst()), layers: c.layers,
                             loss: .softmaxCrossEntropy)
        let model = try ModelBuilder.build(spec, seed: 21)
        // Non-zero biases, so a bias added before instead of after the max would show.
        for case let conv as Conv2D in model.layers {
            for i in 0..<conv.outChannels { conv.bias.value.scalars[i] = Float(i % 3) * 0.05 - 0.05 }
        }
        model.fusesLayers = fused
        let input = GradientCheck.randomTensor(shape: c.inputShape, seed: 8)
        let output = model.forward(input, training: true)
        let upstream = GradientCheck.randomTensor(shape: output.shape, seed: 9)
        let inputGradient = model.backward(upstream)
        return (output, inputGradient, model.parameters.map(\.gradient))
    }

    @Test("outputs, input gradient and parameter gradients equal the unfused layers", arguments: cases)
    func matchesUnfused(_ c: Case) throws {
        let fused = try ConvBlockTests.run(c, fused: true)
        let plain = try ConvBlockTests.run(c, fused: false)
        // Bit-identical forward: pooling before bias and ReLU commutes exactly.
        #expect(fused.output.scalars == plain.output.scalars)
        #expect(referenceMismatch(fused.inputGradient, plain.inputGradient, "input gradient") == nil)
        #expect(fused.gradients.count == plain.gradients.count)
        for (index, (a, b)) in zip(fused.gradients, plain.gradients).enumerated() {
            #expect(referenceMismatch(a, b, "parameter \(index) gradient") == nil)
        }
        // The check would pass vacuously if everything were zero.
        #expect(fused.gradients.allSatisfy { $0.scalars.contains { $0 != 0 } })
    }

    @Test("only an exact conv → ReLU → max-pool run is fused")
    func planning() throws {
        func fusedCount(_ layers: [LayerSpec]) throws -> Int {
            try ModelBuilder.build(ModelSpec(inputShape: [1, 8, 8], layers: layers, loss: .softmaxCrossEntropy),
                                   seed: 1).fusedRunCount
        }
        let conv = LayerSpec.conv2d(inChannels: 1, outChannels: 2, kernelSize: 3, stride: 1, padding: 1)
        #expect(try fusedCount([conv, .activation(.relu), .maxPool2d(window: 2, stride: 2)]) == 1)
        #expect(try fusedCount([conv, .activation(.tanh), .maxPool2d(window: 2, stride: 2)]) == 0)
        #expect(try fusedCount([conv, .activation(.relu), .dropout(rate: 0.5), .maxPool2d(window: 2, stride: 2)]) == 0)
        #expect(try fusedCount([conv, .maxPool2d(window: 2, stride: 2), .activation(.relu)]) == 0)
    }

    /// Five training steps of the mnist-cnn stack on noise digits: the batch
    /// losses and the final weights.
    static func train(fused: Bool) throws -> (losses: [Float], weights: [[Float]]) {
        let spec = ModelSpec(inputShape: [1, 28, 28], layers: cases[0].layers, loss: .softmaxCrossEntropy)
        let model = try ModelBuilder.build(spec, seed: 4)
        model.fusesLayers = fused
        let images = GradientCheck.randomTensor(shape: [40, 1, 28, 28], seed: 12)
        let data = Dataset(name: "noise digits", itemShape: [1, 28, 28], classNames: (0..<10).map(String.init),
                           features: .float(images.scalars), labels: (0..<40).map { UInt8($0 % 10) })
        let knobs = LiveKnobs(Hyperparameters(learningRate: 0.01, optimizer: .adam, batchSize: 8))
        let trainer = try Trainer(model: model, loss: .softmaxCrossEntropy, train: data, knobs: knobs, seed: 3)
        let losses = (0..<5).compactMap { _ in trainer.step()?.loss }
        return (losses, model.parameters.map(\.value.scalars))
    }

    @Test("training steps agree fused and unfused (the first conv skips its input gradient in both)")
    func trainerAgrees() throws {
        let fused = try ConvBlockTests.train(fused: true), plain = try ConvBlockTests.train(fused: false)
        #expect(fused.losses.count == 5 && plain.losses.count == 5)
        for (a, b) in zip(fused.losses, plain.losses) { #expect(abs(a - b) <= 1e-4 * max(1, abs(b)), "\(a) vs \(b)") }
    }

    @Test("a convnet trains bit-identically run after run, whichever core takes which images")
    func deterministic() throws {
        let first = try ConvBlockTests.train(fused: true)
        for _ in 0..<3 {
            let again = try ConvBlockTests.train(fused: true)
            #expect(again.losses.map(\.bitPattern) == first.losses.map(\.bitPattern))
            #expect(again.weights == first.weights)
        }
    }
}
