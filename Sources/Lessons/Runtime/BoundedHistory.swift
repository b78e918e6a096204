/// A history that a live run appends to for as long as it runs (curve points,
/// epoch reports) but that never holds more than `capacity` elements: when
/// full it keeps every other element, always with the newest, so the whole
/// run stays in view at half the resolution. Drawing it costs the same at
/// epoch 345 as at epoch 1.
public struct BoundedHistory<Element> {
    /// Oldest first; at most `capacity` elements.
    public private(set) var elements: [Element] = []
    /// The most elements kept (at least 2).
    public let capacity: Int
    /// Elements ever appended (the run's length, not what is kept).
    public private(set) var appended = 0

    public init(capacity: Int) {
        self.capacity = max(2, capacity)
        elements.reserveCapacity(self.capacity)
    }

    public mutating func append(_ element: Element) {
        appended += 1
        elements.append(element)
        guard elements.count > capacity else { return }
        let newest = elements.count - 1
        var kept: [Element] = []
        kept.reserveCapacity(capacity)
        for index in stride(from: 0, to: newest, by: 2) { kept.append(elements[index]) }
        kept.append(elements[newest])
        elements = kept
    }

    /// Forgets everything (a reset starts a new run).
    public mutating func removeAll() {
        elements.removeAll(keepingCapacity: true)
        appended = 0
    }
}

extension BoundedHistory: Sendable where Element: Sendable {}
