import Foundation
import MiniNN
import ONNXExport
import Testing

/// The Python interpreter of the venv the Makefile sets up (onnx, onnxruntime,
/// safetensors, numpy), from `NETPLAYGROUND_PYTHON`.
private let python = ProcessInfo.processInfo.environment["NETPLAYGROUND_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
/// The built `netplayground` binary, from `NETPLAYGROUND_BIN` (set by `make test`).
private let binary = ProcessInfo.processInfo.environment["NETPLAYGROUND_BIN"].flatMap { $0.isEmpty ? nil : $0 }
/// Under CI a missing venv fails these checks instead of skipping them.
private let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

/// The ONNX export of a `train --csv` model, checked with onnxruntime on raw
/// CSV rows: the standardization is in the graph, the class names in its
/// metadata, and its predictions are those of `eval --csv`.
@Suite("the ONNX export of a CSV model, run by onnxruntime on raw rows (standardization and class names inside)",
       .enabled(if: (python != nil || isCI) && binary != nil,
                "set NETPLAYGROUND_PYTHON and NETPLAYGROUND_BIN (make test does) to run the Python checks"))
struct PythonCSVExportChecks {
    /// A table whose numbers are far from standardized (hundreds, and tenths) with a text column.
    private static let table: String = {
        var generator = SeededGenerator(seed: 16)
        var lines = ["area,ratio,colour,kind"]
        for _ in 0..<300 {
            let area = 400 + generator.nextUnitFloat() * 600
            let ratio = generator.nextUnitFloat() * 0.3
            let colour = ["red", "green", "blue"][generator.nextIndex(below: 3)]
            let score = (area - 700) / 300 + (ratio - 0.15) / 0.1 + (colour == "red" ? 0.8 : 0)
            let kind = score > 0.6 ? "tall" : score > -0.6 ? "medium" : "short"
            lines.append("\(area),\(ratio),\(colour),\(kind)")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test("onnxruntime on the export of a CSV model agrees with MiniNN on the raw rows, and eval --csv with both")
    func csvExport() throws {
        let python = try #require(python, "NETPLAYGROUND_PYTHON is not set; under CI=true the Python checks must run")
        let binary = try #require(binary)
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let csvPath = folder.appendingPathComponent("rows.csv").path
        try Data(Self.table.utf8).write(to: URL(fileURLWithPath: csvPath))
        let modelPath = folder.appendingPathComponent("m.safetensors").path
        let onnxPath = folder.appendingPathComponent("m.onnx").path
        let trained = try runProcess(binary, ["train", "--csv", csvPath, "--epochs", "20",
                                              "--save", modelPath, "--export", onnxPath])
        #expect(trained.status == 0, "\(trained.errors)")

        // The raw rows as the graph takes them (one-hot, not standardized), read as eval reads them.
        let loaded = try ModelFile.load(from: modelPath)
        let schema = try #require(loaded.info.table)
        #expect(loaded.info.normalization.mean.contains { abs($0) > 100 }, "the area's mean must be in the file")
        var rows = try CSVTable.read(path: csvPath).dataset(schema: schema, classNames: loaded.info.classNames)
        guard case .float(let raw) = rows.features else { Issue.record("floats expected"); return }
        rows.normalization = loaded.info.normalization
        let probabilities = ONNXExport.expectedOutput(of: loaded.model, loss: loaded.info.architecture.loss,
                                                      inputs: rows.allItems().inputs)
        let referencePath = folder.appendingPathComponent("reference.safetensors").path
        try AtomicFile.write(Safetensors.encode(
            tensors: [("inputs", Tensor(shape: [rows.count, rows.itemSize], scalars: raw)),
                      ("probabilities", probabilities)], metadata: [:]), to: referencePath)

        let script = ExportFixtures.repositoryRoot.appendingPathComponent("scripts/check_exports.py").path
        let check = try runProcess(python, [script, "--onnx", onnxPath, "--safetensors", modelPath,
                                            "--reference", referencePath])
        #expect(check.status == 0, "check_exports.py failed: \(check.errors)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(check.output.utf8)) as? [String: Any])
        let onnx = try #require(report["onnx"] as? [String: Any])
        #expect(onnx["count"] as? Int == 300)
        #expect(try #require(onnx["max_abs_diff"] as? Double) <= 1e-4, "\(onnx)")
        #expect(onnx["argmax_mismatches"] as? Int == 0, "\(onnx)")
        #expect((onnx["distinct_predictions"] as? Int) == 3, "the model should predict all three kinds: \(onnx)")

        // The class names and the input names travel in the ONNX file.
        let properties = try runProcess(python, ["-c", """
            import json, sys, onnx
            model = onnx.load(sys.argv[1])
            print(json.dumps({p.key: json.loads(p.value) for p in model.metadata_props}))
            """, onnxPath])
        let metadata = try #require(try JSONSerialization.jsonObject(with: Data(properties.output.utf8)) as? [String: [String]],
                                    "\(properties.errors)")
        #expect(metadata["class_names"] == ["medium", "short", "tall"])
        #expect(metadata["input_features"] == ["area", "ratio", "colour=blue", "colour=green", "colour=red"])

        // eval --csv's accuracy is that of these predictions.
        let predicted = Prediction.classes(probabilities)
        let agreeing = zip(predicted, rows.labels).filter { $0 == Int($1) }.count
        let scored = try runProcess(binary, ["eval", modelPath, "--csv", csvPath, "--json"])
        #expect(scored.status == 0, "\(scored.errors)")
        let evaluation = try #require(try JSONSerialization.jsonObject(with: Data(scored.output.utf8)) as? [String: Any])
        let accuracy = try #require(evaluation["accuracy"] as? Double)
        #expect(abs(accuracy - Double(agreeing) / 300) < 1e-6, "eval \(accuracy), ONNX \(agreeing) of 300")
        #expect(accuracy > 0.8, "the rule is learnable; got \(accuracy)")
    }

    /// y = 50 + 6·size + 10 if red, plus noise of deviation about 1: far from standardized (mean about 90,
    /// deviation about 20), so a graph that left out the target's de-standardization would be off by tens.
    private static let quantities: String = {
        var generator = SeededGenerator(seed: 61)
        var lines = ["size,colour,y"]
        for _ in 0..<200 {
            let size = generator.nextUnitFloat() * 10
            let red = generator.nextIndex(below: 2) == 0
            let noise = (generator.nextUnitFloat() + generator.nextUnitFloat() + generator.nextUnitFloat() - 1.5) * 2
            lines.append("\(size),\(red ? "red" : "blue"),\(50 + 6 * size + (red ? 10 : 0) + noise)")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test("onnxruntime on the export of a regression model gives MiniNN's predictions in the target's units (1e-4)")
    func regressionExport() throws {
        let python = try #require(python, "NETPLAYGROUND_PYTHON is not set; under CI=true the Python checks must run")
        let binary = try #require(binary)
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let csvPath = folder.appendingPathComponent("y.csv").path
        try Data(Self.quantities.utf8).write(to: URL(fileURLWithPath: csvPath))
        let modelPath = folder.appendingPathComponent("m.safetensors").path
        let onnxPath = folder.appendingPathComponent("m.onnx").path
        let trained = try runProcess(binary, ["train", "--csv", csvPath, "--epochs", "60",
                                              "--save", modelPath, "--export", onnxPath])
        #expect(trained.status == 0, "\(trained.errors)")

        let loaded = try ModelFile.load(from: modelPath)
        let schema = try #require(loaded.info.table)
        #expect(schema.isRegression)
        let (dataset, targets) = try CSVTable.read(path: csvPath).regressionRows(schema: schema)
        var rows = dataset
        guard case .float(let raw) = rows.features else { Issue.record("floats expected"); return }
        rows.normalization = loaded.info.normalization
        let predictions = ONNXExport.expectedOutput(of: loaded.model, loss: loaded.info.architecture.loss,
                                                    inputs: rows.allItems().inputs)
        #expect(predictions.shape == [200, 1])
        // MiniNN's predictions are in the target's units: near the targets, not near 0.
        let squared = zip(predictions.scalars, targets).reduce(0.0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) }
        let rmse = (squared / 200).squareRoot()
        #expect(rmse < 5, "RMSE \(rmse) against targets of deviation about 20")
        let referencePath = folder.appendingPathComponent("reference.safetensors").path
        try AtomicFile.write(Safetensors.encode(
            tensors: [("inputs", Tensor(shape: [rows.count, rows.itemSize], scalars: raw)),
                      ("probabilities", predictions)], metadata: [:]), to: referencePath)
        let script = ExportFixtures.repositoryRoot.appendingPathComponent("scripts/check_exports.py").path
        let check = try runProcess(python, [script, "--onnx", onnxPath, "--safetensors", modelPath,
                                            "--reference", referencePath, "--tolerance", "1e-4"])
        #expect(check.status == 0, "check_exports.py failed: \(check.errors)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(check.output.utf8)) as? [String: Any])
        let onnx = try #require(report["onnx"] as? [String: Any])
        #expect(onnx["count"] as? Int == 200)
        #expect(try #require(onnx["max_abs_diff"] as? Double) <= 1e-4, "\(onnx)")
    }
}
