import Foundation
import Lessons
import MiniNN
import Testing
import TUI
@testable import NetPlayground

/// Every model the playground exports comes back: `info` describes it and its
/// data, `eval` measures on the same data the accuracy the file saved, and the
/// sandbox continues it (a perceptron by the perceptron rule) and trains a batch.
@Suite("Export round trip: info, eval and the sandbox on each lesson's export", .serialized)
struct ExportRoundTripTests {
    /// A lesson and which of its data choices trains.
    struct Case: CustomTestStringConvertible, Sendable {
        let lesson: Int
        let data: Int
        var testDescription: String { "lesson \(lesson)" + (data == 0 ? "" : ", data choice \(data)") }
    }

    /// Lessons 1–6, 8, 9, 10 and the sandbox (lesson 7 trains nothing); lesson 1 also on iris, its 2-feature data.
    static let cases = [1, 2, 3, 4, 5, 6, 8, 9, Course.transfer.id, Course.sandboxID].map { Case(lesson: $0, data: 0) }
        + [Case(lesson: 1, data: 3)]

    @Test("exported, then info, eval and continue in the sandbox", arguments: cases)
    func roundTrip(_ testCase: Case) throws {
        let lesson = try #require(Course.lesson(id: testCase.lesson))
        let knobs = KnobSettings(lesson: lesson)
        let data = knobs.apply(to: lesson.dataChoices[testCase.data])
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }

        // The lesson's own training: past an epoch's end on small data (so the
        // epoch's figures are stale by the export), a few batches on MNIST.
        let session = try ExportingSession(lesson, data: data)
        let trainCount = try LessonDataSets.load(data, seed: lesson.seed).train.count
        let batchSize = knobs.hyperparameters.batchSize
        try session.train(batches: trainCount <= 5_000 ? (trainCount + batchSize - 1) / batchSize + 5 : 5)
        let note = try session.export(to: folder + "/export")
        #expect(note.hasPrefix("exported to \(folder)/export/"), "\(note)")
        let path = folder + "/export/" + ModelExport.modelFile

        // info: the file records the data and the rule.
        let loaded = try ModelFile.load(from: path)
        let record = try #require(data.record(seed: lesson.seed))
        #expect(loaded.info.data == record)
        #expect(loaded.info.rule == (testCase.lesson == 1 ? .perceptron : .backpropagation))
        let info = InfoCommand.describe(loaded, path: path)
        #expect(info.contains("data:       \(record.summary)"), "\(info)")

        // eval: the same set, the same figure.
        let saved = try Self.expectEvalReproduces(path, heldOut: Self.heldOutName(data))

        // The sandbox continues it on the same data and trains a batch.
        var setup = SandboxSetup()
        setup.savedModels = [path]
        setup.savedIndex = 1
        let continued = try setup.lesson(exportRoot: folder).get()
        let run = try LessonRun(model: try #require(continued.model), data: try #require(continued.data),
                                knobs: LiveKnobs(KnobSettings(lesson: continued).hyperparameters),
                                seed: continued.seed, training: continued.training)
        #expect(run.trainer.rule == loaded.info.rule, "a perceptron goes on by the perceptron rule")
        #expect(run.evaluateHeldOut() == saved, "the sandbox rebuilt the data the model was saved with")
        guard case .trained = run.trainBatch() else {
            Issue.record("the continued model did not train a batch"); return
        }

