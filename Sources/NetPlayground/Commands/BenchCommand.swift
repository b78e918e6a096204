import ArgumentParser
import Foundation
import Glibc
import Lessons
import MiniNN

/// `netplayground bench`: training and inference speed of mnist-mlp and
/// mnist-cnn on real MNIST, the way the recipes train them (batch 64).
///
/// For each model: a short warm-up, then the timed training steps (by
/// default the rest of one epoch, stopping one batch short so the epoch-end
/// evaluation is not timed); inference on a batch of 1,000 test images;
/// single-image latency; the peak resident memory while that model ran; and
/// the arithmetic rate of training against the machine's sgemm peak, which
/// the bench measures too. `--optimizer momentum` swaps the recipe's Adam for
/// SGD with momentum 0.9 (``BenchOptimizer``). `benchmarks/compare.py` runs this
/// beside the PyTorch, NumPy and JAX references and prints ratios.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure training and inference speed.",
        discussion: """
            Build in release first (make build). Numbers are only comparable on an
            otherwise idle machine. With --json, one JSON object goes to standard output
            (the same fields as benchmarks/pytorch_reference.py prints).
            """)

    static let modelNames = ["mnist-mlp", "mnist-cnn"]
    static let batchSize = 64
    static let warmupBatches = 20

    @Option(name: .customLong("model"), help: "Only this model (mnist-mlp or mnist-cnn); repeatable.")
    var models: [String] = []

    @Flag(help: "Time 200 training batches instead of one epoch.")
    var quick = false

    @Option(help: "Time exactly this many training batches (overrides --quick).")
    var batches: Int?

    @Option(help: "Update rule: adam (the recipes' own) or momentum (SGD, momentum 0.9, lr 0.05 mlp, 0.02 cnn).")
    var optimizer: BenchOptimizer = .adam

    @Option(help: "Folder holding mnist/ (overrides \(DatasetLocator.environmentVariable)).")
    var dataDir: String?

    @Flag(help: "Print the results as one JSON object on standard output.")
    var json = false

    func validate() throws {
        for name in models where !Self.modelNames.contains(name) {
            throw ValidationError("bench knows \(Self.modelNames.joined(separator: " and ")), not '\(name)'")
        }
        if let batches, batches < 1 { throw ValidationError("--batches must be at least 1, got \(batches)") }
    }

    func run() throws {
        let log = OutputStream.standardError
        let names = models.isEmpty ? Self.modelNames : models
        // Before any layer runs: the layers switch it per product (see BatchParallel).
        let blasThreads = Matmul.blasThreadCount
        log.line("measuring the sgemm peak (512×512×512, all cores)…")
        let peak = Self.sgemmPeak()
        var results: [BenchResult] = []
        for name in names {
            guard let recipe = RecipeCatalog.recipe(named: name) else {
                throw ValidationError("recipe '\(name)' is missing from the catalog")
            }
            log.line("\(name): loading MNIST…")
            let datasets = try recipe.data.load(locator: try .commandLine(dataDirectory: dataDir), seed: recipe.seed)
            let knobs = optimizer.hyperparameters(for: recipe, batchSize: Self.batchSize)
            let trainer = try recipe.makeTrainer(datasets: datasets, hyperparameters: knobs, seed: recipe.seed)
            let timed = batches ?? (quick ? 200 : trainer.batchesPerEpoch - Self.warmupBatches - 1)
            log.line("\(name): \(knobs.optimizer.rawValue), lr \(knobs.learningRate): "
                     + "\(Self.warmupBatches) warm-up batches, then \(timed) timed…")
            PeakMemory.reset()
            let result = try Self.measure(name: name, trainer: trainer, test: datasets.test ?? datasets.train,
                                          timedBatches: timed, peak: peak)
            results.append(result)
            if !json { OutputStream.standardOutput.line(result.text) }
        }
        let threads = BenchThreads(workers: BatchParallel.workerCount, blas: blasThreads)
        let report = BenchReport(engine: "MiniNN (OpenBLAS, \(BatchParallel.workerCount) cores)",
                                 optimizer: optimizer.rawValue, threads: threads,
                                 batches: results.first?.timedBatches ?? 0, sgemmPeakGFLOPS: peak, results: results)
        if json {
            OutputStream.standardOutput.line(try report.json())
        } else {
            OutputStream.standardOutput.line(String(format: "sgemm peak %.1f GFLOP/s (512³, all cores)", peak))
        }
    }

    /// Trains `timedBatches` steps after a warm-up, then times inference and latency.
    static func measure(name: String, trainer: Trainer, test: Dataset, timedBatches: Int,
                        peak: Double) throws -> BenchResult {
        for _ in 0..<warmupBatches {
            guard trainer.step() != nil else { throw TrainingFailure("\(name) diverged during the warm-up") }
        }
        let trainStart = ContinuousClock.now
        var last: BatchReport?
        for _ in 0..<timedBatches {
            guard let report = trainer.step() else { throw TrainingFailure("\(name) diverged while timed") }
            last = report
        }
        let trainSeconds = seconds(since: trainStart)
        let trainRate = Double(timedBatches * batchSize) / trainSeconds

        let model = trainer.model
        let inferenceBatch = test.batch(0..<min(1000, test.count)).inputs
        let shaped = inferenceBatch.reshaped([inferenceBatch.batchSize] + model.inputShape)
        _ = model.forward(shaped, training: false)
        let repeats = 5
        let inferenceStart = ContinuousClock.now
        for _ in 0..<repeats { _ = model.forward(shaped, training: false) }
        let inferenceRate = Double(repeats * shaped.batchSize) / seconds(since: inferenceStart)

        let one = Tensor(shape: [1] + model.inputShape,
                         scalars: Array(shaped.scalars.prefix(Tensor.elementCount(of: model.inputShape))))
        for _ in 0..<20 { _ = model.forward(one, training: false) }
        let latencyRuns = 200
        let latencyStart = ContinuousClock.now
        for _ in 0..<latencyRuns { _ = model.forward(one, training: false) }
        let latency = seconds(since: latencyStart) / Double(latencyRuns)

        let flops = trainingFLOPsPerImage(model)
        let achieved = flops * trainRate / 1e9
        return BenchResult(
            model: name, optimizer: last?.hyperparameters.optimizer.rawValue ?? "",
            learningRate: last?.hyperparameters.learningRate ?? 0, finalLoss: last?.loss ?? 0,
            timedBatches: timedBatches, trainImagesPerSecond: trainRate,
            inferenceImagesPerSecond: inferenceRate, latencyMilliseconds: latency * 1000,
            peakResidentMegabytes: PeakMemory.megabytes(), trainFLOPsPerImage: flops,
            trainGFLOPS: achieved, fractionOfSgemmPeak: achieved / peak)
    }

    /// Floating-point operations of one training image: 2 per multiply-add,
    /// three products per weighted layer (forward, dW, dx) except the first
    /// weighted layer's dx, which the trainer skips. Elementwise work is not counted.
    static func trainingFLOPsPerImage(_ model: Sequential) -> Double {
        var total = 0.0, isFirst = true
        for (index, layer) in model.layers.enumerated() {
            let multiplyAdds: Double
            switch layer {
            case let dense as Dense:
                multiplyAdds = Double(dense.inputs * dense.outputs)
            case let conv as Conv2D:
                let outArea = Double(Tensor.elementCount(of: model.shapes[index + 1]) / conv.outChannels)
                multiplyAdds = Double(conv.outChannels * conv.inChannels * conv.kernelSize * conv.kernelSize) * outArea
            default:
                continue
            }
            total += 2 * multiplyAdds * (isFirst ? 2 : 3)
            isFirst = false
        }
        return total
    }

    /// The best of a few 512×512×512 sgemm products with OpenBLAS's default threads, in GFLOP/s.
    static func sgemmPeak() -> Double {
        let n = 512
        let a = [Float](repeating: 0.5, count: n * n), b = [Float](repeating: 0.25, count: n * n)
        var c = [Float](repeating: 0, count: n * n)
        var best = 0.0
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    guard let a = a.baseAddress, let b = b.baseAddress, let c = c.baseAddress else { return }
                    for _ in 0..<12 {
                        let start = ContinuousClock.now
                        for _ in 0..<4 {
                            Matmul.gemm(transposeA: false, transposeB: false, m: n, n: n, k: n, a: a, b: b, c: c)
                        }
                        best = max(best, 4 * 2 * Double(n * n * n) / seconds(since: start) / 1e9)
                    }
                }
            }
        }
        return best
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}

