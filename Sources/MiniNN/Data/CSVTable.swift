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
    /// Data rows, each with `columnNames.count` fields, blanks trimmed.
    public var rows: [[String]]
    /// The 1-based line each row starts on.
    public var lineNumbers: [Int]
    /// Whether the first row was a header.
    public var hadHeader: Bool
    /// The delimiter used.
    public var delimiter: Character
    /// The file the table came from, for messages.
    public var path: String

    public init(columnNames: [String], rows: [[String]], lineNumbers: [Int], hadHeader: Bool,
                delimiter: Character, path: String) {
        self.columnNames = columnNames
        self.rows = rows
        self.lineNumbers = lineNumbers
        self.hadHeader = hadHeader
        self.delimiter = delimiter
        self.path = path
    }

    /// Reads a CSV file. Files over `maximumFileBytes` are refused before
    /// any byte is read, and lines over `maximumLineBytes` before parsing;
    /// rows of the wrong length are refused with their line.
    public static func read(path: String, options: Options = Options(), maximumFileBytes: Int = maximumFileBytes,
                            maximumLineBytes: Int = maximumLineBytes) throws(DatasetError) -> CSVTable {
        let data = try BoundedFile.read(path: path, maximumBytes: maximumFileBytes)
        if let line = BoundedFile.firstLongLine(data, limit: maximumLineBytes) {
            throw .lineTooLong(path: path, line: line, limit: maximumLineBytes)
        }
        // Parsed where the file's bytes lie: a copy into an array was 138 MB more for a million rows.
        let parsed: Result<CSVTable, DatasetError> = data.withUnsafeBytes { raw in
            do throws(DatasetError) {
                return .success(try parse(buffer: raw.bindMemory(to: UInt8.self), path: path, options: options))
            } catch {
                return .failure(error)
            }
        }
        return try parsed.get()
    }

    /// Parses CSV text; `path` names the source in errors.
    public static func parse(_ text: String, path: String, options: Options = Options()) throws(DatasetError) -> CSVTable {
        try parse(Array(text.utf8), path: path, options: options)
    }

    /// Parses CSV bytes (UTF-8); `path` names the source in errors.
    public static func parse(_ bytes: [UInt8], path: String, options: Options = Options()) throws(DatasetError) -> CSVTable {
        let parsed: Result<CSVTable, DatasetError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(DatasetError) {
                return .success(try parse(buffer: buffer, path: path, options: options))
            } catch {
                return .failure(error)
            }
        }
        return try parsed.get()
    }

    /// ``parse(_:path:options:)`` on bytes in memory the caller keeps alive.
    static func parse(buffer bytes: UnsafeBufferPointer<UInt8>, path: String,
                      options: Options) throws(DatasetError) -> CSVTable {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        guard let delimiterCharacter = options.delimiter ?? detectDelimiter(bytes, from: start) else {
            throw .empty(path: path)
        }
        guard let delimiter = delimiterCharacter.asciiValue else {
            throw .unreadable(path: path, reason: "the delimiter must be one ASCII character")
        }
        var (records, lines) = try splitRecordsInParallel(bytes, from: start, delimiter: delimiter, path: path)
        guard let first = records.first else { throw .empty(path: path) }
        let hasHeader = options.hasHeader ?? looksLikeHeader(first, next: records.dropFirst().prefix(headerEvidenceRows))
        let expected = first.count
        for (index, record) in records.enumerated() where record.count != expected {
            throw .wrongFieldCount(path: path, line: lines[index], expected: expected, found: record.count)
        }
        let names = hasHeader ? first : (1...expected).map { "column \($0)" }
        if hasHeader {
            records.removeFirst()
            lines.removeFirst()
        }
        guard !records.isEmpty else { throw .empty(path: path) }
        return CSVTable(columnNames: names, rows: records, lineNumbers: lines, hadHeader: hasHeader,
                        delimiter: delimiterCharacter, path: path)
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
    static func looksLikeHeader(_ first: [String], next rows: ArraySlice<[String]>) -> Bool {
        for (index, field) in first.enumerated() where parseNumber(field) == nil {
            if rows.contains(where: { index < $0.count && parseNumber($0[index]) != nil }) { return true }
        }
        return false
    }

    /// Files at least this large are cut into records on every core.
    static let parallelSplitBytes = 1 << 20

    /// ``splitRecords(_:from:to:delimiter:path:emit:)`` over the whole buffer:
    /// the records and the line each starts on. A large file without a quote
    /// is cut at line breaks into one piece per core, each split on its own
    /// (a million-row file spent most of its load here); with a quote, a
    /// field may hold a line break, so the file is split in one piece.
    static func splitRecordsInParallel(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, delimiter: UInt8,
                                       path: String) throws(DatasetError) -> (records: [[String]], lines: [Int]) {
        let workers = BatchParallel.workerCount
        var pieces = [start]
        if workers > 1, bytes.count - start >= parallelSplitBytes,
           let base = bytes.baseAddress, memchr(base + start, Int32(UInt8(ascii: "\"")), bytes.count - start) == nil {
            let step = (bytes.count - start) / workers
            for piece in 1..<workers {
                var cut = max(pieces[pieces.count - 1], start + piece * step)
                while cut < bytes.count && bytes[cut] != 0x0A { cut += 1 }
                if cut < bytes.count { pieces.append(cut + 1) }
            }
        }
        pieces.append(bytes.count)
        var parts = [(records: [[String]], lines: [Int], lineBreaks: Int)](
            repeating: ([], [], 0), count: pieces.count - 1)
        var failure: DatasetError?
        _ = parts.withUnsafeMutableBufferPointer { parts in
            // Each piece writes only its own slot.
            BatchParallel.forEachChunk(of: parts.count, chunkSize: 1) { _, piece, _ in
                var records: [[String]] = [], lines: [Int] = []
                do throws(DatasetError) {
                    let lineBreaks = try splitRecords(bytes, from: pieces[piece], to: pieces[piece + 1],
                                                      delimiter: delimiter, path: path) { fields, line in
                        records.append(fields)
                        lines.append(line)
                    }
                    parts[piece] = (records, lines, lineBreaks)
                } catch {
                    failure = error  // Only the one-piece split can fail (an unclosed quote).
                }
            }
        }
        if let failure { throw failure }
        guard parts.count > 1 else { return (parts[0].records, parts[0].lines) }
        var records: [[String]] = [], lines: [Int] = []
        records.reserveCapacity(parts.reduce(0) { $0 + $1.records.count })
        lines.reserveCapacity(records.capacity)
        var linesBefore = 0
        for part in parts {
            records.append(contentsOf: part.records)
            lines.append(contentsOf: part.lines.map { $0 + linesBefore })
            linesBefore += part.lineBreaks
        }
        return (records, lines)
    }

    /// Cuts `bytes[start..<end]` into records of fields, calling `emit` with
    /// each and the line it starts on (1 for the first). Blank lines give no
    /// record. Returns the line breaks it passed.
    @discardableResult
    private static func splitRecords(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int,
                                     delimiter: UInt8, path: String,
                                     emit: ([String], Int) -> Void) throws(DatasetError) -> Int {
        let bytes = UnsafeBufferPointer(rebasing: bytes[..<end])
        let quote = UInt8(ascii: "\"")
        var fields: [String] = []
        // Only a quoted field's text is gathered here; an unquoted field is cut
        // straight out of `bytes` (copying every byte made reading a
        // million-row file a third slower).
        var quotedText: [UInt8] = []
        var fieldStart = start
        var fieldWasQuoted = false
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var index = start
        var recordHasContent = false

        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        /// Ends the field that runs from `fieldStart` to `end` (exclusive).
        func finishField(end: Int) {
            if fieldWasQuoted {
                fields.append(String(decoding: quotedText, as: UTF8.self))
                quotedText.removeAll(keepingCapacity: true)
            } else {
                // Blanks around an unquoted field are trimmed on the bytes: Foundation's
                // trimming per field made a million-row file several times slower.
                var lower = fieldStart, upper = end
                while lower < upper, isBlank(bytes[lower]) { lower += 1 }
                while upper > lower, isBlank(bytes[upper - 1]) { upper -= 1 }
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<upper]), as: UTF8.self))
            }
            fieldWasQuoted = false
        }
        func finishRecord(end: Int) {
            finishField(end: end)
            let blank = fields.count == 1 && fields[0].isEmpty && !recordHasContent
            if !blank { emit(fields, recordLine) }
            // The next row's array is sized as this one was: the capacity an array grows to
            // by appending (kept by removeAll(keepingCapacity:)) can be nearly twice its fields.
            let width = fields.count
            fields = []
            fields.reserveCapacity(width)
            recordHasContent = false
        }

        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if inQuotes {
                if byte == quote {
                    if index < bytes.count, bytes[index] == quote {
                        quotedText.append(quote)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == 0x0A || (byte == 0x0D && !(index < bytes.count && bytes[index] == 0x0A)) { line += 1 }
                    quotedText.append(byte)
                }
                continue
            }
            switch byte {
            case quote:
                // A quote opens a quoted field only at its start (after blanks);
                // elsewhere it is text, part of the unquoted field's bytes.
                if !fieldWasQuoted && bytes[fieldStart..<(index - 1)].allSatisfy(isBlank) {
                    fieldWasQuoted = true
                    inQuotes = true
                    recordHasContent = true
                } else if fieldWasQuoted {
                    quotedText.append(byte)
                }
            case delimiter:
                recordHasContent = true
                finishField(end: index - 1)
                fieldStart = index
            case 0x0D, 0x0A:
                let end = index - 1
                if byte == 0x0D, index < bytes.count, bytes[index] == 0x0A { index += 1 }
                finishRecord(end: end)
                fieldStart = index
                line += 1
                recordLine = line
            default:
                // Text after a closing quote: keep it, as most readers do, rather than fail.
                if fieldWasQuoted && byte != 0x20 { quotedText.append(byte) }
                if !isBlank(byte) { recordHasContent = true }
            }
        }
        if inQuotes { throw .unclosedQuote(path: path, line: recordLine) }
        if fieldStart < bytes.count || !fields.isEmpty || fieldWasQuoted || recordHasContent {
            finishRecord(end: bytes.count)
        }
        return line - 1
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
