import Testing
@testable import MiniNN

@Suite("Trainer")
struct TrainerTests {
    static let xorSpec = ModelSpec(inputShape: [2], layers: [
        .dense(inputs: 2, outputs: 8), .activation(.tanh), .dense(inputs: 8, outputs: 1), .activation(.sigmoid),
    ], loss: .binaryCrossEntropy)

    static let blobSpec = ModelSpec(inputShape: [2], layers: [
        .dense(inputs: 2, outputs: 16), .activation(.relu), .dropout(rate: 0.2), .dense(inputs: 16, outputs: 3),
    ], loss: .softmaxCrossEntropy)

    static func weights(_ model: Sequential) -> [[Float]] { model.parameters.map(\.value.scalars) }

    @Test("A 2→8 tanh→1 sigmoid MLP with BCE reaches 100 % on XOR")
    func mlpSolvesXOR() throws {
        let model = try ModelBuilder.build(TrainerTests.xorSpec, seed: 1)
        let knobs = LiveKnobs(Hyperparameters(learningRate: 0.05, optimizer: .adam, batchSize: 4))
        let trainer = try Trainer(model: model, loss: .binaryCrossEntropy, train: TinyDatasets.xor,
                                  knobs: knobs, seed: 1)
        let reports = trainer.train(epochs: 500)
        #expect(reports.count == 500)
        #expect(reports.last?.train.accuracy == 1)
        #expect((reports.last?.train.loss ?? 1) < 0.05)
    }

    @Test("Events: one batchEnd per batch, one epochEnd per epoch with every split evaluated")
    func events() throws {
        let model = try ModelBuilder.build(TrainerTests.blobSpec, seed: 3)
        let knobs = LiveKnobs(Hyperparameters(learningRate: 0.05, optimizer: .momentum, batchSize: 32))
        let trainer = try Trainer(model: model, loss: .softmaxCrossEntropy,
                                  train: TinyDatasets.blobs(count: 100, classes: 3, seed: 1),
                                  validation: TinyDatasets.blobs(count: 30, classes: 3, seed: 2),
                                  test: TinyDatasets.blobs(count: 20, classes: 3, seed: 3), knobs: knobs, seed: 3)
        let recorder = EventRecorder()
        trainer.addObserver(recorder)
        trainer.train(epochs: 2)
        // 100 items in batches of 32: 32, 32, 32, 4.
        #expect(recorder.batches.map(\.batchSize) == [32, 32, 32, 4, 32, 32, 32, 4])
        #expect(recorder.batches.map(\.batch) == [0, 1, 2, 3, 0, 1, 2, 3])
        #expect(recorder.batches.allSatisfy { $0.batchesPerEpoch == 4 })
        #expect(recorder.batches.last?.itemsSeen == 200)
        #expect(recorder.epochs.map(\.epoch) == [0, 1])
        #expect(recorder.epochs.last?.train.count == 100)
        #expect(recorder.epochs.last?.validation?.count == 30)
        #expect(recorder.epochs.last?.test?.count == 20)
        #expect((recorder.epochs.last?.validation?.accuracy ?? 0) > 0.8)
        trainer.removeObserver(recorder)
        trainer.step()
        #expect(recorder.batches.count == 8)
    }

    @Test("Knobs changed between steps take effect on the next step")
    func liveKnobs() throws {
        let model = try ModelBuilder.build(TrainerTests.blobSpec, seed: 5)
        let knobs = LiveKnobs(Hyperparameters(learningRate: 0.1, optimizer: .sgd, batchSize: 10))
        let trainer = try Trainer(model: model, loss: .softmaxCrossEntropy,
                                  train: TinyDatasets.blobs(count: 60, classes: 3, seed: 4), knobs: knobs, seed: 5)
        let first = try #require(trainer.step())
        #expect(first.batchSize == 10)

        knobs.update { $0.learningRate = 0 }
        let frozen = TrainerTests.weights(model)
        let second = try #require(trainer.step())
        #expect(second.learningRate == 0)
        #expect(TrainerTests.weights(model) == frozen, "learning rate 0 must leave the weights alone")

        knobs.update { $0.learningRate = 0.1; $0.batchSize = 7; $0.dropout = 0.5; $0.optimizer = .adam }
        let third = try #require(trainer.step())
        #expect(third.batchSize == 7)
        #expect(model.dropoutLayers.allSatisfy { $0.rate == 0.5 })
        #expect(TrainerTests.weights(model) != frozen)

        // Weight decay alone, with a zero learning rate, still changes nothing;
        // with a learning rate it shrinks the weights more than without.
        knobs.update { $0.learningRate = 0; $0.weightDecay = 1; $0.dropout = 0 }
        let beforeDecay = TrainerTests.weights(model)
        trainer.step()
        #expect(TrainerTests.weights(model) == beforeDecay)
    }

