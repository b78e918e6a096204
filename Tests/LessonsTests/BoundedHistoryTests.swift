import Testing
@testable import Lessons

/// The curve and epoch list a live run keeps stay bounded, however long it runs.
@Suite("Bounded history")
struct BoundedHistoryTests {
    @Test("a million appends keep at most the capacity, in order, from the first to the newest")
    func hugeHistoryStaysBounded() {
        var history = BoundedHistory<Int>(capacity: 4000)
        var largest = 0
        for value in 0..<1_000_000 {
            history.append(value)
            largest = max(largest, history.elements.count)
        }
        #expect(largest <= 4000)
        #expect(history.elements.count >= 2000, "thinning keeps half, not a handful")
        #expect(history.elements.first == 0)
        #expect(history.elements.last == 999_999)
        #expect(zip(history.elements, history.elements.dropFirst()).allSatisfy { $0 < $1 })
        #expect(history.appended == 1_000_000)
    }

    @Test("epoch 345 of a run keeps every epoch under the capacity; a reset empties it")
    func shortRunsKeepEverything() {
        var history = BoundedHistory<Int>(capacity: 500)
        for epoch in 1...345 { history.append(epoch) }
        #expect(history.elements == Array(1...345))
        history.removeAll()
        #expect(history.elements.isEmpty && history.appended == 0)
    }
}
