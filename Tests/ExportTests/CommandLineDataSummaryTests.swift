import Foundation
import Testing

/// The built `netplayground` binary, from `NETPLAYGROUND_BIN` (set by `make test`).
private let binary = ProcessInfo.processInfo.environment["NETPLAYGROUND_BIN"].flatMap { $0.isEmpty ? nil : $0 }

@Suite("train says what it really read",
       .enabled(if: binary != nil, "set NETPLAYGROUND_BIN to the built netplayground (make test does)"))
struct CommandLineDataSummaryTests {
    @Test("an iris CSV of 300 rows is reported as 300 flowers, not the standard file's 150")
    func countsWhatWasRead() throws {
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let standard = try String(contentsOf: ExportFixtures.repositoryRoot.appendingPathComponent("datasets/iris/iris.csv"),
                                  encoding: .utf8)
        let rows = standard.split(separator: "\n").dropFirst()
        let csv = (["sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,species"] + rows + rows)
            .joined(separator: "\n") + "\n"
        let iris = folder.appendingPathComponent("data/iris", isDirectory: true)
        try FileManager.default.createDirectory(at: iris, withIntermediateDirectories: true)
        try csv.write(to: iris.appendingPathComponent("iris.csv"), atomically: true, encoding: .utf8)
        let result = try runProcess(try #require(binary), ["train", "iris-mlp", "--epochs", "1", "--data-dir",
                                                           folder.appendingPathComponent("data").path])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.contains("iris-mlp: iris, 300 flowers read: 240 train / 60 validation"), "\(result.errors)")
        #expect(!result.errors.contains("150 flowers"))
    }
}
