import Testing
@testable import MiniNN

/// Convolutional layers inside whole models: building from a spec, shape
/// errors at build time, and the inspection views the UI draws.
@Suite("Convnet models and inspection")
struct ConvModelTests {
    /// The lessons' convnet: conv → ReLU → pool → conv → ReLU → pool → flatten → dense.
    static let mnistCNN = ModelSpec(
        inputShape: [1, 28, 28],
        layers: [
            .conv2d(inChannels: 1, outChannels: 8, kernelSize: 5, stride: 1, padding: 2), .activation(.relu),
            .maxPool2d(window: 2, stride: 2),
            .conv2d(inChannels: 8, outChannels: 16, kernelSize: 5, stride: 1, padding: 2), .activation(.relu),
            .maxPool2d(window: 2, stride: 2),
            .flatten, .dense(inputs: 784, outputs: 10),
        ],
        loss: .softmaxCrossEntropy)

    @Test("the mnist-cnn spec builds with the expected shapes and round-trips")
    func buildsFromSpec() throws {
        let model = try ModelBuilder.build(Self.mnistCNN, seed: 1)
        #expect(model.shapes == [[1, 28, 28], [8, 28, 28], [8, 28, 28], [8, 14, 14], [16, 14, 14],
                                 [16, 14, 14], [16, 7, 7], [784], [10]])
        #expect(model.parameterCount == (8 * 25 + 8) + (16 * 8 * 25 + 16) + (784 * 10 + 10))
        #expect(model.spec(loss: .softmaxCrossEntropy) == Self.mnistCNN)
        // Convolutions followed by ReLU get He init, from the seed.
        let conv = try #require(model.layers[3] as? Conv2D)
        #expect(conv.initializer == .he)
        let again = try ModelBuilder.build(Self.mnistCNN, seed: 1)
        #expect((again.layers[3] as? Conv2D)?.weight.value == conv.weight.value)
    }

    @Test("a dense layer that does not fit the flattened size is rejected at build time")
    func denseAfterFlattenMismatch() {
        var spec = Self.mnistCNN
        spec.layers[7] = .dense(inputs: 800, outputs: 10)
        do {
            _ = try ModelBuilder.build(spec, seed: 1)
            Issue.record("a Dense 800 after a Flatten of 784 was accepted")
        } catch let error as ShapeError {
            #expect(error.layerIndex == 7)
            #expect(error.description.contains("Dense 800→10"))
            #expect(error.description.contains("784"))
            #expect(error.description.contains("800"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("impossible conv and pool settings in a spec are build errors, not traps")
    func badSettings() {
        var spec = Self.mnistCNN
        spec.layers[0] = .conv2d(inChannels: 1, outChannels: 8, kernelSize: 0, stride: 1, padding: 0)
        #expect(throws: ModelBuildError.self) { try ModelBuilder.build(spec, seed: 1) }
        spec = Self.mnistCNN
        spec.layers[2] = .maxPool2d(window: 2, stride: 0)
        #expect(throws: ModelBuildError.self) { try ModelBuilder.build(spec, seed: 1) }
        spec = Self.mnistCNN
        spec.layers[3] = .conv2d(inChannels: 4, outChannels: 16, kernelSize: 5, stride: 1, padding: 2)
        #expect(throws: ShapeError.self) { try ModelBuilder.build(spec, seed: 1) }
    }

    @Test("kernels come out as out × in × k × k arrays in the weight's order")
    func kernels() throws {
        let model = try ModelBuilder.build(Self.mnistCNN, seed: 2)
        let conv = try #require(model.layers[3] as? Conv2D)
        let kernels = conv.kernels
        #expect(kernels.count == 16 && kernels[0].count == 8 && kernels[0][0].count == 5 && kernels[0][0][0].count == 5)
        #expect(kernels[3][5][2][4] == conv.weight.value[3, 5, 2, 4])
        #expect(kernels[15][7][4][0] == conv.weight.value[15, 7, 4, 0])
    }

    @Test("activation maps are each layer's output for one digit")
    func activationMaps() throws {
        let model = try ModelBuilder.build(Self.mnistCNN, seed: 3)
        let digit = GradientCheck.randomTensor(shape: [1, 28, 28], seed: 4)
        let maps = try model.activations(for: digit)
        #expect(maps.map(\.shape) == Array(model.shapes.dropFirst()))
        #expect(maps[0].channelCount == 8)
        let firstChannel = try #require(maps[0].channel(0))
        #expect(firstChannel.count == 28 && firstChannel[0].count == 28)
        #expect(maps[1].values.allSatisfy { $0 >= 0 }, "the ReLU map has negative values")
        // The last map is the model's output for the digit. Layer by layer and
        // fused, the sums run in another order (and OpenBLAS's thread count is
        // process-wide, set by whichever test runs beside this one), so the two
        // agree to rounding, not to the bit.
        let output = model.forward(digit.reshaped([1, 1, 28, 28]), training: false)
        let last = try #require(maps.last?.values)
        #expect(last.count == output.scalars.count)
        #expect(zip(last, output.scalars).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($1)) },
                "\(last) vs \(output.scalars)")
        #expect(maps[7].channel(0) == nil, "a vector has no channels")
        #expect(maps[0].channel(8) == nil)
    }

    @Test("an input of the wrong size is a ShapeError, not a trap")
    func activationMapsOfWrongInput() throws {
        let model = try ModelBuilder.build(Self.mnistCNN, seed: 3)
        #expect(throws: ShapeError.self) { try model.activations(for: Tensor(shape: [1, 27, 28])) }
    }
}
