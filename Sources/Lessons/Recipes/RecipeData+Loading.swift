import MiniNN

/// A recipe's data, loaded and split.
public struct RecipeDatasets: Sendable {
    public var train: Dataset
    /// Held out from the training data, when the recipe holds any out.
    public var validation: Dataset?
    /// An official test set (MNIST).
    public var test: Dataset?
    /// For a CSV table: how its columns became the inputs (kept in a saved model).
    public var table: TableSchema?
    /// For a CSV table: the columns whose missing values were filled with their mean, and how many.
    public var imputed: [(column: String, count: Int)]

    public init(train: Dataset, validation: Dataset?, test: Dataset?, table: TableSchema? = nil,
                imputed: [(column: String, count: Int)] = []) {
        self.train = train
        self.validation = validation
        self.test = test
        self.table = table
        self.imputed = imputed
    }
}

extension RecipeData {
    /// Generates or reads the data and splits it. `seed` fixes the generated
    /// points and the split; `locator` finds iris and MNIST on disk.
    public func load(locator: DatasetLocator, seed: UInt64) throws(DatasetError) -> RecipeDatasets {
        // Separate streams, so the points and the split do not reuse the same draws.
        let dataSeed = SeededGenerator.derive(seed, 0xDA7A)
        let splitSeed = SeededGenerator.derive(seed, 0x5B17)
        switch self {
        case .toy(let kind, let count, let noise, let fraction):
            let points = ToyData.generate(kind, count: count, noise: noise, seed: dataSeed)
            let split = points.split(validationFraction: fraction, seed: splitSeed)
            return RecipeDatasets(train: split.train, validation: split.validation.nonEmpty, test: nil)
        case .iris(let fraction):
            let flowers = try Iris.load(from: locator.irisDirectory())
            let split = flowers.split(validationFraction: fraction, seed: splitSeed).standardized()
            return RecipeDatasets(train: split.train, validation: split.validation.nonEmpty, test: nil)
        case .mnist(let validationCount):
            let directory = try locator.mnistDirectory()
            var train = try MNIST.load(.train, from: directory)
            var test = try MNIST.load(.test, from: directory)
            var validation: Dataset?
            if validationCount > 0 {
                let split = train.splitLast(validationCount)
                train = split.train
                validation = split.validation
            }
            // One mean and deviation for all pixels: per-pixel statistics
            // would blow up the always-blank border pixels.
            let normalization = train.standardization(perFeature: false)
            train.normalization = normalization
            validation?.normalization = normalization
            test.normalization = normalization
            return RecipeDatasets(train: train, validation: validation, test: test)
        case .csv(let path, let target, let options, let imputation, let fraction):
            return try RecipeDatasets.classification(of: CSVTable.read(path: path, options: options), target: target,
                                                     imputation: imputation, validationFraction: fraction, seed: seed)
        }
    }
}

extension RecipeDatasets {
    /// The seed a CSV table's rows are split with, for a run seeded `seed`.
    public static func tableSplitSeed(_ seed: UInt64) -> UInt64 { SeededGenerator.derive(seed, 0x5B17) }

    /// A table read already, as classes to tell apart: what ``RecipeData/csv(path:target:options:imputation:validationFraction:)``
    /// loads, for a caller that read the file itself (to see whether its target is classes at all).
    public static func classification(of table: CSVTable, target: String?, imputation: Imputation,
                                      validationFraction: Float, seed: UInt64) throws(DatasetError) -> RecipeDatasets {
        let prepared = try table.classificationDataset(target: target, imputation: imputation)
            .prepared(validationFraction: validationFraction, seed: tableSplitSeed(seed))
        return RecipeDatasets(train: prepared.split.train, validation: prepared.split.validation.nonEmpty,
                              test: nil, table: prepared.schema, imputed: prepared.imputed)
    }
}

extension Dataset {
    /// Nil when there are no examples (a validation fraction of 0).
    fileprivate var nonEmpty: Dataset? { count > 0 ? self : nil }
}
