import Foundation
import Testing

/// The built `netplayground` binary, from `NETPLAYGROUND_BIN` (set by `make test`).
private let binary = ProcessInfo.processInfo.environment["NETPLAYGROUND_BIN"].flatMap { $0.isEmpty ? nil : $0 }

/// `netplayground runs`: what the playground kept, listed and shown, from
/// record files written as the playground writes them.
@Suite("runs: the kept runs", .enabled(if: binary != nil, "set NETPLAYGROUND_BIN to the built netplayground (make test does)"))
struct RunsCommandTests {
    static func record(id: String, lesson: Int, learningRate: Double) -> String {
        """
        {"curve": [{"accuracy": 0.56, "epoch": 0.1, "loss": 0.6}, {"accuracy": 0.9, "epoch": 2, "loss": 0.2}],
         "data": "circles", "ended": "2026-12-03T10:44:00Z", "epochs": 2, "format": "netplayground-run/1",
         "hyperparameters": {"batchSize": 32, "dropout": 0, "l1": 0, "learningRate": \(learningRate), "optimizer": "sgd",
                             "weightDecay": 0},
         "id": "\(id)", "items": 640, "labelNoise": 0, "lesson": \(lesson), "lessonTitle": "Backpropagation",
         "model": "Dense 2→16, Tanh, Dense 16→2", "seconds": 0.5, "seed": 1,
         "validation": [{"accuracy": 0.6, "epoch": 1, "loss": 0.25}, {"accuracy": 0.95, "epoch": 2, "loss": 0.15}]}
        """
    }

    @Test("list (text and --json, by lesson), show with --curve, an unknown id, and a bad file skipped by name")
    func listAndShow() throws {
        let binary = try #require(binary)
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let runs = folder.appendingPathComponent("runs").path
        try FileManager.default.createDirectory(atPath: runs, withIntermediateDirectories: true)
        let first = "20261203-104400-l3-1-1-1", second = "20261203-104500-l4-1-2-1"
        try Self.record(id: first, lesson: 3, learningRate: 0.1).write(toFile: runs + "/\(first).json", atomically: true, encoding: .utf8)
        try Self.record(id: second, lesson: 4, learningRate: 1).write(toFile: runs + "/\(second).json", atomically: true, encoding: .utf8)
        try "{\"format\": 1}".write(toFile: runs + "/broken.json", atomically: true, encoding: .utf8)

        let listed = try runProcess(binary, ["runs", "--dir", runs])
        #expect(listed.status == 0, "\(listed.errors)")
        let lines = listed.output.split(separator: "\n")
        #expect(lines.count == 3 && lines[1].hasPrefix(second) && lines[2].hasPrefix(first), "newest first: \(listed.output)")
        #expect(lines[2].contains("sgd, lr 0.1, batch 32") && lines[2].contains("0.15 (ep 2)") && lines[2].contains("95.00%"))
        #expect(listed.errors.contains("skipped broken.json: not a run record"), "\(listed.errors)")

        let json = try runProcess(binary, ["runs", "--lesson", "3", "--json", "--dir", runs])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let kept = try #require(object["runs"] as? [[String: Any]])
        #expect(kept.count == 1 && kept[0]["id"] as? String == first && kept[0]["best_validation_loss"] as? Double == 0.15)
        #expect((object["skipped"] as? [String])?.count == 1)

        let curve = folder.appendingPathComponent("curve.csv").path
        let shown = try runProcess(binary, ["runs", "show", "20261203-1044", "--curve", curve, "--dir", runs])
        #expect(shown.status == 0 && shown.output.contains("best:    val loss 0.15 at epoch 2"), "\(shown.output)\(shown.errors)")
        let csv = try String(contentsOfFile: curve, encoding: .utf8)
        #expect(csv.hasPrefix("kind,epoch,loss,accuracy\ntrain,0.10000,0.6,0.56\n") && csv.contains("validation,2.00000,0.15,0.95"))

        let missing = try runProcess(binary, ["runs", "show", "nope", "--dir", runs])
        #expect(missing.status == 1 && missing.errors.contains("no run 'nope'"), "\(missing.errors)")
        let none = try runProcess(binary, ["runs", "--lesson", "9", "--dir", runs])
        #expect(none.status == 0 && none.output.contains("no runs of lesson 9"))
    }
}
