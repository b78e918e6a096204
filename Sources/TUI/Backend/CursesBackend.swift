import CNCurses

#if canImport(Glibc)
import Glibc
#endif

/// Why the terminal could not be started.
public enum TerminalError: Error, CustomStringConvertible {
    case notATerminal
    case unknownTerminal(String)

    public var description: String {
        switch self {
        case .notATerminal:
            return "the interactive screen needs a terminal: standard input and output must not be redirected"
        case .unknownTerminal(let name):
            return "curses does not know the terminal type TERM=\(name); try TERM=xterm-256color"
        }
    }
}

/// Options for starting the curses backend.
public struct CursesOptions: Sendable {
    /// Forces a color capability (e.g. `.none` for `--no-color`); `nil` detects it.
    public var colors: ColorCapability?
    /// Forces a glyph set (a command-line flag); `nil` uses the environment and locale.
    public var glyphs: GlyphSet?
    /// Report mouse clicks and wheel turns (this takes over text selection in most terminals).
    public var mouse: Bool
    /// Forces a background (a command-line option); `nil` uses the environment (see ``TerminalBackground/detect(explicit:environment:)``).
    public var background: TerminalBackground?

    public init(colors: ColorCapability? = nil, glyphs: GlyphSet? = nil, mouse: Bool = false,
                background: TerminalBackground? = nil) {
        self.colors = colors
        self.glyphs = glyphs
        self.mouse = mouse
        self.background = background
    }
}

/// The ncurses backend; the only file that talks to curses.
///
/// Starting it sets the locale (wide characters need it), enters raw mode with
/// keypad decoding and a 25 ms Escape delay, hides the cursor, and arms the
/// signal handlers (see shim.h): a signal that ends the process is noted and
/// shows in ``pendingTermination``, a crash restores the terminal at once.
/// `shutdown()` (also run by `deinit`) gives the terminal back in cooked mode.
/// Every call must come from the thread that created it.
public final class CursesBackend: Backend {
    public private(set) var size: Size
    public let capabilities: TerminalCapabilities
    private let mouse: Bool
    private var pairs: ColorPairCache
    private var active = true
    /// Colors last drawn per cell, so an evicted color pair can be repainted.
    private var drawnColors: [ColorKey]
    private var repaintAll = false

    private struct ColorKey: Equatable { var foreground: Color; var background: Color }

    public init(options: CursesOptions = CursesOptions(), environment: [String: String]) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
        setlocale(LC_ALL, "")
        let utf8 = np_is_locale_utf8()
        np_save_terminal_modes()
        // newterm, unlike initscr, reports an unknown terminal instead of exiting.
        guard np_newterm() != nil else {
            throw TerminalError.unknownTerminal(environment["TERM"] ?? "(unset)")
        }
        raw()
        noecho()
        nonl()
        keypad(np_stdscr(), true)
        leaveok(np_stdscr(), true)
        curs_set(0)
        set_escdelay(25)

        // NO_COLOR or --no-color: never start color, so not a single color escape is sent.
        let colorAllowed = options.colors != ColorCapability.none
            && ColorCapability.detect(hasColors: true, colorCount: 256, environment: environment) != .none
        var colors = ColorCapability.none
        if colorAllowed, has_colors() {
            start_color()
            use_default_colors()
            colors = ColorCapability.detect(hasColors: true, colorCount: Int(np_colors()), environment: environment)
        }
        // A forced capability can only lower what the terminal has.
        if let forced = options.colors { colors = min(forced, colors) }
        let pairCapacity = colors == .none ? 0 : max(0, min(Int(np_color_pairs()), 32767) - 1)
        pairs = ColorPairCache(capacity: pairCapacity)
        capabilities = TerminalCapabilities(
            colors: colors, glyphs: GlyphSet.detect(explicit: options.glyphs, environment: environment, localeIsUTF8: utf8),
            background: TerminalBackground.detect(explicit: options.background, environment: environment))

