/// How fast free-running training goes: flat out, or at most so many
/// batches a second, so that the learner can watch what the lesson describes.
public enum BatchRate: Sendable, Equatable, Hashable {
    case full
    case perSecond(Int)

    /// The speeds `<` and `>` step through, fastest first.
    public static let ladder: [BatchRate] = [.full, .perSecond(1_000), .perSecond(100), .perSecond(30),
                                             .perSecond(15), .perSecond(10)]

    /// Seconds between batch starts (nil: no wait).
    public var interval: Double? {
        guard case .perSecond(let rate) = self, rate > 0 else { return nil }
        return 1 / Double(rate)
    }

    /// One rung slower on the ladder (the slowest stays).
    public var slower: BatchRate { step(by: 1) }
    /// One rung faster on the ladder (full stays).
    public var faster: BatchRate { step(by: -1) }

    private func step(by delta: Int) -> BatchRate {
        let ladder = Self.ladder
        if let index = ladder.firstIndex(of: self) { return ladder[max(0, min(ladder.count - 1, index + delta))] }
        // A speed off the ladder steps to the nearest rung in that direction.
        return delta > 0 ? ladder.first { $0.sortKey < sortKey } ?? ladder[ladder.count - 1]
                         : ladder.last { $0.sortKey > sortKey } ?? .full
    }

    private var sortKey: Int {
        if case .perSecond(let rate) = self { return rate }
        return Int.max
    }

    /// "full", "1000/s", "10/s": for the status line.
    public var label: String {
        switch self {
        case .full: "full"
        case .perSecond(let rate): "\(rate)/s"
        }
    }
}
