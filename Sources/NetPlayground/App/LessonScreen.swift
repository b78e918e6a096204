import Foundation
import Lessons
import MiniNN
import TUI

/// One open lesson (or the sandbox): its knobs, its training session and
/// the latest snapshot to draw.
struct LessonScreen {
    /// The parts of the screen Tab moves between, in order. Try this comes
    /// right after the knobs, so one Tab shows the experiments; while it has
    /// the focus the knob keys still work, so its keys can be pressed as read.
    enum Focus: CaseIterable {
        case knobs, tryThis, text, visuals
    }

    let lesson: Lesson
    var knobs: KnobSettings
    let liveKnobs: LiveKnobs
    let session: TrainingSession?
    /// Which snapshots are this screen's: its session's, or (with nothing to
    /// train) the sample digits loaded for it.
    let sessionID: Int
    var snapshot: TrainingSnapshot?
    var focus: Focus = .knobs
    var selectedKnob = 0
    var textScroll = 0
    /// Whether the left panel shows the Try-this list instead of the lesson
    /// text: since Tab last reached Try this (and not the text).
    var showsTryThis = false
    var tryThisScroll = 0
    /// Rotates which visuals are shown when not all of them fit.
    var visualOffset = 0
    /// Whether the loss chart's y-axis is logarithmic (`y`).
    var logarithmicLoss = false
    /// Index of the held-out digit in the prediction panels.
    var digitIndex = 0
    /// How fast free-running training goes (the session keeps to it): the
    /// speed knob's value, which `<` `>` and `f` turn too.
    var speed: BatchRate {
        get { knobs.speed }
        set { knobs.speed = newValue }
    }
    /// The kernel or neuron shown large (↑↓ on a kernel or weight panel).
    var pickedPicture = 0
    /// `v`: kernels as color blocks and weight pictures as ASCII, instead of the other way round.
    var swapsPictureForm = false
    /// Runs pinned with `p`, oldest first (at most ``pinCapacity``).
    var pins: [PinnedRun] = []
    /// The last run `P` cleared from the charts (it stays hidden until the next one ends).
    var hiddenRunNumber: Int?
    /// Where its runs are kept (the race's runners keep theirs there too).
    var history: RunHistory?
    /// The lesson's last kept runs, newest first, as it opened (`o` lists them).
    var earlierRuns: [RunRecord] = []
    /// Set while this screen is a race's runner: the other runners to draw
    /// beside it and the line naming them (see ``RaceScreen``).
    var race: RaceView?
    /// `t`: the runs table sits above the visuals.
    var showsRunsTable = false
    /// One line under the status bar: what an action did.
    var note: String?
    /// What the learner has done, as the experiments' checks read it.
    var progressState: LessonState
    /// Indices of the experiments tried (the checklist's ticks), this time and before.
    var tried: Set<Int>
    /// What to do next once the checklist is done (set by the app, which knows the course's progress).
    var nextSuggestion: String?
    /// The run and its batch count the checklist last saw (see `trackProgress`).
    var trackedGeneration = -1
    var trackedRunBatches = 0
    private(set) var seed: UInt64

    /// With `startsThreads` false (tests) the session is built but never
    /// started and no sample digits load: keys change the screen's state as
    /// they do on screen, and no thread runs.
    ///
    /// The lesson opens paused on its first frame: the learner reads first and
    /// starts training with Space (the status line says so). `tried` are the
    /// experiments ticked on earlier visits.
    ///
    /// A race's runner (``RaceScreen``) passes its own `knobs` and `seed`, starts
    /// running, and keeps OpenBLAS on `blasThreads` (1: a core of its own).
    init(lesson: Lesson, sessionID: Int, mailbox: Mailbox<TrainingSnapshot>, startsThreads: Bool = true,
         tried: Set<Int> = [], knobs chosen: KnobSettings? = nil, seed chosenSeed: UInt64? = nil,
         startRunning: Bool = false, blasThreads: Int? = nil, history: RunHistory? = nil, resuming: ResumedRun? = nil) {
        self.lesson = lesson
        let knobs = chosen ?? KnobSettings(lesson: lesson)
        let seed = chosenSeed ?? lesson.seed
        self.knobs = knobs
        self.liveKnobs = LiveKnobs(knobs.hyperparameters)
        self.seed = seed
        self.progressState = LessonState(lesson: lesson)
        self.tried = tried
        self.sessionID = sessionID
        self.history = history
        if let data = lesson.dataChoices.indices.contains(knobs.dataChoice)
            ? lesson.dataChoices[knobs.dataChoice] : lesson.dataChoices.first,
           let model = knobs.model(for: lesson) {
            let session = TrainingSession(
                id: sessionID, model: model, data: knobs.apply(to: data), knobs: liveKnobs, seed: seed,
                training: lesson.training, visuals: Set(lesson.visuals), mailbox: mailbox,
                startRunning: startRunning,
                plannedEpochs: lesson.plannedEpochs, speed: knobs.speed, labelNoise: knobs.labelNoise,
                blasThreads: blasThreads,
                history: history.map { RunHistoryContext(store: $0, lesson: lesson.id, lessonTitle: lesson.title,
                                                          slug: lesson.slug) },
                resuming: resuming)
            if startsThreads { session.start() }
            self.session = session
        } else {
            self.session = nil
            if startsThreads { Self.loadSampleDigits(sessionID: sessionID, mailbox: mailbox) }
        }
    }

