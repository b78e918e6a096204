import Foundation
import Testing
@testable import MiniNN

@Suite("CSV regression: mean squared error on real targets, RMSE and R², and a quantity target told from classes")
struct RegressionCSVTests {
    @Test("the regression loss is the mean of squared errors, and its gradient matches central differences")
    func lossAndGradient() {
        let output = Tensor(shape: [4, 1], scalars: [1.5, -0.25, 3, 0.75])
        let targets: [Float] = [1, 0.5, 2, 0.75]
        // (0.25 + 0.5625 + 1 + 0) / 4.
        #expect(abs(RegressionLoss.meanSquaredError(output, targets: targets) - 0.453125) < 1e-7)
        var gradient = Tensor(shape: [0])
        _ = RegressionLoss.meanSquaredError(output, targets: targets, gradient: &gradient)
        let step: Float = 1e-3
        for i in 0..<4 {
            var up = output, down = output
            up.scalars[i] += step
            down.scalars[i] -= step
            let numeric = (RegressionLoss.meanSquaredError(up, targets: targets)
                           - RegressionLoss.meanSquaredError(down, targets: targets)) / (2 * step)
            #expect(abs(gradient.scalars[i] - numeric) < 1e-3, "element \(i): \(gradient.scalars[i]) vs \(numeric)")
        }
    }

    @Test("RMSE and R² of known predictions")
    func rmseAndR2() {
        let exact = RegressionEvaluation(predictions: [1, 2, 3], targets: [1, 2, 3])
        #expect(exact.rmse == 0 && exact.r2 == 1)
        // Predicting the mean everywhere scores R² 0; errors of 1, 0, 1 give RMSE √(2/3).
        let mean = RegressionEvaluation(predictions: [2, 2, 2], targets: [1, 2, 3])
        #expect(abs(mean.r2) < 1e-6)
        #expect(abs(mean.rmse - (2.0 / 3).squareRoot()) < 1e-6)
    }

    @Test("a fraction or more than 20 whole values make a quantity; a few whole numbers or words are classes")
    func quantityOrClasses() throws {
        func isQuantity(_ values: [String]) throws -> Bool {
            try CSVTable.parse((["x,y"] + values.enumerated().map { "\($0),\($1)" }).joined(separator: "\n"), path: "t.csv")
                .targetIsQuantity(nil)
        }
        #expect(try isQuantity(["1.5", "2", "3"]))
        #expect(try isQuantity((0..<21).map(String.init)))
        #expect(try !isQuantity((0..<20).map(String.init)))
        #expect(try !isQuantity(["a", "b", "2.5"]))
    }

    @Test("the split keeps each row's target with its row, and a text target is refused by line")
    func splitKeepsTargets() throws {
        // y = 10·x exactly, so a target that left its row would show.
        let text = (["x,y"] + (0..<50).map { "\($0),\(Double($0) * 10 + 0.5)" }).joined(separator: "\n")
        let table = try CSVTable.parse(text, path: "t.csv").regressionDataset()
        #expect(table.schema.isRegression)
        let prepared = table.prepared(validationFraction: 0.2, seed: 5)
        #expect(prepared.split.train.count == 40 && prepared.split.validation.count == 10)
        for (set, targets) in [(prepared.split.train, prepared.trainTargets), (prepared.split.validation,
                                                                                prepared.validationTargets)] {
            guard case .float(let x) = set.features, let targets else { Issue.record("floats and targets expected"); return }
            #expect(x.count == targets.count)
            #expect(zip(x, targets).allSatisfy { $1 == $0 * 10 + 0.5 }, "\(Array(zip(x, targets)))")
        }
        #expect(throws: DatasetError.targetNotANumber(path: "t.csv", line: 3, column: "y", text: "lots")) {
            try CSVTable.parse("x,y\n1,2.5\n2,lots\n", path: "t.csv").regressionDataset()
        }
    }

    @Test("the trainer fits a linear rule, and the folded model alone predicts in the target's units")
    func trainerFits() throws {
        var lines = ["a,b,y"]
        var generator = SeededGenerator(seed: 9)
        for _ in 0..<400 {
            let a = generator.nextFloat(in: 0..<10), b = generator.nextFloat(in: -1..<1)
            lines.append("\(a),\(b),\(5000 + 300 * a - 800 * b)")
        }
        let prepared = try CSVTable.parse(lines.joined(separator: "\n"), path: "t.csv").regressionDataset()
            .prepared(validationFraction: 0.25, seed: 1)
        let spec = ModelSpec(inputShape: [2], layers: [.dense(inputs: 2, outputs: 16), .activation(.tanh),
                                                       .dense(inputs: 16, outputs: 1)], loss: .meanSquaredError)
        let trainer = try RegressionTrainer(
            model: try ModelBuilder.build(spec, seed: 1), train: prepared.split.train,
            trainTargets: try #require(prepared.trainTargets), validation: prepared.split.validation,
            validationTargets: prepared.validationTargets,
            hyperparameters: Hyperparameters(learningRate: 0.01, optimizer: .adam, batchSize: 16), seed: 1)
        var last: RegressionEpochReport?
        for _ in 0..<60 { last = trainer.trainEpoch() }
        let validation = try #require(last?.validation)
        // The target's deviation is about 1000; a fit within 5% of it.
        #expect(validation.r2 > 0.99, "\(validation)")
        #expect(validation.rmse < 60, "\(validation)")
        let before = trainer.predictions(prepared.split.validation)
        trainer.foldTargetScaleIntoModel()
        let folded = RegressionTrainer.outputs(of: trainer.model, on: prepared.split.validation)
        #expect(zip(before, folded).allSatisfy { abs($0 - $1) < 0.05 }, "folding changes no prediction")
    }
}
