import Testing
@testable import MiniNN

/// Central-difference checks of every dense-part layer (see GradientCheck for the tolerances).
@Suite("Layer gradients")
struct DenseGradientTests {
    @Test("Dense: input, weight and bias gradients", arguments: [(1, 1, 1), (4, 3, 5), (7, 10, 2)])
    func dense(batch: Int, inputs: Int, outputs: Int) {
        let layer = Dense(inputs: inputs, outputs: outputs, initializer: .uniform(limit: 1), seed: 3)
        // Nonzero biases, so a bias that is read but not differentiated would show.
        for j in 0..<outputs { layer.bias.value.scalars[j] = Float(j) * 0.3 - 0.5 }
        let input = GradientCheck.randomTensor(shape: [batch, inputs], seed: 11)
        let report = GradientCheck.check(layer, input: input)
        #expect(report.passed, "\(report)")
        #expect(report.checkedCoordinates == batch * inputs + outputs * inputs + outputs)
    }

    @Test("Dense accumulates parameter gradients across backward passes (+=)")
    func denseAccumulates() {
        let layer = Dense(inputs: 3, outputs: 2, seed: 5)
        let input = GradientCheck.randomTensor(shape: [4, 3], seed: 1)
        let upstream = GradientCheck.randomTensor(shape: [4, 2], seed: 2)
        _ = layer.forward(input, training: true)
        _ = layer.backward(upstream)
        let once = layer.weight.gradient
        _ = layer.forward(input, training: true)
        _ = layer.backward(upstream)
        for i in 0..<once.count {
            #expect(abs(layer.weight.gradient.scalars[i] - 2 * once.scalars[i]) <= 1e-5 * max(1, abs(once.scalars[i])))
        }
    }

    @Test("Dense without input gradient still accumulates the same parameter gradients")
    func denseSkipsInputGradient() {
        let full = Dense(inputs: 5, outputs: 3, seed: 9)
        let partial = Dense(inputs: 5, outputs: 3, seed: 9)
        partial.computesInputGradient = false
        let input = GradientCheck.randomTensor(shape: [6, 5], seed: 4)
        let upstream = GradientCheck.randomTensor(shape: [6, 3], seed: 8)
        _ = full.forward(input, training: true)
        let dx = full.backward(upstream)
        _ = partial.forward(input, training: true)
        let skipped = partial.backward(upstream)
        #expect(dx.shape == [6, 5])
        #expect(skipped.count == 0)
        #expect(partial.weight.gradient == full.weight.gradient)
        #expect(partial.bias.gradient == full.bias.gradient)
    }

    @Test("Smooth activations match central differences",
          arguments: [ActivationKind.sigmoid, .tanh, .relu, .identity])
    func activation(_ function: ActivationKind) {
        let layer = Activation(function)
        // Away from ReLU's kink at 0 by more than 2ε, where the derivative is defined.
        let input = GradientCheck.randomTensor(shape: [5, 6], seed: 21, avoidingZeroBy: 0.05)
        let report = GradientCheck.check(layer, input: input)
        #expect(report.passed, "\(report)")
    }

    @Test("ReLU passes gradient exactly where its output is positive")
    func reluMask() {
        let layer = Activation(.relu)
        let input = Tensor(shape: [1, 4], scalars: [-2, -0.5, 0.5, 3])
        #expect(layer.forward(input, training: true).scalars == [0, 0, 0.5, 3])
        #expect(layer.backward(Tensor(shape: [1, 4], scalars: [1, 2, 3, 4])).scalars == [0, 0, 3, 4])
    }

