import Foundation
import Lessons
import MiniNN
import Testing
import TUI
@testable import NetPlayground

/// The binary `eval` and `info` are checked with, from `NETPLAYGROUND_BIN` (set by `make test`).
private let binary = ProcessInfo.processInfo.environment["NETPLAYGROUND_BIN"].flatMap { $0.isEmpty ? nil : $0 }
/// The venv's Python with onnx and onnxruntime, from `NETPLAYGROUND_PYTHON` (set by `make test`).
private let python = ProcessInfo.processInfo.environment["NETPLAYGROUND_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }

/// The sandbox's "your own CSV" with a quantity as the target: wine's
/// flavanoids (a continuous measurement) predicted from its other columns,
/// trained live as a regression, shown with RMSE, R² and the scatter of
/// predicted against actual, and exported for `eval` and `info`.
@Suite("Sandbox: your own CSV, a regression", .serialized)
struct SandboxRegressionTests {
    static let wine = SandboxTableTests.repositoryRoot + "/datasets/csv/wine.csv"

    /// The form after wine.csv's "flavanoids" (column 7 of 14) was picked as the target.
    static func flavanoidsForm() throws -> PlaygroundApp {
        var app = try SandboxTableTests.pathField()
        SandboxTableTests.type("datasets/csv/wine.csv", into: &app)
        _ = app.update(.key(.enter))
        for _ in 0..<7 { _ = app.update(.key(.up)) }  // from the last column, "class"
        #expect(app.sandbox.table?.targetName == "flavanoids")
        _ = app.update(.key(.enter))
        return app
    }

    static func flavanoidsLesson() throws -> Lesson {
        try flavanoidsForm().sandbox.lesson(exportRoot: "/tmp").get()
    }

    @Test("a quantity target is accepted: one linear output, mean squared error, the scatter beside the loss")
    func acceptsQuantity() throws {
        var app = try Self.flavanoidsForm()
        #expect(app.sandbox.problem == nil, "\(app.sandbox.problem ?? "")")
        #expect(app.sandbox.mode == .form)
        let table = try #require(app.sandbox.table)
        #expect(table.isRegression && table.inputCount == 15)  // 12 numbers, class one-hot in 3
        #expect(app.sandbox.value(of: .data) == "wine.csv → flavanoids (a quantity: regression)")
        #expect(app.sandbox.value(of: .loss).hasPrefix("mean squared error"))
        _ = app.update(.key(.up))
        _ = app.update(.key(.up))
        _ = app.update(.key(.enter))
        guard case .lesson(let screen) = app.screen else { Issue.record("Start did not open the live view"); return }
        #expect(screen.lesson.visuals.prefix(2) == [.predictedVsActual, .lossCurves])
        // Wide, the scatter and the loss sit side by side; at 80×24 the scatter takes the larger slot above it.
        let wide = LessonScreen.visualSlots(in: Rect(x: 0, y: 0, width: 120, height: 44), count: 3, main: .predictedVsActual)
        #expect(wide.count == 3 && wide[0].y == wide[1].y && wide[0].maxX <= wide[1].x)
        let small = LessonScreen.visualSlots(in: Rect(x: 0, y: 0, width: 48, height: 21), count: 3, main: .predictedVsActual)
        #expect(small.count == 2 && small[0].height > small[1].height)
        #expect(!screen.lesson.visuals.contains(.confusionMatrix))
        guard case .network(let spec) = screen.lesson.model else { Issue.record("no network"); return }
        #expect(spec.inputShape == [15] && spec.loss == .meanSquaredError)
        #expect(spec.layers.last == .dense(inputs: 16, outputs: 1))
        #expect(spec.layers.contains(.dropout(rate: 0)))  // the dropout knob has a layer to act on
    }

    @Test("trained live, the validation R² rises above 0.7 in 20 epochs; status shows RMSE and R², not accuracy")
    func trainsLive() throws {
        let lesson = try Self.flavanoidsLesson()
        let run = SeededSession(lesson)
        let built = try run.built()
        #expect(built.regressionTarget == "flavanoids")
        let first = try run.trainEpochs(1, after: built)
        let trained = try run.trainEpochs(19, after: first)
        let firstR2 = try #require(first.epochs.last?.validation?.regression?.r2)
        let r2 = try #require(trained.epochs.last?.validation?.regression?.r2)
        #expect(r2 > 0.7 && r2 > firstR2, "validation R² \(r2) after 20 epochs, \(firstR2) after 1")
        // The loss is the standardized MSE: 1 − R² on the validation rows up to their own spread.
        let validation = try #require(trained.epochs.last?.validation)
        #expect(validation.loss < 0.5 && validation.accuracy == 0)
        // Every validation row is a dot, in flavanoids' units (0.3 to 5.1 in the file).
        #expect(trained.predictedVsActual.count == trained.validationCount && trained.validationCount == 36)
        #expect(trained.predictedVsActual.allSatisfy { (0.3...5.1).contains($0.actual) })
        let rmse = try #require(validation.regression?.rmse)
        let recomputed = RegressionEvaluation(predictions: trained.predictedVsActual.map(\.predicted),
                                              targets: trained.predictedVsActual.map(\.actual))
        #expect(abs(recomputed.rmse - rmse) < 1e-4 && abs(recomputed.r2 - r2) < 1e-4)

        var app = Self.app(lesson)
        _ = app.update(.posted(trained.withFixedClock()))
        guard case .lesson(let screen) = app.screen else { Issue.record("no lesson screen"); return }
        let status = screen.statusSegments(unicode: true, wide: true, framesPerSecond: nil)
            .flatMap(\.spans).map(\.text).joined()
        #expect(status.contains("val RMSE ") && status.contains("R² \(String(format: "%.3f", r2))"), "\(status)")
        #expect(!status.contains("acc "), "\(status)")
        let ascii = screen.statusSegments(unicode: false, wide: false, framesPerSecond: nil)
            .flatMap(\.spans).map(\.text).joined()
        #expect(ascii.contains("R2 ") && ascii.unicodeScalars.allSatisfy { $0.isASCII }, "\(ascii)")
    }

    static func app(_ lesson: Lesson) -> PlaygroundApp {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("np-sandbox-regression-\(getpid())-\(UUID().uuidString.prefix(8))").path
        return PlaygroundApp(progress: ProgressStore(directory: directory), exportRoot: directory,
                             mailbox: Mailbox(), startsThreads: false, lesson: lesson)
    }

    @Test("the live screen at 80×24 and 160×48: loss curve, and the scatter with its axes named flavanoids")
    func screens() throws {
        let lesson = try Self.flavanoidsLesson()
        let run = SeededSession(lesson)
        let trained = try run.trainEpochs(10, after: try run.built())
        var app = Self.app(lesson)
        _ = app.update(.posted(trained.withFixedClock()))
        for size in [Size.small, .large] {
            let grid = ScreenSnapshot.draw(&app, size)
            ScreenSnapshot.check(grid, named: "sandbox-csv-regression-\(size.width)x\(size.height)")
            let text = grid.lines.joined(separator: "\n")
            #expect(text.contains("predicted vs actual") && text.contains("predicted flavanoids")
                    && text.contains("actual flavanoids"), "\(text)")
        }
        let plain = ScreenSnapshot.draw(&app, .small, colors: .none, glyphs: .ascii)
        ScreenSnapshot.check(plain, named: "sandbox-csv-regression-80x24-ascii")
        #expect(plain.lines.joined().contains(".. y = x"), "\(plain.lines.joined(separator: "\n"))")
    }

    /// The flavanoids regression after 10 epochs of its real session, and a
    /// scratch folder path (not made) for what a test writes; the caller removes it.
    static func trainedTenEpochs(scratch name: String) throws
        -> (lesson: Lesson, run: SeededSession, trained: TrainingSnapshot, root: String) {
        let lesson = try flavanoidsLesson()
        let run = SeededSession(lesson)
        let trained = try run.trainEpochs(10, after: try run.built())
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("np-sandbox-regression-\(name)-\(getpid())-\(UUID().uuidString.prefix(8))").path
        return (lesson, run, trained, root)
    }

    @Test("e exports a file in flavanoids' units that eval and info read as a regression",
          .enabled(if: binary != nil, "set NETPLAYGROUND_BIN to the built netplayground (make test does)"))
    func export() throws {
        let (lesson, run, trained, root) = try Self.trainedTenEpochs(scratch: "export")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let exported = try run.export(to: root + "/run")
        #expect(exported.exportNote?.hasPrefix("exported to") == true, "\(exported.exportNote ?? "")")
        let modelPath = root + "/run/" + ModelExport.modelFile
        let loaded = try ModelFile.load(from: modelPath)
        #expect(loaded.info.table?.isRegression == true && loaded.info.classNames.isEmpty)
        // The file's model alone outputs flavanoids: the live view's predictions, row for row.
        let data = try LessonDataSets.load(try #require(lesson.data), seed: lesson.seed)
        let fromFile = RegressionTrainer.outputs(of: loaded.model, on: data.validation)
        let live = trained.predictedVsActual.map(\.predicted)
        #expect(fromFile.count == live.count)
        #expect(zip(fromFile, live).allSatisfy { abs($0 - $1) < 1e-3 }, "\(fromFile.prefix(3)) vs \(live.prefix(3))")
        // Training goes on from the weights it had (the export put the scale in a copy, not in the live model).
        let after = try run.trainEpochs(1, after: exported)
        let r2Before = try #require(trained.epochs.last?.validation?.regression?.r2)
        let r2After = try #require(after.epochs.last?.validation?.regression?.r2)
        #expect(abs(r2After - r2Before) < 0.1, "R² \(r2Before) then \(r2After)")

        let binary = try #require(binary)
        let (evalStatus, evalOut, evalErr) = try ExportRoundTripONNXTests.run(binary, ["eval", modelPath, "--csv", Self.wine])
        #expect(evalStatus == 0, "\(evalErr)")
        #expect(evalOut.contains("RMSE") && evalOut.contains("R²"), "\(evalOut)")
        let (infoStatus, infoOut, infoErr) = try ExportRoundTripONNXTests.run(binary, ["info", modelPath])
        #expect(infoStatus == 0, "\(infoErr)")
        #expect(infoOut.contains("flavanoids"), "\(infoOut)")
    }

    @Test("the export's model.onnx, run by onnxruntime on the raw wine rows, gives the live view's predictions (1e-4)",
          .enabled(if: python != nil || ProcessInfo.processInfo.environment["CI"] == "true",
                   "set NETPLAYGROUND_PYTHON (make test does) to run the Python checks"))
    func onnxExport() throws {
        let python = try #require(python, "NETPLAYGROUND_PYTHON is not set; under CI=true the Python checks must run")
        let (lesson, run, trained, root) = try Self.trainedTenEpochs(scratch: "onnx")
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = try run.export(to: root + "/run")
        // The validation rows as the file's reader gives them: numbers in the CSV's units, the class one-hot.
        let data = try LessonDataSets.load(try #require(lesson.data), seed: lesson.seed)
        guard case .float(let raw) = data.validation.features else { Issue.record("floats expected"); return }
        let live = trained.predictedVsActual.map(\.predicted)
        #expect(live.count == data.validation.count)
        let referencePath = root + "/reference.safetensors"
        try AtomicFile.write(Safetensors.encode(
            tensors: [("inputs", Tensor(shape: [data.validation.count, data.validation.itemSize], scalars: raw)),
                      ("probabilities", Tensor(shape: [live.count, 1], scalars: live))], metadata: [:]),
                             to: referencePath)
        let script = SandboxTableTests.repositoryRoot + "/scripts/check_exports.py"
        let (status, output, errors) = try ExportRoundTripONNXTests.run(python, [
            script, "--onnx", root + "/run/" + ModelExport.onnxFile, "--safetensors", root + "/run/" + ModelExport.modelFile,
            "--reference", referencePath, "--tolerance", "1e-4"])
        #expect(status == 0, "check_exports.py failed: \(errors)")
        let report = try JSONDecoder().decode(ExportRoundTripONNXTests.Report.self, from: Data(output.utf8))
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(report.onnx.count == 36)
        #expect(try #require(report.onnx.max_abs_diff) <= 1e-4)
    }

    @Test("bad input in the regression path gives the file's message in the form, which stays open")
    func badInput() throws {
        // NaN in a feature column of a table whose target is a quantity.
        let nan = try SandboxTableTests.message(forFile: "a,b\n1,0.5\nnan,1.5\n3,2.25\n")
        #expect(nan.0?.contains("bad.csv") == true && nan.0?.contains("line 3") == true, "\(nan.0 ?? "no message")")
        #expect(nan.1 == .columns)
        // A quantity column with an infinite value reads as text classes, never as a crash.
        let infinite = try SandboxTableTests.message(forFile: "a,b\n1,0.5\n2,inf\n3,2.25\n")
        #expect(infinite.1 == .columns || infinite.1 == .form, "\(infinite)")
        // A missing number in a feature column.
        let missing = try SandboxTableTests.message(forFile: "a,b\n1,0.5\n,1.5\n3,2.25\n")
        #expect(missing.0?.contains("line 3") == true && missing.1 == .columns, "\(missing.0 ?? "no message")")
    }
}