    @Test("A NaN loss emits diverged, skips the update, refuses steps until reset")
    func divergence() throws {
        let spec = ModelSpec(inputShape: [2], layers: [.dense(inputs: 2, outputs: 1)], loss: .meanSquaredError)
        let model = try ModelBuilder.build(spec, seed: 2)
        let knobs = LiveKnobs(Hyperparameters(learningRate: 1e30, optimizer: .sgd, batchSize: 4))
        let trainer = try Trainer(model: model, loss: .meanSquaredError, train: TinyDatasets.or,
                                  knobs: knobs, seed: 2)
        let recorder = EventRecorder()
        trainer.addObserver(recorder)
        var steps = 0
        var weightsBeforeDivergingStep = TrainerTests.weights(model)
        while !trainer.isDiverged && steps < 20 {
            weightsBeforeDivergingStep = TrainerTests.weights(model)
            trainer.step()
            steps += 1
        }
        #expect(trainer.isDiverged)
        let report = try #require(recorder.divergences.first)
        #expect(!report.loss.isFinite)
        #expect(report.reason == .notFinite)
        #expect(TrainerTests.weights(model) == weightsBeforeDivergingStep, "the diverging update was applied")
        #expect(trainer.step() == nil)
        #expect(trainer.trainEpoch() == nil)

        knobs.update { $0.learningRate = 0.1 }
        trainer.resetWeights(seed: 9)
        #expect(!trainer.isDiverged)
        let fresh = try ModelBuilder.build(spec, seed: 9)
        #expect(TrainerTests.weights(model) == TrainerTests.weights(fresh))
        #expect(trainer.step() != nil)
    }

    @Test("A loss above the divergence limit stops training like a NaN")
    func divergenceLimit() throws {
        let model = try ModelBuilder.build(TrainerTests.xorSpec, seed: 3)
        let trainer = try Trainer(model: model, loss: .binaryCrossEntropy, train: TinyDatasets.xor,
                                  knobs: LiveKnobs(Hyperparameters(learningRate: 0.1, batchSize: 4)), seed: 3)
        let recorder = EventRecorder()
        trainer.addObserver(recorder)
        let first = try #require(trainer.step())
        trainer.divergenceLossLimit = first.loss / 2
        let weights = TrainerTests.weights(model)
        #expect(trainer.step() == nil)
        #expect(trainer.isDiverged)
        #expect(TrainerTests.weights(model) == weights)
        #expect(recorder.divergences.first?.loss.isFinite == true)
    }

    @Test("cancel() stops a run after the current batch")
    func cancellation() throws {
        let model = try ModelBuilder.build(TrainerTests.blobSpec, seed: 1)
        let knobs = LiveKnobs(Hyperparameters(learningRate: 0.01, batchSize: 5))
        let trainer = try Trainer(model: model, loss: .softmaxCrossEntropy,
                                  train: TinyDatasets.blobs(count: 50, classes: 3, seed: 1), knobs: knobs, seed: 1)
        let recorder = EventRecorder()
        recorder.onEvent = { event in
            if case .batchEnd(let report) = event, report.batch == 2 { trainer.cancel() }
        }
        trainer.addObserver(recorder)
        #expect(trainer.train(epochs: 3).isEmpty)
        #expect(recorder.batches.count == 3)
        #expect(trainer.batchInEpoch == 3)
        // The request was consumed: the next run goes on from batch 3 to the epoch's end.
        recorder.onEvent = { _ in }
        #expect(trainer.trainEpoch()?.epoch == 0)
        #expect(recorder.batches.count == 10)
    }

