import Foundation
import Lessons
import MiniNN
import ONNXExport
import Testing

/// The Python interpreter of the venv the Makefile sets up (onnx, onnxruntime,
/// safetensors, numpy), from `NETPLAYGROUND_PYTHON`.
private let python = ProcessInfo.processInfo.environment["NETPLAYGROUND_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
/// Under CI a missing venv fails these checks instead of skipping them.
private let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

/// Exports briefly trained MNIST models and checks them with the real tools
/// (scripts/check_exports.py): onnx.checker, onnxruntime against MiniNN on
/// 1000 test images, and Python's safetensors against the ONNX initializers.
@Suite("exports checked by onnx, onnxruntime and safetensors in Python (slow: trains MNIST briefly)",
       .enabled(if: python != nil || isCI, "set NETPLAYGROUND_PYTHON (make test does) to run the Python checks"))
struct PythonExportChecks {
    /// The convnet of lesson 8, for when the catalog has no "mnist-cnn".
    static let fallbackConvnet = ModelSpec(
        inputShape: [1, 28, 28],
        layers: [
            .conv2d(inChannels: 1, outChannels: 8, kernelSize: 5, stride: 1, padding: 2), .activation(.relu),
            .maxPool2d(window: 2, stride: 2),
            .conv2d(inChannels: 8, outChannels: 16, kernelSize: 5, stride: 1, padding: 0), .activation(.relu),
            .maxPool2d(window: 2, stride: 2), .flatten, .dense(inputs: 16 * 5 * 5, outputs: 10),
        ],
        loss: .softmaxCrossEntropy)

    /// What the script printed, decoded.
    struct Report: Decodable {
        struct ONNXPart: Decodable {
            var count: Int
            var max_abs_diff: Double?
            var argmax_mismatches: Int?
            var distinct_predictions: Int?
            var input_shape: [StringOrInt]
        }
        struct SafetensorsPart: Decodable {
            var tensors: [String: [Int]]
            var tensors_equal_onnx: Bool
        }
        enum StringOrInt: Decodable, Equatable {
            case string(String), int(Int)
            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let value = try? container.decode(Int.self) { self = .int(value) } else {
                    self = .string(try container.decode(String.self))
                }
            }
        }
        var onnx: ONNXPart
        var safetensors: SafetensorsPart
        var failures: [String]
    }

    @Test("onnx.checker accepts, onnxruntime agrees within 1e-4 on 1000 test images, safetensors loads",
          arguments: ["mnist-mlp", "mnist-cnn"])
    func check(recipeName: String) throws {
        let python = try #require(python, "NETPLAYGROUND_PYTHON is not set; under CI=true the Python checks must run")
        let recipe = RecipeCatalog.recipe(named: recipeName)
        let spec = recipe?.model ?? Self.fallbackConvnet
        let seed: UInt64 = 17

        // Briefly trained: a few hundred batches make a model whose outputs are
        // spread out and confident, a harder test than fresh weights.
        let datasets = try RecipeData.mnist(validationCount: 0).load(locator: ExportFixtures.locator, seed: seed)
        let test = try #require(datasets.test).first(1000)
        let knobs = Hyperparameters(learningRate: 0.002, optimizer: .adam, batchSize: 64)
        let trainer = try ExportFixtures.trainedModel(spec, on: datasets.train, batches: 300, seed: seed, knobs: knobs)
        let accuracy = trainer.evaluate(test).accuracy
        #expect(accuracy > 0.8, "300 batches should get well past chance; got \(accuracy)")

        let info = ModelFileInfo(architecture: trainer.model.spec(loss: spec.loss), hyperparameters: knobs, seed: seed,
                                 normalization: datasets.train.normalization, dataset: "mnist", recipe: recipeName,
                                 classNames: MNIST.classNames,
                                 metrics: ModelMetrics(epochs: 0, itemsSeen: trainer.itemsSeen,
                                                       test: trainer.evaluate(test)))
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let modelPath = folder.appendingPathComponent("\(recipeName).safetensors").path
        let onnxPath = folder.appendingPathComponent("\(recipeName).onnx").path
        try ModelFile.save(trainer.model, info: info, to: modelPath)
        let loaded = try ModelFile.load(from: modelPath)
        try ONNXExport.write(loaded, to: onnxPath)

        // What the graph takes: pixels ÷ 255 (as MiniNN scales them), before normalization.
        guard case .bytes(let bytes) = test.features else {
            Issue.record("MNIST pixels should be bytes")
            return
        }
        let scale: Float = 1 / 255
        let pixels = Tensor(shape: [test.count, test.itemSize], scalars: bytes.map { Float($0) * scale })
        let batch = test.allItems().inputs.reshaped([test.count] + spec.inputShape)
        let probabilities = ONNXExport.expectedOutput(of: loaded.model, loss: spec.loss, inputs: batch)
        let referencePath = folder.appendingPathComponent("reference.safetensors").path
        try AtomicFile.write(Safetensors.encode(tensors: [("inputs", pixels), ("probabilities", probabilities)],
                                                metadata: [:]), to: referencePath)

        let pythonWritten = folder.appendingPathComponent("python-written.safetensors").path
        let script = ExportFixtures.repositoryRoot.appendingPathComponent("scripts/check_exports.py").path
        let (status, output, errors) = try run(python, [script, "--onnx", onnxPath, "--safetensors", modelPath,
                                                        "--reference", referencePath, "--python-written", pythonWritten])
        #expect(status == 0, "check_exports.py failed: \(errors)")
        let report = try JSONDecoder().decode(Report.self, from: Data(output.utf8))
        #expect(report.failures.isEmpty)
        #expect(report.onnx.count == 1000)
        let difference = try #require(report.onnx.max_abs_diff)
        #expect(difference <= 1e-4)
        #expect(report.onnx.argmax_mismatches == 0)
        #expect((report.onnx.distinct_predictions ?? 0) >= 9, "the model should predict most digits")
        #expect(report.onnx.input_shape == [.string("batch")] + spec.inputShape.map { .int($0) })
        #expect(report.safetensors.tensors_equal_onnx)
        #expect(report.safetensors.tensors == Dictionary(uniqueKeysWithValues:
            ModelFile.namedParameters(of: trainer.model).map { ($0.name, $0.parameter.value.shape) }))

        // A file written by Python's own safetensors loads back bit for bit.
        let fromPython = try ModelFile.load(from: pythonWritten)
        #expect(fromPython.info == info)
        #expect(ExportFixtures.parameterBits(fromPython.model) == ExportFixtures.parameterBits(trainer.model))

        let sizes = try [modelPath, onnxPath].map { try FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int ?? 0 }
        print("\(recipeName): safetensors \(sizes[0]) bytes, onnx \(sizes[1]) bytes, "
              + "max |onnxruntime − MiniNN| = \(difference), test accuracy \(accuracy)")
    }

    /// Runs `executable` with `arguments`; returns its status, stdout and stderr.
    private func run(_ executable: String, _ arguments: [String]) throws -> (Int32, String, String) {
        try runProcess(executable, arguments)
    }
}
