import Foundation
import Testing

/// The built `netplayground` binary, from `NETPLAYGROUND_BIN` (set by `make test`).
private let binary = ProcessInfo.processInfo.environment["NETPLAYGROUND_BIN"].flatMap { $0.isEmpty ? nil : $0 }

@Suite("train --csv: a classifier on one's own table",
       .enabled(if: binary != nil, "set NETPLAYGROUND_BIN to the built netplayground (make test does)"))
struct CommandLineCSVTests {
    private static let breastCancer = ExportFixtures.repositoryRoot.appendingPathComponent("datasets/csv/breast_cancer.csv").path

    /// Runs `train --csv` on `text` written to a scratch file; returns the status, the errors and the file's path.
    private func train(csv text: String, _ extra: [String] = []) throws -> (status: Int32, errors: String, path: String) {
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let path = folder.appendingPathComponent("mine.csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let result = try runProcess(try #require(binary), ["train", "--csv", path, "--epochs", "1"] + extra)
        return (result.status, result.errors, path)
    }

    @Test("the breast-cancer table reaches at least 95% validation accuracy with the defaults")
    func breastCancerDefaults() throws {
        let result = try runProcess(try #require(binary), ["train", "--csv", Self.breastCancer, "--json"])
        #expect(result.status == 0, "\(result.errors)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let accuracy = try #require(object["validation_accuracy"] as? Double)
        #expect(accuracy >= 0.95, "validation accuracy \(accuracy)")
        #expect(result.errors.contains("breast_cancer.csv, 569 rows read: 456 train / 113 validation; 30 inputs, "
                                       + "2 classes (benign, malignant)"), "\(result.errors)")
    }

    @Test("the wine table reaches at least 95% validation accuracy with the defaults (the literature: 95–100%)")
    func wineDefaults() throws {
        let wine = ExportFixtures.repositoryRoot.appendingPathComponent("datasets/csv/wine.csv").path
        let result = try runProcess(try #require(binary), ["train", "--csv", wine, "--json"])
        #expect(result.status == 0, "\(result.errors)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let accuracy = try #require(object["validation_accuracy"] as? Double)
        #expect(accuracy >= 0.95, "validation accuracy \(accuracy)")
        #expect(result.errors.contains("wine.csv, 178 rows read: 142 train / 36 validation; 13 inputs, "
                                       + "3 classes (class_0, class_1, class_2)"), "\(result.errors)")
    }

    @Test("--save keeps the table's standardization and class names in the model file")
    func saveKeepsNormalization() throws {
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let model = folder.appendingPathComponent("m.safetensors").path
        let trained = try runProcess(try #require(binary), ["train", "--csv", Self.breastCancer, "--target", "diagnosis",
                                                            "--epochs", "1", "--save", model])
        #expect(trained.status == 0, "\(trained.errors)")
        let info = try runProcess(try #require(binary), ["info", model])
        #expect(info.status == 0, "\(info.errors)")
        #expect(info.output.contains("classes:    benign, malignant"), "\(info.output)")
        #expect(info.output.contains("normalized per feature (30 means, 30 deviations)"), "\(info.output)")
        #expect(info.output.contains("data:       a CSV table of the user's (train --csv)"), "\(info.output)")
    }

    @Test("each bad table exits 1 with a message naming the file and the place")
    func badTables() throws {
        let ragged = try train(csv: "a,b,k\n1,2,x\n3,y\n")
        #expect(ragged.status == 1)
        #expect(ragged.errors.contains("\(ragged.path): line 3 has 2 fields, expected 3"), "\(ragged.errors)")

        let word = try train(csv: "a,k\n1,x\n2,y\nlots,x\n4,y\n")
        #expect(word.status == 1)
        #expect(word.errors.contains("\(word.path): line 4, column \"a\": \"lots\" is not a number"), "\(word.errors)")

        let infinite = try train(csv: "a,k\n1,x\ninf,y\n")
        #expect(infinite.errors.contains("line 3, column \"a\": \"inf\" is not a finite number"), "\(infinite.errors)")

        let missing = try train(csv: "a,k\n1,x\n,y\n")
        #expect(missing.errors.contains("line 3, column \"a\": the value is missing (empty field)"), "\(missing.errors)")

        let oneClass = try train(csv: "a,k\n1,x\n2,x\n")
        #expect(oneClass.status == 1)
        #expect(oneClass.errors.contains("the target column \"k\" has only one value (\"x\")"), "\(oneClass.errors)")

        let noTarget = try train(csv: "a,k\n1,x\n2,y\n", ["--target", "label"])
        #expect(noTarget.status == 1)
        #expect(noTarget.errors.contains("no column \"label\"; the columns are: 1 a, 2 k"), "\(noTarget.errors)")

        let empty = try train(csv: "")
        #expect(empty.status == 1)
        #expect(empty.errors.contains("\(empty.path): the file holds no examples"), "\(empty.errors)")
    }

    @Test("a missing file exits 1 naming it; a model name with --csv is a usage error")
    func missingFileAndUsage() throws {
        let missing = try runProcess(try #require(binary), ["train", "--csv", "/nonexistent/data.csv"])
        #expect(missing.status == 1)
        #expect(missing.errors.contains("/nonexistent/data.csv: file not found"), "\(missing.errors)")
        let both = try runProcess(try #require(binary), ["train", "iris-mlp", "--csv", Self.breastCancer])
        #expect(both.status == 2)
        #expect(both.errors.contains("not both"), "\(both.errors)")
        let stray = try runProcess(try #require(binary), ["train", "iris-mlp", "--target", "species"])
        #expect(stray.status == 2)
        #expect(stray.errors.contains("--target applies only with --csv FILE"), "\(stray.errors)")
    }
}
