import ArgumentParser
import Foundation
import Lessons
import MiniNN
import Testing
@testable import NetPlayground

/// No write replaces a file the user did not name.
@Suite("Exports never overwrite an earlier export")
struct ExportOverwriteTests {
    @Test("a second export to the same directory name (the same second) goes to name-2; the first stays as it was")
    func sameSecond() throws {
        let folder = try ExportRoundTripTests.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let lesson = Course.hiddenLayers
        let run = try LessonRun(model: try #require(lesson.model), data: try #require(lesson.data),
                                knobs: LiveKnobs(lesson.knobs), seed: lesson.seed)
        func export() -> String {
            ModelExport.export(run: run, spec: run.modelChoice.spec, knobs: lesson.knobs, seed: lesson.seed, epochs: [],
                               itemsSeen: run.trainer.itemsSeen, curve: [], directory: folder + "/lesson-2-20261202-070000")
        }
        #expect(export().hasPrefix("exported to \(folder)/lesson-2-20261202-070000/"))
        let first = folder + "/lesson-2-20261202-070000/" + ModelExport.modelFile
        let before = try Data(contentsOf: URL(fileURLWithPath: first))
        _ = run.trainBatch()
        let second = export()
        #expect(second.hasPrefix("exported to \(folder)/lesson-2-20261202-070000-2/"), "\(second)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: first)) == before)
        let written = try Data(contentsOf: URL(fileURLWithPath: folder + "/lesson-2-20261202-070000-2/" + ModelExport.modelFile))
        #expect(written != before, "the second export holds the trained batch")
        #expect(export().hasPrefix("exported to \(folder)/lesson-2-20261202-070000-3/"))
    }

    @Test("a directory that cannot be made is an export failure in words, not a crash")
    func unwritable() throws {
        let folder = try ExportRoundTripTests.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("a file".utf8).write(to: URL(fileURLWithPath: folder + "/taken"))
        guard case .failure(let problem) = ModelExport.makeNewDirectory(folder + "/taken/export") else {
            Issue.record("made a directory under a file"); return
        }
        #expect(problem.message.hasPrefix("cannot create \(folder)/taken"), "\(problem.message)")
    }

    @Test("train refuses two of --save, --export, --curve naming one file")
    func trainSharedPath() {
        #expect(throws: (any Error).self) {
            try TrainCommand.parse(["mlp-xor", "--save", "out/m.safetensors", "--curve", "out/./m.safetensors"])
        }
        var message = ""
        do {
            _ = try TrainCommand.parse(["mlp-xor", "--export", "a.onnx", "--curve", "a.onnx"])
        } catch {
            message = TrainCommand.message(for: error)
        }
        #expect(message.contains("--export and --curve name the same file (a.onnx); the second would overwrite the first"),
                "\(message)")
        #expect((try? TrainCommand.parse(["mlp-xor", "--save", "a.safetensors", "--curve", "a.csv"])) != nil)
    }
}
