import Foundation
import MiniNN

/// The convnet lesson 10 reuses: the lesson-8 architecture trained on digits
/// 0–4 by ``TransferLearning/pretrain(on:plan:observers:)`` with the default
/// ``TransferPlan``. It is trained once per process, and kept in a file under
/// ``cacheDirectory`` for the next visit when one is set.
///
/// Callers copy its weights and never train it: every run that asks gets the
/// same convolutions.
public final class PretrainedConvnet: @unchecked Sendable {
    /// The process-wide one.
    public static let shared = PretrainedConvnet()

    /// The plan it is trained by: seed 1, two epochs over every training
    /// image of digits 0–4, each shifted by up to 2 pixels.
    public static let plan = TransferPlan()
    /// The file name in the cache directory; the version changes when the plan does.
    public static let fileName = "convnet-digits-0-4-shift2-v2.safetensors"

    private let lock = NSLock()
    private var model: Sequential?
    private var directory: String?

    /// The plan this one trains by (tests may try another; the lesson uses ``plan``).
    public let trainingPlan: TransferPlan

    public init(cacheDirectory: String? = nil, plan: TransferPlan = PretrainedConvnet.plan) {
        directory = cacheDirectory
        trainingPlan = plan
    }

    /// Where the trained weights are kept between visits (nil: only in memory).
    public var cacheDirectory: String? {
        get { lock.withLock { directory } }
        set { lock.withLock { directory = newValue } }
    }

    /// The cache file, when there is a directory.
    public var cachePath: String? { lock.withLock { cachePathLocked } }

    /// What happened the last time the convnet was fetched, for the screen:
    /// read from the cache, trained now, or trained now because the cache file was unusable.
    public enum Origin: Sendable, Equatable {
        case memory, file, trained
        case retrainedOverBadFile(String)
    }

    /// The pretrained convnet: from memory, else the cache file, else trained
    /// now (on the training images of digits 0–4 from `locator`), with
    /// `progress` told the share of pretraining done. Threads asking at once
    /// wait for one training. A cache file that cannot be read, or holds
    /// another architecture, is trained over; a cache that cannot be written
    /// only costs the next visit the training.
    public func model(locator: DatasetLocator = .standard, progress: (@Sendable (Double) -> Void)? = nil,
                      shouldStop: @Sendable () -> Bool = { false }) throws -> (model: Sequential, origin: Origin) {
        lock.lock()
        defer { lock.unlock() }
        if let model { return (model, .memory) }
        // A thread that waited for another's training may have been told to stop meanwhile.
        if shouldStop() { throw PretrainingStopped() }
        var origin = Origin.trained
        if let path = cachePathLocked, FileManager.default.fileExists(atPath: path) {
            switch Self.read(path) {
            case .success(let loaded):
                model = loaded
                return (loaded, .file)
            case .failure(let problem):
                origin = .retrainedOverBadFile(problem.description)
            }
        }
        let (training, testing) = try DatasetCache.shared.mnist(locator: locator)
        let data = TransferData(train: training, test: testing)
        let trainer = try TransferLearning.pretrainer(on: data, plan: trainingPlan)
        if let progress { trainer.addObserver(PretrainingProgress(total: batches(data), report: progress)) }
        while trainer.epoch < trainingPlan.pretrainEpochs {
            if shouldStop() { throw PretrainingStopped() }
            guard trainer.step() != nil else { break }
        }
        let trained = trainer.model
        model = trained
        if let path = cachePathLocked { try? Self.write(trained, plan: trainingPlan, data: data, to: path) }
        return (trained, origin)
    }

    /// Forgets the one in memory (tests: the next call reads the file or trains).
    public func forgetInMemory() { lock.withLock { model = nil } }

    private var cachePathLocked: String? {
        directory.map { URL(fileURLWithPath: $0).appendingPathComponent(Self.fileName).path }
    }

    private func batches(_ data: TransferData) -> Int {
        let size = max(1, trainingPlan.knobs.batchSize)
        return (data.pretraining.count + size - 1) / size * trainingPlan.pretrainEpochs
    }

    /// The cached model, or why it cannot be used.
    static func read(_ path: String) -> Result<Sequential, PretrainedCacheError> {
        do {
            let loaded = try ModelFile.load(from: path)
            guard loaded.info.architecture.hasSameNetwork(as: TransferLearning.spec) else {
                return .failure(PretrainedCacheError("\(path) holds another network"))
            }
            return .success(loaded.model)
        } catch {
            return .failure(PretrainedCacheError("\(error)"))
        }
    }

    private static func write(_ model: Sequential, plan: TransferPlan, data: TransferData, to path: String) throws {
        try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path,
                                                withIntermediateDirectories: true)
        let info = ModelFileInfo(architecture: TransferLearning.spec, hyperparameters: plan.knobs, seed: plan.seed,
                                 normalization: data.pretraining.normalization, dataset: "mnist",
                                 recipe: "pretrained on digits 0–4 (lesson 10)",
                                 classNames: data.pretraining.classNames,
                                 metrics: ModelMetrics(epochs: plan.pretrainEpochs,
                                                       itemsSeen: data.pretraining.count * plan.pretrainEpochs))
        try ModelFile.save(model, info: info, to: path)
    }
}

/// Pretraining was told to stop before it finished; nothing is kept.
public struct PretrainingStopped: Error, Sendable, CustomStringConvertible {
    public var description: String { "pretraining stopped before it finished" }
}

/// Why the cached convnet was not used.
public struct PretrainedCacheError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// Tells the share of pretraining batches done, every 1%.
private final class PretrainingProgress: TrainingObserver {
    let total: Int
    let report: @Sendable (Double) -> Void
    private var done = 0
    private var lastReported = -1

    init(total: Int, report: @escaping @Sendable (Double) -> Void) {
        self.total = max(1, total)
        self.report = report
    }

    func training(_ event: TrainingEvent) {
        guard case .batchEnd = event else { return }
        done += 1
        let percent = min(100, done * 100 / total)
        if percent != lastReported { lastReported = percent; report(Double(done) / Double(total)) }
    }
}
