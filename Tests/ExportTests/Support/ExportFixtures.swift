import Foundation
import Lessons
import MiniNN

/// Shared helpers for the export tests: scratch folders, the repository's
/// data, and small models trained for a few batches.
enum ExportFixtures {
    /// The repository root, found from this file's path (Tests/ExportTests/Support/).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Finds `datasets/` in the repository.
    static var locator: DatasetLocator {
        DatasetLocator(roots: [repositoryRoot.appendingPathComponent("datasets").path])
    }

    /// A fresh empty folder under the system's temporary directory.
    static func makeScratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("netplayground-export-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Deletes a scratch folder and everything in it.
    static func remove(_ folder: URL) {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Every name in `folder`, sorted (to see leftover temporary files).
    static func contents(of folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    /// A small two-class problem (XOR points) and a tanh MLP for it.
    static let xorSpec = ModelSpec(
        inputShape: [2],
        layers: [.dense(inputs: 2, outputs: 8), .activation(.tanh), .dropout(rate: 0.1),
                 .dense(inputs: 8, outputs: 2)],
        loss: .softmaxCrossEntropy)

    /// `spec` built from `seed` and trained for `batches` batches on `data`.
    static func trainedModel(_ spec: ModelSpec, on data: Dataset, batches: Int, seed: UInt64,
                             knobs: Hyperparameters) throws -> Trainer {
        let model = try ModelBuilder.build(spec, seed: seed)
        let trainer = try Trainer(model: model, loss: spec.loss, train: data, knobs: LiveKnobs(knobs), seed: seed)
        for _ in 0..<batches { trainer.step() }
        return trainer
    }

    /// The file description for a model trained by `trainer` (its architecture
    /// as the model now is: the dropout knob sets the Dropout layers' rate).
    static func info(for trainer: Trainer, spec: ModelSpec, dataset: Dataset, seed: UInt64,
                     recipe: String = "") -> ModelFileInfo {
        ModelFileInfo(
            architecture: trainer.model.spec(loss: spec.loss), hyperparameters: trainer.knobs.value, seed: seed,
            normalization: dataset.normalization, dataset: dataset.name, recipe: recipe,
            classNames: dataset.classNames,
            metrics: ModelMetrics(epochs: trainer.epoch, itemsSeen: trainer.itemsSeen,
                                  train: Evaluation(loss: 0.5, accuracy: 0.75, count: dataset.count)))
    }

    /// XOR points from the toy generator.
    static func xorData(count: Int = 64) -> Dataset {
        ToyData.generate(.xor, count: count, noise: 0.1, seed: 7)
    }

    /// The bytes of every parameter, for bit-exact comparisons.
    static func parameterBits(_ model: Sequential) -> [[UInt32]] {
        model.parameters.map { $0.value.scalars.map(\.bitPattern) }
    }
}

/// Runs `executable` with `arguments` and waits; returns its status, stdout and stderr.
func runProcess(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    // Read before waiting: a full pipe would block the child forever.
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    let errData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self),
            String(decoding: errData, as: UTF8.self))
}
