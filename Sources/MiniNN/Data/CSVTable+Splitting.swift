import Foundation

extension CSVTable {
    /// Files at least this large are cut into records on every core.
    static let parallelSplitBytes = 1 << 20

    /// Records cut out of a file: each field's span (see ``CSVFields``), where
    /// each record's spans start (and, last, where they end), and its line.
    struct SplitRecords {
        var spans: [UInt64] = []
        var recordStarts: [Int] = [0]
        var lines: [Int] = []
        var quotedText: [UInt8] = []
        /// Line breaks passed, so a following piece can number its lines.
        var lineBreaks = 0
    }

    /// ``splitRecords(_:from:to:delimiter:path:)`` over the whole buffer,
    /// cut at line feeds into one piece per core when large. A file without
    /// a quote, as most large tables of numbers are, is split by
    /// ``splitUnquotedRecords(_:from:to:delimiter:into:)`` instead (a
    /// million-row file spent most of its load here). With quotes a line feed
    /// may lie inside a quoted field, so a cut is only taken when the piece
    /// before it ends outside quotes; else the file is split in one piece.
    /// `alwaysReference` makes every file take the general loop in one piece,
    /// for the tests that hold the paths to each other.
    static func splitRecordsInParallel(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, delimiter: UInt8,
                                       path: String, alwaysReference: Bool = false) throws(DatasetError) -> SplitRecords {
        guard let base = bytes.baseAddress, start < bytes.count else { return SplitRecords() }
        if alwaysReference { return try splitRecords(bytes, from: start, to: bytes.count, delimiter: delimiter, path: path) }
        // Pieces cut just after a line feed, one per core.
        var pieces = [start]
        let workers = BatchParallel.workerCount
        if workers > 1, bytes.count - start >= parallelSplitBytes {
            let step = (bytes.count - start) / workers
            for piece in 1..<workers {
                var cut = max(pieces[pieces.count - 1], start + piece * step)
                while cut < bytes.count && bytes[cut] != 0x0A { cut += 1 }
                if cut < bytes.count { pieces.append(cut + 1) }
            }
        }
        pieces.append(bytes.count)
        if memchr(base + start, Int32(UInt8(ascii: "\"")), bytes.count - start) != nil {
            return try splitQuotedPieces(bytes, pieces: pieces, delimiter: delimiter, path: path)
        }
        let pieceCount = pieces.count - 1
        // Every piece writes its spans straight into one array, in a region as
        // long as its count of delimiters and line ends (the most fields it can
        // have): joining arrays made per piece copied and paged in 160 MB more.
        var bounds = [Int](repeating: 0, count: pieceCount)
        _ = bounds.withUnsafeMutableBufferPointer { bounds in
            BatchParallel.forEachChunk(of: pieceCount, chunkSize: 1) { _, piece, _ in
                var separators = 0
                for index in pieces[piece]..<pieces[piece + 1] {
                    let byte = base[index]
                    separators &+= byte == delimiter || byte == 0x0A || byte == 0x0D ? 1 : 0
                }
                bounds[piece] = separators + 1
            }
        }
        var regionStarts = [0]
        for bound in bounds { regionStarts.append(regionStarts[regionStarts.count - 1] + bound) }
        var parts = [UnquotedPiece](repeating: UnquotedPiece(), count: pieceCount)
        let spans = [UInt64](unsafeUninitializedCapacity: regionStarts[pieceCount]) { spans, initialized in
            guard let spansBase = spans.baseAddress else { return }
            _ = parts.withUnsafeMutableBufferPointer { parts in
                // Each piece writes only its own slot and its own region.
                BatchParallel.forEachChunk(of: pieceCount, chunkSize: 1) { _, piece, _ in
                    parts[piece] = splitUnquotedRecords(bytes, from: pieces[piece], to: pieces[piece + 1],
                                                        delimiter: delimiter, into: spansBase + regionStarts[piece])
                }
            }
            // Blank lines and "\r\n" leave a region's end unused: the next piece moves down to close the gap.
            initialized = 0
            for piece in 0..<pieceCount {
                if initialized != regionStarts[piece] {
                    (spansBase + initialized).update(from: spansBase + regionStarts[piece], count: parts[piece].spanCount)
                }
                initialized += parts[piece].spanCount
            }
        }
        var split = SplitRecords()
        split.spans = spans
        split.recordStarts.reserveCapacity(parts.reduce(1) { $0 + $1.lines.count })
        split.lines.reserveCapacity(split.recordStarts.capacity)
        var spansBefore = 0
        for piece in parts.indices {
            let part = parts[piece]
            parts[piece] = UnquotedPiece()  // Freed as soon as it is copied.
            split.recordStarts.append(contentsOf: part.recordEnds.lazy.map { $0 + spansBefore })
            let linesBefore = split.lineBreaks
            split.lines.append(contentsOf: part.lines.lazy.map { $0 + linesBefore })
            split.lineBreaks += part.lineBreaks
            spansBefore += part.spanCount
        }
        return split
    }

