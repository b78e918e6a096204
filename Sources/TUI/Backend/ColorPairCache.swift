/// Hands out curses color-pair numbers for (foreground, background) pairs.
///
/// Terminals have a fixed number of pairs (64 on an 8-color terminal, often
/// 256 or 32767 elsewhere). Pairs are created on first use and cached; when
/// the table is full, the pair least recently used *before the current frame*
/// is redefined, and the caller is told so it can repaint cells that still
/// show the old pair. If every pair is in use in this very frame, the request
/// falls back to the same foreground on the default background, and then to
/// pair 0, so drawing never fails and never runs out.
public struct ColorPairCache: Sendable {
    public struct Assignment: Equatable, Sendable {
        /// The pair number to draw with.
        public var pair: Int
        /// A pair that was redefined to make room, if any: the colors it used to have.
        public var evicted: (foreground: Color, background: Color)?

        public static func == (a: Assignment, b: Assignment) -> Bool {
            a.pair == b.pair && a.evicted?.foreground == b.evicted?.foreground
                && a.evicted?.background == b.evicted?.background
        }
    }

    private struct Key: Hashable { var foreground: Color; var background: Color }
    private struct Entry { var key: Key; var lastUsedFrame: Int }

    /// Usable pairs are 1 ..< capacity + 1 (pair 0 is the terminal default).
    public let capacity: Int
    private var numbers: [Key: Int] = [:]
    private var entries: [Int: Entry] = [:]
    private var frame = 0

    public init(capacity: Int) { self.capacity = max(0, capacity) }

    /// Starts a new frame; pairs used before it become candidates for eviction.
    public mutating func beginFrame() { frame += 1 }

    /// The pair for a combination; `define` is called when a pair number must be
    /// (re)defined with `init_pair`.
    public mutating func pair(
        foreground: Color, background: Color, define: (Int, Color, Color) -> Void
    ) -> Assignment {
        if foreground == .default && background == .default { return Assignment(pair: 0, evicted: nil) }
        let key = Key(foreground: foreground, background: background)
        if let number = numbers[key] {
            entries[number]?.lastUsedFrame = frame
            return Assignment(pair: number, evicted: nil)
        }
        if numbers.count < capacity {
            let number = numbers.count + 1
            define(number, foreground, background)
            numbers[key] = number
            entries[number] = Entry(key: key, lastUsedFrame: frame)
            return Assignment(pair: number, evicted: nil)
        }
        // Full: reuse the least recently used pair not needed by this frame.
        if let victim = entries.filter({ $0.value.lastUsedFrame < frame }).min(by: { $0.value.lastUsedFrame < $1.value.lastUsedFrame }) {
            let old = victim.value.key
            numbers[old] = nil
            define(victim.key, foreground, background)
            numbers[key] = victim.key
            entries[victim.key] = Entry(key: key, lastUsedFrame: frame)
            return Assignment(pair: victim.key, evicted: (old.foreground, old.background))
        }
        // Every pair is on screen in this frame: degrade instead of failing.
        if background != .default, let fallback = numbers[Key(foreground: foreground, background: .default)] {
            return Assignment(pair: fallback, evicted: nil)
        }
        return Assignment(pair: 0, evicted: nil)
    }

    /// The pairs currently defined.
    public var count: Int { numbers.count }
}
