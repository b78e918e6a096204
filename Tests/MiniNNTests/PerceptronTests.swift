import Testing
@testable import MiniNN

@Suite("Perceptron")
struct PerceptronTests {
    static let spec = ModelSpec(inputShape: [2], layers: [.dense(inputs: 2, outputs: 1), .activation(.step)],
                                loss: .meanSquaredError)

    static func trainer(on data: Dataset, seed: UInt64) throws -> Trainer {
        let model = try ModelBuilder.build(spec, seed: seed)
        let knobs = LiveKnobs(Hyperparameters(learningRate: 0.1, batchSize: 1))
        return try Trainer(model: model, loss: .meanSquaredError, train: data, knobs: knobs, seed: seed,
                           rule: .perceptron)
    }

    @Test("The perceptron rule reaches 100 % on AND and OR", arguments: ["AND", "OR"], [UInt64(1), 2, 3])
    func separable(_ name: String, seed: UInt64) throws {
        let data = name == "AND" ? TinyDatasets.and : TinyDatasets.or
        let trainer = try PerceptronTests.trainer(on: data, seed: seed)
        let reports = trainer.train(epochs: 100)
        #expect(reports.last?.train.accuracy == 1)
        // Once it separates the data it makes no more mistakes, so it stays there.
        let firstPerfect = try #require(reports.firstIndex { $0.train.accuracy == 1 })
        #expect(reports[firstPerfect...].allSatisfy { $0.train.accuracy == 1 })
    }

    @Test("On XOR the perceptron never exceeds 75 %, however long it trains", arguments: [UInt64(1), 2, 3])
    func xor(seed: UInt64) throws {
        let trainer = try PerceptronTests.trainer(on: TinyDatasets.xor, seed: seed)
        let recorder = EventRecorder()
        trainer.addObserver(recorder)
        let reports = trainer.train(epochs: 2000)
        #expect(reports.count == 2000)
        #expect(reports.allSatisfy { $0.train.accuracy <= 0.75 })
        // And it keeps trying: a line can be right on three of the four points at most,
        // so every epoch has at least one mistake and one update.
        #expect(recorder.batches.contains { $0.loss > 0 })
        #expect(reports.suffix(100).allSatisfy { $0.train.accuracy < 1 })
    }

    @Test("One update follows w ← w + η (y − ŷ) x exactly")
    func rule() {
        let unit = Dense(weight: Tensor(shape: [1, 2], scalars: [0.5, -1]), bias: Tensor(shape: [1], scalars: [-0.25]))
        // x = (1, 0.5): w·x + b = 0.5 − 0.5 − 0.25 < 0, so ŷ = 0; label 1 gives y − ŷ = 1.
        let mistakes = PerceptronRule.train(unit, inputs: Tensor(shape: [1, 2], scalars: [1, 0.5]),
                                            labels: [1], learningRate: 0.5)
        #expect(mistakes == 1)
        #expect(unit.weight.value.scalars == [1, -0.75])
        #expect(unit.bias.value.scalars == [0.25])
        // Now w·x + b = 1 − 0.375 + 0.25 ≥ 0: correct, so nothing changes.
        #expect(PerceptronRule.train(unit, inputs: Tensor(shape: [1, 2], scalars: [1, 0.5]),
                                     labels: [1], learningRate: 0.5) == 0)
        #expect(unit.weight.value.scalars == [1, -0.75])
    }
}
