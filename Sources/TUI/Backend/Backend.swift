/// What a terminal can show, decided once when the backend starts.
public struct TerminalCapabilities: Hashable, Sendable {
    public var colors: ColorCapability
    public var glyphs: GlyphSet

    public init(colors: ColorCapability, glyphs: GlyphSet) {
        self.colors = colors
        self.glyphs = glyphs
    }
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
}
