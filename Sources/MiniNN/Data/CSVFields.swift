import Foundation

/// A table's fields as places in the file's bytes, not as strings: a
/// million-row table has tens of millions of fields, and making each one a
/// `String` (then reading its number back out of it) was most of a load.
///
/// Field `column` of row `row` is `spans[(row + firstRow) * width + column]`:
/// the field's first byte in its upper 32 bits and the byte after its last in
/// the lower ones. An unquoted field lies in `file`, blanks around it left
/// out; a quoted field's text (quotes off, `""` made `"`) lies in
/// `quotedText`, which a start with ``quotedFlag`` set points into.
public struct CSVFields: Sendable, Equatable {
    /// The bytes the unquoted fields lie in: the whole file.
    let file: Data
    /// Quoted fields' text, one after another.
    let quotedText: [UInt8]
    /// Every field's place, row-major, header row included.
    let spans: [UInt64]
    /// Fields per row.
    public let width: Int
    /// Rows of `spans` before the first data row (1 past a header, else 0).
    let firstRow: Int
    /// Data rows.
    public let rowCount: Int

    /// Set in a span's start when the field lies in `quotedText`. Files are
    /// far smaller than 2 GB (``CSVTable/maximumFileBytes``), so no start reaches it.
    static let quotedFlag: UInt32 = 1 << 31

    static func span(start: Int, end: Int, quoted: Bool) -> UInt64 {
        UInt64(UInt32(truncatingIfNeeded: start) | (quoted ? quotedFlag : 0)) << 32 | UInt64(UInt32(truncatingIfNeeded: end))
    }

    /// Whether a span points into the quoted text.
    static func spanIsQuoted(_ span: UInt64) -> Bool { UInt32(truncatingIfNeeded: span >> 32) & quotedFlag != 0 }

    /// Whether a span holds no byte.
    static func spanIsEmpty(_ span: UInt64) -> Bool {
        UInt32(truncatingIfNeeded: span >> 32) & ~quotedFlag == UInt32(truncatingIfNeeded: span)
    }

    /// Whether a field is empty (`""` quoted included), without reading it.
    public func isEmpty(row: Int, column: Int) -> Bool {
        Self.spanIsEmpty(spans[(row + firstRow) * width + column])
    }

    /// A field's text.
    public func text(row: Int, column: Int) -> String {
        withReader { $0.text(row: row, column: column) }
    }

    /// A field as a number, as ``CSVTable/parseNumber(_:)`` reads its text.
    public func number(row: Int, column: Int) -> Float? {
        withReader { $0.number(row: row, column: column) }
    }

    /// One column's texts, top to bottom.
    public func column(_ column: Int) -> [String] {
        withReader { reader in (0..<rowCount).map { reader.text(row: $0, column: column) } }
    }

    /// Every row as texts: for small tables and for tests (a large table's
    /// strings take several times its file's bytes).
    public func textRows() -> [[String]] {
        withReader { reader in (0..<rowCount).map { row in (0..<width).map { reader.text(row: row, column: $0) } } }
    }

    /// The bytes a span points at.
    static func bytes(of span: UInt64, file: UnsafeBufferPointer<UInt8>,
                      quoted: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let start = UInt32(truncatingIfNeeded: span >> 32)
        let end = Int(UInt32(truncatingIfNeeded: span))
        if start & quotedFlag != 0 { return UnsafeBufferPointer(rebasing: quoted[Int(start & ~quotedFlag)..<end]) }
        return UnsafeBufferPointer(rebasing: file[Int(start)..<end])
    }

    /// Calls `body` with a reader of the fields' bytes, valid only inside it:
    /// the bulk passes (parsing columns on every core) take the pointers once.
    public func withReader<Value, Failure: Error>(_ body: (Reader) throws(Failure) -> Value) throws(Failure) -> Value {
        let outcome: Result<Value, Failure> = file.withUnsafeBytes { file in
            quotedText.withUnsafeBufferPointer { quoted in
                spans.withUnsafeBufferPointer { spans in
                    let reader = Reader(file: file.bindMemory(to: UInt8.self), quoted: quoted,
                                        spans: UnsafeBufferPointer(rebasing: spans[(firstRow * width)...]), width: width)
                    do throws(Failure) {
                        return .success(try body(reader))
                    } catch {
                        return .failure(error)
                    }
                }
            }
        }
        return try outcome.get()
    }

    /// The fields' bytes, borrowed for the length of a ``withReader(_:)`` call.
    public struct Reader {
        let file: UnsafeBufferPointer<UInt8>
        let quoted: UnsafeBufferPointer<UInt8>
        /// The data rows' spans (the header's lie just before them).
        let spans: UnsafeBufferPointer<UInt64>
        let width: Int

        /// A field's bytes (UTF-8).
        public func bytes(row: Int, column: Int) -> UnsafeBufferPointer<UInt8> {
            CSVFields.bytes(of: spans[row * width + column], file: file, quoted: quoted)
        }

        public func isEmpty(row: Int, column: Int) -> Bool { bytes(row: row, column: column).isEmpty }

        public func text(row: Int, column: Int) -> String {
            String(decoding: bytes(row: row, column: column), as: UTF8.self)
        }

        public func number(row: Int, column: Int) -> Float? {
            CSVTable.parseNumber(bytes: bytes(row: row, column: column))
        }
    }

    public static func == (lhs: CSVFields, rhs: CSVFields) -> Bool {
        lhs.width == rhs.width && lhs.rowCount == rhs.rowCount && lhs.textRows() == rhs.textRows()
    }
}
