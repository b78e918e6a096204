import Lessons
import MiniNN
import Synchronization

/// A flag one thread sets and others poll, e.g. "the lesson is closing".
final class StopFlag: Sendable {
    private let value = Atomic<Bool>(false)

    func set() { value.store(true, ordering: .relaxed) }
    var isSet: Bool { value.load(ordering: .relaxed) }
}

extension ModelProbes {
    /// ``classify(_:data:limit:batchSize:)`` that gives up between chunks once
    /// `stop` returns true (nil then): a closing lesson never waits for a full
    /// pass over thousands of held-out digits.
    static func classify(_ model: Sequential, data: Dataset, limit: Int, batchSize: Int = 250,
                         until stop: () -> Bool) -> [ClassifiedExample]? {
        var result: [ClassifiedExample] = []
        let count = min(limit, data.count)
        result.reserveCapacity(count)
        var start = 0
        while start < count {
            if stop() { return nil }
            let end = min(count, start + batchSize)
            result += classify(model, data: data.slice(start..<end), batchSize: batchSize).map {
                ClassifiedExample(index: $0.index + start, label: $0.label, predicted: $0.predicted,
                                  confidence: $0.confidence)
            }
            start = end
        }
        return result
    }
}
