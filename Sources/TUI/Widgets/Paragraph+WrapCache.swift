import Foundation

/// The wrapped rows of the paragraphs drawn lately, by text, width, theme and glyphs.
///
/// A screen builds its paragraphs anew every frame, and the lesson text was
/// wrapped character by character up to four times a frame (measured for its
/// scroll range, then drawn, each at two widths) while training ran at full
/// speed. The text changes rarely, so the rows are kept: a lookup hashes the
/// spans, which costs far less than wrapping them.
///
/// A handful of entries, the least recently used leaving first: one screen
/// draws a few paragraphs, and every entry holds a copy of its characters.
final class ParagraphWrapCache: @unchecked Sendable {
    /// The process-wide cache (frames are drawn on one thread; tests render on many, hence the lock).
    static let shared = ParagraphWrapCache()

    /// What the rows depend on: styles come from the theme, and ASCII glyphs spell some characters longer.
    struct Key: Hashable {
        var lines: [[Span]]
        var width: Int
        var theme: Theme
        var glyphs: GlyphSet
    }

    /// How many wrapped paragraphs are kept.
    let capacity: Int
    private let lock = NSLock()
    private var entries: [Key: [[Paragraph.StyledCharacter]]] = [:]
    /// Keys from least to most recently used.
    private var order: [Key] = []

    init(capacity: Int = 12) {
        self.capacity = max(1, capacity)
    }

    /// The rows kept for `key`, marked as just used; nil when none are kept.
    func rows(for key: Key) -> [[Paragraph.StyledCharacter]]? {
        lock.lock()
        defer { lock.unlock() }
        guard let rows = entries[key] else { return nil }
        if let position = order.lastIndex(of: key), position != order.count - 1 {
            order.remove(at: position)
            order.append(key)
        }
        return rows
    }

    /// Keeps `rows` for `key`, dropping the least recently used entry when full.
    func store(_ rows: [[Paragraph.StyledCharacter]], for key: Key) {
        lock.lock()
        defer { lock.unlock() }
        if entries.updateValue(rows, forKey: key) != nil {
            order.removeAll { $0 == key }
        } else if entries.count > capacity {
            let oldest = order.removeFirst()
            entries[oldest] = nil
        }
        order.append(key)
    }

    /// How many paragraphs are kept now.
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return entries.count
    }
}
