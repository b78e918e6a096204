import Foundation
import MiniNN

/// The data of one lesson run: what it trains on, what validates it and,
/// for MNIST, the test digits.
public struct LessonDataSets: Sendable {
    public var train: Dataset
    public var validation: Dataset
    /// MNIST's official test images (nil for generated and iris data).
    public var test: Dataset?
    /// For a CSV table: how its columns became the inputs (a saved model keeps it for `eval --csv`).
    public var table: TableSchema?

    public init(train: Dataset, validation: Dataset, test: Dataset?, table: TableSchema? = nil) {
        self.train = train
        self.validation = validation
        self.test = test
        self.table = table
    }

    /// The set predictions, confusion matrices and mistakes are shown on:
    /// the test set when there is one, else the validation set.
    public var heldOut: Dataset { test ?? validation }

    /// Builds the data a lesson describes.
    ///
    /// Generated sets and the train/validation split depend on `seed`, so a
    /// reset with a new seed also draws new points. MNIST and iris files are
    /// read once per process (``DatasetCache``).
    public static func load(_ data: LessonData, seed: UInt64,
                            locator: DatasetLocator = .standard) throws(DatasetError) -> LessonDataSets {
        switch data {
        case .toy(let kind, let count, let noise, let fraction):
            let points = ToyData.generate(kind, count: count, noise: noise, seed: seed)
            let split = points.split(validationFraction: fraction, seed: SeededGenerator.derive(seed, 1))
            return LessonDataSets(train: split.train, validation: split.validation, test: nil)

        case .iris(let features, let species, let fraction):
            let all = try DatasetCache.shared.iris(locator: locator)
            let chosen = select(all, features: features, species: species)
            let split = chosen.split(validationFraction: fraction, seed: SeededGenerator.derive(seed, 1))
                .standardized()
            return LessonDataSets(train: split.train, validation: split.validation, test: nil)

        case .mnist(let trainCount, let validationCount, let testCount, let flattened):
            var (train, validation, test) = try DatasetCache.shared.mnistParts(
                trainCount: trainCount, validationCount: validationCount, testCount: testCount, locator: locator)
            if flattened {
                // A feed-forward net sees each 1×28×28 image as 784 numbers.
                train.itemShape = [train.itemSize]
                validation.itemShape = [validation.itemSize]
                test.itemShape = [test.itemSize]
            }
            return LessonDataSets(train: train, validation: validation, test: test)

        case .mnistDigits(let digits, let perClass, let validationCount):
            let cut = try DatasetCache.shared.mnistDigits(digits, validationCount: validationCount, locator: locator)
            var (validation, test) = (cut.validation, cut.test)
            var train = cut.pool.perClass(perClass, seed: SeededGenerator.derive(seed, 0x5E7),
                                          name: "MNIST train, digits \(LessonData.digitRange(digits)), \(perClass.grouped) each")
            // The reused convolutions learned on pixels standardized by all
            // 60,000 training images; a few hundred images would give another scale.
            let normalization = try DatasetCache.shared.mnistStandardization(locator: locator)
            train.normalization = normalization
            validation.normalization = normalization
            test.normalization = normalization
            return LessonDataSets(train: train, validation: validation, test: test)

        case .csv(let path, let target, let fraction):
            // Read again on every reset: a learner may have fixed the file in between.
            let table = try CSVTable.read(path: path)
            // A target that reads as a quantity trains a regression, by the CLI's rule.
            let isQuantity = try table.targetIsQuantity(target)
            let tabular = isQuantity ? try table.regressionDataset(target: target) : try table.classificationDataset(target: target)
            let prepared = tabular.prepared(validationFraction: fraction, seed: SeededGenerator.derive(seed, 1))
            var train = prepared.split.train, validation = prepared.split.validation
            train.targets = prepared.trainTargets
            validation.targets = prepared.validationTargets
            return LessonDataSets(train: train, validation: validation, test: nil, table: prepared.schema)
        }
    }

