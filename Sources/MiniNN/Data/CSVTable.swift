import Foundation

/// A CSV file read into rows of text fields, with its header (given or
/// made up) and the line each row starts on, so errors can point at it.
///
/// The reader accepts comma, semicolon or tab delimiters (detected from the
/// first row unless given), fields in double quotes with `""` for a quote
/// (a quoted field may hold delimiters and line breaks), `\n`, `\r\n` or
/// `\r` line ends, and a UTF-8 byte-order mark. Blank lines are skipped.
public struct CSVTable: Sendable, Equatable {
    /// How to read a file; nil fields are detected.
    public struct Options: Sendable, Equatable {
        /// The field separator; nil picks the most frequent of `,` `;` tab in the first row.
        public var delimiter: Character?
        /// Whether the first row names the columns; nil decides from the data
        /// (a header has a text field above a column of numbers).
        public var hasHeader: Bool?
        public init(delimiter: Character? = nil, hasHeader: Bool? = nil) {
            self.delimiter = delimiter
            self.hasHeader = hasHeader
        }
    }

    /// The delimiters tried when none is given, in order of preference on a tie.
    public static let candidateDelimiters: [Character] = [",", ";", "\t"]
    /// Largest file read, checked before reading (512 MB).
    public static let maximumFileBytes = 512 << 20
    /// Longest line read: a row of thousands of columns is far shorter, and a
    /// file that is one 100 MB line is not a table.
    public static let maximumLineBytes = 16 << 20

    /// Column names: the header row, or "column 1", "column 2", … without one.
    public var columnNames: [String]
    /// The data rows' fields, each row `columnNames.count` of them, blanks trimmed.
    public var fields: CSVFields
    /// The 1-based line each row starts on.
    public var lineNumbers: [Int]
    /// Whether the first row was a header.
    public var hadHeader: Bool
    /// The delimiter used.
    public var delimiter: Character
    /// The file the table came from, for messages.
    public var path: String

    /// Data rows.
    public var rowCount: Int { fields.rowCount }

    /// Reads a CSV file. Files over `maximumFileBytes` are refused before
    /// any byte is read, and lines over `maximumLineBytes` before parsing;
    /// rows of the wrong length are refused with their line.
    public static func read(path: String, options: Options = Options(), maximumFileBytes: Int = maximumFileBytes,
                            maximumLineBytes: Int = maximumLineBytes) throws(DatasetError) -> CSVTable {
        let data = try BoundedFile.read(path: path, maximumBytes: maximumFileBytes)
        if let line = BoundedFile.firstLongLine(data, limit: maximumLineBytes) {
            throw .lineTooLong(path: path, line: line, limit: maximumLineBytes)
        }
        return try parse(data: data, path: path, options: options)
    }

    /// Parses CSV text; `path` names the source in errors.
    public static func parse(_ text: String, path: String, options: Options = Options()) throws(DatasetError) -> CSVTable {
        try parse(data: Data(text.utf8), path: path, options: options)
    }

    /// Parses CSV bytes (UTF-8); `path` names the source in errors.
    public static func parse(_ bytes: [UInt8], path: String, options: Options = Options()) throws(DatasetError) -> CSVTable {
        try parse(data: Data(bytes), path: path, options: options)
    }

