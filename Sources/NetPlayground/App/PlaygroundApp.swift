import Foundation
import Lessons
import MiniNN
import TUI

/// The playground: the course list, the lesson screens and the sandbox.
///
/// State changes only in `update`, on the UI thread. Training runs in a
/// ``TrainingSession`` on its own thread and reaches the screen only as
/// ``TrainingSnapshot`` values posted to the program's mailbox.
struct PlaygroundApp: App {
    typealias Payload = TrainingSnapshot

    /// Which screen is showing.
    enum Screen {
        case start
        case lesson(LessonScreen)
        /// Choosing what to race (`c`), over the lesson (which waits inside it).
        case racePicker(RacePicker)
        /// The lesson's kept runs (`o`), over the lesson (which waits inside it).
        case earlierRuns(EarlierRunsList)
        /// A race started from a lesson (which waits inside it).
        case race(RaceScreen)
        /// The canvas opened from an MNIST lesson (which waits inside it).
        case canvas(CanvasScreen)
        case sandboxSetup
    }

    /// Smallest terminal the screens are laid out for.
    static let minimumSize = Size(width: 80, height: 24)

    var screen: Screen = .start
    var size = Size.zero
    /// Selected row of the course list (0-based; the sandbox is the last row).
    var startSelection = 0
    var progress: ProgressStore
    var sandbox = SandboxSetup()
    var showingHelp = false
    var helpScroll = 0
    /// A line for the start screen (progress file trouble, lesson finished…).
    var notice: String?
    /// How the notice is drawn: `.warning` for trouble, `.success` for good news.
    var noticeRole: Role = .warning
    /// Where `e` writes exports.
    let exportRoot: String
    let mailbox: Mailbox<TrainingSnapshot>
    /// Where every run is kept: `runs/` beside the progress file.
    var history: RunHistory { RunHistory(directory: (progress.path as NSString).deletingLastPathComponent + "/runs") }
    private var nextSessionID = 1
    /// False in tests: lessons open without training threads (see ``LessonScreen``).
    private let startsThreads: Bool
    /// Snapshots drawn per second while training: the UI's frame rate.
    var frameMeter = RateMeter()

    /// Whether the terminal reports mouse clicks (the canvas paints with them).
    var mouse = false
    /// Each lesson's runs on screens closed in this session (by slug), handed to
    /// its next screen: the sandbox's "2, then 4" spans two setups.
    var earlierRuns: [String: [RunSummary]] = [:]

    /// `lesson` (a saved model's sandbox, for `draw`) opens instead of a course lesson; `canvas` opens its canvas at once.
    init(progress: ProgressStore, exportRoot: String, mailbox: Mailbox<TrainingSnapshot>, openLesson: Int? = nil,
         startsThreads: Bool = true, lesson custom: Lesson? = nil, canvas: Bool = false, mouse: Bool = false) {
        self.progress = progress
        self.startsThreads = startsThreads
        self.exportRoot = exportRoot
        self.mailbox = mailbox
        self.notice = progress.notice
        self.mouse = mouse
        if let custom {
            startSelection = Course.lessons.count - 1
            open(custom)
            if canvas, case .lesson(let opened) = screen, CanvasScreen.opens(on: opened) {
                screen = .canvas(CanvasScreen(home: opened))
            }
        } else if let id = openLesson, let lesson = Course.lesson(id: id) {
            startSelection = id - 1
            open(lesson)
        } else {
            startSelection = Self.nextUnfinished(after: nil, in: progress)
        }
    }

    var isAnimating: Bool { false }

    /// A signal ends the program: stop training and keep the progress, as quitting does.
    mutating func terminate() { closeLesson() }

    /// Back from Ctrl-Z: the learner finds the lesson paused and resumes it with Space.
    mutating func suspended() {
        if case .lesson(let lessonScreen) = screen { lessonScreen.session?.send(.pause) }
        if case .racePicker(let picker) = screen { picker.home.session?.send(.pause) }
    }

