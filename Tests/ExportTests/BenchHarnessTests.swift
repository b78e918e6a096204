import Foundation
import Testing

/// The built `netplayground` binary, from `NETPLAYGROUND_BIN` (set by `make test`).
private let binary = ProcessInfo.processInfo.environment["NETPLAYGROUND_BIN"].flatMap { $0.isEmpty ? nil : $0 }
/// The export checks' Python (numpy), from `NETPLAYGROUND_PYTHON` (set by `make test`).
private let python = ProcessInfo.processInfo.environment["NETPLAYGROUND_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
private let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

/// `bench --json` and `benchmarks/compare.py` on a few batches: the fields
/// the comparison reads are there and say which optimizer really ran, so the
/// harness cannot rot between the (manual, long) benchmark runs.
@Suite("the benchmark harness: bench --json and compare.py, a few batches",
       .enabled(if: binary != nil, "set NETPLAYGROUND_BIN to the built netplayground (make test does)"))
struct BenchHarnessTests {
    struct Report: Decodable {
        struct Threads: Decodable { var workers: Int; var blas: Int }
        struct Result: Decodable {
            var model: String
            var optimizer: String
            var learningRate: Double
            var finalLoss: Double
            var timedBatches: Int
            var trainImagesPerSecond: Double
            var inferenceImagesPerSecond: Double
            var latencyMilliseconds: Double
            var peakResidentMegabytes: Double
            var trainGFLOPS: Double
        }
        var engine: String
        var optimizer: String
        var threads: Threads
        var batches: Int
        var sgemmPeakGFLOPS: Double
        var results: [Result]
    }

    static let dataDirectory = ExportFixtures.repositoryRoot.appendingPathComponent("datasets").path

    @Test("bench --optimizer momentum --json: SGD momentum at 0.05 (mlp) and 0.02 (cnn), every field filled")
    func momentumJSON() throws {
        let result = try runProcess(try #require(binary), ["bench", "--batches", "3", "--optimizer", "momentum",
                                                           "--json", "--data-dir", Self.dataDirectory])
        #expect(result.status == 0, "\(result.errors)")
        let report = try JSONDecoder().decode(Report.self, from: Data(result.output.utf8))
        #expect(report.optimizer == "momentum")
        #expect(report.batches == 3)
        #expect(report.threads.workers >= 1 && report.threads.blas >= 1)
        #expect(report.sgemmPeakGFLOPS > 0)
        #expect(report.results.map(\.model) == ["mnist-mlp", "mnist-cnn"])
        let rates = Dictionary(uniqueKeysWithValues: report.results.map { ($0.model, $0.learningRate) })
        #expect(abs((rates["mnist-mlp"] ?? 0) - 0.05) < 1e-6 && abs((rates["mnist-cnn"] ?? 0) - 0.02) < 1e-6, "\(rates)")
        for figures in report.results {
            // What the trainer reported using on its last timed step, not what was asked for.
            #expect(figures.optimizer == "momentum", "\(figures.model)")
            #expect(figures.timedBatches == 3)
            #expect(figures.finalLoss.isFinite && figures.finalLoss > 0)
            #expect(figures.trainImagesPerSecond > 0 && figures.inferenceImagesPerSecond > 0)
            #expect(figures.latencyMilliseconds > 0 && figures.peakResidentMegabytes > 0 && figures.trainGFLOPS > 0)
        }
    }

    @Test("bench --optimizer with an unknown rule exits non-zero and names the value")
    func unknownOptimizer() throws {
        let result = try runProcess(try #require(binary), ["bench", "--optimizer", "rmsprop"])
        #expect(result.status != 0)
        #expect(result.errors.contains("rmsprop"), "\(result.errors)")
    }

    @Test("compare.py --json runs MiniNN beside NumPy from scratch and records the machine",
          .enabled(if: python != nil || isCI, "set NETPLAYGROUND_PYTHON (make test does) to run compare.py"))
    func compareSmoke() throws {
        let python = try #require(python, "NETPLAYGROUND_PYTHON is not set; under CI=true compare.py must run")
        let script = ExportFixtures.repositoryRoot.appendingPathComponent("benchmarks/compare.py").path
        let result = try runProcess(python, [script, "--bin", try #require(binary), "--python", python,
                                             "--batches", "3", "--rounds", "1", "--optimizer", "momentum",
                                             "--model", "mnist-mlp", "--engine", "NumPy", "--json"])
        #expect(result.status == 0, "\(result.errors)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let machine = try #require(object["machine"] as? [String: Any])
        #expect(machine["cpu"] is String)
        #expect((machine["flags"] as? [String: Bool])?.keys.sorted() == ["avx2", "avx512f", "fma"])
        let load = try #require(object["load"] as? [String: [Double]])
        #expect(load["before"]?.count == 3 && load["after"]?.count == 3)
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(row["model"] as? String == "mnist-mlp" && row["optimizer"] as? String == "momentum")
        let engines = try #require(row["engines"] as? [String: Any])
        for name in ["MiniNN", "NumPy"] {
            let cell = try #require(engines[name] as? [String: Any], "no \(name) figures in \(row)")
            #expect((cell["train"] as? Double ?? 0) > 0, "\(name)")
            #expect(cell["optimizerReported"] as? [String] == ["momentum"], "\(name)")
        }
        #expect((row["ratios"] as? [String: Double])?["NumPy"] != nil)
        #expect(row["bestPeer"] as? String == "NumPy")
    }
}
