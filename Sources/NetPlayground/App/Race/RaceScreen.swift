import Lessons
import MiniNN
import TUI

/// What a race's runner screen draws beyond its own run: every runner's
/// screen with its name, and which one is shown. The rivals on its charts,
/// the line naming the runners and the runs table all follow from these.
struct RaceView: Sendable {
    var runners: [(label: String, screen: LessonScreen)]
    var selected: Int

    /// The other runners' curves, numbered as the race numbers them.
    var rivals: [ShownPin] {
        runners.indices.compactMap { index in
            guard index != selected, let snapshot = runners[index].screen.snapshot else { return nil }
            let label = runners[index].label
            return ShownPin(number: index + 1, label: label, run: FinishedRun(snapshot, label: label))
        }
    }

    /// "race: 1 lr 0.01  [2 lr 0.1]  3 lr 1 · keys act on 2, its lines bright",
    /// on one row of `width` columns: the explanation shortens first, then
    /// the names end in "…" (a line that wrapped would push the screen about).
    /// Measured as it will be drawn: in ASCII "±" is "+/-" and "→" is "->".
    func banner(width: Int, glyphs: GlyphSet = .braille) -> String {
        let names = "race: " + runners.indices.map { index in
            index == selected ? "[\(index + 1) \(runners[index].label)]" : "\(index + 1) \(runners[index].label)"
        }.joined(separator: "  ")
        let spelled = { (text: String) in glyphs.isUnicode ? text : ASCIIText.transliterated(text) }
        let ellipsis = glyphs.ellipsis
        for tail in [" · keys act on \(selected + 1), its lines bright", " · keys act on \(selected + 1)", ""] {
            if displayWidth(of: spelled(names + tail)) <= width { return spelled(names + tail) }
        }
        return truncated(spelled(names), toWidth: width, ellipsis: ellipsis)
    }

    /// Every runner's row, for `t`.
    var table: RunsTable { RunsTable(race: self) }
}

/// A race (`c`): the lesson's settings trained side by side. Every runner
/// is a lesson screen of its own (its session, knobs and pictures) built
/// from the same seed and data, so the runners start from the same first
/// weights (scaled, where the init scale is what is raced) and meet the
/// same batches; OpenBLAS runs single-threaded in each, a core apiece as
/// far as the machine has them. The screen shows one runner at a time
/// (`1`–`4`), with the others' curves on its charts; knobs turn the shown
/// runner's, and Space, steps, reset and speed act on all of them, so they
/// stay in step. The lesson waits, paused, until the race ends.
struct RaceScreen {
    /// The lesson the race started from, paused meanwhile; Esc or `c` goes back to it.
    var home: LessonScreen
    var runners: [LessonScreen]
    /// Each runner's name as the race started ("lr 0.01").
    let startLabels: [String]
    /// Each runner's knobs as the race started (its label changes when they do).
    let startKnobs: [KnobSettings]
    var selected = 0

    /// `firstSessionID` and the ids after it are the runners'.
    init(home: LessonScreen, preset: RacePreset, firstSessionID: Int, mailbox: Mailbox<TrainingSnapshot>,
         startsThreads: Bool) {
        self.home = home
        let knobs = preset.runners.map { home.knobs.applying($0.changes) }
        startKnobs = knobs
        startLabels = preset.runners.map(\.label)
        runners = knobs.enumerated().map { index, knobs in
            LessonScreen(lesson: home.lesson, sessionID: firstSessionID + index, mailbox: mailbox,
                         startsThreads: startsThreads, knobs: knobs, seed: home.seed, startRunning: true,
                         blasThreads: 1, history: home.history)
        }
        for index in runners.indices {
            runners[index].focus = home.focus
            runners[index].selectedKnob = home.selectedKnob
            runners[index].logarithmicLoss = home.logarithmicLoss
            runners[index].swapsPictureForm = home.swapsPictureForm
        }
    }

    var sessionIDs: [Int] { runners.map(\.sessionID) }

    /// Hands a snapshot to the runner (or the waiting lesson) it belongs to.
    mutating func receive(_ snapshot: TrainingSnapshot) {
        if let index = runners.firstIndex(where: { $0.sessionID == snapshot.session }) {
            runners[index].receive(snapshot)
        } else if snapshot.session == home.sessionID {
            home.receive(snapshot)
        }
    }

    /// The update function for a key in the race: the runner's own state
    /// changes here; what each runner's session must do comes back with its index.
    mutating func handle(_ action: PlaygroundAction, exportRoot: String) -> [(runner: Int, command: TrainingSession.Command)] {
        var commands: [(runner: Int, command: TrainingSession.Command)] = []
        func everyRunner(_ action: PlaygroundAction) {
            for index in runners.indices {
                commands += runners[index].handle(action, exportRoot: exportRoot).map { (index, $0) }
            }
        }
        switch action {
        case .pickRunner(let number):
            guard runners.indices.contains(number - 1) else {
                runners[selected].note = "this race has \(runners.count) runners: 1–\(runners.count)"
                return []
            }
            let previous = runners[selected]
            selected = number - 1
            // The new runner keeps the place the learner was looking at.
            runners[selected].focus = previous.focus
            runners[selected].selectedKnob = previous.selectedKnob
            runners[selected].visualOffset = previous.visualOffset
            runners[selected].textScroll = previous.textScroll
            runners[selected].note = nil
        case .togglePause:
            // One state for all: if the shown runner runs, all pause; else all run.
            let pause = runners[selected].snapshot?.state == .running
            for index in runners.indices {
                runners[index].note = nil
                commands.append((index, pause ? .pause : .run))
            }
        case .stepBatch, .stepEpoch, .reset, .slower, .faster, .fullSpeed, .toggleLogScale, .togglePictureForm,
             .toggleRunsTable:
            everyRunner(action)
            if action == .reset {
                for index in runners.indices where index != selected { runners[index].note = nil }
            }
        default:
            commands += runners[selected].handle(action, exportRoot: exportRoot).map { (selected, $0) }
        }
        return commands
    }

    /// Runner `index`'s name now: its start label while its knobs are as the
    /// race set them, else what they are now in the knobs that differ.
    func label(of index: Int) -> String {
        let runner = runners[index], start = startKnobs[index]
        let changed = runner.panel.filter { $0 != .speed && runner.knobs.display($0) != start.display($0) }
        guard !changed.isEmpty else { return startLabels[index] }
        return startLabels[index] + " → "
            + changed.map { RacePreset.runnerLabel($0, runner.knobs, dataChoices: runner.lesson.dataChoices) }
                .joined(separator: ", ")
    }

    /// The shown runner, knowing the others (see ``RaceView``).
    var shownRunner: LessonScreen {
        var runner = runners[selected]
        runner.race = RaceView(runners: runners.indices.map { (label(of: $0), runners[$0]) }, selected: selected)
        return runner
    }

    /// Ends every runner's session; the lesson's own is left as it was.
    func stop() {
        for runner in runners { runner.session?.stop() }
    }
}
