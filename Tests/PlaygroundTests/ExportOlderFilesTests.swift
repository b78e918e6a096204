import Foundation
import Lessons
import MiniNN
import Testing
import TUI
@testable import NetPlayground

/// Files written before models recorded their data and learning rule still
/// load; `eval` and the sandbox say plainly what cannot be told.
@Suite("Older model files: eval and the sandbox say what cannot be told")
struct ExportOlderFilesTests {
    /// A lesson's model, built untrained, saved with `metrics` and without the
    /// `data` and `learning_rule` entries newer files carry.
    static func olderFile(lesson id: Int, data choice: Int = 0, metrics: ModelMetrics = ModelMetrics(),
                          in folder: String) throws -> String {
        let lesson = try #require(Course.lesson(id: id))
        let data = lesson.dataChoices[choice]
        let run = try LessonRun(model: try #require(lesson.model), data: data, knobs: LiveKnobs(lesson.knobs),
                                seed: lesson.seed, training: lesson.training)
        let info = ModelFileInfo(architecture: run.model.spec(loss: run.modelChoice.spec.loss),
                                 hyperparameters: lesson.knobs, seed: lesson.seed,
                                 normalization: run.data.train.normalization, dataset: data.fileName,
                                 classNames: run.data.train.classNames, metrics: metrics)
        var metadata = ModelFile.metadata(for: info)
        metadata["data"] = nil
        metadata["learning_rule"] = nil
        let tensors = ModelFile.namedParameters(of: run.model).map { (name: $0.name, tensor: $0.parameter.value) }
        let path = folder + "/lesson-\(id).safetensors"
        try AtomicFile.write(Safetensors.encode(tensors: tensors, metadata: metadata), to: path)
        return path
    }

    static func evalError(_ path: String) throws -> String {
        do {
            let result = try EvalCommand.evaluate(try ModelFile.load(from: path), path: path, locator: .standard)
            return "no error: \(result.line)"
        } catch {
            return "\(error)"
        }
    }

    @Test("an older lesson-5 file is evaluated on all 10,000 test images, and its 1,000-image figure is called a different set")
    func olderMNIST() throws {
        let folder = try ExportRoundTripTests.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let metrics = ModelMetrics(epochs: 1, itemsSeen: 1_000, test: Evaluation(loss: 0.4, accuracy: 0.877, count: 1_000))
        let path = try Self.olderFile(lesson: 5, metrics: metrics, in: folder)
        let loaded = try ModelFile.load(from: path)
        #expect(loaded.info.data == nil)
        #expect(loaded.info.rule == .backpropagation)
        let result = try EvalCommand.evaluate(loaded, path: path, locator: .standard)
        #expect(result.evaluation.count == 10_000)
        #expect(result.savedOnSameSet == nil)
        #expect(result.line.hasPrefix("all 10,000 MNIST test images: "), "\(result.line)")
        #expect(result.line.hasSuffix("saved: 87.70% on 1,000 test items, a different set from this one"), "\(result.line)")
        #expect(result.target.notes.contains { $0.contains("the file does not record which data the model trained on") })
        #expect(InfoCommand.describe(loaded, path: path).contains("data:       not recorded"))
    }

    @Test("an older lesson-1 file: the perceptron rule is told from the unit; its points and iris columns cannot be")
    func olderPerceptron() throws {
        let folder = try ExportRoundTripTests.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let and = try Self.olderFile(lesson: 1, in: folder)
        #expect(try ModelFile.load(from: and).info.rule == .perceptron)
        #expect(try Self.evalError(and).contains("\(and): cannot tell which 'and' points the model was trained on"))

        let irisFolder = folder + "/iris"
        try FileManager.default.createDirectory(atPath: irisFolder, withIntermediateDirectories: true)
        let iris = try Self.olderFile(lesson: 1, data: 3, in: irisFolder)
        let message = try Self.evalError(iris)
        #expect(message.contains("\(iris): cannot tell which iris data the model was trained on: it takes 2 of the 4 measurements"),
                "\(message)")
        var setup = SandboxSetup()
        setup.savedModels = [iris]
        setup.savedIndex = 1
        guard case .failure(let problem) = setup.lesson(exportRoot: folder) else {
            Issue.record("the sandbox guessed which iris columns the file used"); return
        }
        #expect(problem.message.contains("takes 2 of iris's 4 measurements and does not say which"), "\(problem.message)")
    }
}
