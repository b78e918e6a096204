import ArgumentParser
import Lessons
import MiniNN

/// The update rule `netplayground bench --optimizer` trains with: the recipe's
/// own (Adam), or SGD with momentum 0.9 at a fixed learning rate per model.
///
/// `benchmarks/pytorch_reference.py`, `numpy_reference.py` and `jax_reference.py`
/// carry the same table, so every engine in `benchmarks/compare.py` runs the same update.
enum BenchOptimizer: String, CaseIterable, ExpressibleByArgument {
    case adam, momentum

    /// SGD-with-momentum learning rates per model (the ones issue 17 compares at).
    static let momentumLearningRates: [String: Float] = ["mnist-mlp": 0.05, "mnist-cnn": 0.02]

    /// The recipe's knobs at batch `batchSize`, with this rule (and its rate) in place.
    func hyperparameters(for recipe: Recipe, batchSize: Int) -> Hyperparameters {
        var knobs = recipe.hyperparameters
        knobs.batchSize = batchSize
        switch self {
        case .adam:
            knobs.optimizer = .adam
        case .momentum:
            knobs.optimizer = .momentum
            knobs.learningRate = Self.momentumLearningRates[recipe.name] ?? knobs.learningRate
        }
        return knobs
    }
}
