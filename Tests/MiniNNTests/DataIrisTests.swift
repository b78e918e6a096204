import Foundation
import Testing
@testable import MiniNN

@Suite("Iris CSV reading and standardization")
struct DataIrisTests {
    private static let header = "sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,species"

    private func parse(_ text: String) -> Result<Dataset, DatasetError> {
        Result { () throws(DatasetError) -> Dataset in try Iris.parse(text, path: "flowers.csv") }
    }

    @Test("the repository's iris.csv: 150 flowers, 50 per species")
    func realIris() throws {
        let dataset = try Iris.load(from: DataFiles.repositoryDatasets().irisDirectory())
        #expect(dataset.count == 150)
        #expect(dataset.itemShape == [4])
        #expect(dataset.classCounts == [50, 50, 50])
        guard case .float(let values) = dataset.features else {
            Issue.record("iris features should be floats")
            return
        }
        #expect(Array(values.prefix(4)) == [5.1, 3.5, 1.4, 0.2])
        #expect(dataset.labels.first == 0 && dataset.labels.last == 2)
    }

    @Test("the UCI form: no header, species as Iris-setosa, Windows line ends, blank lines")
    func uciForm() throws {
        let text = "5.1,3.5,1.4,0.2,Iris-setosa\r\n7.0,3.2,4.7,1.4,Iris-versicolor\r\n\r\n6.3,3.3,6.0,2.5,Iris-virginica\r\n\r\n"
        let dataset = try parse(text).get()
        #expect(dataset.labels == [0, 1, 2])
        guard case .float(let values) = dataset.features else {
            Issue.record("iris features should be floats")
            return
        }
        #expect(values == [5.1, 3.5, 1.4, 0.2, 7.0, 3.2, 4.7, 1.4, 6.3, 3.3, 6.0, 2.5])
    }

    @Test("a bad number names its line and column")
    func badNumber() {
        let text = "\(Self.header)\n5.1,3.5,1.4,0.2,setosa\n4.9,three,1.4,0.2,setosa\n"
        let result = parse(text)
        #expect(throws: DatasetError.badNumber(path: "flowers.csv", line: 3, column: 2, text: "three")) { try result.get() }
        if case .failure(let error) = result {
            #expect(error.description.contains("flowers.csv"))
            #expect(error.description.contains("line 3 column 2"))
        }
    }

    @Test("a number that is not finite is a bad number", arguments: ["nan", "inf", "-inf", ""])
    func nonFinite(field: String) {
        let text = "\(Self.header)\n5.1,3.5,\(field),0.2,setosa\n"
        #expect(throws: DatasetError.badNumber(path: "flowers.csv", line: 2, column: 3, text: field)) {
            try parse(text).get()
        }
    }

    @Test("an unknown species names its line")
    func unknownSpecies() {
        let text = "\(Self.header)\n5.1,3.5,1.4,0.2,setosa\n\n6.3,3.3,6.0,2.5,rose\n"
        let result = parse(text)
        #expect(throws: DatasetError.unknownSpecies(path: "flowers.csv", line: 4, name: "rose")) { try result.get() }
        if case .failure(let error) = result { #expect(error.description.contains("line 4")) }
    }

    @Test("a row with a missing field")
    func wrongFieldCount() {
        let text = "\(Self.header)\n5.1,3.5,1.4,setosa\n"
        #expect(throws: DatasetError.wrongFieldCount(path: "flowers.csv", line: 2, expected: 5, found: 4)) {
            try parse(text).get()
        }
    }

    @Test("a header and nothing else holds no flowers", arguments: ["", "\(header)\n", "\n\n"])
    func empty(text: String) {
        #expect(throws: DatasetError.empty(path: "flowers.csv")) { try parse(text).get() }
    }

    @Test("a missing file is named")
    func missingFile() throws {
        let folder = try DataFiles.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("iris.csv").path
        #expect(throws: DatasetError.missingFile(path: path)) { try Iris.load(from: folder.path) }
    }

    @Test("species names in every accepted spelling", arguments: [
        ("setosa", 0), ("Iris-setosa", 0), ("IRIS-VERSICOLOR", 1), ("Iris virginica", 2), ("virginica", 2),
    ])
    func speciesNames(name: String, label: Int) {
        #expect(Iris.speciesIndex(name) == label)
    }

    @Test("standardization is fitted on the training split and shared with validation")
    func standardization() throws {
        let iris = try Iris.load(from: DataFiles.repositoryDatasets().irisDirectory())
        let split = iris.split(validationFraction: 0.2, seed: 7).standardized()
        #expect(split.train.normalization == split.validation.normalization)
        #expect(split.train.normalization == split.train.standardization())
        #expect(split.train.normalization != iris.standardization())

        // The training batch has mean 0 and standard deviation 1 per feature.
        let batch = split.train.allItems().inputs
        let rows = split.train.count
        for feature in 0..<4 {
            let column = (0..<rows).map { Double(batch.scalars[$0 * 4 + feature]) }
            let mean = column.reduce(0, +) / Double(rows)
            let variance = column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(rows)
            #expect(abs(mean) < 1e-5)
            #expect(abs(variance - 1) < 1e-4)
        }
    }

    @Test("a constant feature is centred, not divided by zero")
    func constantFeature() throws {
        let dataset = try parse("5,1,1,1,setosa\n5,2,1,1,versicolor\n").get()
        let normalization = dataset.standardization()
        #expect(normalization.mean == [5, 1.5, 1, 1])
        #expect(normalization.std == [1, 0.5, 1, 1])
    }
}
