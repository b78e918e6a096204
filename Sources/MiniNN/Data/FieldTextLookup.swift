import Foundation

/// A few texts (class names, categories) found by a field's bytes: a
/// million-row table would otherwise make a `String` of each row's label
/// and hash it, which took longer than reading the row's numbers. Up to
/// ``linearLimit`` texts are compared byte for byte, the one found last
/// first (labels come in runs); more are hashed. Texts are equal as
/// `String`s are, so "é" composed and decomposed are one text.
struct FieldTextLookup {
    /// Texts compared one by one; past this, a dictionary is quicker.
    static let linearLimit = 32

    private(set) var texts: [String] = []
    private var utf8: [[UInt8]] = []
    private var hashed: [String: Int]?
    private var lastFound = 0

    init() {}

    /// The lookup of `texts`; a repeated text keeps its first index.
    init(_ texts: [String]) {
        for text in texts where index(of: text) == nil { insert(text) }
    }

    /// The index of the text with these bytes, or nil.
    mutating func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        if let hashed { return hashed[String(decoding: bytes, as: UTF8.self)] }
        if lastFound < utf8.count, Self.equal(utf8[lastFound], bytes) { return lastFound }
        for index in utf8.indices where Self.equal(utf8[index], bytes) {
            lastFound = index
            return index
        }
        // Strings compare by meaning ("é" composed or not): only text beyond ASCII can be equal in other bytes.
        guard bytes.contains(where: { $0 >= 0x80 }) else { return nil }
        return texts.firstIndex(of: String(decoding: bytes, as: UTF8.self))
    }

    /// Adds `bytes`' text unless it is there; returns its index.
    @discardableResult
    mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        if let found = index(of: bytes) { return found }
        return insert(String(decoding: bytes, as: UTF8.self))
    }

    private func index(of text: String) -> Int? {
        hashed.map { $0[text] } ?? texts.firstIndex(of: text)
    }

    @discardableResult
    private mutating func insert(_ text: String) -> Int {
        texts.append(text)
        if hashed != nil {
            hashed?[text] = texts.count - 1
        } else if texts.count > Self.linearLimit {
            hashed = Dictionary(texts.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            utf8 = []
        } else {
            utf8.append(Array(text.utf8))
        }
        return texts.count - 1
    }

    private static func equal(_ known: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        known.count == bytes.count && known.withUnsafeBufferPointer { known in
            known.isEmpty || memcmp(known.baseAddress!, bytes.baseAddress!, known.count) == 0
        }
    }
}
