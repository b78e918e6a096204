/// An in-memory backend for tests: keeps the screen in a `Grid`, replays
/// scripted input and counts what was drawn.
///
/// Time in a test is virtual: each poll advances `clock` by its timeout when no
/// input is waiting, so message-loop tests run instantly and deterministically.
public final class TestBackend: Backend {
    public private(set) var size: Size
    public let capabilities: TerminalCapabilities
    /// What the terminal would show after the last flush.
    public private(set) var screen: Grid
    /// Cells drawn but not yet flushed.
    private var pending: [CellChange] = []
    /// Input still to be delivered, in order; `nil` entries are idle polls (timeouts).
    public var script: [InputEvent?]
    /// Frames flushed so far.
    public private(set) var flushCount = 0
    /// Cells drawn so far, over all frames.
    public private(set) var cellsDrawn = 0
    /// Cells drawn in the last flushed frame.
    public private(set) var cellsInLastFrame = 0
    /// Polls made so far.
    public private(set) var pollCount = 0
    /// The virtual clock in seconds, advanced by polls that time out.
    public let clock: VirtualClock
    /// A signal that "arrives" once this many polls were made (as SIGTERM would).
    public var scheduledTermination: (afterPolls: Int, signal: Int32)?
    /// Times the program suspended the terminal (Ctrl-Z).
    public private(set) var suspendCount = 0
    /// Times a full repaint was asked for.
    public private(set) var fullRedraws = 0

    public var pendingTermination: Int32? {
        guard let scheduled = scheduledTermination, pollCount >= scheduled.afterPolls else { return nil }
        return scheduled.signal
    }

    public func takeSuspendRequest() -> Bool { false }
    public func takeContinued() -> Bool { false }
    public func suspend() { suspendCount += 1 }
    public func redrawAll() { fullRedraws += 1 }

    public init(
        size: Size, capabilities: TerminalCapabilities = TerminalCapabilities(colors: .none, glyphs: .braille),
        script: [InputEvent?] = [], clock: VirtualClock = VirtualClock()
    ) {
        self.size = size
        self.capabilities = capabilities
        self.screen = Grid(size: size)
        self.script = script
        self.clock = clock
    }

    public func draw(_ changes: [CellChange]) {
        pending.append(contentsOf: changes)
    }

    public func flush() {
        for change in pending { screen.set(change.cell, x: change.x, y: change.y) }
        cellsInLastFrame = pending.count
        cellsDrawn += pending.count
        pending.removeAll()
        flushCount += 1
    }

    public func pollInput(timeoutMilliseconds: Int) -> InputEvent? {
        pollCount += 1
        guard !script.isEmpty else {
            clock.advance(bySeconds: Double(max(0, timeoutMilliseconds)) / 1000)
            return nil
        }
        let next = script.removeFirst()
        switch next {
        case .resize(let newSize)?:
            size = newSize
            screen.resize(to: newSize)
        case nil:
            // A scripted idle poll: nothing arrives and the timeout passes.
            clock.advance(bySeconds: Double(max(0, timeoutMilliseconds)) / 1000)
        default:
            break
        }
        return next
    }
}

/// A clock that moves only when told to; for deterministic message-loop tests.
public final class VirtualClock {
    public private(set) var seconds: Double = 0
    public init() {}
    public func advance(bySeconds delta: Double) { seconds += delta }
}
