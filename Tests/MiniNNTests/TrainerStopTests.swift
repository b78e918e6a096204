import Synchronization
import Testing
@testable import MiniNN

/// A closing window never waits for a whole evaluation pass.
@Suite("Trainer evaluation stop")
struct TrainerStopTests {
    @Test("once the stop check says so, an evaluation ends after the chunk in progress and says how much it saw")
    func evaluationStopsBetweenChunks() throws {
        let model = try ModelBuilder.build(TrainerTests.blobSpec, seed: 3)
        let data = TinyDatasets.blobs(count: 100, classes: 3, seed: 1)
        let trainer = try Trainer(model: model, loss: .softmaxCrossEntropy, train: data,
                                  knobs: LiveKnobs(Hyperparameters(batchSize: 10)), seed: 3)
        trainer.evaluationBatchSize = 10
        #expect(trainer.evaluate(data).count == 100)
        let calls = Atomic<Int>(0)
        trainer.evaluationShouldStop = { calls.add(1, ordering: .relaxed).newValue >= 3 }
        let stopped = trainer.evaluate(data)
        #expect(stopped.count == 30, "three chunks of 10, then the third check stopped it")
        #expect(stopped.loss.isFinite && (0...1).contains(stopped.accuracy))
    }
}
