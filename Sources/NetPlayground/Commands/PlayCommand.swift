import ArgumentParser
import Foundation
import Lessons
import TUI

/// `netplayground` (or `netplayground play`): the course and the sandbox.
struct PlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play", abstract: "Open the playground (the default command).",
        discussion: """
            Colors follow the terminal; NO_COLOR=1 turns them off. On a light background \
            (black text on white) say so, and the pictures run from light to dark: \
            --background light, or NETPLAYGROUND_BACKGROUND=light. Without either, \
            COLORFGBG decides when the terminal sets it (a background of 7 or 15 is light), else dark.

            Example: netplayground play --background light --lesson 8
            """)

    @Option(name: .long, help: "Open this lesson (1–10) directly instead of the course list.")
    var lesson: Int?

    @Flag(name: .long, help: "Draw with 7-bit ASCII characters only.")
    var ascii = false

    @Option(name: .long, help: ArgumentHelp(
        "The terminal's background: dark or light (default: NETPLAYGROUND_BACKGROUND, else COLORFGBG, else dark).",
        valueName: "dark|light"))
    var background: TerminalBackground?

    @Flag(name: .long, help: "Report mouse clicks: on the canvas (d) a click paints, a right-click erases (takes over text selection).")
    var mouse = false

    func validate() throws {
        if let lesson, Course.lesson(id: lesson) == nil {
            throw ValidationError("there is no lesson \(lesson); the lessons are 1 to \(Course.lessons.count)")
        }
        if background == nil, let problem = TerminalBackground.environmentProblem(ProcessInfo.processInfo.environment) {
            throw ValidationError(problem)
        }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let backend = try CursesBackend(options: CursesOptions(glyphs: ascii ? .ascii : nil, mouse: mouse, background: background),
                                        environment: environment)
        defer { backend.shutdown() }
        let mailbox = Mailbox<TrainingSnapshot>()
        // Lesson 10's pretrained convnet is kept beside the progress file for the next visit.
        PretrainedConvnet.shared.cacheDirectory = ProgressStore.defaultDirectory() + "/pretrained"
        let app = PlaygroundApp(progress: ProgressStore(), exportRoot: ModelExport.defaultRoot(), mailbox: mailbox,
                                openLesson: lesson, mouse: mouse)
        Self.play(app, backend: backend, mailbox: mailbox)
    }

    /// Runs the app until it quits, then leaves as ``leave(backend:signal:)`` says.
    static func play(_ app: PlaygroundApp, backend: CursesBackend, mailbox: Mailbox<TrainingSnapshot>) -> Never {
        let program = Program(app: app, backend: backend, mailbox: mailbox)
        program.run()
        leave(backend: backend, signal: program.terminatingSignal)
    }

    /// Stops and joins the training threads, gives the terminal back, and ends
    /// the process at once: by the signal that ended the loop (so a shell sees
    /// 130 for SIGINT, 143 for SIGTERM), else with status 0.
    ///
    /// `exit` is not used: it runs OpenBLAS's atexit teardown, which waits on
    /// its worker threads (1.5–2 s, and a hang when a BLAS call is still in
    /// flight). Nothing is left to flush by then: the progress file is written
    /// atomically when a lesson closes.
    private static func leave(backend: CursesBackend, signal: Int32?) -> Never {
        AppThreads.shared.stopAll()
        AppThreads.shared.joinAll(timeout: 0.5)
        backend.shutdown()
        if let signal = signal ?? backend.pendingTermination { CursesBackend.dieBy(signal: signal) }
        CursesBackend.exitNow(status: 0)
    }
}
