/// What a terminal can show, decided once when the backend starts.
public struct TerminalCapabilities: Hashable, Sendable {
    public var colors: ColorCapability
    public var glyphs: GlyphSet
    /// Whether the terminal's background is dark or light (for the theme's colors).
    public var background: TerminalBackground

    public init(colors: ColorCapability, glyphs: GlyphSet, background: TerminalBackground = .dark) {
        self.colors = colors
        self.glyphs = glyphs
        self.background = background
    }

    /// The theme that draws for this terminal.
    public var theme: Theme { Theme(capability: colors, background: background) }
}

/// A place frames are drawn and input comes from (ratatui's `Backend`).
///
/// The `Program` computes which cells changed since the previous frame and hands
/// only those to `draw`; `flush` then shows them all at once (one `doupdate`).
/// All calls happen on the UI thread.
public protocol Backend: AnyObject {
    /// The current size in cells.
    var size: Size { get }
    /// Colors and glyphs the terminal supports.
    var capabilities: TerminalCapabilities { get }
    /// Draws changed cells (not yet visible until `flush`).
    func draw(_ changes: [CellChange])
    /// Makes everything drawn since the last flush visible at once.
    func flush()
    /// Waits up to `timeoutMilliseconds` (0: do not wait) for one input event.
    func pollInput(timeoutMilliseconds: Int) -> InputEvent?
    /// The signal number when a signal asked the process to end, else nil.
    var pendingTermination: Int32? { get }
    /// True once after something asked the program to stop for a while (SIGTSTP).
    func takeSuspendRequest() -> Bool
    /// True once after the process was continued (SIGCONT) from a stop it did not ask for.
    func takeContinued() -> Bool
    /// Gives the terminal back and stops the process until it is continued (Ctrl-Z).
    func suspend()
    /// Makes the next flush repaint the whole terminal, not just the changes.
    func redrawAll()
}

extension Backend {
    public var pendingTermination: Int32? { nil }
    public func takeSuspendRequest() -> Bool { false }
    public func takeContinued() -> Bool { false }
    public func suspend() {}
    public func redrawAll() {}
}
