import Foundation
import Lessons
import MiniNN
import ONNXExport
import Testing
@testable import NetPlayground

/// The Python interpreter of the venv the Makefile sets up (onnx, onnxruntime, safetensors).
private let python = ProcessInfo.processInfo.environment["NETPLAYGROUND_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
/// Under CI a missing venv fails these checks instead of skipping them.
private let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

/// The other half of every lesson's export: the `.onnx` beside the
/// safetensors file runs in onnxruntime and gives what MiniNN gives, on the
/// lesson's own held-out data taken as the graph takes it (raw features or
/// pixels ÷ 255; the graph standardizes them itself).
@Suite("Export round trip: each lesson's model.onnx in onnxruntime (scripts/check_exports.py)", .serialized,
       .enabled(if: python != nil || isCI, "set NETPLAYGROUND_PYTHON (make test does) to run the Python checks"))
struct ExportRoundTripONNXTests {
    struct Report: Decodable {
        struct ONNXPart: Decodable {
            var count: Int
            var max_abs_diff: Double?
            var argmax_mismatches: Int?
        }
        struct SafetensorsPart: Decodable { var tensors_equal_onnx: Bool }
        var onnx: ONNXPart
        var safetensors: SafetensorsPart
        var failures: [String]
    }

    @Test("onnx.checker accepts it and onnxruntime agrees with MiniNN within 1e-4", arguments: ExportRoundTripTests.cases)
    func onnx(_ testCase: ExportRoundTripTests.Case) throws {
        let python = try #require(python, "NETPLAYGROUND_PYTHON is not set; under CI=true the Python checks must run")
        let lesson = try #require(Course.lesson(id: testCase.lesson))
        let knobs = KnobSettings(lesson: lesson)
        let data = knobs.apply(to: lesson.dataChoices[testCase.data])
        let folder = try ExportRoundTripTests.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }

        let session = try ExportingSession(lesson, data: data)
        try session.train(batches: 5)
        _ = try session.export(to: folder + "/export")
        let modelPath = folder + "/export/" + ModelExport.modelFile
        let onnxPath = folder + "/export/" + ModelExport.onnxFile
        let loaded = try ModelFile.load(from: modelPath)

        // The held-out items as the lesson prepared them (its standardization
        // included), and the same items as the graph takes them.
        let run = try LessonRun(model: try #require(lesson.model), data: data,
                                knobs: LiveKnobs(knobs.hyperparameters), seed: lesson.seed, training: lesson.training)
        let heldOut = run.data.heldOut.first(min(500, run.data.heldOut.count))
        let graphInputs: Tensor = switch heldOut.features {
        case .float(let values): Tensor(shape: [heldOut.count, heldOut.itemSize], scalars: values)
        case .bytes(let bytes): Tensor(shape: [heldOut.count, heldOut.itemSize], scalars: bytes.map { Float($0) / 255 })
        }
        let batch = heldOut.allItems().inputs.reshaped([heldOut.count] + loaded.info.architecture.inputShape)
        let expected = ONNXExport.expectedOutput(of: loaded.model, loss: loaded.info.architecture.loss, inputs: batch)
        let referencePath = folder + "/reference.safetensors"
        try AtomicFile.write(Safetensors.encode(tensors: [("inputs", graphInputs), ("probabilities", expected)],
                                                metadata: [:]), to: referencePath)

        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/check_exports.py").path
        let (status, output, errors) = try Self.run(python, [script, "--onnx", onnxPath, "--safetensors", modelPath,
                                                             "--reference", referencePath])
        #expect(status == 0, "check_exports.py failed on lesson \(testCase.lesson): \(errors)")
        let report = try JSONDecoder().decode(Report.self, from: Data(output.utf8))
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(report.onnx.count == heldOut.count)
        #expect(try #require(report.onnx.max_abs_diff) <= 1e-4)
        if expected.shape[1] > 1 { #expect(report.onnx.argmax_mismatches == 0) }  // a perceptron has one output
        #expect(report.safetensors.tensors_equal_onnx)
    }

    /// Runs `executable`; returns its status, stdout and stderr.
    static func run(_ executable: String, _ arguments: [String]) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // stderr drains on its own thread: a full pipe would block the child.
        let errorData = UncheckedBox<Data>()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { errorData.value = errors.fileHandleForReading.readDataToEndOfFile(); drained.signal() }
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self),
                String(decoding: errorData.value ?? Data(), as: UTF8.self))
    }
}

private final class UncheckedBox<Value>: @unchecked Sendable { var value: Value? }
