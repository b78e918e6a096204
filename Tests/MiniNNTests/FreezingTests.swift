import Foundation
@testable import MiniNN
import Testing

/// A dense layer that counts its backward passes.
private final class CountingDense: Layer {
    let inner: Dense
    private(set) var backwardCalls = 0
    init(inputs: Int, outputs: Int, seed: UInt64) { inner = Dense(inputs: inputs, outputs: outputs, seed: seed) }
    var kind: String { "Dense" }
    var summary: String { inner.summary }
    var spec: LayerSpec { inner.spec }
    var parameters: [Parameter] { inner.parameters }
    var computesInputGradient: Bool {
        get { inner.computesInputGradient }
        set { inner.computesInputGradient = newValue }
    }
    func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] { try inner.outputShape(for: inputShape) }
    func forward(_ input: Tensor, training: Bool) -> Tensor { inner.forward(input, training: training) }
    func backward(_ outputGradient: Tensor) -> Tensor {
        backwardCalls += 1
        return inner.backward(outputGradient)
    }
}

@Suite("Freezing layers and replacing the head")
struct FreezingTests {
    static let blobs = ToyData.generate(.blobs, count: 64, noise: 0.3, seed: 3)

    private func trainer(_ model: Sequential, weightDecay: Float = 0, optimizer: OptimizerKind = .adam) throws -> Trainer {
        try Trainer(model: model, loss: .softmaxCrossEntropy, train: FreezingTests.blobs,
                    knobs: LiveKnobs(Hyperparameters(learningRate: 0.05, optimizer: optimizer, batchSize: 16,
                                                     weightDecay: weightDecay)), seed: 1)
    }

    @Test("frozen layers run no backward pass and keep their weights; the layers above still learn")
    func frozenLayersSkipBackward() throws {
        let bottom = CountingDense(inputs: 2, outputs: 8, seed: 1)
        let middle = CountingDense(inputs: 8, outputs: 8, seed: 2)
        let top = CountingDense(inputs: 8, outputs: 2, seed: 3)
        let model = try Sequential(inputShape: [2], layers: [bottom, Activation(.tanh), middle, Activation(.tanh), top])
        model.freeze(below: 4)
        #expect(model.frozenLayerIndices == [0, 2])
        #expect(model.firstTrainableLayerIndex == 4)
        let frozenBefore = (bottom.parameters + middle.parameters).map(\.value)
        let topBefore = top.parameters.map(\.value)
        let run = try trainer(model, weightDecay: 0.01)
        run.train(epochs: 3)
        #expect(run.stepsTaken == 12)
        #expect(top.backwardCalls == 12)
        #expect(middle.backwardCalls == 0)
        #expect(bottom.backwardCalls == 0)
        #expect((bottom.parameters + middle.parameters).map(\.value) == frozenBefore)
        #expect(top.parameters.map(\.value) != topBefore)
    }

    @Test("thawing a layer between steps brings its backward pass back")
    func thawing() throws {
        let bottom = CountingDense(inputs: 2, outputs: 4, seed: 1)
        let top = CountingDense(inputs: 4, outputs: 2, seed: 2)
        let model = try Sequential(inputShape: [2], layers: [bottom, Activation(.relu), top])
        model.freeze(below: 2)
        let run = try trainer(model)
        run.step()
        #expect(bottom.backwardCalls == 0)
        model.setTrainable(true, layers: [0])
        run.step()
        #expect(bottom.backwardCalls == 1)
        #expect(top.backwardCalls == 2)
    }

    @Test("the optimizer leaves frozen parameters alone, weight decay included, and keeps no state for them")
    func optimizerSkipsFrozen() {
        let frozen = Parameter(name: "weight", value: Tensor(shape: [3], scalars: [1, -2, 3]))
        let live = Parameter(name: "weight", value: Tensor(shape: [3], scalars: [1, -2, 3]))
        frozen.isTrainable = false
        for p in [frozen, live] { p.gradient = Tensor(shape: [3], scalars: [0.5, 0.5, 0.5]) }
        for kind in OptimizerKind.allCases {
            let optimizer = Optimizer(kind: kind, learningRate: 0.1, weightDecay: 0.1, l1: 0.1)
            optimizer.step([frozen, live])
            #expect(frozen.value.scalars == [1, -2, 3], "\(kind)")
        }
        #expect(live.value.scalars != [1, -2, 3])
    }

