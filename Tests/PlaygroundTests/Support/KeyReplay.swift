import Foundation
import Lessons
import MiniNN
import TUI
@testable import NetPlayground

/// Plays an experiment's keys on the playground as a learner would: each key
/// looked up in ``PlaygroundKeys/table`` by the name the prose prints, sent
/// through ``PlaygroundApp/update(_:)`` to the screen that has it (the lesson
/// screen's `handle`, or the sandbox form), with no training thread.
///
/// Failures are collected, not recorded, so a test can also show that a bad
/// step (a key the table lacks, a knob the panel lacks) makes the replay fail.
struct KeyReplay {
    private(set) var app: PlaygroundApp
    private(set) var failures: [String] = []
    let lesson: Lesson

    /// The lesson opened as `netplayground --lesson N` opens it, then Tab to
    /// Try this, where the learner reads the keys.
    init(lesson: Lesson, directory: String) {
        self.lesson = lesson
        app = PlaygroundApp(progress: ProgressStore(directory: directory), exportRoot: directory,
                            mailbox: Mailbox(), openLesson: lesson.id, startsThreads: false)
        press("Tab")
        if screen?.focus != .tryThis || screen?.showsTryThis != true {
            fail("Tab from the opening focus does not reach Try this")
        }
    }

    var screen: LessonScreen? {
        if case .lesson(let screen) = app.screen { return screen }
        return nil
    }

    /// The key the help names `name` ("Space", "↓", "]"), if the table binds it.
    static func key(named name: String) -> Key? {
        PlaygroundKeys.table.bindings.flatMap(\.keys).first { $0.description == name }
    }

    mutating func play(_ steps: [KeyStep]) {
        for step in steps {
            switch step {
            case .press(let name, let times):
                for _ in 0..<max(1, times) { press(name) }
            case .select(let knob): select(knob)
            case .expect(let knob, let value):
                guard let screen, screen.panel.contains(knob) else {
                    fail("no lesson screen with a \(knob.label) knob to read"); continue
                }
                let shown = screen.knobs.display(knob, dataChoices: screen.lesson.dataChoices)
                if shown != value { fail("\(knob.label) shows \(shown), the prose says \(value)") }
            case .form(let row, let value): form(row: row, value: value)
            case .words: break
            }
        }
    }

    /// A snapshot the lesson screen's session posts: `epochs` finished epochs of
    /// `batchesPerEpoch` batches, as a training thread would report them.
    mutating func trained(epochs: Int, batchesPerEpoch: Int = 10) {
        guard let screen else { fail("no lesson screen to train"); return }
        var snapshot = TrainingSnapshot(session: screen.sessionID, generation: 0, seed: 1, state: .running)
        snapshot.batchesPerEpoch = batchesPerEpoch
        snapshot.batchesTrained = epochs * batchesPerEpoch
        snapshot.epochs = (0..<epochs).map {
            EpochReport(epoch: $0, train: Evaluation(loss: 0.3, accuracy: 0.9, count: 320),
                        validation: Evaluation(loss: 0.3, accuracy: 0.9, count: 80), test: nil, seconds: 0.1)
        }
        _ = app.update(.posted(snapshot))
    }

    private mutating func press(_ name: String) {
        guard let key = Self.key(named: name) else { fail("the key table has no key \(name)"); return }
        _ = app.update(.key(key))
    }

    /// ↓ until the knob is selected, as "↓ to learning rate" says.
    private mutating func select(_ knob: KnobKind) {
        guard let panel = screen?.panel else { fail("↓ to \(knob.label): no lesson screen"); return }
        guard panel.contains(knob) else { fail("lesson \(lesson.id)'s panel has no \(knob.label) knob"); return }
        for _ in 0...panel.count {
            if let screen, screen.panel[screen.selectedKnob] == knob { return }
            press("↓")
        }
        fail("↓ never selected \(knob.label) (focus: \(String(describing: screen?.focus)))")
    }

    /// On the sandbox form: ↓ to the row, then → until it shows the value.
    private mutating func form(row: String, value: String) {
        let rows = SandboxSetup.Row.allCases
        guard let target = rows.first(where: { row == "Start" ? $0 == .start : $0.label == row }) else {
            fail("the sandbox form has no row \(row)"); return
        }
        for _ in 0...rows.count {
            guard case .sandboxSetup = app.screen else { fail("\(row): not on the sandbox form"); return }
            if app.sandbox.focusedRow == target { break }
            press("↓")
        }
        guard app.sandbox.focusedRow == target else { fail("↓ never reached the row \(row)"); return }
        guard !value.isEmpty else { return }
        for _ in 0..<40 {
            if app.sandbox.value(of: target) == value { return }
            press("→")
        }
        fail("→ never made \(row) show \(value) (it shows \(app.sandbox.value(of: target)))")
    }

    private mutating func fail(_ message: String) { failures.append("lesson \(lesson.id): \(message)") }
}
