import Foundation
import Lessons
import Testing
import TUI
@testable import NetPlayground

/// Every "Try this" says which keys to press, and the keys do what it says:
/// each experiment's keys are replayed on the lesson screen through the one
/// key table, so the instructions cannot go stale when keys or panels change.
@Suite("Experiment keys")
struct ExperimentKeysTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let lessonID: Int
        let index: Int
        var lesson: Lesson { Course.lessons[lessonID - 1] }
        var experiment: Experiment { lesson.experiments[index] }
        var testDescription: String { "lesson \(lessonID), experiment \(index + 1)" }
    }

    static let cases = Course.lessons.flatMap { lesson in
        lesson.experiments.indices.map { Case(lessonID: lesson.id, index: $0) }
    }

    static func replay(_ steps: [KeyStep], on lesson: Lesson) -> KeyReplay {
        let directory = NSTemporaryDirectory() + "np-keys-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var replay = KeyReplay(lesson: lesson, directory: directory)
        replay.play(steps)
        return replay
    }

    @Test("each experiment's keys, pressed from Try this, reach the values its prose states", arguments: cases)
    func keysReachTheStatedValues(_ item: Case) {
        let replay = Self.replay(item.experiment.keys, on: item.lesson)
        #expect(replay.failures.isEmpty, "\(item.experiment.keysText): \(replay.failures)")
    }

    @Test("each experiment names at least one key, and the prose shows every key it presses", arguments: cases)
    func proseNamesTheKeys(_ item: Case) {
        let steps = item.experiment.keys
        let keys = steps.compactMap { step -> String? in
            if case .press(let key, _) = step { return key }
            if case .select = step { return "↓" }
            return nil
        }
        #expect(!keys.isEmpty)
        let markup = item.experiment.keysMarkup
        for key in keys { #expect(markup.contains("`\(key)`"), "\(markup) does not show \(key)") }
        for case .expect(_, let value) in steps { #expect(markup.contains("(→ \(value))")) }
        #expect(markup.filter { $0 == "`" }.count % 2 == 0, "unbalanced key markup: \(markup)")
    }

    @Test("the prose is made from the keys")
    func proseReadsAsWritten() {
        #expect(Course.learningRate.experiments[2].keysText == "↓ to learning rate, then ] twice (→ 10)")
        #expect(Course.convnet.experiments[0].keysText == "press s to pause, then r, then s to step")
        #expect(Course.mistakes.experiments[0].keysText == "press r and let it run: it pauses after 3 epochs")
        #expect(Course.sandbox.experiments[0].keysText == "press Esc, then Enter for the setup, then set data to circles, "
                + "hidden layers to 2 (↑↓ row, ←→ change), then ↓ to Start, then Enter; then the same with 4")
    }

    @Test("the sandbox's keys end on a lesson screen training what they chose")
    func sandboxKeysOpenTheChosenNetwork() throws {
        let small = Self.replay(Course.sandbox.experiments[0].keys, on: Course.sandbox)
        let screen = try #require(small.screen)
        #expect(screen.lesson.dataChoices.first?.displayName == "circles")
        guard case .dense(_, let width)? = screen.lesson.model?.spec.layers.first else {
            Issue.record("the sandbox did not open a dense network"); return
        }
        #expect(width == 2)
        let convnet = Self.replay(Course.sandbox.experiments[1].keys, on: Course.sandbox)
        #expect(convnet.screen?.lesson.model?.spec == .lessonConvnet)
        #expect(convnet.screen?.note?.hasPrefix("exporting to") == true)
    }

    @Test("the sandbox ticks 2-then-4 only after both setups trained 20 epochs on circles, in that order")
    func sandboxTwoThenFour() throws {
        let lesson = try #require(Course.lesson(slug: "sandbox"))
        let steps = lesson.experiments[0].keys
        // The prose's second half, "the same with 4": back to the form, 4 units, Start.
        let again: [KeyStep] = [.press("Esc"), .form(row: "hidden layers", value: "4"), .form(row: "Start", value: ""),
                                .press("Enter")]
        func walk(_ firstEpochs: Int, _ secondEpochs: Int, first: [KeyStep]? = nil) throws -> LessonScreen {
            let directory = NSTemporaryDirectory() + "np-keys-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: directory) }
            var replay = KeyReplay(lesson: lesson, directory: directory)
            replay.play(first ?? steps)
            replay.trained(epochs: firstEpochs)
            replay.play(again)
            replay.trained(epochs: secondEpochs)
            #expect(replay.failures.isEmpty, "\(replay.failures)")
            return try #require(replay.screen)
        }
        let both = try walk(20, 20)
        #expect(both.progressState.hiddenWidths == [4])
        #expect(both.tried.contains(0))
        #expect(try !walk(19, 20).tried.contains(0), "the 2-unit run one epoch short")
        #expect(try !walk(20, 19).tried.contains(0), "the 4-unit run one epoch short")
        // Four units first (the form keeps the last choice), then four again: no 2-unit run.
        let fourFirst = steps.map { step -> KeyStep in
            if case .form(let row, "2") = step { return .form(row: row, value: "4") }
            return step
        }
        #expect(try !walk(20, 20, first: fourFirst).tried.contains(0), "4 units twice")
    }

    @Test("a key the table does not know makes the replay fail")
    func unknownKeyFails() {
        let replay = Self.replay([.press("z")], on: Course.learningRate)
        #expect(replay.failures == ["lesson 3: the key table has no key z"])
    }

    @Test("a knob the lesson's panel does not have makes the replay fail")
    func missingKnobFails() {
        let select = Self.replay([.select(.dropout)], on: Course.learningRate)
        #expect(select.failures == ["lesson 3: lesson 3's panel has no dropout knob"])
        let read = Self.replay([.expect(.dropout, "0.5")], on: Course.learningRate)
        #expect(!read.failures.isEmpty)
    }

    @Test("a stated value the keys do not reach makes the replay fail")
    func wrongValueFails() {
        let replay = Self.replay([.select(.learningRate), .press("]"), .expect(.learningRate, "10")], on: Course.learningRate)
        #expect(replay.failures == ["lesson 3: learning rate shows 1, the prose says 10"])
    }
}
