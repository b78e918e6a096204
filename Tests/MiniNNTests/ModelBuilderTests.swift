import Testing
@testable import MiniNN

@Suite("Model builder")
struct ModelBuilderTests {
    @Test("He init before ReLU (even across dropout), Xavier otherwise")
    func initializers() throws {
        let spec = ModelSpec(inputShape: [784], layers: [
            .dense(inputs: 784, outputs: 128), .activation(.relu),
            .dense(inputs: 128, outputs: 64), .dropout(rate: 0.2), .activation(.relu),
            .dense(inputs: 64, outputs: 32), .activation(.tanh),
            .dense(inputs: 32, outputs: 10),
        ], loss: .softmaxCrossEntropy)
        let model = try ModelBuilder.build(spec, seed: 1)
        let dense = model.layers.compactMap { $0 as? Dense }
        #expect(dense.map(\.initializer) == [.he, .he, .xavier, .xavier])
        // He normal on 784 inputs: standard deviation √(2/784) ≈ 0.0505.
        let weights = dense[0].weight.value.scalars
        let variance = weights.reduce(0.0) { $0 + Double($1 * $1) } / Double(weights.count)
        #expect(abs(variance.squareRoot() - (2.0 / 784).squareRoot()) < 0.001)
        // Xavier uniform on 32→10: every weight within ±√(6/42).
        let limit = Float((6.0 / 42).squareRoot())
        #expect(dense[3].weight.value.scalars.allSatisfy { abs($0) <= limit })
    }

    @Test("A Dense that expects 800 inputs after 784 names both shapes")
    func shapeMismatch() {
        let spec = ModelSpec(inputShape: [784], layers: [.dense(inputs: 800, outputs: 10)], loss: .softmaxCrossEntropy)
        #expect {
            try ModelBuilder.build(spec, seed: 1)
        } throws: { error in
            guard let shape = error as? ShapeError else { return false }
            let text = shape.description
            return shape.layerIndex == 0 && text.contains("800") && text.contains("784")
        }
    }

    @Test("Settings that cannot make a layer are refused with a message")
    func badSettings() {
        let zero = ModelSpec(inputShape: [2], layers: [.dense(inputs: 2, outputs: 0)], loss: .meanSquaredError)
        #expect(throws: ModelBuildError.self) { try ModelBuilder.build(zero, seed: 1) }
        let dropout = ModelSpec(inputShape: [2], layers: [.dropout(rate: 1), .dense(inputs: 2, outputs: 1)],
                                loss: .meanSquaredError)
        #expect(throws: ModelBuildError.self) { try ModelBuilder.build(dropout, seed: 1) }
        let narrow = ModelSpec(inputShape: [2], layers: [.dense(inputs: 2, outputs: 1)], loss: .softmaxCrossEntropy)
        #expect(throws: ModelBuildError.self) { try ModelBuilder.build(narrow, seed: 1) }
    }

    @Test("A built model gives back its spec, summary and parameter count")
    func roundTrip() throws {
        let spec = ModelSpec(inputShape: [4], layers: [
            .dense(inputs: 4, outputs: 10), .activation(.sigmoid), .dropout(rate: 0.25), .dense(inputs: 10, outputs: 3),
        ], loss: .softmaxCrossEntropy)
        let model = try Sequential(spec: spec, seed: 3)
        #expect(model.spec(loss: .softmaxCrossEntropy) == spec)
        #expect(model.parameterCount == 4 * 10 + 10 + 10 * 3 + 3)
        #expect(model.summary.contains("Dense 4→10"))
        #expect(model.dropoutLayers.count == 1)
    }
}
