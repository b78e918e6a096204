import Foundation
import Testing

/// The built `netplayground` binary, from `NETPLAYGROUND_BIN` (set by `make test`).
private let binary = ProcessInfo.processInfo.environment["NETPLAYGROUND_BIN"].flatMap { $0.isEmpty ? nil : $0 }

@Suite("compare: one model, several knob settings, the same seed",
       .enabled(if: binary != nil, "set NETPLAYGROUND_BIN to the built netplayground (make test does)"))
struct CompareCommandTests {
    private func runs(_ output: String) throws -> [[String: Any]] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        return try #require(object["runs"] as? [[String: Any]])
    }

    @Test("mnist-mlp at lr 0.00002 and 0.002 for an epoch: two runs, and the second reaches the higher test accuracy")
    func learningRates() throws {
        let result = try runProcess(try #require(binary), ["compare", "mnist-mlp", "--set", "lr=0.00002",
                                                           "--set", "lr=0.002", "--epochs", "1", "--json"])
        #expect(result.status == 0, "\(result.errors)")
        let runs = try runs(result.output)
        try #require(runs.count == 2)
        let accuracies = try runs.map { try #require($0["test_accuracy"] as? Double) }
        #expect(accuracies[1] > accuracies[0], "test accuracies \(accuracies)")
        let knobs = try runs.map { try #require($0["knobs"] as? [String: Any]) }
        #expect(knobs.map { $0["set"] as? String } == ["lr=0.00002", "lr=0.002"])
        #expect(runs.map { $0["learning_rate"] as? Double } == [0.00002, 0.002])
        // The same keys as train --json, in every run.
        for key in ["model", "epochs", "seconds", "images_per_second", "train_loss", "train_accuracy", "test_loss", "seed"] {
            #expect(runs.allSatisfy { $0[key] != nil }, "missing \(key)")
        }
    }

    @Test("runs with equal knobs start from the same weights and batches: their curves are identical, bit for bit")
    func equalKnobsEqualCurves() throws {
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let curves = folder.appendingPathComponent("curves").path
        let result = try runProcess(try #require(binary), ["compare", "mlp-spirals", "--set", "lr=0.05", "--set", "lr=0.05",
                                                           "--set", "lr=0.2", "--epochs", "3", "--curve", curves])
        #expect(result.status == 0, "\(result.errors)")
        let files = try (1...3).map { try String(contentsOfFile: "\(curves)/run-\($0).csv", encoding: .utf8) }
        #expect(files[0].split(separator: "\n").count > 3, "a curve with rows")
        #expect(files[0] == files[1])
        #expect(files[0] != files[2], "another learning rate, another curve")
        // The table: a header and one row per run.
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 4, "\(result.output)")
        #expect(lines.first?.hasPrefix("run  knobs") == true, "\(result.output)")
    }

    @Test("bad settings are refused with the setting and what is wrong, exit 2")
    func badSettings() throws {
        let bin = try #require(binary)
        let cases: [([String], String)] = [
            (["compare", "mnist-mlp"], "give 1 to 4 --set options, one per run; got 0"),
            (["compare", "mnist-mlp"] + Array(repeating: ["--set", "lr=0.1"], count: 5).flatMap { $0 }, "got 5"),
            (["compare", "no-such", "--set", "lr=0.1"], "unknown model 'no-such'"),
            (["compare", "mnist-mlp", "--set", "momentum=0.9"], "--set momentum=0.9: unknown knob 'momentum'; the knobs are lr,"),
            (["compare", "mnist-mlp", "--set", "lr"], "--set lr: 'lr' is not name=value"),
            (["compare", "mnist-mlp", "--set", "lr=-1"], "--set lr=-1: --lr must be a positive number, got -1"),
            (["compare", "mnist-mlp", "--set", "optimizer=rmsprop"], "--set optimizer=rmsprop:"),
            (["compare", "mnist-mlp", "--set", "lr=0.1", "--epochs", "0"], "--epochs must be at least 1, got 0"),
        ]
        for (arguments, message) in cases {
            let result = try runProcess(bin, arguments)
            #expect(result.status == 2, "\(arguments): status \(result.status)")
            #expect(result.errors.contains(message), "\(arguments): \(result.errors)")
        }
    }

    @Test("a curve folder that cannot be made is named, exit 1, and nothing is trained")
    func unwritableCurveFolder() throws {
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let file = folder.appendingPathComponent("a-file").path
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        let result = try runProcess(try #require(binary), ["compare", "mlp-xor", "--set", "lr=0.1", "--curve", file + "/curves"])
        #expect(result.status == 1)
        #expect(result.errors.contains("cannot create the curve folder \(file)/curves"), "\(result.errors)")
        #expect(!result.errors.contains("run 1 of 1"), "\(result.errors)")
    }
}