    @Test("A cosine schedule scales the learning rate from full to the floor")
    func cosineSchedule() throws {
        let model = try ModelBuilder.build(TrainerTests.xorSpec, seed: 1)
        let knobs = LiveKnobs(Hyperparameters(learningRate: 0.2, batchSize: 1))
        let trainer = try Trainer(model: model, loss: .binaryCrossEntropy, train: TinyDatasets.xor,
                                  knobs: knobs, seed: 1)
        trainer.schedule = .cosine(totalSteps: 4, floor: 0.1)
        let rates = (0..<6).compactMap { _ in trainer.step()?.learningRate }
        let quarterRootTwo: Float = Float(2).squareRoot() / 4
        // ½(1 + cos(πt/4)) for t = 0…4, then held at t = 4.
        let cosineFactors: [Float] = [1, 0.5 + quarterRootTwo, 0.5, 0.5 - quarterRootTwo, 0, 0]
        let expected = cosineFactors.map { 0.2 * (0.1 + 0.9 * $0) }
        for (rate, wanted) in zip(rates, expected) { #expect(abs(rate - wanted) < 1e-6) }
        #expect(rates.count == 6)
    }

    @Test("replaceData swaps the data and keeps the weights")
    func replaceData() throws {
        let model = try ModelBuilder.build(TrainerTests.xorSpec, seed: 4)
        let trainer = try Trainer(model: model, loss: .binaryCrossEntropy, train: TinyDatasets.xor,
                                  knobs: LiveKnobs(Hyperparameters(batchSize: 4)), seed: 4)
        trainer.step()
        let weights = TrainerTests.weights(model)
        try trainer.replaceData(train: TinyDatasets.and, validation: TinyDatasets.or, test: nil)
        #expect(TrainerTests.weights(model) == weights)
        #expect(trainer.trainingSet.name == "AND")
        #expect(trainer.batchInEpoch == 0)
        #expect(throws: TrainerError.self) {
            try trainer.replaceData(train: TinyDatasets.blobs(count: 9, classes: 3, seed: 1), validation: nil, test: nil)
        }
    }

    @Test("Data that does not fit the model is refused with a message naming both")
    func mismatches() throws {
        let model = try ModelBuilder.build(TrainerTests.xorSpec, seed: 1)
        let knobs = LiveKnobs(Hyperparameters())
        let wide = Dataset(name: "wide", itemShape: [3], classNames: ["a", "b"],
                           features: .float([0, 0, 0]), labels: [1])
        #expect {
            try Trainer(model: model, loss: .binaryCrossEntropy, train: wide, knobs: knobs, seed: 1)
        } throws: { ($0 as? TrainerError)?.message.contains("wide has items of shape 3") == true }
        #expect {
            try Trainer(model: model, loss: .binaryCrossEntropy,
                        train: TinyDatasets.blobs(count: 6, classes: 3, seed: 1), knobs: knobs, seed: 1)
        } throws: { ($0 as? TrainerError)?.message.contains("3 classes") == true }
        #expect(throws: TrainerError.self) {
            try Trainer(model: model, loss: .softmaxCrossEntropy, train: TinyDatasets.xor, knobs: knobs, seed: 1)
        }
        #expect(throws: TrainerError.self) {
            try Trainer(model: model, loss: .binaryCrossEntropy, train: TinyDatasets.xor, knobs: knobs, seed: 1,
                        rule: .perceptron)
        }
    }

    @Test("Evaluation runs in inference mode: dropout does not change it")
    func evaluationIsDeterministic() throws {
        let model = try ModelBuilder.build(TrainerTests.blobSpec, seed: 8)
        let trainer = try Trainer(model: model, loss: .softmaxCrossEntropy,
                                  train: TinyDatasets.blobs(count: 40, classes: 3, seed: 8),
                                  knobs: LiveKnobs(Hyperparameters(dropout: 0.5)), seed: 8)
        trainer.evaluationBatchSize = 7
        let first = trainer.evaluate(trainer.trainingSet)
        #expect(first == trainer.evaluate(trainer.trainingSet))
        #expect(first.count == 40)
    }
}
