import Foundation
import Testing
@testable import MiniNN

@Suite("CSV fast paths: columns read once, and files parsed where their bytes lie, give what the reference gives")
struct DataCSVFastPathTests {
    /// Tables whose feature columns hold what a reader trips on: signs,
    /// exponents, blanks, quotes, holes, NaN, infinities, words among numbers
    /// and numbers among words, with comma, semicolon and tab, CRLF and a BOM.
    static let corpus: [String] = [
        "a,b,label\n1,2,x\n3,4,y\n5,6,x\n",
        "\u{FEFF}a;b;label\r\n1.5;-2e3;x\r\n+3;4E-2;y\r\n.5;7.;x\r\n",
        "a\tb\tlabel\n 1 \t\"2\"\tx\n3\t\" 4 \"\ty\n5\t6\tx\n",
        "a,b,label\n1,nan,x\n3,4,y\n5,6,x\n",
        "a,b,label\n1,2,x\n3,-inf,y\n5,6,x\n",
        "a,b,label\n1,,x\n3,4,y\n5,6,x\n",
        "a,b,label\n1,2,x\n3,abc,y\n5,6,x\n7,8,y\n",
        "a,b,label\nred,2,x\nblue,4,y\n7,6,x\nred,8,y\n",
        "a,b,label\n,2,x\n,4,y\n,6,x\n",
        "a,b,label\n1,2,\n3,4,y\n",
        "a,b,c,label\n1,\"2,5\",\"q\"\"uote\",x\n3,4,q,y\n5,6,\"line\nbreak\",x\n",
        "1,2,x\n3,4,y\n5,6,x\n",
        "a,b,label\n123456789012345678,0.000000000000000000000001,x\n1e39,-0,y\n0x1p3,1_0,x\n",
        DataCSVFastPathTests.randomTable(rows: 3_000, seed: 17),
    ]

    /// A table of random numbers with, here and there, a hole, a word, a NaN or an exponent.
    static func randomTable(rows: Int, seed: UInt64) -> String {
        var generator = SeededGenerator(seed: seed)
        var text = "f1,f2,f3,kind,label\n"
        for _ in 0..<rows {
            var fields: [String] = []
            for column in 0..<3 {
                let roll = Int.random(in: 0..<400, using: &generator)
                switch roll {
                case 0 where column == 0: fields.append("")
                case 1 where column == 1: fields.append("n/a")
                case 2 where column == 2: fields.append("NaN")
                case 3: fields.append("\(Int.random(in: -9...9, using: &generator))e\(Int.random(in: -30...30, using: &generator))")
                default: fields.append(String(format: "%.4g", Double.random(in: -100...100, using: &generator)))
                }
            }
            fields.append(["red", "green", "blue"][Int.random(in: 0..<3, using: &generator)])
            fields.append(Bool.random(using: &generator) ? "1" : "0")
            text += fields.joined(separator: ",") + "\n"
        }
        return text
    }

    /// The dataset's every number (NaN included, by bit pattern), labels, schema and counts, or the error's words.
    private func outcome(_ make: () throws(DatasetError) -> TabularDataset) -> String {
        do {
            let table = try make()
            guard case .float(let values) = table.dataset.features else { return "not floats" }
            return "\(values.map(\.bitPattern)) \(table.dataset.labels) \(table.dataset.classNames) "
                + "\(table.schema) \(table.missingCounts)"
        } catch {
            return "error: \(error.description)"
        }
    }

    @Test("classification datasets from columns read once match field-by-field reading, errors included")
    func parsedOnceMatchesReference() throws {
        var errors = 0
        for (number, text) in Self.corpus.enumerated() {
            let table: CSVTable
            do {
                table = try CSVTable.parse(text, path: "table\(number).csv")
            } catch {
                continue
            }
            for imputation in Imputation.allCases {
                let fast = outcome { () throws(DatasetError) in
                    try table.classificationDataset(target: nil, name: "csv", imputation: imputation,
                                                    readsColumnsOnce: true)
                }
                let reference = outcome { () throws(DatasetError) in
                    try table.classificationDataset(target: nil, name: "csv", imputation: imputation,
                                                    readsColumnsOnce: false)
                }
                #expect(fast == reference, "table \(number), \(imputation)")
                if fast.hasPrefix("error") { errors += 1 }
            }
        }
        // The corpus exercises both outcomes: refusals (NaN, a word, a hole) and datasets.
        #expect(errors >= 6)
        #expect(errors < Self.corpus.count * Imputation.allCases.count - 4)
    }

