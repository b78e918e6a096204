/// The mean and deviation of a regression's training targets.
///
/// A network learns the standardized target (a target in the thousands would
/// otherwise need its own learning rate); its output times `std` plus `mean`
/// is in the target's units. ``RegressionTrainer`` (the CLI) and ``Trainer``
/// (the live view) share this one definition.
public struct TargetScale: Sendable, Equatable {
    public var mean: Float
    /// Never zero: a constant target keeps a deviation of 1.
    public var std: Float

    public init(mean: Float, std: Float) {
        self.mean = mean
        self.std = std.isFinite && std > 0 ? std : 1
    }

    /// The mean and deviation of `targets` (accumulated in Double).
    public init(fitting targets: [Float]) {
        guard !targets.isEmpty else { self.init(mean: 0, std: 1); return }
        let mean = targets.reduce(0.0) { $0 + Double($1) } / Double(targets.count)
        let variance = targets.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(targets.count)
        self.init(mean: Float(mean), std: variance > 0 ? Float(variance.squareRoot()) : 1)
    }

    /// `value` in standard deviations from the mean.
    public func standardized(_ value: Float) -> Float { (value - mean) / std }

    /// A standardized output back in the target's units.
    public func unstandardized(_ value: Float) -> Float { value * std + mean }

    /// Folds the scale into the model's last layer with parameters (w·std,
    /// b·std + mean), so that the model alone outputs the target's units.
    public func fold(into model: Sequential) {
        guard let last = model.layers.last(where: { !$0.parameters.isEmpty }) else { return }
        for parameter in last.parameters {
            let isBias = parameter.name == "bias"
            parameter.value.scalars = parameter.value.scalars.map { $0 * std + (isBias ? mean : 0) }
        }
    }
}