    /// The general loop on each piece at once. A piece parsed from a fresh
    /// record is parsed right when the piece before it ended outside quotes
    /// (its last byte, a line feed, then ended a record); when one did not (or
    /// a quote is unclosed), the file is split again in one piece, which gives
    /// the true split or the true error.
    private static func splitQuotedPieces(_ bytes: UnsafeBufferPointer<UInt8>, pieces: [Int], delimiter: UInt8,
                                          path: String) throws(DatasetError) -> SplitRecords {
        var parts = [SplitRecords?](repeating: nil, count: pieces.count - 1)
        // One piece (a small file, or one core) is parsed once, below, its error thrown as it is.
        if parts.count > 1 {
            _ = parts.withUnsafeMutableBufferPointer { parts in
                // Each piece writes only its own slot; a piece that ends inside quotes leaves it nil.
                BatchParallel.forEachChunk(of: parts.count, chunkSize: 1) { _, piece, _ in
                    parts[piece] = try? splitRecords(bytes, from: pieces[piece], to: pieces[piece + 1],
                                                     delimiter: delimiter, path: path)
                }
            }
        }
        guard parts.count > 1, parts.allSatisfy({ $0 != nil }) else {
            return try splitRecords(bytes, from: pieces[0], to: pieces[pieces.count - 1], delimiter: delimiter, path: path)
        }
        var split = SplitRecords()
        split.spans.reserveCapacity(parts.reduce(0) { $0 + ($1?.spans.count ?? 0) })
        split.lines.reserveCapacity(parts.reduce(0) { $0 + ($1?.lines.count ?? 0) })
        split.recordStarts.reserveCapacity(split.lines.capacity + 1)
        split.quotedText.reserveCapacity(parts.reduce(0) { $0 + ($1?.quotedText.count ?? 0) })
        for index in parts.indices {
            guard let part = parts[index] else { continue }
            parts[index] = nil  // Freed as soon as it is copied.
            let spansBefore = split.spans.count, linesBefore = split.lineBreaks, textBefore = split.quotedText.count
            // A quoted field's span points into its piece's text, which now follows the earlier pieces' text.
            split.spans.append(contentsOf: part.spans.lazy.map { span in
                CSVFields.spanIsQuoted(span) ? span &+ (UInt64(textBefore) << 32 | UInt64(textBefore)) : span
            })
            split.recordStarts.append(contentsOf: part.recordStarts.dropFirst().lazy.map { $0 + spansBefore })
            split.lines.append(contentsOf: part.lines.lazy.map { $0 + linesBefore })
            split.quotedText.append(contentsOf: part.quotedText)
            split.lineBreaks += part.lineBreaks
        }
        return split
    }

