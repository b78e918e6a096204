import Testing
@testable import MiniNN

/// Passes its input through and, in a training forward, runs `during`: a
/// stand-in for the UI thread turning a knob while a batch is being trained,
/// at a known moment (after the step began, before its update).
final class MidBatchHook: Layer {
    var during: () -> Void = {}
    var kind: String { "Hook" }
    var summary: String { "Hook" }
    var spec: LayerSpec { .flatten }
    func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] { inputShape }
    func forward(_ input: Tensor, training: Bool) -> Tensor {
        if training { during() }
        return input
    }
    func backward(_ outputGradient: Tensor) -> Tensor { outputGradient }
}

/// The trainer reads the shared knobs once per step, uses that one value for
/// the whole step and reports it: a knob turned mid-step waits for the next.
@Suite("Trainer knob reads")
struct TrainerKnobReadTests {
    static let data = TinyDatasets.blobs(count: 60, classes: 3, seed: 4)

    static func trainer(knobs: LiveKnobs, hook: MidBatchHook) throws -> Trainer {
        let model = try Sequential(inputShape: [2], layers: [Dense(inputs: 2, outputs: 3, seed: 7), hook])
        return try Trainer(model: model, loss: .softmaxCrossEntropy, train: data, knobs: knobs, seed: 5)
    }

    @Test("a knob turned while a step runs changes neither that step's update nor its report")
    func oneReadPerStep() throws {
        let rates: [Float] = [0.1, 0.03, 1, 0.3]
        let knobs = LiveKnobs(Hyperparameters(learningRate: rates[0], optimizer: .sgd, batchSize: 10))
        let hook = MidBatchHook()
        hook.during = { knobs.update { $0.learningRate = 9; $0.optimizer = .adam; $0.weightDecay = 1 } }
        let trainer = try Self.trainer(knobs: knobs, hook: hook)
        // The same run with nobody turning anything mid-step.
        let referenceKnobs = LiveKnobs(knobs.value)
        let reference = try Self.trainer(knobs: referenceKnobs, hook: MidBatchHook())

        for rate in rates {
            knobs.update { $0.learningRate = rate; $0.optimizer = .sgd; $0.weightDecay = 0 }
            referenceKnobs.update { $0.learningRate = rate }
            let report = try #require(trainer.step())
            let expected = try #require(reference.step())
            #expect(knobs.value.learningRate == 9, "the hook ran mid-step")
            #expect(report.learningRate == rate)
            #expect(report.hyperparameters == Hyperparameters(learningRate: rate, optimizer: .sgd, batchSize: 10))
            #expect(trainer.model.parameters.map(\.value.scalars) == reference.model.parameters.map(\.value.scalars),
                    "at lr \(rate) the update used a knob turned after the step began")
            #expect(report == expected)
        }
    }

    @Test("the report carries the knobs as used: clamped, and the schedule's rate beside the knob's")
    func reportsTheValuesUsed() throws {
        let knobs = LiveKnobs(Hyperparameters(learningRate: 0.2, optimizer: .momentum, batchSize: 0,
                                              dropout: 2, weightDecay: -1, l1: .nan))
        let trainer = try Self.trainer(knobs: knobs, hook: MidBatchHook())
        trainer.schedule = .cosine(totalSteps: 2, floor: 0)
        let first = try #require(trainer.step())
        let second = try #require(trainer.step())
        #expect(first.hyperparameters == Hyperparameters(learningRate: 0.2, optimizer: .momentum, batchSize: 1,
                                                         dropout: Dropout.maximumRate, weightDecay: 0, l1: 0))
        #expect(first.batchSize == 1)
        #expect(first.learningRate == 0.2)
        #expect(second.hyperparameters.learningRate == 0.2)
        #expect(second.learningRate < 0.2, "halfway through the cosine the step's rate is below the knob")
    }
}
