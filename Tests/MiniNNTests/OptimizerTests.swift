import Testing
@testable import MiniNN

@Suite("Optimizers")
struct OptimizerTests {
    /// A weight (decays) and a bias (does not), with given values and gradients.
    static func parameters(weights: [Float], gradient: [Float]) -> (weight: Parameter, bias: Parameter) {
        let weight = Parameter(name: "weight", value: Tensor(shape: [weights.count], scalars: weights))
        weight.gradient = Tensor(shape: [gradient.count], scalars: gradient)
        let bias = Parameter(name: "bias", value: Tensor(shape: [2], scalars: [0.5, -0.5]), decays: false)
        return (weight, bias)
    }

    @Test("L2 decay: one step on a zero gradient gives w ← w − η·λ·w (biases untouched)",
          arguments: [OptimizerKind.sgd, .momentum])
    func weightDecay(_ kind: OptimizerKind) {
        let start: [Float] = [1, -2, 0.25, 0, 3]
        let (weight, bias) = OptimizerTests.parameters(weights: start, gradient: [0, 0, 0, 0, 0])
        let optimizer = Optimizer(kind: kind, learningRate: 0.1, weightDecay: 0.01)
        optimizer.step([weight, bias])
        // Momentum's first step has v = g′, so it equals plain SGD.
        #expect(weight.value.scalars == start.map { $0 - 0.1 * (0.01 * $0) })
        #expect(bias.value.scalars == [0.5, -0.5])
    }

    @Test("L1 decay: one step on a zero gradient gives w ← w − η·λ·sign(w)")
    func l1Decay() {
        let (weight, bias) = OptimizerTests.parameters(weights: [1, -2, 0], gradient: [0, 0, 0])
        let optimizer = Optimizer(kind: .sgd, learningRate: 0.5, l1: 0.1)
        optimizer.step([weight, bias])
        #expect(weight.value.scalars == [1 - 0.05, -2 + 0.05, 0])
        #expect(bias.value.scalars == [0.5, -0.5])
    }

    @Test("Decay settings changed between steps apply at the next step")
    func decayChangesLive() {
        let (weight, _) = OptimizerTests.parameters(weights: [2], gradient: [0])
        let optimizer = Optimizer(kind: .sgd, learningRate: 1)
        optimizer.step([weight])
        #expect(weight.value.scalars == [2])
        optimizer.weightDecay = 0.25
        optimizer.step([weight])
        #expect(weight.value.scalars == [1.5])
    }

    @Test("SGD and momentum follow their update rules over two steps")
    func momentum() {
        let (weight, _) = OptimizerTests.parameters(weights: [1], gradient: [2])
        let optimizer = Optimizer(kind: .momentum, learningRate: 0.1)
        optimizer.step([weight])  // v = 2,            w = 1 − 0.2 = 0.8
        optimizer.step([weight])  // v = 0.9·2 + 2 = 3.8, w = 0.8 − 0.38 = 0.42
        #expect(abs(weight.value.scalars[0] - 0.42) < 1e-6)
        let (plain, _) = OptimizerTests.parameters(weights: [1], gradient: [2])
        let sgd = Optimizer(kind: .sgd, learningRate: 0.1)
        sgd.step([plain]); sgd.step([plain])
        #expect(abs(plain.value.scalars[0] - 0.6) < 1e-6)
    }

    @Test("Adam's first step moves each weight by about η against its gradient's sign")
    func adamFirstStep() {
        let (weight, _) = OptimizerTests.parameters(weights: [1, 1, 1], gradient: [5, -0.01, 0])
        let optimizer = Optimizer(kind: .adam, learningRate: 0.01)
        optimizer.step([weight])
        // m̂ = g and v̂ = g² after bias correction, so the step is η·g/(|g| + ε).
        #expect(abs(weight.value.scalars[0] - 0.99) < 1e-6)
        #expect(abs(weight.value.scalars[1] - 1.01) < 1e-5)
        #expect(weight.value.scalars[2] == 1)
        #expect(optimizer.adamSteps == 1)
    }

    @Test("Switching the kind keeps the weights and clears the state")
    func switchingKind() {
        let (weight, _) = OptimizerTests.parameters(weights: [1], gradient: [1])
        let optimizer = Optimizer(kind: .adam, learningRate: 0.1)
        optimizer.step([weight]); optimizer.step([weight])
        let afterAdam = weight.value.scalars
        optimizer.kind = .momentum
        #expect(weight.value.scalars == afterAdam)
        #expect(optimizer.adamSteps == 0)
        optimizer.step([weight])
        // A fresh velocity: the first momentum step is exactly an SGD step.
        #expect(weight.value.scalars == [afterAdam[0] - 0.1 * 1])
        optimizer.kind = .adam
        optimizer.step([weight])
        #expect(optimizer.adamSteps == 1)
    }

    @Test("A parameter large enough to be split across cores updates exactly as small ones do",
          arguments: OptimizerKind.allCases)
    func largeParameterSplit(_ kind: OptimizerKind) {
        let count = 50_000  // above the split threshold; each piece below stays whole
        let values = GradientCheck.randomTensor(shape: [count], seed: 31).scalars
        let gradients = GradientCheck.randomTensor(shape: [count], seed: 32).scalars
        let whole = Parameter(name: "weight", value: Tensor(shape: [count], scalars: values))
        let pieces = stride(from: 0, to: count, by: 10_000).map { start in
            Parameter(name: "weight", value: Tensor(shape: [10_000], scalars: Array(values[start..<(start + 10_000)])))
        }
        let big = Optimizer(kind: kind, learningRate: 0.01, weightDecay: 0.001, l1: 0.0001)
        let small = Optimizer(kind: kind, learningRate: 0.01, weightDecay: 0.001, l1: 0.0001)
        for _ in 0..<3 {
            whole.gradient = Tensor(shape: [count], scalars: gradients)
            for (index, piece) in pieces.enumerated() {
                piece.gradient = Tensor(shape: [10_000], scalars: Array(gradients[(index * 10_000)..<((index + 1) * 10_000)]))
            }
            big.step([whole])
            small.step(pieces)
        }
        #expect(whole.value.scalars == pieces.flatMap(\.value.scalars))
        #expect(whole.value.scalars != values)
    }
}
