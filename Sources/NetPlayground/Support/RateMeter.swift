/// Things per second: frames the app draws, items the session trains, images
/// the command line's progress bar counts. One meter serves all three.
///
/// It counts amounts, not timestamps, so it keeps no list and allocates
/// nothing: ``add(_:at:)`` notes an amount done by a time (one frame, or a
/// batch's items), and the amounts add up in an open window. Two readings:
///
/// - ``rate(at:)``, steady: the rate of the last window that closed. A window
///   closes at the first `add` at least ``window`` seconds after it opened,
///   so a display changes about once a window, not at every batch (the app:
///   frames over about a second; the session: items over about half one).
///   It goes back to nil once nothing has been added for two windows (the
///   screen stopped drawing), so a stale figure does not linger.
/// - ``rateSoFar(at:)``: the open window's rate up to now, for a window that
///   never closes (`window: .infinity`, restarted at each epoch: the bar's
///   rate within the epoch).
///
/// Time spent on something else can be set aside with its amount
/// (``setAside(_:seconds:at:)``): a training step that also evaluated the
/// held-out sets counts neither its items nor its seconds, unless every step
/// in the window did so (4-point XOR ends an epoch at every batch), when the
/// set-aside items over the whole window are the best figure there is.
struct RateMeter {
    /// Seconds a window stays open before its rate is taken.
    let window: Double
    /// When the open window opened (nil: the first event opens it).
    private var opened: Double?
    private var amount = 0
    private var asideAmount = 0
    private var asideSeconds = 0.0
    private var lastRate: Double?
    private var lastClosed = -Double.infinity

    /// A meter whose windows last `window` seconds; with no `start`, the first
    /// event opens the first window (a lone timestamp spans no time to count over).
    init(window: Double = 1, start: Double? = nil) {
        self.window = window
        opened = start
    }

    /// Opens a fresh window at `t` and forgets the last rate (after a pause
    /// or a new run, whose rate has nothing to do with the one before).
    mutating func restart(at t: Double) {
        opened = t
        amount = 0
        asideAmount = 0
        asideSeconds = 0
        lastRate = nil
        lastClosed = -Double.infinity
    }

    /// Notes `count` things done by time `t` (seconds), closing the window when it is due.
    mutating func add(_ count: Int = 1, at t: Double) {
        guard opened != nil else { opened = t; return }
        amount += count
        closeIfDue(at: t)
    }

    /// Notes one event (a frame drawn) at time `t`.
    mutating func record(_ t: Double) { add(1, at: t) }

    /// Notes `count` things done in `seconds` that were mostly other work,
    /// ending at `t`: left out of the rate unless nothing else was counted.
    mutating func setAside(_ count: Int, seconds: Double, at t: Double) {
        guard opened != nil else { opened = t; return }
        asideAmount += count
        asideSeconds += seconds
        closeIfDue(at: t)
    }

    /// Things per second over the last closed window, or nil before one
    /// closed with something in it, or when none closed in the last two windows.
    func rate(at t: Double) -> Double? {
        t - lastClosed <= 2 * window ? lastRate : nil
    }

    /// Things per second in the open window up to `t`, or nil with nothing counted yet.
    func rateSoFar(at t: Double) -> Double? {
        guard let opened else { return nil }
        let elapsed = t - opened
        let (count, time) = amount > 0 ? (amount, elapsed - asideSeconds) : (asideAmount, elapsed)
        return count > 0 && time > 0 ? Double(count) / time : nil
    }

    private mutating func closeIfDue(at t: Double) {
        guard let opened, t - opened >= window else { return }
        lastRate = rateSoFar(at: t)
        lastClosed = t
        self.opened = t
        amount = 0
        asideAmount = 0
        asideSeconds = 0
    }
}
