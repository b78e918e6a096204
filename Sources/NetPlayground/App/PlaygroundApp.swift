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
    private var nextSessionID = 1
    /// False in tests: lessons open without training threads (see ``LessonScreen``).
    private let startsThreads: Bool
    /// Snapshots drawn per second while training: the UI's frame rate.
    var frameMeter = RateMeter()

    init(progress: ProgressStore, exportRoot: String, mailbox: Mailbox<TrainingSnapshot>, openLesson: Int? = nil,
         startsThreads: Bool = true) {
        self.progress = progress
        self.startsThreads = startsThreads
        self.exportRoot = exportRoot
        self.mailbox = mailbox
        self.notice = progress.notice
        if let id = openLesson, let lesson = Course.lesson(id: id) {
            startSelection = id - 1
            open(lesson)
        }
    }

    var isAnimating: Bool { false }

    /// A signal ends the program: stop training and keep the progress, as quitting does.
    mutating func terminate() { closeLesson() }

    /// Back from Ctrl-Z: the learner finds the lesson paused and resumes it with Space.
    mutating func suspended() {
        if case .lesson(let lessonScreen) = screen { lessonScreen.session?.send(.pause) }
    }

    mutating func update(_ message: Message<TrainingSnapshot>) -> UpdateOutcome {
        switch message {
        case .resize(let newSize):
            size = newSize
            return .continue
        case .tick:
            return .continue
        case .mouse:
            return .continue
        case .posted(let snapshot):
            if case .lesson(var lessonScreen) = screen, lessonScreen.sessionID == snapshot.session {
                frameMeter.record(MonotonicClock.seconds())
                lessonScreen.receive(snapshot)
                screen = .lesson(lessonScreen)
            }
            return .continue
        case .key(let key):
            return handle(key)
        }
    }

    private mutating func handle(_ key: Key) -> UpdateOutcome {
        guard let action = PlaygroundKeys.table.action(for: key) else { return .continue }
        if action == .quit {
            closeLesson()
            return .quit
        }
        if showingHelp {
            switch action {
            case .help, .close, .select: showingHelp = false
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
            if action == .close {
                closeLesson()
                return .continue
            }
            lessonScreen.handle(action, exportRoot: exportRoot)
            screen = .lesson(lessonScreen)
        }
        return .continue
    }

    // MARK: Start screen

    private mutating func handleStart(_ action: PlaygroundAction) {
        let count = Course.lessons.count
        switch action {
        case .up, .left: startSelection = (startSelection + count - 1) % count
        case .down, .right, .focusNext: startSelection = (startSelection + 1) % count
        case .focusPrevious: startSelection = (startSelection + count - 1) % count
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
        case .close: screen = .start
        case .select where sandbox.focusedRow == .start: startSandbox()
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
        screen = .lesson(LessonScreen(lesson: lesson, sessionID: id, mailbox: mailbox, startsThreads: startsThreads))
        frameMeter = RateMeter()
    }

    /// Stops the lesson's training and goes back to the course, marking the
    /// lesson finished when the learner trained it for at least one epoch.
    private mutating func closeLesson() {
        guard case .lesson(let lessonScreen) = screen else { return }
        lessonScreen.session?.stop()
        if lessonScreen.hasFinished, lessonScreen.lesson.id != Course.sandboxID {
            let wasFinished = progress.isFinished(lessonScreen.lesson.id)
            if let problem = progress.markFinished(lessonScreen.lesson.id) {
                notice = "could not save your progress: \(problem)"
                noticeRole = .warning
            } else if !wasFinished {
                notice = "Lesson \(lessonScreen.lesson.id) finished."
                noticeRole = .success
            }
        }
        screen = lessonScreen.lesson.id == Course.sandboxID ? .sandboxSetup : .start
    }

    // MARK: Drawing

    func view(into grid: inout Grid) {
        let area = grid.area
        if area.width < Self.minimumSize.width || area.height < Self.minimumSize.height {
            drawTooSmall(into: &grid)
            return
        }
        switch screen {
        case .start: StartScreenView(app: self).render(into: &grid, area: area)
        case .sandboxSetup: sandbox.render(into: &grid, area: area)
        case .lesson(let lessonScreen):
            lessonScreen.render(into: &grid, area: area, framesPerSecond: frameMeter.rate(at: MonotonicClock.seconds()))
        }
        if showingHelp { HelpOverlay(scroll: helpScroll).render(into: &grid, area: area) }
    }

    private func drawTooSmall(into grid: inout Grid) {
        let need = Self.minimumSize
        let text = """
        **NetPlayground** needs a bigger window.

        Make the window at least \(need.width)×\(need.height)
        (it is \(grid.width)×\(grid.height) now).

        q quits.
        """
        let box = grid.area.centered(Size(width: min(grid.width, 44), height: min(grid.height, 6)))
        grid.render(Paragraph(text, centered: true), in: box)
    }
}
