/// A message delivered to an app's `update` on the UI thread.
public enum Message<Payload: Sendable>: Sendable {
    /// A key was pressed.
    case key(Key)
    /// The mouse was clicked or its wheel turned.
    case mouse(MouseEvent)
    /// The screen has a new size (also sent once before the first frame).
    case resize(Size)
    /// Time passed while the app is animating; the elapsed seconds since the previous tick.
    case tick(seconds: Double)
    /// The latest value posted to the program's mailbox by another thread.
    case posted(Payload)
}

/// Whether the program keeps running after a message.
public enum UpdateOutcome: Sendable, Equatable {
    case `continue`
    case quit
}

/// An interactive screen in the Elm/Bubble Tea style: a model, `update`, `view`.
///
/// The model is the conforming value itself. State changes only in `update`,
/// which the `Program` calls on the UI thread, one message at a time; `view`
/// draws the current state and changes nothing.
public protocol App {
    /// What background threads post through the mailbox (e.g. a training snapshot).
    associatedtype Payload: Sendable = Never

    /// Handles one message; returns `.quit` to end the program.
    mutating func update(_ message: Message<Payload>) -> UpdateOutcome

    /// Draws the whole screen into `grid` (sized to the terminal, cleared beforehand).
    func view(into grid: inout Grid)

    /// While true the program sends `.tick` messages at its frame rate; while
    /// false it sleeps until input or a posted value arrives and redraws nothing.
    var isAnimating: Bool { get }

    /// The program is ending for a reason outside the app (a signal such as
    /// SIGTERM): stop background work; no more messages follow.
    mutating func terminate()

    /// The terminal was away (Ctrl-Z, a stop signal): pause background work;
    /// the learner resumes it on purpose.
    mutating func suspended()
}

extension App {
    public var isAnimating: Bool { false }
    public mutating func terminate() {}
    public mutating func suspended() {}
}
