import Testing
@testable import MiniNN

@Suite("Seeds and dropout")
struct DeterminismTests {
    static let spec = ModelSpec(inputShape: [2], layers: [
        .dense(inputs: 2, outputs: 12), .activation(.relu), .dropout(rate: 0.3),
        .dense(inputs: 12, outputs: 12), .activation(.tanh), .dense(inputs: 12, outputs: 4),
    ], loss: .softmaxCrossEntropy)

    /// Every batch loss and the final weights of a short run.
    static func run(seed: UInt64) throws -> (losses: [Float], weights: [[Float]]) {
        let model = try ModelBuilder.build(spec, seed: seed)
        let knobs = LiveKnobs(Hyperparameters(learningRate: 0.01, optimizer: .adam, batchSize: 16, dropout: 0.3))
        let trainer = try Trainer(model: model, loss: .softmaxCrossEntropy,
                                  train: TinyDatasets.blobs(count: 120, classes: 4, seed: 99),
                                  validation: TinyDatasets.blobs(count: 40, classes: 4, seed: 98),
                                  knobs: knobs, seed: seed)
        let recorder = EventRecorder()
        trainer.addObserver(recorder)
        trainer.train(epochs: 3)
        return (recorder.batches.map(\.loss), model.parameters.map(\.value.scalars))
    }

    @Test("The same seed gives the same losses and weights, bit for bit")
    func sameSeed() throws {
        let first = try DeterminismTests.run(seed: 21)
        let second = try DeterminismTests.run(seed: 21)
        #expect(first.losses.count == 24)
        #expect(first.losses.map(\.bitPattern) == second.losses.map(\.bitPattern))
        #expect(first.weights == second.weights)
        let other = try DeterminismTests.run(seed: 22)
        #expect(other.losses != first.losses)
    }

    @Test("Different seeds give different initial weights; equal seeds equal ones")
    func initialWeights() throws {
        let a = try ModelBuilder.build(DeterminismTests.spec, seed: 1).parameters.map(\.value.scalars)
        let b = try ModelBuilder.build(DeterminismTests.spec, seed: 2).parameters.map(\.value.scalars)
        let c = try ModelBuilder.build(DeterminismTests.spec, seed: 1).parameters.map(\.value.scalars)
        #expect(a == c)
        // Weights (even indices) differ; biases (odd) start at zero for every seed.
        for index in stride(from: 0, to: a.count, by: 2) { #expect(a[index] != b[index]) }
        for index in stride(from: 1, to: a.count, by: 2) { #expect(a[index].allSatisfy { $0 == 0 }) }
    }

    @Test("Resetting the weights with a seed reproduces a fresh run with that seed")
    func resetReproduces() throws {
        let fresh = try DeterminismTests.run(seed: 5)
        let model = try ModelBuilder.build(DeterminismTests.spec, seed: 77)
        let knobs = LiveKnobs(Hyperparameters(learningRate: 0.01, optimizer: .adam, batchSize: 16, dropout: 0.3))
        let trainer = try Trainer(model: model, loss: .softmaxCrossEntropy,
                                  train: TinyDatasets.blobs(count: 120, classes: 4, seed: 99),
                                  validation: TinyDatasets.blobs(count: 40, classes: 4, seed: 98),
                                  knobs: knobs, seed: 77)
        trainer.train(epochs: 1)
        trainer.resetWeights(seed: 5)
        let recorder = EventRecorder()
        trainer.addObserver(recorder)
        trainer.train(epochs: 3)
        #expect(recorder.batches.map(\.loss.bitPattern) == fresh.losses.map(\.bitPattern))
        #expect(model.parameters.map(\.value.scalars) == fresh.weights)
    }

    @Test("Dropout is the identity at inference")
    func dropoutInference() {
        let layer = Dropout(rate: 0.5, seed: 3)
        let input = GradientCheck.randomTensor(shape: [8, 10], seed: 4)
        #expect(layer.forward(input, training: false) == input)
    }

    @Test("Dropout in training keeps the mean: kept units scaled by 1/(1−p), about p of them dropped",
          arguments: [Float(0.1), 0.3, 0.5, 0.8])
    func dropoutScaling(_ rate: Float) {
        let layer = Dropout(rate: rate, seed: 12)
        let count = 100_000
        let output = layer.forward(Tensor(shape: [100, 1_000], repeating: 1), training: true)
        let kept = output.scalars.filter { $0 != 0 }
        #expect(kept.allSatisfy { $0 == 1 / (1 - rate) })
        let droppedFraction = Double(count - kept.count) / Double(count)
        let mean = output.scalars.reduce(0.0) { $0 + Double($1) } / Double(count)
        // Binomial standard deviations at n = 100 000 are below 0.002 (fraction)
        // and 0.007 (mean, at p = 0.8); the bounds allow about five of them.
        #expect(abs(droppedFraction - Double(rate)) < 0.01)
        #expect(abs(mean - 1) < 0.035)
    }
}
