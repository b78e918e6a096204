import Foundation
import Testing
@testable import MiniNN

@Suite("Losses and predictions")
struct LossTests {
    /// Outputs the loss accepts: probabilities in (0.05, 0.95) for BCE, any real otherwise.
    static func outputs(_ kind: LossKind, batch: Int, width: Int, seed: UInt64) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        var tensor = Tensor(shape: [batch, width])
        for i in 0..<tensor.count {
            tensor.scalars[i] = kind == .binaryCrossEntropy
                ? generator.nextFloat(in: 0.05..<0.95) : generator.nextGaussian(std: 2)
        }
        return tensor
    }

    @Test("Loss gradients match central differences",
          arguments: [(LossKind.meanSquaredError, 1), (.meanSquaredError, 4), (.binaryCrossEntropy, 1),
                      (.binaryCrossEntropy, 3), (.softmaxCrossEntropy, 2), (.softmaxCrossEntropy, 5)])
    func gradient(_ kind: LossKind, width: Int) {
        let batch = 6
        let output = LossTests.outputs(kind, batch: batch, width: width, seed: UInt64(width) * 31)
        let labels = (0..<batch).map { $0 % (width == 1 ? 2 : width) }
        let report = GradientCheck.check(kind, output: output, labels: labels)
        #expect(report.passed, "\(report)")
    }

    @Test("Mean squared error: width 1 targets the label, width C the one-hot vector")
    func meanSquaredErrorValues() {
        // (0.5 − 1)² and (0.25 − 0)², averaged: (0.25 + 0.0625) / 2.
        let single = Tensor(shape: [2, 1], scalars: [0.5, 0.25])
        #expect(LossKind.meanSquaredError.loss(single, labels: [1, 0]) == 0.15625)
        // One item, label 2 of 3: ((0.5)² + (0)² + (0.5 − 1)²) / 3.
        let wide = Tensor(shape: [1, 3], scalars: [0.5, 0, 0.5])
        #expect(abs(LossKind.meanSquaredError.loss(wide, labels: [2]) - 0.5 / 3) < 1e-7)
    }

    @Test("Binary cross-entropy equals −log p of the true class and stays finite at 0 and 1")
    func binaryCrossEntropyValues() {
        let output = Tensor(shape: [2, 1], scalars: [0.8, 0.3])
        let expected = -(log(0.8) + log(0.7)) / 2
        #expect(abs(Double(LossKind.binaryCrossEntropy.loss(output, labels: [1, 0])) - expected) < 1e-6)
        let certainAndWrong = Tensor(shape: [2, 1], scalars: [0, 1])
        var gradient = Tensor(shape: [0])
        let loss = LossKind.binaryCrossEntropy.lossAndGradient(certainAndWrong, labels: [1, 0], gradient: &gradient)
        #expect(loss.isFinite && loss > 10)
        #expect(gradient.scalars.allSatisfy { $0.isFinite })
        #expect(gradient.scalars[0] < 0 && gradient.scalars[1] > 0, "the gradient must push toward the labels")
    }

    @Test("Softmax cross-entropy: log C for equal logits, exact value for a known case")
    func softmaxValues() {
        let uniform = Tensor(shape: [2, 4], repeating: 3)
        #expect(abs(LossKind.softmaxCrossEntropy.loss(uniform, labels: [0, 3]) - Float(log(4.0))) < 1e-6)
        let logits = Tensor(shape: [1, 3], scalars: [1, 2, 3])
        let expected = log(exp(1.0) + exp(2.0) + exp(3.0)) - 2
        #expect(abs(Double(LossKind.softmaxCrossEntropy.loss(logits, labels: [1])) - expected) < 1e-6)
    }

    @Test("Softmax cross-entropy is stable for logits of ±1e4", arguments: [Float(1e4), -1e4])
    func softmaxStable(_ magnitude: Float) {
        let logits = Tensor(shape: [2, 3], scalars: [magnitude, 0, -magnitude, 0, magnitude, 0])
        var gradient = Tensor(shape: [0])
        let loss = LossKind.softmaxCrossEntropy.lossAndGradient(logits, labels: [0, 1], gradient: &gradient)
        #expect(loss.isFinite)
        #expect(gradient.scalars.allSatisfy { $0.isFinite })
        // +1e4: each labelled logit beats the others by 1e4, so both rows lose exactly 0.
        // −1e4: row 0 = [−1e4, 0, 1e4] labelled 0 loses 2e4; row 1 = [0, −1e4, 0]
        // labelled 1 loses 1e4 + log 2 (two logits tie at the top).
        if magnitude > 0 {
            #expect(loss == 0)
        } else {
            #expect(abs(loss - (2e4 + 1e4 + Float(log(2.0))) / 2) < 0.01)
        }
    }

    @Test("The gradient buffer is reused when its shape fits")
    func gradientBufferReused() {
        let output = LossTests.outputs(.softmaxCrossEntropy, batch: 4, width: 3, seed: 1)
        var gradient = Tensor(shape: [4, 3])
        let before = gradient.scalars.withUnsafeBufferPointer { $0.baseAddress }
        _ = LossKind.softmaxCrossEntropy.lossAndGradient(output, labels: [0, 1, 2, 0], gradient: &gradient)
        #expect(gradient.scalars.withUnsafeBufferPointer { $0.baseAddress } == before)
    }

    @Test("Predictions: width 1 thresholds at 0.5, width C takes the first largest")
    func predictions() {
        let single = Tensor(shape: [4, 1], scalars: [0.49, 0.5, 0.9, -3])
        #expect(Prediction.classes(single) == [0, 1, 1, 0])
        let wide = Tensor(shape: [3, 3], scalars: [0.1, 0.7, 0.2, 5, 5, 1, -1, -2, -0.5])
        #expect(Prediction.classes(wide) == [1, 0, 2])
        #expect(Prediction.accuracy(wide, labels: [1, 1, 2]) == Float(2) / 3)
        #expect(Prediction.correctCount(single, labels: [0, 0, 1, 0]) == 3)
    }

    @Test("Width checks and label checks name the problem")
    func checks() {
        #expect(LossKind.softmaxCrossEntropy.widthError(1) != nil)
        #expect(LossKind.softmaxCrossEntropy.widthError(2) == nil)
        #expect(LossKind.binaryCrossEntropy.widthError(1) == nil)
        #expect(LossKind.labelError(width: 1, labels: [0, 1, 2])?.contains("label 2") == true)
        #expect(LossKind.labelError(width: 3, labels: [0, 1, 2]) == nil)
    }
}