    /// Lesson 7 convolves real digits but trains nothing: read a few test
    /// images off the UI thread (MNIST takes a moment to decompress) and post them.
    private static func loadSampleDigits(sessionID: Int, mailbox: Mailbox<TrainingSnapshot>) {
        AppThreads.shared.spawn(name: "np.digits") {
            var snapshot = TrainingSnapshot(session: sessionID, generation: 0, seed: 0, state: .paused)
            do {
                let test = try DatasetCache.shared.mnistTest(locator: .standard)
                if case .bytes(let bytes) = test.features {
                    let size = test.itemSize
                    snapshot.sampleDigits = (0..<min(20, test.count)).map { Array(bytes[$0 * size ..< ($0 + 1) * size]) }
                }
            } catch {
                snapshot.state = .failed("\(error)")
            }
            mailbox.post(snapshot, lane: sessionID)
        }
    }

    /// Whether every experiment of the checklist is ticked.
    var checklistDone: Bool { !lesson.experiments.isEmpty && tried.count >= lesson.experiments.count }

    mutating func receive(_ snapshot: TrainingSnapshot) {
        if let exportNote = snapshot.exportNote, exportNote != self.snapshot?.exportNote {
            note = exportNote
        }
        self.snapshot = snapshot
        completePins(from: snapshot)
        trackProgress(snapshot)
    }

    var panel: [KnobKind] { lesson.panel }

    // MARK: Keys

    /// The session's commands, as the update function returns them.
    typealias Command = TrainingSession.Command

    /// The update function: changes the screen's state for a key's action and
    /// returns what the training session must do, for the caller to send. It
    /// starts no thread and touches no terminal; only the knobs the trainer
    /// reads at its next batch (``LiveKnobs``) are written directly.
    mutating func handle(_ action: PlaygroundAction, exportRoot: String) -> [Command] {
        let trains = session != nil
        switch action {
        case .togglePause: note = nil; return trains ? [.toggle] : []
        case .stepBatch: note = nil; return trains ? [.stepBatches(1)] : []
        case .stepEpoch: note = nil; return trains ? [.stepEpoch] : []
        case .reset:
            guard trains else { note = nil; return [] }
            progressState.resets += 1
            seed = nextSeed(after: seed)
            note = "weights reset with seed \(seed)"
            return [.reset(seed: seed)]
        case .export:
            guard trains else { note = "nothing to export in this lesson"; return [] }
            let directory = exportDirectory(root: exportRoot)
            note = "exporting to \(directory)…"
            return [.export(directory: directory)]
        case .focusNext: moveFocus(by: 1)
        case .focusPrevious: moveFocus(by: -1)
        case .up, .down:
            let delta = action == .down ? 1 : -1
            switch focus {
            case .knobs where !panel.isEmpty, .tryThis where !panel.isEmpty:
                selectedKnob = (selectedKnob + delta + panel.count) % panel.count
            case .tryThis: tryThisScroll = max(0, tryThisScroll + delta)
            case .text, .knobs: textScroll = max(0, textScroll + delta)
            case .visuals:
                if let count = pickableCount { pickedPicture = ((pickedPicture + delta) % count + count) % count; break }
                return changeDigit(by: delta)
            }
        case .pageUp, .pageDown:
            let delta = action == .pageDown ? 10 : -10
            if showsTryThis { tryThisScroll = max(0, tryThisScroll + delta) } else { textScroll = max(0, textScroll + delta) }
        case .left, .right:
            let delta = action == .right ? 1 : -1
            switch focus {
            case .knobs, .tryThis: return turnKnob(steps: delta, coarse: false)
            case .text: textScroll = max(0, textScroll + delta * 10)
            case .visuals: visualOffset += delta
            }
        case .increase: return turnKnob(steps: 1, coarse: false)
        case .decrease: return turnKnob(steps: -1, coarse: false)
        case .increaseCoarse: return turnKnob(steps: 1, coarse: true)
        case .decreaseCoarse: return turnKnob(steps: -1, coarse: true)
        case .select:
            if focus == .visuals { return changeDigit(by: 1) }
            moveFocus(by: 1)
        case .slower, .faster, .fullSpeed: return changeSpeed(action)
        case .toggleLogScale:
            guard lesson.visuals.contains(.lossCurves) else { note = "no loss chart in this lesson"; return [] }
            logarithmicLoss.toggle()
            note = logarithmicLoss ? "loss axis: log scale (y: linear)" : "loss axis: linear (y: log scale)"
        case .togglePictureForm: swapsPictureForm.toggle(); note = nil
        case .pinRun: pinCurrentRun()
        case .clearPins: clearPins()
        case .toggleRunsTable:
            guard trains, lesson.visuals.contains(.lossCurves) else { note = "no runs to compare in this lesson"; return [] }
            showsRunsTable.toggle()
            note = nil
        case .startRace, .openEarlierRuns, .continueRun, .pickRunner, .addRunner, .removeRunner, .openCanvas, .togglePen,
             .erasePixel, .clearCanvas, .thinnerPen, .thickerPen, .type, .deleteBackward, .clearText, .complete: break
        case .quit, .help, .back: break
        }
        return []
    }

