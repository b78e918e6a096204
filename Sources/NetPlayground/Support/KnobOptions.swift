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

    @Option(parsing: .unconditional,
            help: "Augmentation (images only): shift each training image by up to this many pixels (0–\(Augmentation.shiftLimit)).")
    var shift: Int?

    @Option(parsing: .unconditional,
            help: "Augmentation (images only): rotate each training image by up to this many degrees (0–\(Int(Augmentation.rotationLimit))).")
    var rotate: Float?

    @Option(name: .customLong("pixel-noise"), parsing: .unconditional,
            help: "Augmentation (images only): add noise of this deviation to every pixel, on the 0…1 scale (0–1).")
    var pixelNoise: Float?

    @Flag(inversion: .prefixedNo, help: "Augmentation (images only): mirror half the training images left to right.")
    var flip: Bool?

    /// Whether any augmentation option was given.
    var asksForAugmentation: Bool { shift != nil || rotate != nil || pixelNoise != nil || flip != nil }

    /// `defaults` with every given option applied.
    func applied(to defaults: Hyperparameters) -> Hyperparameters {
        var knobs = defaults
        if let learningRate { knobs.learningRate = learningRate }
        if let optimizer { knobs.optimizer = optimizer }
        if let batchSize { knobs.batchSize = batchSize }
        if let dropout { knobs.dropout = dropout }
        if let weightDecay { knobs.weightDecay = weightDecay }
        if let l1 { knobs.l1 = l1 }
        if let shift { knobs.augmentation.maxShift = shift }
        if let rotate { knobs.augmentation.maxRotation = rotate }
        if let pixelNoise { knobs.augmentation.noise = pixelNoise }
        if let flip { knobs.augmentation.flipsHorizontally = flip }
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
        if let shift, !(0...Augmentation.shiftLimit).contains(shift) {
            throw ValidationError("--shift must be 0–\(Augmentation.shiftLimit) pixels, got \(shift)")
        }
        if let rotate, !(rotate >= 0 && rotate <= Augmentation.rotationLimit) {
            throw ValidationError("--rotate must be 0–\(Int(Augmentation.rotationLimit)) degrees, got \(Format.knob(rotate))")
        }
        if let pixelNoise, !(pixelNoise >= 0 && pixelNoise <= 1) {
            throw ValidationError("--pixel-noise must be in [0, 1], got \(Format.knob(pixelNoise))")
        }
    }
}