    @Test("Step: outputs 0/1, its backward is exactly zero, and so is its numerical derivative")
    func step() {
        let layer = Activation(.step)
        let input = GradientCheck.randomTensor(shape: [3, 7], seed: 5, avoidingZeroBy: 0.05)
        let output = layer.forward(input, training: true)
        for i in 0..<input.count { #expect(output.scalars[i] == (input.scalars[i] >= 0 ? 1 : 0)) }
        #expect(layer.forward(Tensor(shape: [1, 1], scalars: [0]), training: false).scalars == [1])
        _ = layer.forward(input, training: true)
        let gradient = layer.backward(GradientCheck.randomTensor(shape: [3, 7], seed: 6))
        #expect(gradient.scalars.allSatisfy { $0 == 0 })
        // Away from 0 the step is flat, so the checker's numeric derivative is 0 too.
        #expect(GradientCheck.check(layer, input: input).passed)
    }

    @Test("Dropout in training: gradient through a fixed mask")
    func dropoutTraining() {
        let layer = Dropout(rate: 0.4, seed: 17)
        let input = GradientCheck.randomTensor(shape: [4, 9], seed: 3)
        // Restarting the stream before every pass gives every pass the same mask.
        let report = GradientCheck.check(layer, input: input, beforeForward: { layer.reset(seed: 17) })
        #expect(report.passed, "\(report)")
        layer.reset(seed: 17)
        let output = layer.forward(input, training: true)
        #expect(output.scalars.contains(0), "a 40 % rate over 36 units dropped nothing")
    }

    @Test("A dense stack (Sequential) backpropagates correctly end to end")
    func stack() throws {
        let spec = ModelSpec(inputShape: [4], layers: [
            .dense(inputs: 4, outputs: 6), .activation(.tanh),
            .dense(inputs: 6, outputs: 5), .activation(.sigmoid),
            .dense(inputs: 5, outputs: 3),
        ], loss: .softmaxCrossEntropy)
        let model = try ModelBuilder.build(spec, seed: 42)
        let input = GradientCheck.randomTensor(shape: [3, 4], seed: 8)
        let report = GradientCheck.check(SequentialAsLayer(model), input: input)
        #expect(report.passed, "\(report)")
    }

    /// Proves the tolerances bite: a layer with one wrong sign or one missing
    /// term in its backward must fail the check.
    @Test("The checker rejects a wrong sign and a missing term", arguments: [FaultyDense.Fault.negatedInputGradient,
                                                                             .missingBiasGradient,
                                                                             .halvedWeightGradient])
    func checkerCatchesFaults(_ fault: FaultyDense.Fault) {
        let layer = FaultyDense(fault: fault)
        let input = GradientCheck.randomTensor(shape: [3, 4], seed: 12)
        #expect(!GradientCheck.check(layer, input: input).passed)
    }
}

/// A Sequential seen as one layer, so the checker can treat a whole stack.
final class SequentialAsLayer: Layer {
    let model: Sequential
    init(_ model: Sequential) { self.model = model }
    var kind: String { "Sequential" }
    var summary: String { "Sequential" }
    var spec: LayerSpec { .flatten }
    var parameters: [Parameter] { model.parameters }
    func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] { model.outputShape }
    func forward(_ input: Tensor, training: Bool) -> Tensor { model.forward(input, training: training) }
    func backward(_ outputGradient: Tensor) -> Tensor { model.backward(outputGradient) }
}

/// Dense with one deliberate mistake in its backward.
final class FaultyDense: Layer {
    enum Fault: Sendable { case negatedInputGradient, missingBiasGradient, halvedWeightGradient }
    let fault: Fault
    let inner = Dense(inputs: 4, outputs: 3, initializer: .uniform(limit: 1), seed: 1)
    init(fault: Fault) { self.fault = fault }
    var kind: String { "FaultyDense" }
    var summary: String { "FaultyDense" }
    var spec: LayerSpec { inner.spec }
    var parameters: [Parameter] { inner.parameters }
    func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] { try inner.outputShape(for: inputShape) }
    func forward(_ input: Tensor, training: Bool) -> Tensor { inner.forward(input, training: training) }
    func backward(_ outputGradient: Tensor) -> Tensor {
        var dx = inner.backward(outputGradient)
        switch fault {
        case .negatedInputGradient:
            for i in 0..<dx.count { dx.scalars[i] = -dx.scalars[i] }
        case .missingBiasGradient:
            inner.bias.zeroGradient()
        case .halvedWeightGradient:
            for i in 0..<inner.weight.gradient.count { inner.weight.gradient.scalars[i] *= 0.5 }
        }
        return dx
    }
}