    /// Iris restricted to some measurements and some species, labels renumbered
    /// 0, 1, …. Indices out of range are left out; none left means all.
    static func select(_ iris: Dataset, features requestedFeatures: [Int], species requestedSpecies: [Int]) -> Dataset {
        guard case .float(let values) = iris.features else { return iris }
        let width = iris.itemSize
        var features = requestedFeatures.filter { (0..<width).contains($0) }
        if features.isEmpty { features = Array(0..<width) }
        var species = requestedSpecies.filter { (0..<iris.classCount).contains($0) }
        if species.count < 2 { species = Array(0..<iris.classCount) }
        var selected: [Float] = []
        var labels: [UInt8] = []
        for row in 0..<iris.count {
            guard let newLabel = species.firstIndex(of: Int(iris.labels[row])) else { continue }
            for column in features { selected.append(values[row * width + column]) }
            labels.append(UInt8(newLabel))
        }
        let names = species.map { iris.classNames[$0] }
        return Dataset(name: "iris", itemShape: [features.count], classNames: names,
                       features: .float(selected), labels: labels)
    }
}

extension DatasetLocator {
    /// Where the playground and the tests look: `NETPLAYGROUND_DATA`, else a
    /// `datasets/` folder above the executable or the current directory.
    public static var standard: DatasetLocator {
        DatasetLocator(dataDirectory: nil, environment: ProcessInfo.processInfo.environment,
                       executablePath: CommandLine.arguments.first,
                       currentDirectory: FileManager.default.currentDirectoryPath)
    }
}

/// Data files read once per process: MNIST takes a second to decompress,
/// and a learner moving between lessons should not wait for it twice.
public final class DatasetCache: @unchecked Sendable {
    /// The process-wide cache.
    public static let shared = DatasetCache()

    private let lock = NSLock()
    private var mnistTrainSet: Dataset?
    private var mnistTestSet: Dataset?
    /// The cut of ``mnistParts`` whose training and validation parts are, in
    /// order, the whole training set (lessons 6 and 8 and the sandbox: 55,000
    /// and 5,000). The set was cut into them in place rather than copied (47 MB
    /// fewer for the whole run), so ``mnistTrainSet`` is nil until it is asked
    /// for again and put back together from them.
    private var coveringCut: [Int]?
    private var irisSet: Dataset?
    private var mnistCuts: [[Int]: (Dataset, Dataset, Dataset)] = [:]
    private var mnistPixelStandardization: Normalization?
    private var digitCuts: [[Int]: (Dataset, Dataset, Dataset)] = [:]

    /// Some digits only, relabelled in order (see ``LessonData/mnistDigits(digits:perClass:validationCount:)``):
    /// those among the training images before the last `validationCount`
    /// (the pool a run draws its few from), among the last `validationCount`,
    /// and among the test images. Cut once and shared, as ``mnistParts`` are,
    /// so a race's runners and every reset reuse the same copy.
    public func mnistDigits(_ digits: [Int], validationCount: Int,
                            locator: DatasetLocator) throws(DatasetError) -> (pool: Dataset, validation: Dataset, test: Dataset) {
        let (training, testing) = try mnist(locator: locator)
        let key = digits + [-1, validationCount]
        lock.lock()
        defer { lock.unlock() }
        if let cut = digitCuts[key] { return cut }
        let name = "digits \(LessonData.digitRange(digits))"
        let validationStart = max(1, training.count - max(0, validationCount))
        let cut = (training.slice(0..<validationStart, name: "MNIST train").keepingClasses(digits),
                   training.slice(validationStart..<training.count, name: "MNIST validation")
                       .keepingClasses(digits, name: "MNIST validation, \(name)"),
                   testing.keepingClasses(digits, name: "MNIST test, \(name)"))
        digitCuts[key] = cut
        return cut
    }

    /// One mean and deviation for all pixels of the 60,000 training images.
    public func mnistStandardization(locator: DatasetLocator) throws(DatasetError) -> Normalization {
        let (training, _) = try mnist(locator: locator)
        lock.lock()
        defer { lock.unlock() }
        if let mnistPixelStandardization { return mnistPixelStandardization }
        let normalization = training.standardization(perFeature: false)
        mnistPixelStandardization = normalization
        return normalization
    }

    /// MNIST's training and test sets.
    public func mnist(locator: DatasetLocator) throws(DatasetError) -> (train: Dataset, test: Dataset) {
        lock.lock()
        defer { lock.unlock() }
        return try mnistLocked(locator: locator)
    }

    /// MNIST's test set alone: unlike ``mnist(locator:)``, never puts the
    /// training set back together after a covering cut took it apart.
    public func mnistTest(locator: DatasetLocator) throws(DatasetError) -> Dataset {
        lock.lock()
        defer { lock.unlock() }
        if let mnistTestSet { return mnistTestSet }
        return try mnistLocked(locator: locator).test
    }

