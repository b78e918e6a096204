import Foundation
import Testing
@testable import MiniNN

/// The PyTorch reference values in Fixtures/pytorch_reference.json, written by
/// scripts/make_reference.py (which documents how they were made).
struct ReferenceFixture: Decodable {
    struct Values: Decodable {
        var shape: [Int]
        var values: [Float]
        var tensor: Tensor { Tensor(shape: shape, scalars: values) }
    }
    struct ConvCase: Decodable {
        var name: String
        var stride: Int
        var padding: Int
        var input, weight, bias, upstream, output, inputGradient, weightGradient, biasGradient: Values
    }
    struct PoolCase: Decodable {
        var name: String
        var window: Int
        var stride: Int
        var input, upstream, output, inputGradient: Values
    }
    struct DenseCase: Decodable {
        var name: String
        var input, weight, bias, upstream, output, inputGradient, weightGradient, biasGradient: Values
    }
    struct LossCase: Decodable {
        var name: String
        var kind: String
        var labels: [Int]
        var output: Values
        var loss: Float
        var gradient: Values
    }
    struct NetworkCase: Decodable {
        var name: String
        var input: Values
        var labels: [Int]
        var convWeight, convBias, denseWeight, denseBias, logits: Values
        var loss: Float
        var convWeightGradient, convBiasGradient, denseWeightGradient, denseBiasGradient: Values
    }

    var conv2d: [ConvCase]
    var maxPool2d: [PoolCase]
    var dense: [DenseCase]
    var loss: [LossCase]
    var network: [NetworkCase]

    /// The fixture, decoded once.
    static let shared: ReferenceFixture = {
        do {
            guard let url = Bundle.module.url(forResource: "pytorch_reference", withExtension: "json",
                                              subdirectory: "Fixtures") else {
                fatalError("Fixtures/pytorch_reference.json is missing from the test bundle")
            }
            return try JSONDecoder().decode(ReferenceFixture.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read Fixtures/pytorch_reference.json: \(error)")
        }
    }()

    /// Names with indices, for `@Test(arguments:)`.
    static var convCases: [Int] { Array(shared.conv2d.indices) }
    static var poolCases: [Int] { Array(shared.maxPool2d.indices) }
    static var denseCases: [Int] { Array(shared.dense.indices) }
    static var lossCases: [Int] { Array(shared.loss.indices) }
}

/// The largest violation of |actual − expected| ≤ 1e-4 + 1e-4·|expected|, as a
/// message, or nil when every element agrees and the shapes match.
func referenceMismatch(_ actual: Tensor, _ expected: Tensor, _ what: String) -> String? {
    guard actual.shape == expected.shape else {
        return "\(what): shape \(actual.shape), expected \(expected.shape)"
    }
    var worst: (index: Int, excess: Float)?
    for i in 0..<actual.count {
        let error = abs(actual.scalars[i] - expected.scalars[i])
        let excess = error - (1e-4 + 1e-4 * abs(expected.scalars[i]))
        if excess > 0 && excess > (worst?.excess ?? 0) { worst = (i, excess) }
    }
    guard let worst else { return nil }
    return "\(what)[\(worst.index)]: \(actual.scalars[worst.index]), expected \(expected.scalars[worst.index])"
}

@Suite("PyTorch reference values")
struct ReferenceTests {
    let fixture = ReferenceFixture.shared

    @Test("Conv2D forward and backward match PyTorch", arguments: ReferenceFixture.convCases)
    func conv(_ index: Int) {
        let c = fixture.conv2d[index]
        let layer = Conv2D(weight: c.weight.tensor, bias: c.bias.tensor, stride: c.stride, padding: c.padding)
        let output = layer.forward(c.input.tensor, training: true)
        let inputGradient = layer.backward(c.upstream.tensor)
        #expect(referenceMismatch(output, c.output.tensor, "\(c.name) output") == nil)
        #expect(referenceMismatch(inputGradient, c.inputGradient.tensor, "\(c.name) dx") == nil)
        #expect(referenceMismatch(layer.weight.gradient, c.weightGradient.tensor, "\(c.name) dW") == nil)
        #expect(referenceMismatch(layer.bias.gradient, c.biasGradient.tensor, "\(c.name) db") == nil)
    }

