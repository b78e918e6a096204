import Foundation
import MiniNN

/// A named, reproducible training setup: data, model, knobs, epochs and seed.
///
/// `netplayground train <name>` runs one headless; the tests run the same
/// recipes to prove their claims. The catalog is ``RecipeCatalog/all``.
public struct Recipe: Sendable, Identifiable {
    /// What the command line calls it, e.g. "mnist-mlp".
    public var name: String
    /// One line for the list of recipes.
    public var summary: String
    /// Where the data comes from and how it is split.
    public var data: RecipeData
    /// The network, its input shape and its loss.
    public var model: ModelSpec
    /// Backpropagation, or Rosenblatt's rule for a single threshold unit.
    public var rule: LearningRule
    /// Knob values unless the command line overrides them.
    public var hyperparameters: Hyperparameters
    /// Epochs unless the command line overrides them.
    public var epochs: Int
    /// Seed for the data, the split, the weights and the batch order.
    public var seed: UInt64
    /// How the learning rate changes over the run (nil: constant).
    public var schedule: RecipeSchedule?

    public init(name: String, summary: String, data: RecipeData, model: ModelSpec,
                rule: LearningRule = .backpropagation, hyperparameters: Hyperparameters,
                epochs: Int, seed: UInt64 = 1, schedule: RecipeSchedule? = nil) {
        self.name = name
        self.summary = summary
        self.data = data
        self.model = model
        self.rule = rule
        self.hyperparameters = hyperparameters
        self.epochs = epochs
        self.seed = seed
        self.schedule = schedule
    }

    public var id: String { name }

    /// Whether the model has Dropout layers for the dropout knob to act on.
    public var hasDropout: Bool {
        model.layers.contains { if case .dropout = $0 { return true } else { return false } }
    }
}

/// A recipe's data: which dataset, and how it becomes train, validation and test.
public enum RecipeData: Sendable, Equatable {
    /// `count` generated 2-D points with `noise` (see ``ToyData``), of which
    /// `validationFraction` are held out, stratified.
    case toy(ToyKind, count: Int, noise: Float, validationFraction: Float)
    /// Fisher's 150 iris flowers, `validationFraction` held out (stratified),
    /// standardized with the training part's statistics.
    case iris(validationFraction: Float)
    /// MNIST's official 60,000 training and 10,000 test images; the last
    /// `validationCount` training images validate (0: train on all 60,000).
    /// Pixels are standardized with the training images' mean and deviation.
    case mnist(validationCount: Int)
    /// A CSV file of one's own: `target` (a header name or 1-based column;
    /// nil: the last column) is predicted from the other columns, read with
    /// `options`; `validationFraction` held out (stratified), numeric columns
    /// standardized with the training part's statistics, missing numbers
    /// refused or filled as `imputation` says.
    case csv(path: String, target: String?, options: CSVTable.Options, imputation: Imputation,
             validationFraction: Float)

    /// A short description, e.g. "XOR, 200 points, 20% validation".
    public var summary: String {
        switch self {
        case .toy(let kind, let count, let noise, let fraction):
            "\(kind.rawValue.uppercased()), \(count) points, noise \(noise), \(percent(fraction)) validation"
        case .iris(let fraction):
            "iris, 150 flowers, \(percent(fraction)) validation"
        case .mnist(let validationCount):
            validationCount > 0
                ? "MNIST, \(60_000 - validationCount) train / \(validationCount) validation / 10,000 test"
                : "MNIST, 60,000 train / 10,000 test"
        case .csv(let path, _, _, _, let fraction):
            "\((path as NSString).lastPathComponent), \(percent(fraction)) validation"
        }
    }

    private func percent(_ fraction: Float) -> String { "\(Int((fraction * 100).rounded()))%" }
}

/// How the learning rate changes during a run, as a multiplier of the knob.
public enum RecipeSchedule: Sendable, Equatable {
    /// Multiplies the rate by `factor` after every `everyEpochs` epochs.
    case stepDecay(factor: Float, everyEpochs: Int)
    /// Half a cosine from the full rate down to `floor` times it, over the run.
    case cosine(floor: Float)

    /// The trainer's per-step schedule for a run of `epochs` epochs of
    /// `batchesPerEpoch` batches.
    public func schedule(batchesPerEpoch: Int, epochs: Int) -> LearningRateSchedule {
        let batches = max(1, batchesPerEpoch)
        switch self {
        case .stepDecay(let factor, let everyEpochs):
            let period = batches * max(1, everyEpochs)
            return LearningRateSchedule { step in
                Float(pow(Double(factor), Double(step / period)))
            }
        case .cosine(let floor):
            return .cosine(totalSteps: batches * max(1, epochs), floor: floor)
        }
    }

    /// E.g. "×0.3 every epoch".
    public var summary: String {
        switch self {
        case .stepDecay(let factor, let everyEpochs):
            "×\(factor) every \(everyEpochs == 1 ? "epoch" : "\(everyEpochs) epochs")"
        case .cosine(let floor):
            "cosine down to ×\(floor)"
        }
    }
}

extension RecipeData {
    /// Whether the items are images, which augmentation can change (MNIST).
    public var isImages: Bool {
        if case .mnist = self { return true }
        return false
    }
}
