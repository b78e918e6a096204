import Synchronization

/// A one-slot, thread-safe mailbox where the latest value wins.
///
/// A background thread (the trainer) calls `post` as often as it likes; the UI
/// thread `take`s at most one value per loop turn and draws it. Values posted
/// between two takes replace each other, so a slow screen never falls behind
/// a fast producer, and the producer never touches the terminal.
public final class Mailbox<Value: Sendable>: Sendable {
    private let slot = Mutex<Value?>(nil)

    public init() {}

    /// Replaces whatever is waiting with `value`.
    public func post(_ value: Value) {
        slot.withLock { $0 = value }
    }

    /// Removes and returns the waiting value, if any.
    public func take() -> Value? {
        slot.withLock { waiting in
            let value = waiting
            waiting = nil
            return value
        }
    }
}
