import Foundation
import Lessons
import Testing
import TUI
@testable import NetPlayground

/// The lesson screen's update function returns the session's commands instead
/// of sending them: a key gives the expected command(s), and nothing trains here.
@Suite("Update returns commands")
struct UpdateCommandTests {
    static func screen(_ lesson: Lesson) -> LessonScreen {
        LessonScreen(lesson: lesson, sessionID: 1, mailbox: Mailbox(), startsThreads: false)
    }

    static func names(_ commands: [LessonScreen.Command]) -> [String] {
        commands.map { "\($0)".components(separatedBy: "(").first ?? "" }
    }

    @Test("training keys give their commands")
    func trainingKeys() {
        var screen = Self.screen(Course.learningRate)
        #expect(screen.handle(.togglePause, exportRoot: "/x").map { "\($0)" } == ["toggle"])
        #expect(screen.handle(.stepBatch, exportRoot: "/x").map { "\($0)" } == ["stepBatches(1)"])
        #expect(screen.handle(.stepEpoch, exportRoot: "/x").map { "\($0)" } == ["stepEpoch"])
        #expect(screen.handle(.reset, exportRoot: "/x").map { "\($0)" } == ["reset(seed: \(Course.learningRate.seed + 1))"])
        #expect(screen.note == "weights reset with seed \(Course.learningRate.seed + 1)")
        let export = screen.handle(.export, exportRoot: "/x")
        guard case .export(let directory)? = export.first, export.count == 1 else {
            Issue.record("e gave \(export)"); return
        }
        #expect(directory.hasPrefix("/x/learning-rate-"), "exports are named by the lesson's stable name")
    }

    @Test("knobs give rebuild, label-noise and digit commands; live knobs none")
    func knobCommands() {
        var lesson3 = Self.screen(Course.learningRate)
        #expect(lesson3.handle(.increase, exportRoot: "/x").isEmpty, "the learning rate is read at the next batch")
        #expect(lesson3.liveKnobs.value.learningRate == lesson3.knobs.hyperparameters.learningRate)
        lesson3.selectedKnob = lesson3.panel.firstIndex(of: .noise) ?? 0
        #expect(Self.names(lesson3.handle(.increase, exportRoot: "/x")) == ["rebuildData"])

        var lesson8 = Self.screen(Course.convnet)
        lesson8.selectedKnob = lesson8.panel.firstIndex(of: .labelNoise) ?? 0
        #expect(lesson8.handle(.right, exportRoot: "/x").map { "\($0)" } == ["labelNoise(0.2)"])
        lesson8.selectedKnob = lesson8.panel.firstIndex(of: .initScale) ?? 0
        #expect(Self.names(lesson8.handle(.increase, exportRoot: "/x")) == ["rebuildModel"])
        lesson8.focus = .visuals
        #expect(lesson8.handle(.down, exportRoot: "/x").map { "\($0)" } == ["showDigit(1)"])
        #expect(lesson8.handle(.focusNext, exportRoot: "/x").isEmpty)
    }

    @Test("with nothing to train, keys give no commands, and the keys of runs and the canvas say why")
    func nothingToTrain() {
        var screen = Self.screen(Course.convolution)
        for action in [PlaygroundAction.togglePause, .stepBatch, .reset, .export, .increase] {
            #expect(screen.handle(action, exportRoot: "/x").isEmpty, "\(action)")
        }
        _ = screen.handle(.pinRun, exportRoot: "/x")
        #expect(screen.note?.hasPrefix("nothing to pin") == true)
        _ = screen.handle(.toggleRunsTable, exportRoot: "/x")
        #expect(screen.note == "no runs to compare in this lesson" && !screen.showsRunsTable)
    }
}
