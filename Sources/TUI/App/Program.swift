/// Runs an `App` against a `Backend`: the message loop.
///
/// Each turn of the loop waits for input (no longer than the next tick, or the
/// next allowed frame), and turns input, a posted value and the tick into
/// messages for `update`. While the app animates, ticks come on a fixed
/// `framesPerSecond` schedule and each tick brings one frame; otherwise a frame
/// is drawn only after a message arrived, at most `framesPerSecond` a second.
/// An idle app costs one timed-out poll per frame interval and no drawing.
public final class Program<A: App> {
    public private(set) var app: A
    public let backend: any Backend
    /// Where other threads post values for the app; delivered as `.posted`.
    public let mailbox: Mailbox<A.Payload>
    public let framesPerSecond: Int
    /// When true, Ctrl-C quits even if the app ignores it, so a user is never stuck.
    public var controlCQuits: Bool
    /// When true, Ctrl-Z suspends the program as it would in a cooked terminal.
    public var controlZSuspends = true
    /// The signal that ended the loop (see ``Backend/pendingTermination``), or nil.
    public private(set) var terminatingSignal: Int32?
    /// Frames drawn so far.
    public private(set) var framesDrawn = 0

    private let now: () -> Double
    private var previousFrame: Grid?
    private var needsRedraw = true
    private var lastFrameTime = -Double.infinity
    private var lastTickTime: Double
    private var nextTickTime: Double
    private var finished = false

    /// - Parameters:
    ///   - now: a monotonic clock in seconds (tests pass a virtual one).
    public init(
        app: A, backend: any Backend, mailbox: Mailbox<A.Payload> = Mailbox(),
        framesPerSecond: Int = 30, controlCQuits: Bool = true, now: @escaping () -> Double = MonotonicClock.seconds
    ) {
        self.app = app
        self.backend = backend
        self.mailbox = mailbox
        self.framesPerSecond = max(1, framesPerSecond)
        self.controlCQuits = controlCQuits
        self.now = now
        self.lastTickTime = now()
        self.nextTickTime = lastTickTime + 1 / Double(max(1, framesPerSecond))
    }

    public var frameInterval: Double { 1 / Double(framesPerSecond) }

    /// Runs until the app returns `.quit`; returns the final app state.
    @discardableResult
    public func run() -> A {
        send(.resize(backend.size))
        renderIfNeeded()
        while !finished {
            if checkSignals() { break }
            let event = backend.pollInput(timeoutMilliseconds: pollTimeoutMilliseconds())
            if let event {
                handle(event)
                // Drain what is already queued so a burst of keys costs one frame.
                var drained = 0
                while !finished, drained < 256, let more = backend.pollInput(timeoutMilliseconds: 0) {
                    handle(more)
                    drained += 1
                }
            }
            if !finished { for posted in mailbox.takeAll() where !finished { send(.posted(posted)) } }
            var ticked = false
            if !finished, app.isAnimating {
                let t = now()
                if t >= nextTickTime {
                    send(.tick(seconds: t - lastTickTime))
                    lastTickTime = t
                    ticked = true
                    // Ticks keep to a fixed schedule so polling overhead does not lower the rate;
                    // after a stall the schedule restarts instead of firing a burst of ticks.
                    nextTickTime += frameInterval
                    if nextTickTime < t { nextTickTime = t + frameInterval }
                }
            }
            guard !finished else { break }
            if app.isAnimating {
                // While animating, frames ride on the ticks: one wake-up per frame, and
                // input handled between two ticks shows in the next frame (≤ 1/fps later).
                if ticked { render() }
            } else {
                renderIfNeeded()
            }
        }
        return app
    }

    /// Delivers one message to the app (the only way its state changes).
    public func send(_ message: Message<A.Payload>) {
        guard !finished else { return }
        if case .tick = message {} else if !app.isAnimating {
            // Ticks restart from now when animation resumes, instead of one huge catch-up tick.
            lastTickTime = now()
            nextTickTime = lastTickTime + frameInterval
        }
        if app.update(message) == .quit { finished = true }
        needsRedraw = true
    }

    /// Handles what signals noted since the last turn; true when the loop must end.
    private func checkSignals() -> Bool {
        if let signal = backend.pendingTermination {
            terminatingSignal = signal
            app.terminate()
            finished = true
            return true
        }
        if backend.takeSuspendRequest() { suspend() }
        if backend.takeContinued() {
            // Stopped from outside (SIGSTOP): the screen may hold anything now.
            app.suspended()
            redrawEverything()
        }
        return false
    }

    /// Ctrl-Z: the app pauses, the terminal goes back to the shell, and on
    /// return everything is drawn again.
    private func suspend() {
        app.suspended()
        backend.suspend()
        redrawEverything()
    }

    private func redrawEverything() {
        previousFrame = nil
        backend.redrawAll()
        needsRedraw = true
        send(.resize(backend.size))
    }

    /// Whether the app has asked to quit.
    public var isFinished: Bool { finished }

    private func handle(_ event: InputEvent) {
        switch event {
        case .key(.control("c")) where controlCQuits:
            _ = app.update(.key(.control("c")))
            finished = true
        case .key(.control("z")) where controlZSuspends:
            suspend()
        case .key(let key): send(.key(key))
        case .mouse(let mouse): send(.mouse(mouse))
        case .resize(let size):
            previousFrame = nil  // everything is redrawn at the new size
            send(.resize(size))
        }
    }

    /// How long the next poll may wait: until the next tick when animating, until
    /// the next allowed frame when a redraw is pending, else one frame interval
    /// (so posted values show up within a frame).
    private func pollTimeoutMilliseconds() -> Int {
        let t = now()
        var wait = frameInterval
        if app.isAnimating {
            wait = nextTickTime - t
        } else if needsRedraw {
            wait = min(wait, lastFrameTime + frameInterval - t)
        }
        return max(0, Int((wait * 1000).rounded(.up)))
    }

    /// Draws a frame if something changed and the frame-rate cap allows it.
    private func renderIfNeeded() {
        guard needsRedraw, now() - lastFrameTime >= frameInterval * 0.999 else { return }
        render()
    }

    /// Draws the app and sends the cells that changed since the previous frame.
    private func render() {
        let capabilities = backend.capabilities
        var grid = Grid(size: backend.size, theme: capabilities.theme, glyphs: capabilities.glyphs)
        app.view(into: &grid)
        let changes = grid.changes(since: previousFrame)
        if !changes.isEmpty || previousFrame == nil {
            backend.draw(changes)
            backend.flush()
            framesDrawn += 1
        }
        previousFrame = grid
        needsRedraw = false
        lastFrameTime = now()
    }
}

/// Seconds from a monotonic clock, for the message loop's timing.
public enum MonotonicClock {
    private static let start = ContinuousClock.now

    /// Seconds since the first call (monotonic, unaffected by wall-clock changes).
    public static func seconds() -> Double {
        let (seconds, attoseconds) = (ContinuousClock.now - start).components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }
}
