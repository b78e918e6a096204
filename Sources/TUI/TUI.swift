import Foundation

/// TUI: a small terminal-UI toolkit after ratatui (buffer, widgets, backend) and
/// Bubble Tea (a message loop). It knows nothing of neural networks: widgets
/// take plain numbers, strings and labels.
///
/// ## How an app plugs in
///
/// 1. **Model** — a value type conforming to `App` holds all screen state.
/// 2. **update(message)** — the only place state changes. `Program` calls it on
///    the UI thread with one `Message` at a time: `.key(Key)`, `.mouse`,
///    `.resize(Size)` (also once before the first frame), `.tick(seconds:)`
///    (only while `isAnimating` is true, ~30 per second) and `.posted(Payload)`
///    (the latest value a background thread put in `program.mailbox`).
///    Return `.quit` to end. Dispatch keys through a `KeyTable`, which also
///    feeds `StatusBar` hints and the `HelpOverlay`, so help never lies.
/// 3. **view(into: &grid)** — draws the whole screen from the model. Split
///    `grid.area` with `Layout`, draw panels with `Block`, and call
///    `grid.render(widget, in: rect)`. Ask `grid.theme.style(.title)` (a `Role`)
///    for styles and `grid.glyphs` for characters, never hard-coded colors, so
///    the screen works with 256, 16, 8 or no colors and braille, blocks or ASCII.
///
/// The program diffs each frame against the previous one and sends only
/// changed cells to the backend (no flicker), draws only after a message
/// (an idle screen costs nothing), and caps drawing at ~30 frames per second.
///
///     struct Counter: App {
///         var count = 0
///         mutating func update(_ message: Message<Never>) -> UpdateOutcome {
///             if case .key(.character("q")) = message { return .quit }
///             if case .key(.character("+")) = message { count += 1 }
///             return .continue
///         }
///         func view(into grid: inout Grid) {
///             grid.render(Paragraph("Count: **\(count)**"), in: grid.area)
///         }
///     }
///     try TerminalSession.run(Counter())
///
/// Background work (a trainer) must never touch the terminal: give it the
/// `Mailbox` and let it `post` immutable snapshots; the latest one wins and
/// arrives as `.posted` on the UI thread.
///
/// Testing: `TestBackend` keeps the screen in memory, replays scripted input
/// and runs on a virtual clock, so the loop and every widget are tested
/// without a terminal. `CursesBackend` is the only file that imports ncurses.
public enum TerminalSession {
    /// Starts curses, runs `app` until it quits, and restores the terminal
    /// (also when the process is interrupted or crashes). Returns the final model;
    /// a signal that ends the loop ends the process by that signal instead.
    ///
    /// - Parameters:
    ///   - mailbox: hand the same mailbox to a background thread before calling.
    @discardableResult
    public static func run<A: App>(
        _ app: A, options: CursesOptions = CursesOptions(), mailbox: Mailbox<A.Payload> = Mailbox(),
        framesPerSecond: Int = 30, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> A {
        let backend = try CursesBackend(options: options, environment: environment)
        defer { backend.shutdown() }
        let program = Program(app: app, backend: backend, mailbox: mailbox, framesPerSecond: framesPerSecond)
        let final = program.run()
        if let signal = program.terminatingSignal {
            // Ended by SIGTERM & co.: terminal back, then die by it so the shell sees 128 + signo.
            backend.shutdown()
            CursesBackend.dieBy(signal: signal)
        }
        return final
    }
}