/// One model's figures.
struct BenchResult: Encodable {
    var model: String
    /// The rule and base rate the last timed step used, as the trainer reported them
    /// (the recipe's schedule may scale the rate; that does not change the work).
    var optimizer: String
    var learningRate: Float
    /// The last timed batch's loss: a run that learns nothing shows here.
    var finalLoss: Float
    var timedBatches: Int
    var trainImagesPerSecond: Double
    var inferenceImagesPerSecond: Double
    var latencyMilliseconds: Double
    var peakResidentMegabytes: Double
    var trainFLOPsPerImage: Double
    var trainGFLOPS: Double
    var fractionOfSgemmPeak: Double

    var text: String {
        String(format: "%@ (%@): train %.0f img/s (%.1f GFLOP/s, %.0f%% of sgemm peak), inference %.0f img/s "
               + "(batch 1000), latency %.3f ms, peak RSS %.0f MB",
               model, optimizer, trainImagesPerSecond, trainGFLOPS, fractionOfSgemmPeak * 100,
               inferenceImagesPerSecond, latencyMilliseconds, peakResidentMegabytes)
    }
}

/// The whole run, as `--json` prints it.
struct BenchReport: Encodable {
    var engine: String
    var optimizer: String
    var threads: BenchThreads
    var batches: Int
    var sgemmPeakGFLOPS: Double
    var results: [BenchResult]

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

/// The threads the bench ran on: batch workers, and OpenBLAS's threads per product as the run
/// started (the layers lower it to 1 inside batch workers and restore it after).
struct BenchThreads: Encodable {
    var workers: Int
    var blas: Int
}

/// The process's peak resident set size (Linux: VmHWM in /proc/self/status),
/// which can be reset so each model is measured on its own.
enum PeakMemory {
    /// Resets the peak to the current resident size by writing "5" to
    /// /proc/self/clear_refs (a kernel control, not a file: nothing to write
    /// atomically); harmless where the kernel does not support it.
    static func reset() {
        let descriptor = open("/proc/self/clear_refs", O_WRONLY)
        guard descriptor >= 0 else { return }
        _ = Glibc.write(descriptor, "5", 1)
        close(descriptor)
    }

    /// The peak since the last reset, in megabytes (from getrusage when /proc is unavailable).
    static func megabytes() -> Double {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
           let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") {
            return kilobytes / 1024
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