    @Test("MaxPool2D forward and backward match PyTorch", arguments: ReferenceFixture.poolCases)
    func pool(_ index: Int) {
        let c = fixture.maxPool2d[index]
        let layer = MaxPool2D(window: c.window, stride: c.stride)
        let output = layer.forward(c.input.tensor, training: true)
        let inputGradient = layer.backward(c.upstream.tensor)
        #expect(referenceMismatch(output, c.output.tensor, "\(c.name) output") == nil)
        #expect(referenceMismatch(inputGradient, c.inputGradient.tensor, "\(c.name) dx") == nil)
    }

    @Test("Dense forward and backward match PyTorch", arguments: ReferenceFixture.denseCases)
    func dense(_ index: Int) {
        let c = fixture.dense[index]
        let layer = Dense(weight: c.weight.tensor, bias: c.bias.tensor)
        let output = layer.forward(c.input.tensor, training: true)
        let inputGradient = layer.backward(c.upstream.tensor)
        #expect(referenceMismatch(output, c.output.tensor, "\(c.name) output") == nil)
        #expect(referenceMismatch(inputGradient, c.inputGradient.tensor, "\(c.name) dx") == nil)
        #expect(referenceMismatch(layer.weight.gradient, c.weightGradient.tensor, "\(c.name) dW") == nil)
        #expect(referenceMismatch(layer.bias.gradient, c.biasGradient.tensor, "\(c.name) db") == nil)
    }

    @Test("Losses and their gradients match PyTorch", arguments: ReferenceFixture.lossCases)
    func loss(_ index: Int) throws {
        let c = fixture.loss[index]
        let kind = try #require(LossKind(rawValue: c.kind), "unknown loss \(c.kind)")
        var gradient = Tensor(shape: [0])
        let loss = kind.lossAndGradient(c.output.tensor, labels: c.labels, gradient: &gradient)
        #expect(abs(loss - c.loss) <= 1e-5 + 1e-5 * abs(c.loss), "\(c.name): loss \(loss), expected \(c.loss)")
        #expect(referenceMismatch(gradient, c.gradient.tensor, "\(c.name) gradient") == nil)
    }

    @Test("A small convnet's loss and every parameter gradient match PyTorch")
    func network() throws {
        let c = try #require(fixture.network.first)
        let conv = Conv2D(weight: c.convWeight.tensor, bias: c.convBias.tensor, padding: 1)
        let dense = Dense(weight: c.denseWeight.tensor, bias: c.denseBias.tensor)
        let model = try Sequential(
            inputShape: Array(c.input.shape.dropFirst()),
            layers: [conv, Activation(.relu), MaxPool2D(window: 2), Flatten(), dense])
        let logits = model.forward(c.input.tensor, training: true)
        var gradient = Tensor(shape: [0])
        let loss = LossKind.softmaxCrossEntropy.lossAndGradient(logits, labels: c.labels, gradient: &gradient)
        model.backward(gradient)
        #expect(referenceMismatch(logits, c.logits.tensor, "logits") == nil)
        #expect(abs(loss - c.loss) <= 1e-5 + 1e-5 * abs(c.loss), "loss \(loss), expected \(c.loss)")
        #expect(referenceMismatch(conv.weight.gradient, c.convWeightGradient.tensor, "conv dW") == nil)
        #expect(referenceMismatch(conv.bias.gradient, c.convBiasGradient.tensor, "conv db") == nil)
        #expect(referenceMismatch(dense.weight.gradient, c.denseWeightGradient.tensor, "dense dW") == nil)
        #expect(referenceMismatch(dense.bias.gradient, c.denseBiasGradient.tensor, "dense db") == nil)
    }
}