    /// Parses `data` where its bytes lie, and keeps it: the fields are places in it.
    static func parse(data: Data, path: String, options: Options) throws(DatasetError) -> CSVTable {
        let outcome: Result<CSVTable, DatasetError> = data.withUnsafeBytes { raw in
            do throws(DatasetError) {
                return .success(try parse(buffer: raw.bindMemory(to: UInt8.self), of: data, path: path, options: options))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    /// ``parse(data:path:options:)`` on `data`'s bytes, `bytes`.
    private static func parse(buffer bytes: UnsafeBufferPointer<UInt8>, of data: Data, path: String,
                              options: Options) throws(DatasetError) -> CSVTable {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        guard let delimiterCharacter = options.delimiter ?? detectDelimiter(bytes, from: start) else {
            throw .empty(path: path)
        }
        guard let delimiter = delimiterCharacter.asciiValue else {
            throw .unreadable(path: path, reason: "the delimiter must be one ASCII character")
        }
        let split = try splitRecordsInParallel(bytes, from: start, delimiter: delimiter, path: path)
        let recordCount = split.lines.count
        guard recordCount > 0 else { throw .empty(path: path) }
        /// Record `record`'s texts, read before the table exists (its rows may still differ in length).
        func texts(_ record: Int) -> [String] {
            split.quotedText.withUnsafeBufferPointer { quoted in
                split.spans[split.recordStarts[record]..<split.recordStarts[record + 1]].map { span in
                    String(decoding: CSVFields.bytes(of: span, file: bytes, quoted: quoted), as: UTF8.self)
                }
            }
        }
        let first = texts(0)
        let hasHeader = options.hasHeader
            ?? looksLikeHeader(first, next: (1..<min(recordCount, 1 + headerEvidenceRows)).map(texts))
        let expected = first.count
        for record in 0..<recordCount where split.recordStarts[record + 1] - split.recordStarts[record] != expected {
            throw .wrongFieldCount(path: path, line: split.lines[record], expected: expected,
                                   found: split.recordStarts[record + 1] - split.recordStarts[record])
        }
        let names = hasHeader ? first : (1...expected).map { "column \($0)" }
        let firstRow = hasHeader ? 1 : 0
        guard recordCount > firstRow else { throw .empty(path: path) }
        let fields = CSVFields(file: data, quotedText: split.quotedText, spans: split.spans, width: expected,
                               firstRow: firstRow, rowCount: recordCount - firstRow)
        return CSVTable(columnNames: names, fields: fields, lineNumbers: Array(split.lines[firstRow...]),
                        hadHeader: hasHeader, delimiter: delimiterCharacter, path: path)
    }

    /// The candidate delimiter found most often outside quotes in the first
    /// non-blank line (comma when there is none: one column); nil for no text.
    static func detectDelimiter(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Character? {
        var counts = [Int](repeating: 0, count: candidateDelimiters.count)
        let codes = candidateDelimiters.map { $0.asciiValue! }
        var quoted = false
        var sawText = false
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\"") { quoted.toggle(); sawText = true; continue }
            if quoted { continue }
            if byte == 0x0A || byte == 0x0D {
                if sawText { break }
                continue
            }
            if byte != 0x20 { sawText = true }
            if let which = codes.firstIndex(of: byte) { counts[which] += 1 }
        }
        guard sawText else { return nil }
        guard let best = counts.indices.max(by: { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) })
        else { return nil }
        return candidateDelimiters[best]
    }

    /// Rows below the first that header detection looks at: one would do,
    /// but its number may be missing (an empty field).
    static let headerEvidenceRows = 20

    /// Whether `first` is a header: some field of it is not a number while the
    /// same field of a following row is one. Without a following row, a first
    /// row is taken as a header only if it cannot be data (never).
    static func looksLikeHeader(_ first: [String], next rows: [[String]]) -> Bool {
        for (index, field) in first.enumerated() where parseNumber(field) == nil {
            if rows.contains(where: { index < $0.count && parseNumber($0[index]) != nil }) { return true }
        }
        return false
    }

    /// The index of a column named by its header name (exact, then ignoring
    /// case) or by its 1-based number; nil when none matches.
    public func columnIndex(_ name: String) -> Int? {
        let wanted = name.trimmingCharacters(in: .whitespaces)
        if let exact = columnNames.firstIndex(of: wanted) { return exact }
        if let loose = columnNames.firstIndex(where: { $0.lowercased() == wanted.lowercased() }) { return loose }
        if let number = Int(wanted), (1...columnNames.count).contains(number) { return number - 1 }
        return nil
    }
}
