import ArgumentParser
import MiniNN

extension OptimizerKind: ExpressibleByArgument {}

/// Command-line overrides of a model's default knobs, shared by the commands
/// that train. Unset options keep the defaults.
struct KnobOptions: ParsableArguments {
    // `.unconditional` reads "--lr -1" as the value -1 (rejected with a clear
    // message below) rather than as a missing value followed by an option "-1".
    @Option(name: .customLong("lr"), parsing: .unconditional, help: "Learning rate (> 0).")
    var learningRate: Float?

    @Option(help: "Update rule.")
    var optimizer: OptimizerKind?

    @Option(parsing: .unconditional, help: "Examples per mini-batch (1 to \(ModelLimits.maximumBatchSize)).")
    var batchSize: Int?

    @Option(parsing: .unconditional, help: "Dropout probability in [0, 1) for every Dropout layer.")
    var dropout: Float?

    @Option(parsing: .unconditional, help: "L2 weight decay λ (≥ 0).")
    var weightDecay: Float?

    @Option(name: .customLong("l1"), parsing: .unconditional, help: "L1 weight decay λ (≥ 0).")
    var l1: Float?

    /// `defaults` with every given option applied.
    func applied(to defaults: Hyperparameters) -> Hyperparameters {
        var knobs = defaults
        if let learningRate { knobs.learningRate = learningRate }
        if let optimizer { knobs.optimizer = optimizer }
        if let batchSize { knobs.batchSize = batchSize }
        if let dropout { knobs.dropout = dropout }
        if let weightDecay { knobs.weightDecay = weightDecay }
        if let l1 { knobs.l1 = l1 }
        return knobs
    }

    /// Rejects out-of-range values with the option's name (exit code 2).
    func validate() throws {
        if let learningRate, !(learningRate.isFinite && learningRate > 0) {
            throw ValidationError("--lr must be a positive number, got \(Format.knob(learningRate))")
        }
        if let batchSize, batchSize < 1 {
            throw ValidationError("--batch-size must be at least 1, got \(batchSize)")
        }
        if let batchSize, batchSize > ModelLimits.maximumBatchSize {
            throw ValidationError("--batch-size must be at most \(ModelLimits.maximumBatchSize), got \(batchSize)")
        }
        if let dropout, !(dropout >= 0 && dropout < 1) {
            throw ValidationError("--dropout must be in [0, 1), got \(Format.knob(dropout))")
        }
        if let weightDecay, !(weightDecay.isFinite && weightDecay >= 0) {
            throw ValidationError("--weight-decay must be a number ≥ 0, got \(Format.knob(weightDecay))")
        }
        if let l1, !(l1.isFinite && l1 >= 0) {
            throw ValidationError("--l1 must be a number ≥ 0, got \(Format.knob(l1))")
        }
    }
}