    /// Cuts `bytes[start..<end]` into records of fields: their spans (into
    /// `bytes`, or for a quoted field into the returned quoted text) and the
    /// line each record starts on (1 for the first). Blank lines give no record.
    private static func splitRecords(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int,
                                     delimiter: UInt8, path: String) throws(DatasetError) -> SplitRecords {
        let bytes = UnsafeBufferPointer(rebasing: bytes[..<end])
        let quote = UInt8(ascii: "\"")
        guard let base = bytes.baseAddress, start < end else { return SplitRecords() }
        var split = SplitRecords()
        // About one span per 7 bytes in a table of numbers: reserved once, not grown by doubling.
        split.spans.reserveCapacity((end - start) / 6 + 16)
        var fieldStart = start
        var fieldWasQuoted = false
        var quotedStart = 0
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var index = start
        var recordHasContent = false

        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        /// Ends the field that runs from `fieldStart` to `end` (exclusive).
        func finishField(end: Int) {
            if fieldWasQuoted {
                split.spans.append(CSVFields.span(start: quotedStart, end: split.quotedText.count, quoted: true))
            } else {
                var lower = fieldStart, upper = end
                while lower < upper, isBlank(bytes[lower]) { lower += 1 }
                while upper > lower, isBlank(bytes[upper - 1]) { upper -= 1 }
                split.spans.append(CSVFields.span(start: lower, end: upper, quoted: false))
            }
            fieldWasQuoted = false
        }
        func finishRecord(end: Int) {
            finishField(end: end)
            let recordStart = split.recordStarts[split.recordStarts.count - 1]
            let blank = split.spans.count == recordStart + 1 && !recordHasContent
                && CSVFields.spanIsEmpty(split.spans[recordStart])
            if blank {
                split.spans.removeLast()
            } else {
                split.recordStarts.append(split.spans.count)
                split.lines.append(recordLine)
            }
            recordHasContent = false
        }

        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if inQuotes {
                if byte == quote {
                    if index < bytes.count, bytes[index] == quote {
                        split.quotedText.append(quote)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    // Up to the next quote everything is the field's text: copied at once (byte by byte,
                    // a file of quoted fields took twice as long), its line breaks counted.
                    let runStart = index - 1
                    let runEnd = memchr(base + runStart, Int32(quote), bytes.count - runStart)
                        .map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? bytes.count
                    for position in runStart..<runEnd {
                        let byte = base[position]
                        if byte == 0x0A || (byte == 0x0D && !(position + 1 < bytes.count && base[position + 1] == 0x0A)) {
                            line += 1
                        }
                    }
                    split.quotedText.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<runEnd]))
                    index = runEnd
                }
                continue
            }
            switch byte {
            case quote:
                // A quote opens a quoted field only at its start (after blanks);
                // elsewhere it is text, part of the unquoted field's bytes.
                if !fieldWasQuoted && bytes[fieldStart..<(index - 1)].allSatisfy(isBlank) {
                    fieldWasQuoted = true
                    quotedStart = split.quotedText.count
                    inQuotes = true
                    recordHasContent = true
                } else if fieldWasQuoted {
                    split.quotedText.append(byte)
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
                if fieldWasQuoted && byte != 0x20 { split.quotedText.append(byte) }
                if !isBlank(byte) { recordHasContent = true }
            }
        }
        if inQuotes { throw .unclosedQuote(path: path, line: recordLine) }
        let recordHasFields = split.spans.count > split.recordStarts[split.recordStarts.count - 1]
        if fieldStart < bytes.count || recordHasFields || fieldWasQuoted || recordHasContent {
            finishRecord(end: bytes.count)
        }
        split.lineBreaks = line - 1
        return split
    }

    /// What ``splitUnquotedRecords(_:from:to:delimiter:into:)`` found in its piece.
    struct UnquotedPiece {
        /// Spans written.
        var spanCount = 0
        /// Where each record's spans end, counted from the piece's first span.
        var recordEnds: [Int] = []
        /// The line each record is on, counted from the piece's first line.
        var lines: [Int] = []
        var lineBreaks = 0
    }

    /// ``splitRecords(_:from:to:delimiter:path:)`` for bytes that hold no
    /// quote: with no quoted field to follow, a byte is a delimiter, a line
    /// end, a blank or text, and one table lookup tells which (the general
    /// loop's branches per byte made it the slowest part of loading a million
    /// rows). The spans go to `spans`, which has room for one per delimiter
    /// and line end, and one more.
    static func splitUnquotedRecords(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int,
                                     delimiter: UInt8, into spans: UnsafeMutablePointer<UInt64>) -> UnquotedPiece {
        guard let base = bytes.baseAddress, start < end else { return UnquotedPiece() }
        let text: UInt8 = 0, isDelimiter: UInt8 = 1, isLineFeed: UInt8 = 2, isReturn: UInt8 = 3, isBlank: UInt8 = 4
        var kinds = [UInt8](repeating: text, count: 256)
        kinds[0x20] = isBlank
        kinds[0x09] = isBlank
        kinds[0x0A] = isLineFeed
        kinds[0x0D] = isReturn
        kinds[Int(delimiter)] = isDelimiter
        return kinds.withUnsafeBufferPointer { kinds in
            // Declared in here, not outside: the nested functions' captures of a
            // variable from outside the closure were checked for exclusive access on every field.
            var piece = UnquotedPiece()
            piece.recordEnds.reserveCapacity((end - start) / 64 + 16)
            piece.lines.reserveCapacity((end - start) / 64 + 16)
            var spanCount = 0
            var recordStart = 0
            var fieldStart = start
            var line = 1
            var index = start
            var sawBlank = false
            /// The field from `fieldStart` to `upper`, trimmed only when it held a blank.
            func finishField(_ upper: Int) {
                var lower = fieldStart, upper = upper
                if sawBlank {
                    while lower < upper, kinds[Int(base[lower])] == isBlank { lower += 1 }
                    while upper > lower, kinds[Int(base[upper - 1])] == isBlank { upper -= 1 }
                    sawBlank = false
                }
                spans[spanCount] = CSVFields.span(start: lower, end: upper, quoted: false)
                spanCount += 1
            }
            func finishRecord(_ upper: Int) {
                finishField(upper)
                // One empty field: a blank line (any delimiter would have made two fields).
                if spanCount == recordStart + 1 && CSVFields.spanIsEmpty(spans[recordStart]) {
                    spanCount -= 1
                } else {
                    piece.recordEnds.append(spanCount)
                    piece.lines.append(line)
                    recordStart = spanCount
                }
            }
            while index < end {
                let kind = kinds[Int(base[index])]
                index += 1
                if kind == text { continue }
                switch kind {
                case isDelimiter:
                    finishField(index - 1)
                    fieldStart = index
                case isLineFeed, isReturn:
                    finishRecord(index - 1)
                    if kind == isReturn, index < end, base[index] == 0x0A { index += 1 }
                    fieldStart = index
                    line += 1
                default:
                    sawBlank = true
                }
            }
            if fieldStart < end || spanCount > recordStart { finishRecord(end) }
            piece.spanCount = spanCount
            piece.lineBreaks = line - 1
            return piece
        }
    }
}