    mutating func update(_ message: Message<TrainingSnapshot>) -> UpdateOutcome {
        switch message {
        case .resize(let newSize):
            size = newSize
            return .continue
        case .tick:
            return .continue
        case .mouse(let event):
            if case .canvas(var canvas) = screen, !showingHelp {
                let commands = canvas.mouse(event, area: Rect(x: 0, y: 0, width: size.width, height: size.height))
                screen = .canvas(canvas)
                for command in commands { canvas.home.session?.send(command) }
            }
            return .continue
        case .posted(let snapshot):
            if case .lesson(var lessonScreen) = screen, lessonScreen.sessionID == snapshot.session {
                frameMeter.record(MonotonicClock.seconds())
                lessonScreen.receive(snapshot)
                recordProgress(of: &lessonScreen)
                screen = .lesson(lessonScreen)
            } else if case .racePicker(var picker) = screen, picker.home.sessionID == snapshot.session {
                frameMeter.record(MonotonicClock.seconds())
                picker.home.receive(snapshot)
                recordProgress(of: &picker.home)
                screen = .racePicker(picker)
            } else if case .earlierRuns(var list) = screen, list.home.sessionID == snapshot.session {
                frameMeter.record(MonotonicClock.seconds())
                list.home.receive(snapshot)
                recordProgress(of: &list.home)
                screen = .earlierRuns(list)
            } else if case .race(var race) = screen {
                if race.runners.indices.contains(race.selected), race.runners[race.selected].sessionID == snapshot.session {
                    frameMeter.record(MonotonicClock.seconds())
                }
                race.receive(snapshot)
                screen = .race(race)
            } else if case .canvas(var canvas) = screen, canvas.home.sessionID == snapshot.session {
                canvas.home.receive(snapshot)
                screen = .canvas(canvas)
            }
            return .continue
        case .key(let key):
            return handle(key)
        }
    }

    /// Where keys go now: the help overlay when it is open, else the screen's.
    var keyContext: KeyContext { showingHelp ? .help : screenContext }

    /// The screen's own context (under the help overlay, what the help lists).
    var screenContext: KeyContext {
        switch screen {
        case .start: .courseList
        case .sandboxSetup: sandbox.keyContext
        case .lesson: .lesson
        case .racePicker: .racePicker
        case .earlierRuns: .earlierRuns
        case .race: .race
        case .canvas: .canvas
        }
    }

    private mutating func handle(_ key: Key) -> UpdateOutcome {
        guard var action = PlaygroundKeys.action(for: key, in: keyContext) else { return .continue }
        if case .pickRunner = action, case .character(let digit) = key, let number = digit.wholeNumberValue {
            action = .pickRunner(number)
        }
        if action == .quit {
            closeLesson()
            return .quit
        }
        if showingHelp {
            switch action {
            case .back: showingHelp = false
            case .down, .pageDown: helpScroll += action == .down ? 1 : 10
            case .up, .pageUp: helpScroll = max(0, helpScroll - (action == .up ? 1 : 10))
            default: break
            }
            return .continue
        }
        if action == .help {
            showingHelp = true
            helpScroll = 0
            return .continue
        }
        switch screen {
        case .start: handleStart(action)
        case .sandboxSetup: handleSandboxSetup(action)
        case .lesson(var lessonScreen):
            if action == .back {
                closeLesson()
                return .continue
            }
            if action == .startRace { return openRacePicker(from: lessonScreen) }
            if action == .openEarlierRuns {
                if let list = EarlierRunsList(home: lessonScreen) {
                    screen = .earlierRuns(list)
                } else {
                    lessonScreen.note = "no earlier runs of this lesson are kept yet"
                    screen = .lesson(lessonScreen)
                }
                return .continue
            }
            if action == .openCanvas {
                guard CanvasScreen.opens(on: lessonScreen) else {
                    lessonScreen.note = "the canvas is for the lessons that read MNIST digits (5, 6, 8, 9)"
                    screen = .lesson(lessonScreen)
                    return .continue
                }
                lessonScreen.note = nil
                screen = .canvas(CanvasScreen(home: lessonScreen))
                return .continue
            }
            let commands = lessonScreen.handle(action, exportRoot: exportRoot)
            lessonScreen.tickExperiments()
            recordProgress(of: &lessonScreen)
            screen = .lesson(lessonScreen)
            for command in commands { lessonScreen.session?.send(command) }
        case .racePicker(var picker):
            switch picker.handle(action) {
            case .stay: screen = .racePicker(picker)
            case .back:
                var home = picker.home
                home.note = nil
                screen = .lesson(home)
            case .start(let preset): startRace(from: picker.home, preset: preset)
            }
        case .earlierRuns(var list):
            switch list.handle(action) {
            case .stay: screen = .earlierRuns(list)
            case .back: screen = .lesson(list.home)
            case .pin(let record):
                if let problem = list.home.pinEarlierRun(record) {
                    list.note = problem
                    screen = .earlierRuns(list)
                } else {
                    var home = list.home
                    home.note = "pinned your run of \(EarlierRunsList.when(record.ended)) onto the charts (P clears)"
                    screen = .lesson(home)
                }
            case .continueRun(let record):
                switch continued(list.home, from: record) {
                case .success(let lessonScreen): screen = .lesson(lessonScreen)
                case .failure(let problem):
                    list.note = problem.message
                    screen = .earlierRuns(list)
                }
            }
        case .race(var race):
            if action == .back {
                endRace(race)
                return .continue
            }
            let commands = race.handle(action, exportRoot: exportRoot)
            screen = .race(race)
            for (runner, command) in commands { race.runners[runner].session?.send(command) }
        case .canvas(var canvas):
            if action == .back {
                screen = .lesson(canvas.home)
                return .continue
            }
            let commands = canvas.handle(action)
            screen = .canvas(canvas)
            for command in commands { canvas.home.session?.send(command) }
        }
        return .continue
    }