    /// `<` and `>` step along the ladder; `f` goes to full speed, and from
    /// full back to the lesson's own speed.
    private mutating func changeSpeed(_ action: PlaygroundAction) -> [Command] {
        guard session != nil else { note = "nothing trains in this lesson"; return [] }
        let next: BatchRate
        switch action {
        case .slower: next = speed.slower
        case .faster: next = speed.faster
        default: next = speed == .full ? lesson.defaultSpeed : .full
        }
        guard next != speed else {
            note = speed == .full ? "already at full speed" : "already the slowest speed (\(speed.label) batches)"
            return []
        }
        speed = next
        progressState.knobSet(.speed, knobs: knobs)
        note = nil
        return [.speed(next)]
    }

    /// Moves the focus; reaching Try this or the text picks what the left panel shows.
    private mutating func moveFocus(by delta: Int) {
        focus = Self.cycle(focus, by: delta)
        if focus == .tryThis { showsTryThis = true }
        if focus == .text { showsTryThis = false }
    }

    private static func cycle(_ focus: Focus, by delta: Int) -> Focus {
        let all = Focus.allCases
        let index = all.firstIndex(of: focus) ?? 0
        return all[(index + delta + all.count) % all.count]
    }

    /// How many kernels or neurons ↑↓ pick among, when the focused panel shows them.
    var pickableCount: Int? {
        guard let snapshot, let first = orderedVisuals.first else { return nil }
        let count: Int
        switch first {
        case .kernels: count = snapshot.kernels.count
        case .firstLayerWeights: count = snapshot.firstLayerWeights.count
        default: return nil
        }
        return count > 0 ? count : nil
    }

    private mutating func changeDigit(by delta: Int) -> [Command] {
        digitIndex = max(0, digitIndex + delta)
        if let samples = snapshot?.sampleDigits, !samples.isEmpty { digitIndex %= samples.count }
        return session == nil ? [] : [.showDigit(digitIndex)]
    }

    /// Turns the selected knob; returns what the session must redo for it.
    mutating func turnKnob(steps: Int, coarse: Bool) -> [Command] {
        guard panel.indices.contains(selectedKnob) else { return [] }
        let knob = panel[selectedKnob]
        let before = knobs
        knobs.turn(knob, steps: steps, coarse: coarse, dataChoices: lesson.dataChoices.count)
        guard knobs != before else { return [] }
        note = nil
        var commands: [Command] = []
        defer { progressState.knobSet(knob, knobs: knobs) }
        switch knob {
        case .learningRate, .optimizer, .batchSize, .dropout, .weightDecay, .l1, .shift, .flip:
            // Read by the trainer at its next batch; nothing restarts.
            let hyperparameters = knobs.hyperparameters
            liveKnobs.update { $0 = hyperparameters }
        case .data, .perDigit:
            let choice = lesson.dataChoices[knobs.dataChoice]
            knobs.adoptDataDefaults(choice)
            commands = [.rebuildData(knobs.apply(to: choice))]
        case .noise, .validationFraction:
            if lesson.dataChoices.indices.contains(knobs.dataChoice) {
                commands = [.rebuildData(knobs.apply(to: lesson.dataChoices[knobs.dataChoice]))]
            }
        case .activation:
            if case .network = lesson.model, knobs.activation != nil, let model = knobs.model(for: lesson) {
                commands = [.rebuildModel(model)]
                note = "new activation: the network starts again from fresh weights"
            }
        case .initScale:
            if let model = knobs.model(for: lesson) {
                commands = [.rebuildModel(model)]
                note = "new first-layer init: the network starts again from fresh weights"
            }
        case .start:
            if let model = knobs.model(for: lesson) {
                commands = [.rebuildModel(model)]
                note = knobs.pretrained == true
                    ? "fine-tuning: the pretrained convolutions, frozen, under a new head"
                    : "from scratch: every layer starts from random weights and trains"
            }
        case .labelNoise:
            commands = [.labelNoise(knobs.labelNoise)]
        case .speed:
            commands = [.speed(knobs.speed)]
        case .confidenceThreshold, .handKernel, .stride, .padding:
            break
        }
        return session == nil ? [] : commands
    }

    private func nextSeed(after seed: UInt64) -> UInt64 { seed &+ 1 }

    private func exportDirectory(root: String) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        // By the lesson's stable name: a lesson added before it never changes what its exports are called.
        return "\(root)/\(lesson.slug)-\(formatter.string(from: Date()))"
    }
}
