import Foundation
import Testing
@testable import MiniNN

@Suite("CSV schemas: reading a new table as the training table was read, and filling missing numbers")
struct DataCSVSchemaTests {
    private let training = "size,colour,kind\n1,red,b\n3,blue,a\n5,red,b\n7,blue,a\n"

    private func schema(of text: String) throws -> TabularDataset {
        try CSVTable.parse(text, path: "train.csv").classificationDataset()
    }

    /// The error reading `text` by the training table's schema gives, in words.
    private func message(reading text: String) throws -> String {
        let trained = try schema(of: training)
        do {
            _ = try CSVTable.parse(text, path: "new.csv", options: CSVTable.Options(hasHeader: trained.schema.hasHeader))
                .dataset(schema: trained.schema, classNames: trained.dataset.classNames)
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test("a new file with the columns in another order gives the same inputs and labels")
    func sameEncodingAnyOrder() throws {
        let trained = try schema(of: training)
        #expect(trained.schema.columns == [TableSchema.Column(name: "size"),
                                           TableSchema.Column(name: "colour", categories: ["blue", "red"])])
        let reordered = try CSVTable.parse("kind,colour,size\nb,red,1\na,blue,3\n", path: "new.csv")
            .dataset(schema: trained.schema, classNames: trained.dataset.classNames)
        guard case .float(let values) = reordered.features else { Issue.record("floats expected"); return }
        #expect(values == [1, 0, 1, 3, 1, 0])
        #expect(reordered.labels == [1, 0])
        #expect(reordered.classNames == ["a", "b"])
    }

    @Test("a missing or extra column, an unknown value or class, a non-number and a hole are refused by place")
    func badNewFiles() throws {
        #expect(try message(reading: "size,kind\n1,a\n")
                == "new.csv: no column \"colour\", which the model reads; it reads the columns \"size\", \"colour\", \"kind\"")
        #expect(try message(reading: "size,colour,kind,extra\n1,red,a,9\n")
                == "new.csv: column \"extra\" is not one the model was trained on; it reads the columns "
                + "\"size\", \"colour\", \"kind\" (remove the others)")
        #expect(try message(reading: "size,colour,kind\n1,red,a\n2,green,b\n")
                == "new.csv: line 3, column \"colour\": \"green\" is not a value the model was trained on "
                + "(it knows \"blue\", \"red\")")
        #expect(try message(reading: "size,colour,kind\n1,red,c\n")
                == "new.csv: line 2, column \"kind\": \"c\" is not one of the model's classes (\"a\", \"b\")")
        #expect(try message(reading: "size,colour,kind\nbig,red,a\n")
                == "new.csv: line 2, column \"size\": \"big\" is not a number, and the model reads this column as numbers")
        #expect(try message(reading: "size,colour,kind\n,red,a\n")
                == "new.csv: line 2, column \"size\": the value is missing (empty field)")
    }

    @Test("--impute mean fills a hole with the training rows' mean only, counts it, and keeps the mean for eval")
    func meanImputation() throws {
        // Ten rows of class a, ten of b; the holes are in the numeric column.
        var lines = ["v,k"]
        for index in 0..<20 { lines.append("\(index % 5 == 0 ? "" : String(index)),\(index % 2 == 0 ? "a" : "b")") }
        let text = lines.joined(separator: "\n")
        #expect(throws: DatasetError.missingValue(path: "t.csv", line: 2, column: "v")) {
            try CSVTable.parse(text, path: "t.csv").classificationDataset()
        }
        let table = try CSVTable.parse(text, path: "t.csv").classificationDataset(imputation: .mean)
        let prepared = table.prepared(validationFraction: 0.2, seed: 3)
        #expect(prepared.imputed.map(\.column) == ["v"] && prepared.imputed.map(\.count) == [4])
        let mean = try #require(prepared.schema.columns[0].imputedMean)
        // The mean of the training rows' present values, not of every row's.
        guard case .float(let train) = prepared.split.train.features,
              case .float(let validation) = prepared.split.validation.features else {
            Issue.record("floats expected"); return
        }
        #expect(!train.contains(where: \.isNaN) && !validation.contains(where: \.isNaN))
        let present = train.filter { $0 != mean }
        let expected = Float(present.reduce(0, +)) / Float(present.count)
        #expect(abs(mean - expected) < 1e-4, "mean \(mean), present training values average \(expected)")
        // A file read by the kept schema fills its own holes with that mean.
        let later = try CSVTable.parse("v,k\n,a\n", path: "new.csv", options: CSVTable.Options(hasHeader: true))
            .dataset(schema: prepared.schema, classNames: table.dataset.classNames)
        guard case .float(let filled) = later.features else { Issue.record("floats expected"); return }
        #expect(filled == [mean])
    }

    @Test("a hole in a text column or in the target is refused even with --impute mean")
    func imputationLimits() {
        #expect(throws: DatasetError.missingValue(path: "t.csv", line: 3, column: "c")) {
            try CSVTable.parse("v,c,k\n1,x,a\n2,,b\n3,y,a\n", path: "t.csv").classificationDataset(imputation: .mean)
        }
        #expect(throws: DatasetError.missingValue(path: "t.csv", line: 3, column: "k")) {
            try CSVTable.parse("v,k\n1,a\n2,\n3,b\n", path: "t.csv").classificationDataset(imputation: .mean)
        }
    }

    @Test("two columns of one name are refused: a model file finds its columns by name")
    func repeatedNames() {
        #expect(throws: DatasetError.repeatedColumn(path: "t.csv", column: "a")) {
            try CSVTable.parse("a,a,k\n1,2,x\n3,4,y\n", path: "t.csv").classificationDataset()
        }
    }

    @Test("the schema survives its JSON, and a damaged one is refused")
    func schemaJSON() throws {
        let schema = TableSchema(columns: [TableSchema.Column(name: "v", imputedMean: 2.5),
                                           TableSchema.Column(name: "c", categories: ["x", "y"])],
                                 target: "k", hasHeader: true)
        #expect(TableSchema.parse(schema.json) == schema)
        #expect(schema.inputCount == 3)
        #expect(TableSchema.parse("{\"columns\":[],\"target\":\"k\",\"header\":true}") == nil)
        #expect(TableSchema.parse("{\"columns\":[{\"name\":\"k\"}],\"target\":\"k\",\"header\":true}") == nil)
        #expect(TableSchema.parse("{\"columns\":[{\"name\":\"c\",\"categories\":[]}],\"target\":\"k\",\"header\":true}") == nil)
    }
}
