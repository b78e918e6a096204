import Foundation
import MiniNN
import ONNXExport
import SwiftProtobuf
import Testing

@Suite("ONNX export: the graph's structure")
struct ONNXGraphTests {
    func loaded(_ spec: ModelSpec, normalization: Normalization, seed: UInt64 = 4) throws -> LoadedModel {
        let model = try ModelBuilder.build(spec, seed: seed)
        let info = ModelFileInfo(architecture: spec, hyperparameters: Hyperparameters(), seed: seed,
                                 normalization: normalization, dataset: "test", recipe: "graph-test",
                                 classNames: ["a", "b", "c"])
        return LoadedModel(model: model, info: info)
    }

    func dimensions(_ info: Onnx_ValueInfoProto) -> [String] {
        info.type.tensorType.shape.dim.map { $0.dimParam.isEmpty ? String($0.dimValue) : $0.dimParam }
    }

    @Test("a convnet becomes Sub, Div, Conv, Relu, MaxPool, Conv, Sigmoid, Flatten, Gemm, Softmax")
    func convnetNodes() throws {
        let normalization = Normalization(mean: [0.5], std: [0.25])
        let proto = try ONNXExport.makeModel(loaded(ModelFileTests.convSpec, normalization: normalization))
        #expect(proto.graph.node.map(\.opType)
                == ["Sub", "Div", "Conv", "Relu", "MaxPool", "Conv", "Sigmoid", "Flatten", "Gemm", "Softmax"])
        #expect(proto.opsetImport.map(\.version) == [13])
        #expect(proto.graph.input.map(\.name) == ["input"])
        #expect(dimensions(proto.graph.input[0]) == ["batch", "1", "8", "8"])
        #expect(proto.graph.output.map(\.name) == ["probabilities"])
        #expect(dimensions(proto.graph.output[0]) == ["batch", "3"])
        #expect(proto.graph.node.last?.output == ["probabilities"])

        let second = proto.graph.node[5]
        let attributes = Dictionary(uniqueKeysWithValues: second.attribute.map { ($0.name, $0.ints) })
        #expect(attributes == ["kernel_shape": [3, 3], "strides": [2, 2], "pads": [0, 0, 0, 0]])
        let initializers = proto.graph.initializer.map(\.name)
        #expect(initializers == ["normalization.mean", "normalization.std", "layers.0.weight", "layers.0.bias",
                                 "layers.3.weight", "layers.3.bias", "layers.7.weight", "layers.7.bias"])
    }

    @Test("initializers hold the parameters bit for bit, in the PyTorch layout")
    func initializerValues() throws {
        let model = try loaded(ModelFileTests.convSpec, normalization: .identity)
        let proto = try ONNXExport.makeModel(model)
        let byName = Dictionary(uniqueKeysWithValues: proto.graph.initializer.map { ($0.name, $0) })
        for (name, parameter) in ModelFile.namedParameters(of: model.model) {
            let tensor = try #require(byName[name])
            #expect(tensor.dims == parameter.value.shape.map(Int64.init))
            let words = tensor.rawData.withUnsafeBytes { Array($0.bindMemory(to: UInt32.self)) }
            #expect(words.map(UInt32.init(littleEndian:)) == parameter.value.scalars.map(\.bitPattern))
        }
    }

    @Test("an identity normalization adds no node; per-feature values are shaped like the input")
    func normalizationNodes() throws {
        let dense = ExportFixtures.xorSpec
        let plain = try ONNXExport.makeModel(loaded(dense, normalization: .identity))
        #expect(plain.graph.node.map(\.opType) == ["Gemm", "Tanh", "Gemm", "Softmax"])
        let perFeature = try ONNXExport.makeModel(loaded(dense, normalization: Normalization(mean: [1, 2], std: [3, 4])))
        #expect(perFeature.graph.node.prefix(2).map(\.opType) == ["Sub", "Div"])
        #expect(perFeature.graph.initializer.first?.dims == [2])
        #expect(throws: ONNXExportError.self) {
            try ONNXExport.makeModel(loaded(dense, normalization: Normalization(mean: [1, 2, 3], std: [1])))
        }
    }

    @Test("a single sigmoid unit is exported as it is, without a softmax")
    func sigmoidOutput() throws {
        let spec = ModelSpec(inputShape: [2], layers: [.dense(inputs: 2, outputs: 1), .activation(.sigmoid)],
                             loss: .binaryCrossEntropy)
        let proto = try ONNXExport.makeModel(loaded(spec, normalization: .identity))
        #expect(proto.graph.node.map(\.opType) == ["Gemm", "Sigmoid"])
        #expect(dimensions(proto.graph.output[0]) == ["batch", "1"])
    }

    @Test("the perceptron's step becomes GreaterOrEqual and Cast; a trailing identity becomes an Identity node")
    func stepAndIdentity() throws {
        let perceptron = ModelSpec(inputShape: [2], layers: [.dense(inputs: 2, outputs: 1), .activation(.step)],
                                   loss: .meanSquaredError)
        let step = try ONNXExport.makeModel(loaded(perceptron, normalization: .identity))
        #expect(step.graph.node.map(\.opType) == ["Gemm", "GreaterOrEqual", "Cast"])
        let linear = ModelSpec(inputShape: [2], layers: [.dense(inputs: 2, outputs: 1), .activation(.identity)],
                               loss: .meanSquaredError)
        let identity = try ONNXExport.makeModel(loaded(linear, normalization: .identity))
        #expect(identity.graph.node.map(\.opType) == ["Gemm"])
        #expect(identity.graph.node.last?.output == ["probabilities"])
    }

    @Test("the serialized model parses back to the same message")
    func serializeAndParse() throws {
        let proto = try ONNXExport.makeModel(loaded(ModelFileTests.convSpec, normalization: .identity))
        let bytes = try ONNXExport.serialize(proto)
        let parsed = try Onnx_ModelProto(serializedBytes: bytes)
        #expect(parsed == proto)
        #expect(parsed.irVersion == 7 && parsed.producerName == "NetPlayground")
    }

    @Test("expectedOutput is the model's output with rows that are probabilities")
    func expectedOutputIsSoftmax() throws {
        let model = try ModelBuilder.build(ExportFixtures.xorSpec, seed: 9)
        let inputs = ExportFixtures.xorData(count: 10).allItems().inputs
        let logits = model.forward(inputs, training: false)
        let probabilities = ONNXExport.expectedOutput(of: model, loss: .softmaxCrossEntropy, inputs: inputs)
        #expect(probabilities.shape == [10, 2])
        for row in 0..<10 {
            let p = probabilities.scalars[(2 * row)..<(2 * row + 2)]
            #expect(abs(p.reduce(0, +) - 1) < 1e-6)
            // log(p1 / p0) recovers the difference of the logits.
            let ratio = log(p[2 * row + 1] / p[2 * row])
            #expect(abs(ratio - (logits.scalars[2 * row + 1] - logits.scalars[2 * row])) < 1e-4)
        }
    }
}