    // MARK: Races

    /// `c` in a lesson: the race picker opens over it (the lesson goes on as it was).
    private mutating func openRacePicker(from lessonScreen: LessonScreen) -> UpdateOutcome {
        guard let picker = RacePicker(home: lessonScreen) else {
            var home = lessonScreen
            home.note = lessonScreen.session == nil ? "nothing trains in this lesson, so nothing races"
                : "nothing to race: no knob of this lesson trains differently"
            screen = .lesson(home)
            return .continue
        }
        screen = .racePicker(picker)
        return .continue
    }

    /// Enter in the picker: the lesson pauses and the race starts, each
    /// runner on a session of its own.
    private mutating func startRace(from lessonScreen: LessonScreen, preset: RacePreset) {
        var home = lessonScreen
        home.session?.send(.pause)
        home.note = nil
        let race = RaceScreen(home: home, preset: preset, firstSessionID: nextSessionID, mailbox: mailbox,
                              startsThreads: startsThreads)
        nextSessionID += race.runners.count
        screen = .race(race)
        frameMeter = RateMeter()
    }

    /// Esc or `c` in a race: the runners stop and the lesson is back, paused where it was.
    private mutating func endRace(_ race: RaceScreen) {
        race.stop()
        var home = race.home
        home.note = "race ended; the lesson is as you left it (Space goes on)"
        screen = .lesson(home)
        frameMeter = RateMeter()
    }

    // MARK: Start screen

    private mutating func handleStart(_ action: PlaygroundAction) {
        let count = Course.lessons.count
        switch action {
        case .up: startSelection = (startSelection + count - 1) % count
        case .down: startSelection = (startSelection + 1) % count
        case .select:
            let lesson = Course.lessons[startSelection]
            if lesson.id == Course.sandboxID {
                screen = .sandboxSetup
            } else {
                open(lesson)
            }
        default: break
        }
    }

    // MARK: Sandbox setup

    private mutating func handleSandboxSetup(_ action: PlaygroundAction) {
        switch action {
        case .back where sandbox.mode == .form: screen = .start
        case .select where sandbox.mode == .form && sandbox.focusedRow == .start: startSandbox()
        default: sandbox.handle(action)
        }
    }

    private mutating func startSandbox() {
        switch sandbox.lesson(exportRoot: exportRoot) {
        case .success(let lesson): open(lesson)
        case .failure(let problem): sandbox.problem = problem.message
        }
    }

    // MARK: Lessons

    private mutating func open(_ lesson: Lesson) {
        let id = nextSessionID
        nextSessionID += 1
        var lessonScreen = LessonScreen(lesson: lesson, sessionID: id, mailbox: mailbox, startsThreads: startsThreads,
                                        tried: progress.tried(lesson.id), history: history)
        lessonScreen.progressState.earlierRuns = earlierRuns[lesson.slug] ?? []
        if lessonScreen.checklistDone { lessonScreen.nextSuggestion = suggestion(after: lesson.id) }
        offerEarlierRuns(to: &lessonScreen)
        screen = .lesson(lessonScreen)
        frameMeter = RateMeter()
    }

