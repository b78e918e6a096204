import MiniNN
import Testing
@testable import Lessons

/// Turning knobs: ladders, bounds and how values are shown.
@Suite("Lesson knobs")
struct LessonKnobTests {
    @Test("the learning rate moves along 1-2-5 steps, and a coarse turn is a factor of ten")
    func learningRateLadder() {
        var knobs = KnobSettings(lesson: Course.learningRate)
        #expect(knobs.hyperparameters.learningRate == 0.1)
        knobs.turn(.learningRate, steps: 1)
        #expect(knobs.hyperparameters.learningRate == 0.2)
        knobs.turn(.learningRate, steps: 1)
        #expect(knobs.hyperparameters.learningRate == 0.5)
        knobs.turn(.learningRate, steps: 1, coarse: true)
        #expect(knobs.hyperparameters.learningRate == 5)
        knobs.turn(.learningRate, steps: 10, coarse: true)
        #expect(knobs.hyperparameters.learningRate == 10, "the ladder stops at 10")
        knobs.turn(.learningRate, steps: -3)
        #expect(knobs.hyperparameters.learningRate == 1)
        knobs.turn(.learningRate, steps: -100)
        #expect(knobs.hyperparameters.learningRate == 0.0001)
    }

    @Test("dropout, noise and the validation share stay in range and do not drift")
    func boundedSteps() {
        var knobs = KnobSettings(lesson: Course.sandbox)
        for _ in 0..<3 { knobs.turn(.dropout, steps: 1) }
        #expect(knobs.hyperparameters.dropout == 0.15)
        knobs.turn(.dropout, steps: 10, coarse: true)
        #expect(knobs.hyperparameters.dropout == 0.9)
        #expect(knobs.hyperparameters.validationError == nil)
        knobs.turn(.validationFraction, steps: -10)
        #expect(knobs.validationFraction == 0.1)
        knobs.turn(.noise, steps: -100)
        #expect(knobs.noise == 0)
    }

    @Test("weight decay starts at 0 and climbs its ladder")
    func decayLadder() {
        var knobs = KnobSettings(lesson: Course.overfitting)
        #expect(knobs.hyperparameters.weightDecay == 0)
        knobs.turn(.weightDecay, steps: 1)
        #expect(knobs.hyperparameters.weightDecay == 0.00001)
        knobs.turn(.weightDecay, steps: -1)
        #expect(knobs.hyperparameters.weightDecay == 0)
        knobs.turn(.l1, steps: 1, coarse: true)
        #expect(knobs.hyperparameters.l1 == 0.00005)
    }

    @Test("noise and the validation share regenerate the data they describe")
    func dataKnobsApply() {
        var knobs = KnobSettings(lesson: Course.hiddenLayers)
        knobs.turn(.noise, steps: 2)
        knobs.turn(.validationFraction, steps: 1)
        #expect(knobs.apply(to: Course.hiddenLayers.dataChoices[0])
                == .toy(.xor, count: 300, noise: 0.25, validationFraction: 0.25))
        knobs.turn(.data, steps: -1, dataChoices: 3)
        #expect(knobs.dataChoice == 2, "the data knob wraps around")
    }

    @Test("values are shown without float noise", arguments: [
        (Float(0.001), "0.001"), (0.1, "0.1"), (10, "10"), (0, "0"), (0.00002, "2e-5"), (0.15, "0.15"),
        (0.00001, "1e-5"), (0.000001, "1e-6"), (0.0000003, "3e-7"), (-0.00001, "-1e-5"),
    ])
    func formatting(_ value: Float, _ text: String) {
        #expect(KnobSettings.format(value) == text)
    }

    @Test("the perceptron lesson has no activation to change; lesson 2 cycles through four")
    func activationKnob() {
        var perceptron = KnobSettings(lesson: Course.perceptron)
        #expect(perceptron.activation == nil)
        perceptron.turn(.activation, steps: 1)
        #expect(perceptron.activation == nil)
        var mlp = KnobSettings(lesson: Course.hiddenLayers)
        #expect(mlp.activation == .tanh)
        var seen: Set<ActivationKind> = []
        for _ in 0..<4 { mlp.turn(.activation, steps: 1); seen.insert(mlp.activation ?? .step) }
        #expect(seen == [.sigmoid, .tanh, .relu, .identity])
    }
}