    @Test("a file read from disk parses to the table its text parses to")
    func fileMatchesText() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("csv-fast-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (number, text) in Self.corpus.enumerated() {
            let path = directory.appendingPathComponent("table\(number).csv").path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let fromFile = Result { () throws(DatasetError) in try CSVTable.read(path: path) }
            let fromText = Result { () throws(DatasetError) in try CSVTable.parse(text, path: path) }
            #expect("\(fromFile)" == "\(fromText)", "table \(number)")
        }
    }

    /// A file of `rows` lines past ``CSVTable/parallelSplitBytes`` with CRLF
    /// line ends, blank lines every so often, and `extra` put in row 40,000's
    /// second field.
    static func largeTable(rows: Int, row40000 extra: String = "7") -> String {
        var text = "a,b,label\r\n"
        for row in 0..<rows {
            if row % 997 == 0 { text += "\r\n" }
            let second = row == 40_000 ? extra : "\(row % 13)"
            text += "\(row),\(second),\(row % 3 == 0 ? "x" : "y")\r\n"
        }
        return text
    }

    @Test("a large quote-free file is split on every core: the same rows and line numbers as in one piece, and a ragged row's own line")
    func parallelSplit() throws {
        let text = Self.largeTable(rows: 100_000)
        #expect(text.utf8.count >= CSVTable.parallelSplitBytes)
        let table = try CSVTable.parse(text, path: "big.csv")
        // The same text with one quoted field is split in one piece, by the reference path.
        let onePiece = try CSVTable.parse(Self.largeTable(rows: 100_000, row40000: "\"7\""), path: "big.csv")
        #expect(table.rowCount == 100_000)
        #expect(table.fields.textRows() == onePiece.fields.textRows())
        #expect(table.lineNumbers == onePiece.lineNumbers)
        // Row r sits on line 2 + r + (blank lines before it): r / 997 + 1.
        #expect(table.lineNumbers[99_999] == 2 + 99_999 + 99_999 / 997 + 1)
        #expect(table.fields.textRows()[79_999] == ["79999", "\(79_999 % 13)", "y"])
        do {
            _ = try CSVTable.parse(Self.largeTable(rows: 100_000, row40000: "7,8"), path: "big.csv")
            Issue.record("a ragged row was accepted")
        } catch {
            #expect(error == .wrongFieldCount(path: "big.csv", line: 2 + 40_000 + 40_000 / 997 + 1, expected: 3, found: 4),
                    "\(error)")
        }
    }

    /// The split of `text` by the path a file takes (the quote-free loop, on
    /// every core when large) or by the general loop; a thrown error as its words.
    private static func splitOutcome(_ text: String, delimiter: UInt8 = UInt8(ascii: ","), reference: Bool) -> String {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            do throws(DatasetError) {
                let split = try CSVTable.splitRecordsInParallel(buffer, from: 0, delimiter: delimiter, path: "t.csv",
                                                                alwaysReference: reference)
                let fields = split.quotedText.withUnsafeBufferPointer { quoted in
                    split.spans.map { String(decoding: CSVFields.bytes(of: $0, file: buffer, quoted: quoted), as: UTF8.self) }
                }
                return "\(fields) \(split.recordStarts) \(split.lines) \(split.lineBreaks)"
            } catch {
                return "error: \(error.description)"
            }
        }
    }

    /// `largeTable` with every second field of every row quoted, a quote
    /// doubled in some and a line break in others; `openAt` opens a quoted
    /// field on that row that runs over the next `openRows` lines.
    static func quotedTable(rows: Int, openAt: Int? = nil, openRows: Int = 0) -> String {
        var text = "a,b,label\n"
        var row = 0
        while row < rows {
            if row == openAt {
                text += "\(row),\"" + (0..<openRows).map { "still \"\"inside\"\" \($0)" }.joined(separator: "\n") + "\",x\n"
                row += 1
                continue
            }
            let second = row % 7 == 0 ? "\"say \"\"\(row)\"\"\"" : row % 11 == 0 ? "\"two\r\nlines\"" : "\"\(row % 13)\""
            text += "\(row),\(second),\(row % 3 == 0 ? "x" : "y")\n"
            row += 1
        }
        return text
    }

    @Test("a file split on every core, quoted or not, splits as the general loop in one piece: fields, record ends, lines, blanks, ragged rows, unclosed quotes")
    func unquotedSplitMatchesReference() {
        let texts = [
            "a,b\n1,2\n", "a,b\n1,2", "a,b\r\n1,2\r\n\r\n3,4", "a,b\r1,2\r\r3,4\r", " a , b \n\t1\t, 2 \n",
            "\n\n  \n a,b\n \t \n1,2\n   ", "a,b,c\n1,2\n3,4,5,6\n", ",,\n,\n,,,\n", "", "\n", "x", " , \n",
            "1;2;3\n4;5;6\n", "a\tb\n1\t 2\n",
            Self.randomTable(rows: 2_000, seed: 5),
            Self.largeTable(rows: 100_000),
            Self.largeTable(rows: 100_000, row40000: "7,8"),
            Self.largeTable(rows: 100_000).replacingOccurrences(of: "\r\n", with: "\r"),
            // Quoted, on every core: cut outside quotes, cut inside a quoted field
            // running over the middle of the file, and a quote never closed.
            Self.quotedTable(rows: 100_000),
            Self.quotedTable(rows: 100_000, openAt: 46_000, openRows: 8_000),
            Self.quotedTable(rows: 100_000) + "1,\"open,x\n2,3,y\n",
        ]
        for (number, text) in texts.enumerated() {
            let delimiter = UInt8(ascii: text.hasPrefix("1;") ? ";" : text.hasPrefix("a\t") ? "\t" : ",")
            let fast = Self.splitOutcome(text, delimiter: delimiter, reference: false)
            let reference = Self.splitOutcome(text, delimiter: delimiter, reference: true)
            if fast != reference {
                // The outcomes run to megabytes: name where they part.
                let same = zip(fast, reference).prefix { $0 == $1 }.count
                let got = String(fast.dropFirst(same).prefix(80)), expected = String(reference.dropFirst(same).prefix(80))
                Issue.record("text \(number): the split parts from the reference at character \(same): \(got) instead of \(expected)")
            }
        }
        // The large texts are past the size split on every core.
        #expect(Self.largeTable(rows: 100_000).utf8.count >= CSVTable.parallelSplitBytes)
        #expect(Self.quotedTable(rows: 100_000).utf8.count >= CSVTable.parallelSplitBytes)
    }

    @Test("labels and categories are found by their bytes, past the linear limit by hashing, and \"é\" either way is one text")
    func fieldTextLookup() {
        func find(_ lookup: inout FieldTextLookup, _ text: String) -> Int? {
            var text = text
            return text.withUTF8 { lookup.index(of: $0) }
        }
        var few = FieldTextLookup(["cat", "dog", "", "cat"])
        #expect(few.texts == ["cat", "dog", ""])
        #expect(find(&few, "dog") == 1 && find(&few, "cat") == 0 && find(&few, "") == 2 && find(&few, "do") == nil)
        let names = (0..<(FieldTextLookup.linearLimit + 8)).map { "class \($0)" }
        var many = FieldTextLookup(names)
        #expect(names.indices.allSatisfy { find(&many, names[$0]) == $0 })
        #expect(find(&many, "class") == nil)
        var accents = FieldTextLookup(["caf\u{E9}"])
        #expect(find(&accents, "cafe\u{301}") == 0, "decomposed é is the composed one, as for String")
        // A table whose labels write é both ways has one class, as its Strings do.
        let table = try? CSVTable.parse("x,label\n1,caf\u{E9}\n2,cafe\u{301}\n3,tea\n", path: "t.csv")
        let classes = try? table?.classificationDataset(target: "label")
        #expect(classes?.dataset.classNames.count == 2)
        #expect(classes?.dataset.labels[0] == classes?.dataset.labels[1])
    }
}