    /// A lesson with kept runs opens with the last one pinned and a note
    /// saying `o` lists them; history files that cannot be read are named in the note.
    private func offerEarlierRuns(to lessonScreen: inout LessonScreen) {
        guard lessonScreen.session != nil, lessonScreen.lesson.visuals.contains(.lossCurves) else { return }
        let kept = history.recent(lesson: lessonScreen.lesson.id, slug: lessonScreen.lesson.slug)
        lessonScreen.earlierRuns = kept.records
        var notes: [String] = []
        if let latest = kept.records.first {
            lessonScreen.pinEarlierRun(latest)
            notes.append("Your last run is pinned; o lists your \(kept.records.count) kept run\(kept.records.count == 1 ? "" : "s") "
                         + "of this lesson, to pin one or go on training it.")
        }
        if let first = kept.skipped.first {
            notes.append("\(kept.skipped.count) kept run\(kept.skipped.count == 1 ? "" : "s") could not be read (\(first)).")
        }
        if !notes.isEmpty { lessonScreen.note = notes.joined(separator: " ") }
    }

    /// The lesson going on from a kept run: its weights (the model file
    /// beside the record), knobs, seed (so the same data), epochs and
    /// curves. The run on screen ends (and is kept) first; pins stay.
    private mutating func continued(_ home: LessonScreen, from record: RunRecord) -> Result<LessonScreen, RunHistory.HistoryProblem> {
        guard let weights = record.weights else { return .failure(.init("that run's weights were not kept")) }
        let path = history.directory + "/" + weights
        let loaded: LoadedModel
        do {
            loaded = try ModelFile.load(from: path)
        } catch {
            return .failure(.init("cannot go on from \(TerminalText.sanitized(weights, maxLength: 60)): "
                                  + TerminalText.sanitized("\(error)", maxLength: 200)))
        }
        var lesson = home.lesson
        guard let dataChoice = lesson.dataChoices.firstIndex(where: { $0.displayName == record.data }) else {
            return .failure(.init("run \(record.id) trained on '\(TerminalText.sanitized(record.data, maxLength: 40))', "
                                  + "which this lesson does not offer"))
        }
        // The lesson's own network (the record and its file are untrusted: a swapped file is refused).
        guard let current = lesson.model, loaded.info.architecture.inputShape == current.spec.inputShape,
              loaded.info.architecture.loss == current.spec.loss else {
            return .failure(.init("\(TerminalText.sanitized(weights, maxLength: 60)) is not a network of this lesson"))
        }
        lesson.model = .saved(path: path, spec: loaded.info.architecture)
        var knobs = home.knobs
        knobs.dataChoice = dataChoice
        knobs.hyperparameters = record.hyperparameters
        knobs.labelNoise = record.labelNoise
        home.session?.stop()
        let id = nextSessionID
        nextSessionID += 1
        let resumed = ResumedRun(record)
        var screen = LessonScreen(lesson: lesson, sessionID: id, mailbox: mailbox, startsThreads: startsThreads,
                                  tried: home.tried, knobs: knobs, seed: record.seed, history: history, resuming: resumed)
        screen.pins = home.pins
        screen.earlierRuns = home.earlierRuns
        screen.focus = home.focus
        screen.selectedKnob = home.selectedKnob
        screen.note = "going on with your run of \(EarlierRunsList.when(record.ended)) from the end of epoch \(resumed.epochs) "
            + "(its weights and knobs; Space trains)"
        frameMeter = RateMeter()
        return .success(screen)
    }

    /// Saves experiments the screen ticked; when that completes the checklist,
    /// the screen says so and names the next lesson.
    private mutating func recordProgress(of lessonScreen: inout LessonScreen) {
        let id = lessonScreen.lesson.id
        guard !lessonScreen.tried.isSubset(of: progress.tried(id)) else { return }
        let wasFinished = progress.isFinished(id)
        if let problem = progress.markTried(id, lessonScreen.tried) {
            lessonScreen.note = "could not save your progress: \(problem)"
            notice = lessonScreen.note
            noticeRole = .warning
            return
        }
        if lessonScreen.checklistDone && !wasFinished {
            lessonScreen.nextSuggestion = suggestion(after: id)
            let done = id == Course.sandboxID ? "Sandbox" : "Lesson \(id)"
            lessonScreen.note = "\(done) finished: all \(lessonScreen.lesson.experiments.count) experiments tried."
                + (lessonScreen.nextSuggestion.map { " \($0)" } ?? "")
        }
    }