    @Test("a convnet with frozen convolutions trains only its head, and its conv gradients are never computed")
    func frozenConvnet() throws {
        let spec = ModelSpec(inputShape: [1, 8, 8], layers: [
            .conv2d(inChannels: 1, outChannels: 2, kernelSize: 3, stride: 1, padding: 1), .activation(.relu),
            .maxPool2d(window: 2, stride: 2), .flatten, .dense(inputs: 32, outputs: 2),
        ], loss: .softmaxCrossEntropy)
        let model = try ModelBuilder.build(spec, seed: 4)
        model.freeze(below: 4)
        var generator = SeededGenerator(seed: 9)
        let images = Dataset(name: "noise", itemShape: [1, 8, 8], classNames: ["a", "b"],
                             features: .bytes((0..<(32 * 64)).map { _ in UInt8(generator.nextIndex(below: 256)) }),
                             labels: (0..<32).map { UInt8($0 % 2) })
        let kernels = model.layers[0].parameters.map(\.value)
        let run = try Trainer(model: model, loss: .softmaxCrossEntropy, train: images,
                              knobs: LiveKnobs(Hyperparameters(learningRate: 0.01, optimizer: .adam, batchSize: 8)),
                              seed: 2)
        let head = model.layers[4].parameters.map(\.value)
        run.train(epochs: 2)
        #expect(model.layers[0].parameters.map(\.value) == kernels)
        #expect(model.layers[0].parameters.allSatisfy { $0.gradient.scalars.allSatisfy { $0 == 0 } })
        #expect(model.layers[4].parameters.map(\.value) != head)
    }

    @Test("a new head keeps the base's layers and weights; a head that does not fit names the layer")
    func replacingTheHead() throws {
        let base = try ModelBuilder.build(.init(inputShape: [4], layers: [
            .dense(inputs: 4, outputs: 6), .activation(.relu), .dense(inputs: 6, outputs: 3),
        ], loss: .softmaxCrossEntropy), seed: 1)
        let tuned = try base.replacingHead(keeping: 2, with: [Dense(inputs: 6, outputs: 5, seed: 7)])
        #expect(tuned.outputShape == [5])
        #expect(tuned.layers[0] === base.layers[0])
        #expect(throws: ShapeError.self) {
            try base.replacingHead(keeping: 2, with: [Dense(inputs: 7, outputs: 5, seed: 7)])
        }
    }

    @Test("frozen layers are saved in the model file and read back; a bad list is refused by name")
    func frozenLayersInTheFile() throws {
        let spec = ModelSpec(inputShape: [2], layers: [
            .dense(inputs: 2, outputs: 4), .activation(.tanh), .dense(inputs: 4, outputs: 2),
        ], loss: .softmaxCrossEntropy)
        let model = try ModelBuilder.build(spec, seed: 1)
        model.freeze(below: 2)
        let info = ModelFileInfo(architecture: spec, hyperparameters: Hyperparameters(), seed: 1,
                                 normalization: .identity, dataset: "xor", classNames: ["0", "1"])
        let bytes = ModelFile.encode(model, info: info)
        let loaded = try ModelFile.decode(bytes, path: "frozen.safetensors")
        #expect(loaded.model.frozenLayerIndices == [0])
        #expect(loaded.model.firstTrainableLayerIndex == 2)

        let plain = try ModelFile.decode(ModelFile.encode(try ModelBuilder.build(spec, seed: 1), info: info),
                                         path: "plain.safetensors")
        #expect(plain.model.frozenLayerIndices.isEmpty)

        for bad in ["[1]", "[9]", "\"zero\"", "[-1]"] {
            let file = try Safetensors(parsing: bytes)
            var metadata = file.metadata
            metadata[ModelFile.frozenLayersKey] = bad
            let tensors = ModelFile.namedParameters(of: model).map { (name: $0.name, tensor: $0.parameter.value) }
            let rewritten = Safetensors.encode(tensors: tensors, metadata: metadata)
            #expect {
                _ = try ModelFile.decode(rewritten, path: "bad.safetensors")
            } throws: { error in
                "\(error)".contains("bad.safetensors") && "\(error)".contains("frozen_layers")
            }
        }
    }
}
