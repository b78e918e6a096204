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

    /// Writes the three files into a new directory at `directory` (or
    /// `directory-2`, `-3`, … when that exists, so an earlier export is
    /// never replaced) and returns a line for the screen: where they went, or
    /// what failed. Runs on the training thread, between batches.
    ///
    /// The metrics saved are measured now, on the weights saved, over the
    /// run's own train, validation and test sets, so `eval` on the same data
    /// finds the same figures; the file records that data (``DataRecord``).
    static func export(run: LessonRun, spec: ModelSpec, knobs: Hyperparameters, seed: UInt64,
                       epochs: [EpochReport], itemsSeen: Int,
                       curve: [TrainingSnapshot.LossPoint], directory requested: String) -> String {
        let directory: String
        switch makeNewDirectory(requested) {
        case .success(let made): directory = made
        case .failure(let problem): return "export failed: \(problem.message)"
        }
        let now = run.trainer.evaluateAll()
        let metrics = ModelMetrics(epochs: epochs.last.map { $0.epoch + 1 } ?? 0, itemsSeen: itemsSeen,
                                   train: now.train, validation: now.validation, test: now.test)
        let info = fileInfo(run: run, spec: spec, knobs: knobs, seed: seed, metrics: metrics)
        let modelPath = directory + "/" + modelFile
        do {
            // A regression's file outputs the target's units, as the CLI's does:
            // the scale goes into the last layer for the save, and the live run
            // gets its own weights back (exactly) to train on.
            let liveWeights = run.model.parameters.map(\.value.scalars)
            run.trainer.targetScale?.fold(into: run.model)
            defer { for (parameter, scalars) in zip(run.model.parameters, liveWeights) { parameter.value.scalars = scalars } }
            try ModelFile.save(run.model, info: info, to: modelPath)
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

    /// What a model file says of a lesson's run: its architecture, knobs,
    /// seed, input normalization, data and metrics.
    static func fileInfo(run: LessonRun, spec: ModelSpec, knobs: Hyperparameters, seed: UInt64,
                         metrics: ModelMetrics) -> ModelFileInfo {
        ModelFileInfo(
            architecture: spec, hyperparameters: knobs, seed: seed, normalization: run.data.train.normalization,
            dataset: run.dataChoice.fileName,
            // A regression has no classes (its dataset's one "class" is the target's name).
            classNames: run.trainer.targetScale == nil ? run.data.train.classNames : [], metrics: metrics,
            rule: run.trainer.rule, data: run.dataChoice.record(seed: run.dataSeed, labelNoise: run.labelNoise),
            table: run.data.table)
    }

    struct DirectoryProblem: Error { let message: String }

    /// Creates `path` (its parents as needed) as a new, empty directory, or
    /// `path-2`, `path-3`, … when it exists: two exports in the same second
    /// must not write into one directory. mkdir(2) fails on an existing
    /// name, so no check-then-create race can pick a taken one.
    static func makeNewDirectory(_ path: String) -> Result<String, DirectoryProblem> {
        let parent = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: parent.isEmpty ? "." : parent,
                                                    withIntermediateDirectories: true)
        } catch {
            return .failure(DirectoryProblem(message: "cannot create \(parent): \(error.localizedDescription)"))
        }
        for attempt in 1...100 {
            let candidate = attempt == 1 ? path : "\(path)-\(attempt)"
            if mkdir(candidate, 0o755) == 0 { return .success(candidate) }
            guard errno == EEXIST else {
                return .failure(DirectoryProblem(message: "cannot create \(candidate): \(String(cString: strerror(errno)))"))
            }
        }
        return .failure(DirectoryProblem(message: "\(path) and 99 numbered directories beside it already exist"))
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
