import Foundation
import Testing
@testable import MiniNN

@Suite("CSV tables: reading any CSV and turning it into a classification dataset")
struct DataCSVTableTests {
    private func table(_ text: String, _ options: CSVTable.Options = CSVTable.Options()) throws -> CSVTable {
        try CSVTable.parse(text, path: "t.csv", options: options)
    }

    /// The error reading `text` (as a dataset predicting `target`) gives, in words.
    private func message(_ text: String, target: String? = nil) -> String {
        do {
            _ = try CSVTable.parse(text, path: "t.csv").classificationDataset(target: target)
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test("quoted fields keep delimiters, line breaks and doubled quotes")
    func quotes() throws {
        let parsed = try table("name,size\n\"Smith, J.\",1\n\"say \"\"hi\"\"\",2\n\"two\nlines\",3\n")
        #expect(parsed.columnNames == ["name", "size"])
        #expect(parsed.fields.textRows().map(\.[0]) == ["Smith, J.", "say \"hi\"", "two\nlines"])
        // Rows are numbered by the line they start on.
        #expect(parsed.lineNumbers == [2, 3, 4])
    }

    @Test("CRLF line ends, a UTF-8 byte-order mark and blank lines")
    func crlfAndBOM() throws {
        let parsed = try CSVTable.parse([0xEF, 0xBB, 0xBF] + Array("a,b\r\n1,x\r\n\r\n2,y\r\n".utf8), path: "t.csv")
        #expect(parsed.columnNames == ["a", "b"])
        #expect(parsed.fields.textRows() == [["1", "x"], ["2", "y"]])
        #expect(parsed.lineNumbers == [2, 4])
    }

    @Test("semicolon and tab delimiters are detected, and can be given")
    func delimiters() throws {
        let semicolon = try table("a;b;c\n1,5;2;x\n3;4;y\n")
        #expect(semicolon.delimiter == ";")
        #expect(semicolon.fields.textRows()[0] == ["1,5", "2", "x"])
        let tab = try table("a\tb\n1\tx\n2\ty\n")
        #expect(tab.delimiter == "\t")
        #expect(tab.fields.textRows() == [["1", "x"], ["2", "y"]])
        let given = try table("a;b,c\n1;2,3\n", CSVTable.Options(delimiter: ","))
        #expect(given.fields.textRows() == [["1;2", "3"]])
    }

    @Test("a header is detected above numbers, absent when the first row is data, and can be forced")
    func headerDetection() throws {
        #expect(try table("x,y,label\n1,2,a\n3,4,b\n").hadHeader)
        let noHeader = try table("1,2,a\n3,4,b\n")
        #expect(!noHeader.hadHeader)
        #expect(noHeader.columnNames == ["column 1", "column 2", "column 3"])
        #expect(noHeader.rowCount == 2)
        #expect(try table("a,b\nc,d\n", CSVTable.Options(hasHeader: true)).columnNames == ["a", "b"])
        #expect(try table("x,y\n1,2\n", CSVTable.Options(hasHeader: false)).rowCount == 2)
    }

    @Test("numbers stay numbers, text features become one-hot, the target's values become sorted classes")
    func encoding() throws {
        let data = try table("size,colour,kind\n1,red,b\n3,blue,a\n5,red,b\n").classificationDataset()
        #expect(data.featureNames == ["size", "colour=blue", "colour=red"])
        #expect(data.isIndicator == [false, true, true])
        #expect(data.dataset.classNames == ["a", "b"])
        #expect(data.dataset.labels == [1, 0, 1])
        guard case .float(let values) = data.dataset.features else { Issue.record("floats expected"); return }
        #expect(values == [1, 0, 1, 3, 1, 0, 5, 0, 1])
        // Numeric class names sort as numbers: 2 before 10.
        #expect(try table("x,y\n1,10\n2,2\n").classificationDataset().dataset.classNames == ["2", "10"])
    }

    @Test("the target can be named by header or by 1-based number")
    func targetChoice() throws {
        let text = "kind,x,y\na,1,2\nb,3,4\n"
        #expect(try table(text).classificationDataset(target: "kind").dataset.classNames == ["a", "b"])
        #expect(try table(text).classificationDataset(target: "1").featureNames == ["x", "y"])
    }

    @Test("the split standardizes numeric features on the training part and leaves one-hot features alone")
    func standardization() throws {
        var lines = ["v,c,k"]
        for index in 0..<20 { lines.append("\(index),\(index % 2 == 0 ? "p" : "q"),\(index % 2 == 0 ? "a" : "b")") }
        let split = try table(lines.joined(separator: "\n")).classificationDataset().split(validationFraction: 0.2, seed: 3)
        #expect(split.train.count == 16 && split.validation.count == 4)
        #expect(split.train.normalization.mean[1] == 0 && split.train.normalization.std[1] == 1)
        #expect(split.train.normalization.mean[2] == 0 && split.train.normalization.std[2] == 1)
        #expect(split.train.normalization.std[0] > 1)
        #expect(split.validation.normalization == split.train.normalization)
    }

    @Test("each kind of bad input is refused with the file, the line and the column")
    func badInput() {
        #expect(message("") == "t.csv: the file holds no examples")
        #expect(message("a,b\n1,x\n2\n") == "t.csv: line 3 has 1 fields, expected 2")
        #expect(message("a,b\n1,x\n2,y\nabc,x\n3,y\n")
                == "t.csv: line 4, column \"a\": \"abc\" is not a number, and most of the column is numbers")
        #expect(message("a,b\n1,x\nnan,y\n")
                == "t.csv: line 3, column \"a\": \"nan\" is not a finite number (NaN or infinity)")
        #expect(message("a,b\n1,x\ninf,y\n").contains("\"inf\" is not a finite number"))
        #expect(message("a,b\n1,x\n,y\n") == "t.csv: line 3, column \"a\": the value is missing (empty field)")
        #expect(message("a,b\n1,x\n2,x\n")
                == "t.csv: the target column \"b\" has only one value (\"x\"); a classifier needs at least two classes")
        #expect(message("a,b\n1,x\n2,y\n", target: "label")
                == "t.csv: no column \"label\"; the columns are: 1 a, 2 b")
        #expect(message("a,b\n\"1,x\n") == "t.csv: the quoted field starting on line 2 is never closed (a \" is missing)")
        let manyValues = (["id,k"] + (0..<21).map { "name\($0),\($0 % 2)" }).joined(separator: "\n")
        #expect(message(manyValues) == "t.csv: column \"id\" is text with 21 distinct values, more than the 20 "
                + "that are one-hot encoded; remove the column or pick it as the target")
    }

    @Test("a missing file and a file over the size limit are refused before reading")
    func fileLimits() throws {
        #expect(throws: DatasetError.missingFile(path: "/nonexistent/x.csv")) {
            try CSVTable.read(path: "/nonexistent/x.csv")
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-limit-\(UUID().uuidString).csv")
        try Data(repeating: 0x31, count: 2048).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: DatasetError.fileTooLarge(path: url.path, limit: 1024)) {
            try CSVTable.read(path: url.path, maximumFileBytes: 1024)
        }
        #expect(DatasetError.fileTooLarge(path: "big.csv", limit: CSVTable.maximumFileBytes).description
                == "big.csv: the file is larger than 512 MB, the most this reader accepts; nothing was loaded")
    }

    @Test("a line over the line limit (one 100 MB line is no table) is refused with its number before parsing")
    func lineLimit() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-line-\(UUID().uuidString).csv")
        try Data(("a,b\n1,2\n" + String(repeating: "9", count: 2000) + ",1\n").utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: DatasetError.lineTooLong(path: url.path, line: 3, limit: 1024)) {
            try CSVTable.read(path: url.path, maximumLineBytes: 1024)
        }
        #expect(try CSVTable.read(path: url.path).rowCount == 2, "under the real limit the same file reads")
        #expect(DatasetError.lineTooLong(path: "one.csv", line: 1, limit: CSVTable.maximumLineBytes).description
                == "one.csv: line 1 is longer than 16 MB, the most this reader accepts; nothing was loaded")
    }
}
