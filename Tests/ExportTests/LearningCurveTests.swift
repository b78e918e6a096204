import Foundation
import MiniNN
import Testing

@Suite("learning curves as CSV")
struct LearningCurveTests {
    @Test("rows come from batch events; the epoch's validation fills the epoch's last row")
    func rowsFromEvents() {
        let curve = LearningCurve()
        for batch in 0..<2 {
            curve.training(.batchEnd(BatchReport(epoch: 0, batch: batch, batchesPerEpoch: 2, batchSize: 4,
                                                 loss: 1.5 - Float(batch), accuracy: 0.25, learningRate: 0.01,
                                                 itemsSeen: 4 * (batch + 1))))
        }
        curve.training(.epochEnd(EpochReport(epoch: 0, train: Evaluation(loss: 0.4, accuracy: 0.8, count: 8),
                                             validation: Evaluation(loss: 0.625, accuracy: 0.75, count: 4),
                                             test: nil, seconds: 0.1)))
        #expect(curve.rows == [
            LearningCurve.Row(epoch: 0, batch: 0, trainLoss: 1.5, validationLoss: nil, accuracy: 0.25, learningRate: 0.01),
            LearningCurve.Row(epoch: 0, batch: 1, trainLoss: 0.5, validationLoss: 0.625, accuracy: 0.75, learningRate: 0.01),
        ])
        #expect(curve.csv == """
            epoch,batch,train_loss,validation_loss,accuracy,learning_rate
            0,0,1.5,,0.25,0.01
            0,1,0.5,0.625,0.75,0.01

            """)
    }

    @Test("without a validation split the test evaluation fills the row; with neither, nothing does")
    func testSplitOrNone() {
        let curve = LearningCurve(rows: [
            LearningCurve.Row(epoch: 2, batch: 9, trainLoss: 0.1, validationLoss: nil, accuracy: 1, learningRate: 0.5),
        ])
        let train = Evaluation(loss: 0.1, accuracy: 1, count: 10)
        curve.training(.epochEnd(EpochReport(epoch: 2, train: train, validation: nil, test: nil, seconds: 0)))
        #expect(curve.rows[0].validationLoss == nil)
        curve.training(.epochEnd(EpochReport(epoch: 2, train: train, validation: nil,
                                             test: Evaluation(loss: 0.2, accuracy: 0.9, count: 5), seconds: 0)))
        #expect(curve.rows[0].validationLoss == 0.2 && curve.rows[0].accuracy == 0.9)
    }

    @Test("NaN and infinite losses are written as nan and inf")
    func nonFinite() {
        let curve = LearningCurve(rows: [
            LearningCurve.Row(epoch: 0, batch: 0, trainLoss: .nan, validationLoss: .infinity, accuracy: 0, learningRate: 10),
        ])
        #expect(curve.csv.hasSuffix("0,0,nan,inf,0.0,10.0\n"))
    }

    @Test("a real training run writes one parseable row per batch to a file")
    func fromTraining() throws {
        let data = ExportFixtures.xorData()
        let split = data.split(validationFraction: 0.25, seed: 1)
        let model = try ModelBuilder.build(ExportFixtures.xorSpec, seed: 2)
        let trainer = try Trainer(model: model, loss: .softmaxCrossEntropy, train: split.train,
                                  validation: split.validation, knobs: LiveKnobs(Hyperparameters(batchSize: 16)),
                                  seed: 2)
        let curve = LearningCurve()
        trainer.addObserver(curve)
        trainer.train(epochs: 2)
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let path = folder.appendingPathComponent("curve.csv").path
        try curve.write(to: path)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "epoch,batch,train_loss,validation_loss,accuracy,learning_rate")
        #expect(lines.count == 1 + 2 * trainer.batchesPerEpoch)
        let withValidation = lines.dropFirst().filter { $0.split(separator: ",", omittingEmptySubsequences: false)[3] != "" }
        #expect(withValidation.count == 2)
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(fields.count == 6)
            #expect(Float(fields[2]) != nil && Float(fields[5]) == 0.01)
        }
    }
}
