import ArgumentParser
import Foundation
import Lessons
import MiniNN
import ONNXExport

/// `netplayground export model.safetensors --onnx model.onnx`: converts a saved
/// model to ONNX for onnxruntime, Netron and other tools.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a saved model to ONNX.",
        discussion: """
            The ONNX graph (opset 13) takes what you have: float32 inputs of shape
            batch×1×28×28 for convnets and batch×784 for dense MNIST models (pixels
            scaled to [0, 1], i.e. byte / 255), batch×features otherwise. Any input
            normalization happens inside the graph. Its output "probabilities" is
            batch×classes (batch×1 for a single sigmoid unit).

            Without --onnx an existing file at the default path is never replaced.

            Exit status: 0 exported; 1 the model file could not be read, the ONNX
            file could not be written, or the default path exists.
            """)

    @Argument(help: "A model saved by `netplayground train --save` or the playground (.safetensors).")
    var model: String

    @Option(help: "Where to write the ONNX file. Default: the model's path with .onnx, if no file is there.")
    var onnx: String?

    func run() throws {
        let loaded = try ModelFile.load(from: model)
        let target = onnx ?? Self.replacingExtension(of: model, with: "onnx")
        // A file the user did not name is not ours to replace (it may be another model's export).
        if onnx == nil, FileManager.default.fileExists(atPath: target) {
            throw WouldOverwrite(description: "\(target) already exists and was not named; not overwriting it. "
                                 + "Pass --onnx \(target) to replace it, or --onnx with another path.")
        }
        try ONNXExport.write(loaded, to: target)
        OutputStream.standardOutput.line("wrote \(target) (\(Self.fileSize(target).grouped) bytes)")
    }

    /// `dir/model.safetensors` → `dir/model.onnx`; a name without extension gets one.
    static func replacingExtension(of path: String, with newExtension: String) -> String {
        let url = URL(fileURLWithPath: path)
        let base = url.pathExtension.isEmpty ? path : String(path.dropLast(url.pathExtension.count + 1))
        return base + "." + newExtension
    }

    static func fileSize(_ path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }
}

/// An export refused because its default target exists and the user did not name it.
struct WouldOverwrite: Error, CustomStringConvertible {
    var description: String
}

/// The `train` options that write files when training ends: the native model
/// (`--save`), its ONNX export (`--export`) and the learning curve (`--curve`).
struct SaveOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Save the trained model (weights, architecture, knobs, metrics).",
                               valueName: "model.safetensors"))
    var save: String?

    @Option(help: ArgumentHelp("Export the trained model to ONNX.", valueName: "model.onnx"))
    var export: String?

    @Option(help: ArgumentHelp("Write the learning curve as CSV (epoch, batch, train_loss, "
                               + "validation_loss, accuracy, learning_rate).", valueName: "curve.csv"))
    var curve: String?

    /// Whether any file was asked for.
    var asksForFiles: Bool { save != nil || export != nil || curve != nil }

    /// Two options naming one file, in words (the second write would replace the first), or nil.
    var sharedPathProblem: String? {
        let named = [("--save", save), ("--export", export), ("--curve", curve)]
            .compactMap { option, path in path.map { (option, $0) } }
        func same(_ a: String, _ b: String) -> Bool {
            URL(fileURLWithPath: a).standardizedFileURL.path == URL(fileURLWithPath: b).standardizedFileURL.path
        }
        for (index, first) in named.enumerated() {
            if let second = named.dropFirst(index + 1).first(where: { same($0.1, first.1) }) {
                return "\(first.0) and \(second.0) name the same file (\(first.1)); the second would overwrite the first"
            }
        }
        return nil
    }

    /// A recorder to attach to the trainer when `--curve` was given.
    func makeCurve() -> LearningCurve? { curve == nil ? nil : LearningCurve() }

    /// Writes the files asked for; a line per file on standard error.
    func write(trainer: Trainer, recipe: Recipe, hyperparameters: Hyperparameters, seed: UInt64,
               curve recorded: LearningCurve?, table: TableSchema? = nil) throws {
        let log = OutputStream.standardError
        if let path = curve, let recorded {
            try recorded.write(to: path)
            log.line("wrote \(path)")
        }
        guard save != nil || export != nil else { return }
        let info = ModelFileInfo(
            architecture: trainer.model.spec(loss: recipe.model.loss), hyperparameters: hyperparameters, seed: seed,
            normalization: trainer.trainingSet.normalization, dataset: recipe.data.datasetName, recipe: recipe.name,
            classNames: trainer.trainingSet.classNames,
            metrics: ModelMetrics(lastEpoch: trainer.lastEpochReport, itemsSeen: trainer.itemsSeen), rule: recipe.rule,
            table: table)
        try writeModel(trainer.model, info: info)
    }

    /// Writes `--save` and `--export` for `model` described by `info`; a line per file on standard error.
    func writeModel(_ model: Sequential, info: ModelFileInfo) throws {
        let log = OutputStream.standardError
        if let path = save {
            try ModelFile.save(model, info: info, to: path)
            log.line("wrote \(path) (\(ExportCommand.fileSize(path).grouped) bytes)")
        }
        if let path = export {
            try ONNXExport.write(LoadedModel(model: model, info: info), to: path)
            log.line("wrote \(path) (\(ExportCommand.fileSize(path).grouped) bytes)")
        }
    }
}

extension RecipeData {
    /// The dataset's short name as model files record it: "mnist", "iris", "xor", …
    var datasetName: String {
        switch self {
        case .toy(let kind, _, _, _): kind.rawValue
        case .iris: "iris"
        case .mnist: "mnist"
        case .csv: "csv"
        }
    }
}
