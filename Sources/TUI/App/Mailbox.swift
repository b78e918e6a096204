import Synchronization

/// A thread-safe mailbox where the latest value of each lane wins.
///
/// Background threads (trainers) call `post` as often as they like, each on
/// its own lane; the UI thread takes what is waiting once per loop turn and
/// draws it. Values posted on one lane between two takes replace each other,
/// so a slow screen never falls behind a fast producer, one producer never
/// hides another's news, and no producer touches the terminal.
public final class Mailbox<Value: Sendable>: Sendable {
    private let slots = Mutex<[Int: Value]>([:])

    public init() {}

    /// Replaces whatever waits on `lane` with `value`.
    public func post(_ value: Value, lane: Int = 0) {
        slots.withLock { $0[lane] = value }
    }

    /// Removes and returns the value waiting on the lowest lane, if any.
    public func take() -> Value? {
        slots.withLock { waiting in
            guard let lane = waiting.keys.min() else { return nil }
            return waiting.removeValue(forKey: lane)
        }
    }

    /// Removes and returns every waiting value, lowest lane first.
    public func takeAll() -> [Value] {
        slots.withLock { waiting in
            let values = waiting.sorted { $0.key < $1.key }.map(\.value)
            waiting.removeAll(keepingCapacity: true)
            return values
        }
    }
}