        // What the sandbox exports from there comes back too (the same path
        // as above, so the large MNIST sets skip this second full evaluation).
        guard trainCount <= 5_000 else { return }
        let again = ModelExport.export(run: run, spec: continued.model?.spec ?? loaded.info.architecture,
                                       knobs: run.trainer.knobs.value, seed: continued.seed, epochs: [],
                                       itemsSeen: run.trainer.itemsSeen, curve: [], directory: folder + "/again")
        #expect(again.hasPrefix("exported to \(folder)/again/"), "\(again)")
        let reloaded = try ModelFile.load(from: folder + "/again/" + ModelExport.modelFile)
        #expect(reloaded.info.rule == loaded.info.rule)
        #expect(reloaded.info.data == record)
        _ = try Self.expectEvalReproduces(folder + "/again/" + ModelExport.modelFile,
                                          heldOut: Self.heldOutName(data))
    }

    @Test("the file records the seed that drew its points: a reset keeps them, new noise draws new ones")
    func dataSeed() throws {
        let lesson = Course.hiddenLayers
        let data = try #require(lesson.data)
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let session = try ExportingSession(lesson, data: data)
        try session.train(batches: 3)
        try session.send(.reset(seed: lesson.seed + 1))
        try session.train(batches: 3)
        _ = try session.export(to: folder + "/reset")
        let reset = try ModelFile.load(from: folder + "/reset/" + ModelExport.modelFile).info
        #expect(reset.seed == lesson.seed + 1, "the weights' seed")
        #expect(reset.data == data.record(seed: lesson.seed), "the same points as before the reset")
        try Self.expectEvalReproduces(folder + "/reset/" + ModelExport.modelFile, heldOut: Self.heldOutName(data))

        guard case .toy(let kind, let count, _, let fraction) = data else { Issue.record("lesson 2 is not on points"); return }
        let noisier = LessonData.toy(kind, count: count, noise: 0.3, validationFraction: fraction)
        try session.send(.rebuildData(noisier))
        try session.train(batches: 3)
        _ = try session.export(to: folder + "/noise")
        let redrawn = try ModelFile.load(from: folder + "/noise/" + ModelExport.modelFile).info
        #expect(redrawn.data == noisier.record(seed: lesson.seed + 1), "new points, drawn with the current seed")
        try Self.expectEvalReproduces(folder + "/noise/" + ModelExport.modelFile, heldOut: Self.heldOutName(noisier))
    }

    @Test("wrong labels come back: the sandbox continues on the labels the model was trained on")
    func labelNoise() throws {
        let lesson = Course.hiddenLayers
        let data = try #require(lesson.data)
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let session = try ExportingSession(lesson, data: data)
        try session.send(.labelNoise(0.2))
        try session.train(batches: 3)
        _ = try session.export(to: folder + "/noisy")
        let path = folder + "/noisy/" + ModelExport.modelFile
        #expect(try ModelFile.load(from: path).info.data == data.record(seed: lesson.seed, labelNoise: 0.2))

        var setup = SandboxSetup()
        setup.savedModels = [path]
        setup.savedIndex = 1
        let continued = try setup.lesson(exportRoot: folder).get()
        #expect(continued.labelNoise == 0.2)
        #expect(continued.panel.contains(.labelNoise), "the noise is on screen, as a knob to turn down")
        #expect(KnobSettings(lesson: continued).labelNoise == 0.2, "the knob the screen hands its session")
        let knobs = LiveKnobs(KnobSettings(lesson: continued).hyperparameters)
        let resumed = try LessonRun(model: try #require(continued.model), data: try #require(continued.data),
                                    knobs: knobs, seed: continued.seed, training: continued.training,
                                    labelNoise: KnobSettings(lesson: continued).labelNoise)
        let original = try LessonRun(model: try #require(lesson.model), data: data, knobs: knobs, seed: lesson.seed,
                                     training: lesson.training, labelNoise: 0.2)
        let clean = try LessonRun(model: try #require(lesson.model), data: data, knobs: knobs, seed: lesson.seed,
                                  training: lesson.training)
        #expect(resumed.data.train.labels == original.data.train.labels, "the same labels wrong")
        #expect(resumed.data.train.labels != clean.data.train.labels)
    }

    /// Runs `eval`'s evaluation on `path`, expects it to find the saved figure on
    /// the same set and equal it, and returns that figure.
    @discardableResult
    static func expectEvalReproduces(_ path: String, heldOut: String) throws -> Evaluation? {
        let loaded = try ModelFile.load(from: path)
        let result = try EvalCommand.evaluate(loaded, path: path, locator: .standard)
        #expect(result.line.components(separatedBy: " (data: ").first == heldOut, "\(result.line)")
        guard let saved = result.savedOnSameSet else {
            Issue.record("eval found no saved figure on its set: \(result.line)"); return nil
        }
        #expect(result.evaluation == saved, "\(result.line)")
        #expect(result.line.hasSuffix("saved: \(Format.percent(saved.accuracy)) on the same set"), "\(result.line)")
        return saved
    }

    /// How eval names the held-out set of `data`, before its description.
    static func heldOutName(_ data: LessonData) -> String {
        switch data {
        case .mnist(_, _, let test, _): test == 10_000 ? "all 10,000 MNIST test images" : "MNIST test images 1–\(test.grouped) of 10,000"
        case .mnistDigits: "the 4,861 MNIST test images of digits 5–9"
        case .toy(_, let count, _, let fraction):
            "validation split, \(Int((Float(count) * fraction).rounded()).grouped) of \(count.grouped) points"
        case .iris(_, let species, let fraction):
            "validation split, \(Int((Float(50 * species.count) * fraction).rounded())) of \(50 * species.count) flowers"
        case .csv: "the table's validation rows"  // no course lesson trains a table
        }
    }

    static func scratchFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("netplayground-roundtrip-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }
}
