import Foundation
import Lessons
import MiniNN
import Testing

/// The `data` and `learning_rule` entries: written, read back equal, and
/// every bad value rejected with the file, the key and the field named.
@Suite("model files: the data record and the learning rule")
struct ModelFileDataRecordTests {
    static let path = "crafted.safetensors"

    /// A file's metadata for `spec`, with `data` recorded.
    static func metadata(_ spec: ModelSpec, classNames: [String], dataset: String, data: DataRecord?,
                         rule: LearningRule = .backpropagation) throws -> (metadata: [String: String], tensors: [(name: String, tensor: Tensor)]) {
        let model = try ModelBuilder.build(spec, seed: 1)
        let info = ModelFileInfo(architecture: spec, hyperparameters: Hyperparameters(), seed: 9,
                                 normalization: .identity, dataset: dataset, classNames: classNames, rule: rule, data: data)
        return (ModelFile.metadata(for: info), ModelFile.namedParameters(of: model).map { ($0.name, $0.parameter.value) })
    }

    static let planar = ModelSpec.classifier(inputs: 2, hidden: [3], classes: 2, activation: .tanh)
    static let perceptron = LessonModel.perceptron(inputs: 2).spec

    static func decode(_ parts: (metadata: [String: String], tensors: [(name: String, tensor: Tensor)])) throws(ModelFileError) -> LoadedModel {
        try ModelFile.decode(Safetensors.encode(tensors: parts.tensors, metadata: parts.metadata), path: path)
    }

    @Test("every kind of lesson data is recorded and read back equal, with its rule", arguments: [
        LessonData.toy(.spirals, count: 500, noise: 0.05, validationFraction: 0.25),
        .iris(features: [2, 3], species: [0, 1], validationFraction: 0.2),
        .mnist(trainCount: 1_000, validationCount: 1_000, testCount: 1_000, flattened: true),
        .mnist(trainCount: 55_000, validationCount: 5_000, testCount: 10_000, flattened: false),
    ])
    func roundTrip(_ data: LessonData) throws {
        let record = try #require(data.record(seed: UInt64.max - 3, labelNoise: 0.2))
        let (spec, classes): (ModelSpec, Int) = switch data {
        case .mnist(_, _, _, true): (.classifier(inputs: 784, hidden: [4], classes: 10, activation: .relu), 10)
        case .mnist: (.lessonConvnet, 10)
        default: (Self.perceptron, 2)
        }
        let rule: LearningRule = classes == 2 ? .perceptron : .backpropagation
        let parts = try Self.metadata(spec, classNames: (0..<classes).map(String.init), dataset: data.fileName,
                                      data: record, rule: rule)
        let info = try Self.decode(parts).info
        #expect(info.data == record)
        #expect(LessonData(try #require(info.data)) == data)
        #expect(info.rule == rule)
    }

    @Test("a file without the entries loads: no data, and the rule told from the architecture")
    func olderFile() throws {
        for (spec, rule) in [(Self.perceptron, LearningRule.perceptron), (Self.planar, .backpropagation)] {
            var parts = try Self.metadata(spec, classNames: ["0", "1"], dataset: "xor", data: nil, rule: rule)
            parts.metadata["learning_rule"] = nil
            #expect(parts.metadata["data"] == nil)
            let info = try Self.decode(parts).info
            #expect(info.data == nil)
            #expect(info.rule == rule)
        }
    }

    /// A bad value, and the words its error must hold.
    struct Bad: CustomTestStringConvertible, Sendable {
        let key: String
        let value: String
        let reason: String
        var testDescription: String { "\(key) = \(value)" }
    }