        mouse = options.mouse
        if mouse {
            mousemask(np_mouse_mask(), nil)
            mouseinterval(0)
            np_enable_drag_reports()
        }
        size = Size(width: Int(np_getmaxx(np_stdscr())), height: Int(np_getmaxy(np_stdscr())))
        drawnColors = Array(repeating: ColorKey(foreground: .default, background: .default), count: size.width * size.height)
        np_arm_terminal_restore(mouse)
    }

    deinit { shutdown() }

    /// Gives the terminal back: cursor visible, cooked mode, main screen. Safe to call twice.
    public func shutdown() {
        guard active else { return }
        active = false
        curs_set(1)
        endwin()
        np_disarm_terminal_restore()
    }

    /// The first signal asking the process to end (SIGTERM, SIGHUP, …), or nil.
    /// The caller stops its threads, calls ``shutdown()``, then ``dieBy(signal:)``.
    public var pendingTermination: Int32? {
        let signal = np_pending_signal()
        return signal == 0 ? nil : signal
    }

    public func takeSuspendRequest() -> Bool { np_take_suspend_request() }

    public func takeContinued() -> Bool { np_take_continued() }

    /// Gives the terminal back as a cooked shell terminal, stops the process
    /// (as Ctrl-Z does), and after SIGCONT takes the terminal again; the next
    /// frame must be drawn in full.
    public func suspend() {
        guard active else { return }
        curs_set(1)
        endwin()
        fflush(nil)
        np_stop_until_continued(mouse)
        _ = np_take_continued()
        // doupdate after endwin goes back to program mode; curscr cleared repaints everything.
        curs_set(0)
        clearok(np_curscr(), true)
        wnoutrefresh(np_stdscr())
        doupdate()
        size = Size(width: Int(np_getmaxx(np_stdscr())), height: Int(np_getmaxy(np_stdscr())))
        drawnColors = Array(repeating: ColorKey(foreground: .default, background: .default), count: size.width * size.height)
    }

    public func redrawAll() {
        guard active else { return }
        clearok(np_curscr(), true)
    }

    /// Ends the process by `signal` with its default action, as if it had never
    /// been caught (a shell sees 128 + signo). No atexit handler runs, so a
    /// library's teardown (OpenBLAS joins its workers there) cannot hang it.
    public static func dieBy(signal: Int32) -> Never {
        fflush(nil)
        np_die_by_signal(signal)
        _exit(128 + signal)
    }

    /// Ends the process with `status` without running atexit handlers (see ``dieBy(signal:)``);
    /// buffered output is flushed first.
    public static func exitNow(status: Int32) -> Never {
        fflush(nil)
        _exit(status)
    }

    public func draw(_ changes: [CellChange]) {
        guard active else { return }
        pairs.beginFrame()
        for change in changes { put(change.cell, x: change.x, y: change.y) }
    }

    private func put(_ cell: Cell, x: Int, y: Int) {
        guard !cell.isContinuation, x >= 0, y >= 0, x < size.width, y < size.height else { return }
        let assignment = pairs.pair(foreground: cell.style.foreground, background: cell.style.background) { number, fg, bg in
            init_extended_pair(Int32(number), CursesBackend.cursesColor(fg), CursesBackend.cursesColor(bg))
        }
        if let evicted = assignment.evicted {
            // Cells still showing the old colors would silently change; repaint them next frame.
            let old = ColorKey(foreground: evicted.foreground, background: evicted.background)
            if drawnColors.contains(old) { repaintAll = true }
        }
        drawnColors[y * size.width + x] = ColorKey(foreground: cell.style.foreground, background: cell.style.background)
        var text: [wchar_t] = []
        text.reserveCapacity(5)
        for scalar in cell.character.unicodeScalars.prefix(4) { text.append(wchar_t(bitPattern: scalar.value)) }
        text.append(0)
        _ = np_put_cell(Int32(y), Int32(x), text, CursesBackend.cursesAttributes(cell.style.attributes), Int32(assignment.pair))
    }

    public func flush() {
        guard active else { return }
        if repaintAll {
            // Rare: a color pair was redefined under cells still on screen.
            repaintAll = false
            redrawwin(np_stdscr())
        }
        wnoutrefresh(np_stdscr())
        doupdate()
    }

    public func pollInput(timeoutMilliseconds: Int) -> InputEvent? {
        guard active else { return nil }
        wtimeout(np_stdscr(), Int32(max(0, timeoutMilliseconds)))
        var character: wint_t = 0
        let status = wget_wch(np_stdscr(), &character)
        if status == np_err() { return nil }
        if status == np_key_code_yes() { return functionKey(Int32(character)) }
        return plainKey(UInt32(character))
    }

    private func plainKey(_ code: UInt32) -> InputEvent? {
        switch code {
        case 27: return .key(.escape)
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 8, 127: return .key(.backspace)
        case 0: return .key(.control(" "))
        case 1...26:
            guard let scalar = Unicode.Scalar(code + 96) else { return nil }
            return .key(.control(Character(scalar)))
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .key(.character(Character(scalar)))
        }
    }

    private func functionKey(_ code: Int32) -> InputEvent? {
        switch code {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_DC: return .key(.delete)
        case KEY_IC: return .key(.insert)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_BTAB: return .key(.backTab)
        case KEY_ENTER: return .key(.enter)
        case np_key_resize():
            size = Size(width: Int(np_getmaxx(np_stdscr())), height: Int(np_getmaxy(np_stdscr())))
            drawnColors = Array(repeating: ColorKey(foreground: .default, background: .default), count: size.width * size.height)
            // One full repaint after a resize clears whatever the terminal's reflow left behind.
            clearok(np_stdscr(), true)
            return .resize(size)
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == np_ok() else { return nil }
            let kind: MouseEvent.Kind
            if np_mouse_is(event.bstate, 4) { kind = .wheelUp }
            else if np_mouse_is(event.bstate, 5) { kind = .wheelDown }
            else if np_mouse_is(event.bstate, 1) { kind = .press }
            else if np_mouse_is(event.bstate, 2) { kind = .release }
            else if np_mouse_is(event.bstate, 3) { kind = .rightPress }
            else if np_mouse_is(event.bstate, 6) { kind = .drag }
            else { return nil }
            return .mouse(MouseEvent(kind: kind, x: Int(event.x), y: Int(event.y)))
        default:
            let f0 = np_key_f0()
            if code > f0 && code <= f0 + 24 { return .key(.function(Int(code - f0))) }
            return nil
        }
    }

    private static func cursesColor(_ color: Color) -> Int32 {
        switch color {
        case .default: return -1
        case .indexed(let index): return Int32(index)
        }
    }

    private static func cursesAttributes(_ attributes: Attributes) -> attr_t {
        var result = np_a_normal()
        if attributes.contains(.bold) { result |= np_a_bold() }
        if attributes.contains(.dim) { result |= np_a_dim() }
        if attributes.contains(.italic) { result |= np_a_italic() }
        if attributes.contains(.underline) { result |= np_a_underline() }
        if attributes.contains(.reverse) { result |= np_a_reverse() }
        return result
    }
}