    /// ``mnist(locator:)`` with the lock held.
    private func mnistLocked(locator: DatasetLocator) throws(DatasetError) -> (train: Dataset, test: Dataset) {
        if let mnistTrainSet, let mnistTestSet { return (mnistTrainSet, mnistTestSet) }
        if let mnistTestSet, let key = coveringCut, let parts = mnistCuts[key] {
            let training = Self.joined(parts.0, parts.1, name: "MNIST train")
            mnistTrainSet = training
            // The next ask for that cut copies it from the set again, so that once the
            // runs holding it end, the digits are not held twice.
            mnistCuts[key] = nil
            coveringCut = nil
            return (training, mnistTestSet)
        }
        let directory = try locator.mnistDirectory()
        let sets = (try MNIST.load(.train, from: directory), try MNIST.load(.test, from: directory))
        (mnistTrainSet, mnistTestSet) = sets
        return sets
    }

    /// MNIST cut as a lesson asks: the first `trainCount` training images,
    /// the next `validationCount` as validation, the first `testCount` test
    /// images. Each cut is made once and then shared by every run that asks
    /// for it (the pixel arrays are copy-on-write and never written), so
    /// opening a lesson again costs no new copy of the digits.
    ///
    /// A cut whose two training parts are the whole training set, the first
    /// one, takes the set apart in place instead of copying it (see ``coveringCut``).
    public func mnistParts(trainCount: Int, validationCount: Int, testCount: Int,
                           locator: DatasetLocator) throws(DatasetError) -> (Dataset, Dataset, Dataset) {
        lock.lock()
        defer { lock.unlock() }
        let trainingCount: Int, testing: Dataset
        do {
            // Scoped, so that no copy of the training set outlives these lines (see the cut below).
            let sets = try mnistLocked(locator: locator)
            (trainingCount, testing) = (sets.train.count, sets.test)
        }
        let trainEnd = min(trainingCount, max(1, trainCount))
        let validationEnd = min(trainingCount, trainEnd + max(0, validationCount))
        let testEnd = min(testing.count, max(1, testCount))
        let key = [trainEnd, validationEnd, testEnd]
        if let parts = mnistCuts[key] { return parts }
        let test = testEnd == testing.count ? testing : testing.first(testEnd)
        let parts: (Dataset, Dataset, Dataset)
        if validationEnd == trainingCount, coveringCut == nil, var whole = mnistTrainSet {
            // `whole` is then the set's only holder (unless a caller kept one), so it is cut without a copy.
            mnistTrainSet = nil
            let tail = Self.cutOff(&whole, from: trainEnd, name: "MNIST validation")
            whole.name = "MNIST train"
            parts = (whole, tail, test)
            coveringCut = key
        } else {
            let training = try mnistLocked(locator: locator).train
            parts = (training.slice(0..<trainEnd, name: "MNIST train"),
                     training.slice(trainEnd..<validationEnd, name: "MNIST validation"), test)
        }
        mnistCuts[key] = parts
        return parts
    }

    /// Removes the items from `start` on from `set`, in place when its arrays
    /// are not shared, and returns them as a dataset named `name`.
    static func cutOff(_ set: inout Dataset, from start: Int, name: String) -> Dataset {
        let start = min(max(0, start), set.count)
        let tail = set.slice(start..<set.count, name: name)
        let kept = start * set.itemSize
        if case .bytes(var values) = set.features {
            set.features = .bytes([])  // Drops the second reference, so the cut below is in place.
            values.removeSubrange(kept...)
            set.features = .bytes(values)
        } else if case .float(var values) = set.features {
            set.features = .float([])
            values.removeSubrange(kept...)
            set.features = .float(values)
        }
        set.labels.removeSubrange(start...)
        return tail
    }

    /// `first`'s items followed by `second`'s, named `name`; the rest is `first`'s.
    static func joined(_ first: Dataset, _ second: Dataset, name: String) -> Dataset {
        var whole = first
        whole.name = name
        switch (first.features, second.features) {
        case (.bytes(let head), .bytes(let rest)): whole.features = .bytes(head + rest)
        case (.float(let head), .float(let rest)): whole.features = .float(head + rest)
        default: break
        }
        whole.labels = first.labels + second.labels
        return whole
    }

    /// All 150 iris flowers.
    public func iris(locator: DatasetLocator) throws(DatasetError) -> Dataset {
        lock.lock()
        defer { lock.unlock() }
        if let irisSet { return irisSet }
        let set = try Iris.load(from: try locator.irisDirectory())
        irisSet = set
        return set
    }
}