    @Test("bad entries are rejected naming the file, the key and the field", arguments: [
        Bad(key: "learning_rule", value: "hebbian", reason: "is 'hebbian'; expected 'backpropagation' or 'perceptron'"),
        Bad(key: "data", value: "[1, 2]", reason: "is not a JSON object of the expected fields: [1, 2]"),
        Bad(key: "data", value: #"{"dataset":"xor","seed":1,"count":0,"noise":0.1,"validation_fraction":0.2}"#,
            reason: "field 'count' is 0; expected 1…100000"),
        Bad(key: "data", value: #"{"dataset":"xor","seed":1,"count":99999999999,"noise":0.1,"validation_fraction":0.2}"#,
            reason: "field 'count' is 99999999999; expected 1…100000"),
        Bad(key: "data", value: #"{"dataset":"xor","seed":1,"count":10,"noise":-1,"validation_fraction":0.2}"#,
            reason: "field 'noise' is -1.0; expected 0.0…10.0"),
        Bad(key: "data", value: #"{"dataset":"xor","seed":1,"count":10,"noise":0.1,"validation_fraction":1}"#,
            reason: "field 'validation_fraction' is 1.0; expected 0.0…0.9"),
        Bad(key: "data", value: #"{"dataset":"xor","seed":1,"count":10,"noise":0.1,"validation_fraction":0.2,"label_noise":2}"#,
            reason: "field 'label_noise' is 2.0; expected 0.0…1.0"),
        Bad(key: "data", value: #"{"dataset":"xor","seed":1,"noise":0.1,"validation_fraction":0.2}"#,
            reason: "has no field 'count', which xor data needs"),
        Bad(key: "data", value: #"{"dataset":"xor","seed":-1,"count":10}"#,
            reason: #"is not a JSON object of the expected fields: {"dataset":"xor","seed":-1,"count":10}"#),
        Bad(key: "data", value: #"{"dataset":"moons","seed":1}"#,
            reason: "field 'dataset' is 'moons'; expected one of and, or, xor, blobs, circles, spirals, iris, mnist, mnist-digits"),
        Bad(key: "data", value: #"{"dataset":"circles","seed":1,"count":10,"noise":0.1,"validation_fraction":0.2}"#,
            reason: "is circles data, but 'dataset' says 'xor'"),
        Bad(key: "data", value: #"{"dataset":"iris","seed":1,"features":[2,2],"species":[0,1],"validation_fraction":0.2}"#,
            reason: "field 'features' is [2, 2]; expected 1 to 4 different numbers in 0…3"),
        Bad(key: "data", value: #"{"dataset":"iris","seed":1,"features":[2,7],"species":[0,1],"validation_fraction":0.2}"#,
            reason: "field 'features' is [2, 7]; expected 1 to 4 different numbers in 0…3"),
        Bad(key: "data", value: #"{"dataset":"iris","seed":1,"features":[0,1,2],"species":[0,1],"validation_fraction":0.2}"#,
            reason: "is iris data, but 'dataset' says 'xor'"),
        Bad(key: "data", value: #"{"dataset":"mnist","seed":1,"train_count":60000,"validation_count":1,"test_count":10,"flattened":true}"#,
            reason: "field 'validation_count' is 1; expected 0…0"),
        Bad(key: "data", value: #"{"dataset":"mnist","seed":1,"train_count":100,"validation_count":0,"test_count":10001,"flattened":true}"#,
            reason: "field 'test_count' is 10001; expected 1…10000"),
    ])
    func rejected(_ bad: Bad) throws {
        var parts = try Self.metadata(Self.planar, classNames: ["0", "1"], dataset: "xor",
                                      data: LessonData.toy(.xor, count: 10, noise: 0.1, validationFraction: 0.2).record(seed: 1))
        parts.metadata[bad.key] = bad.value
        do throws(ModelFileError) {
            _ = try Self.decode(parts)
            Issue.record("accepted \(bad.value)")
        } catch {
            #expect(error == .invalidMetadata(path: Self.path, key: bad.key, reason: bad.reason), "\(error)")
            #expect("\(error)".hasPrefix("\(Self.path): metadata '\(bad.key)' "))
        }
    }

    @Test("a record that does not fit the model is rejected: inputs, classes, image shape")
    func mismatched() throws {
        let cases: [(ModelSpec, [String], String, DataRecord?, String)] = [
            (Self.planar, ["0", "1"], "iris",
             LessonData.iris(features: [0, 1, 2], species: [0, 1], validationFraction: 0.2).record(seed: 1),
             "gives 3 numbers per item, but the model takes 2"),
            (Self.planar, ["0", "1"], "iris",
             LessonData.iris(features: [0, 1], species: [0, 1, 2], validationFraction: 0.2).record(seed: 1),
             "has 3 classes, but 'class_names' names 2"),
            (.lessonConvnet, (0..<10).map(String.init), "mnist",
             LessonData.mnist(trainCount: 10, validationCount: 0, testCount: 10, flattened: true).record(seed: 1),
             "field 'flattened' is true, but the model takes [1, 28, 28]"),
        ]
        for (spec, classes, dataset, record, reason) in cases {
            let parts = try Self.metadata(spec, classNames: classes, dataset: dataset, data: try #require(record))
            #expect(throws: ModelFileError.invalidMetadata(path: Self.path, key: "data", reason: reason)) {
                try Self.decode(parts)
            }
        }
    }
}