    /// Where to go after lesson `id`: the next unfinished lesson and the keys that open it.
    private func suggestion(after id: Int) -> String? {
        guard id != Course.sandboxID else { return nil }
        let next = Course.lessons[Self.nextUnfinished(after: id - 1, in: progress)]
        let name = next.id == Course.sandboxID ? "the sandbox" : "lesson \(next.id) · \(next.title)"
        return "Next: \(name), Esc then Enter."
    }

    /// Row of the first unfinished lesson after row `index` (from the top
    /// when nil), wrapping; the sandbox when every lesson is finished.
    static func nextUnfinished(after index: Int?, in progress: ProgressStore) -> Int {
        let lessons = Course.lessons.indices.filter { Course.lessons[$0].id != Course.sandboxID }
        let start = index.map { $0 + 1 } ?? 0
        let ordered = lessons.filter { $0 >= start } + lessons.filter { $0 < start }
        return ordered.first { !progress.isFinished(Course.lessons[$0].id) }
            ?? (Course.lessons.firstIndex { $0.id == Course.sandboxID } ?? 0)
    }

    /// Stops the lesson's training and goes back to the course. A finished
    /// lesson moves the cursor on to the next unfinished one; the notice says where the checklist stands.
    private mutating func closeLesson() {
        if case .race(let race) = screen {
            race.stop()
            screen = .lesson(race.home)
        }
        if case .canvas(let canvas) = screen { screen = .lesson(canvas.home) }
        if case .racePicker(let picker) = screen { screen = .lesson(picker.home) }
        if case .earlierRuns(let list) = screen { screen = .lesson(list.home) }
        guard case .lesson(let lessonScreen) = screen else { return }
        lessonScreen.session?.stop()
        let lesson = lessonScreen.lesson
        earlierRuns[lesson.slug] = lessonScreen.progressState.runsSoFar
        if lesson.id != Course.sandboxID, notice?.hasPrefix("could not save") != true {
            let count = lesson.experiments.count
            if progress.isFinished(lesson.id) {
                startSelection = Self.nextUnfinished(after: lesson.id - 1, in: progress)
                notice = "Lesson \(lesson.id) finished. Enter opens the next: \(Course.lessons[startSelection].title)."
                noticeRole = .success
            } else if !lessonScreen.tried.isEmpty {
                notice = "Lesson \(lesson.id): \(lessonScreen.tried.count) of \(count) experiments tried; Tab on the lesson lists them."
                noticeRole = .success
            }
        }
        screen = lesson.id == Course.sandboxID ? .sandboxSetup : .start
    }

    // MARK: Drawing

    func view(into grid: inout Grid) {
        let area = grid.area
        let sizeGuard = SizeGuard(minimum: Self.minimumSize, appName: "NetPlayground")
        guard sizeGuard.fits(area.size) else {
            grid.render(sizeGuard, in: area)
            return
        }
        switch screen {
        case .start: StartScreenView(app: self).render(into: &grid, area: area)
        case .sandboxSetup: sandbox.render(into: &grid, area: area)
        case .lesson(let lessonScreen):
            lessonScreen.render(into: &grid, area: area, framesPerSecond: frameMeter.rate(at: MonotonicClock.seconds()))
        case .earlierRuns(let list):
            list.render(into: &grid, area: area, framesPerSecond: frameMeter.rate(at: MonotonicClock.seconds()))
        case .racePicker(let picker):
            picker.render(into: &grid, area: area, framesPerSecond: frameMeter.rate(at: MonotonicClock.seconds()))
        case .race(let race):
            race.shownRunner.render(into: &grid, area: area, framesPerSecond: frameMeter.rate(at: MonotonicClock.seconds()))
        case .canvas(let canvas):
            canvas.render(into: &grid, area: area, mouse: mouse)
        }
        if showingHelp {
            let footer = grid.glyphs.isUnicode ? "↑↓ scroll · Esc or ? closes" : "Up/Down scroll, Esc or ? closes"
            grid.render(HelpOverlay(table: PlaygroundKeys.table, context: screenContext, footer: footer,
                                    scroll: helpScroll), in: area)
        }
    }
}
