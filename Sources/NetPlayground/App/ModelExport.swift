import Foundation
import Lessons
import MiniNN
import ONNXExport

/// What `e` writes: the native model file (safetensors), its ONNX export and
/// the learning curve, all in one new directory.
enum ModelExport {
    /// File names inside the export directory.
    static let modelFile = "model.safetensors"
    static let onnxFile = "model.onnx"
    static let curveFile = "learning-curve.csv"

    /// Writes the three files and returns a line for the screen: where they
    /// went, or what failed. Runs on the training thread, between batches.
    static func export(model: Sequential, spec: ModelSpec, knobs: Hyperparameters, seed: UInt64,
                       data: LessonDataSets, dataName: String, epochs: [EpochReport], itemsSeen: Int,
                       curve: [TrainingSnapshot.LossPoint], directory: String) -> String {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            return "export failed: cannot create \(directory): \(error.localizedDescription)"
        }
        let info = ModelFileInfo(
            architecture: spec, hyperparameters: knobs, seed: seed, normalization: data.train.normalization,
            dataset: dataName, classNames: data.train.classNames,
            metrics: ModelMetrics(lastEpoch: epochs.last, itemsSeen: itemsSeen))
        let modelPath = directory + "/" + modelFile
        do {
            try ModelFile.save(model, info: info, to: modelPath)
            try AtomicFile.write(curveCSV(curve), to: directory + "/" + curveFile)
        } catch {
            return "export failed: \(error)"
        }
        // The ONNX file is made from the saved file, which also proves it loads back.
        do {
            let loaded = try ModelFile.load(from: modelPath)
            try ONNXExport.write(loaded, to: directory + "/" + onnxFile)
        } catch {
            return "saved \(modelPath), but the ONNX export failed: \(error)"
        }
        return "exported to \(directory)/ (\(modelFile), \(onnxFile), \(curveFile))"
    }

    /// One row per smoothed batch point: epoch position, loss, accuracy.
    static func curveCSV(_ curve: [TrainingSnapshot.LossPoint]) -> String {
        var lines = ["epoch,train_loss,train_accuracy"]
        for point in curve {
            lines.append(String(format: "%.5f,%.6g,%.6g", point.epoch, point.loss, point.accuracy))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The directory exports go to: `$XDG_DATA_HOME/netplayground/exports`
    /// (or the ~/.local/share equivalent), beside the progress file.
    static func defaultRoot() -> String { ProgressStore.defaultDirectory() + "/exports" }
}
