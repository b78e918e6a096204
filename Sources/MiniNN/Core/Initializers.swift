/// How a layer's weights are drawn before training. Biases always start at zero.
///
/// `fanIn` is the number of inputs feeding one output unit (inputs for Dense,
/// inChannels·k·k for a convolution), `fanOut` the number of outputs one input feeds.
public enum Initializer: Equatable, Sendable, Codable {
    /// He/Kaiming normal, N(0, 2/fanIn): keeps activation variance steady through ReLUs.
    case he
    /// Xavier/Glorot uniform, U(±√(6/(fanIn+fanOut))): for sigmoid, tanh and linear units.
    case xavier
    /// U(−limit, limit).
    case uniform(limit: Float)
    /// All zeros (the classic perceptron start; useless for hidden layers, whose units would stay identical).
    case zeros
    /// Another initializer's draws times `factor`: a small start (e.g. He × 0.1)
    /// lets the learned signal, not the random start, dominate a layer's weights.
    indirect case scaled(Initializer, factor: Float)

    /// Fills `weights` with fresh draws from `generator`.
    public func fill(_ weights: inout Tensor, fanIn: Int, fanOut: Int, using generator: inout SeededGenerator) {
        if case .scaled(let base, let factor) = self {
            base.fill(&weights, fanIn: fanIn, fanOut: fanOut, using: &generator)
            // A non-finite factor would poison every weight; treat it as 1.
            let factor = factor.isFinite ? factor : 1
            for i in weights.scalars.indices { weights.scalars[i] *= factor }
            return
        }
        let fanIn = Float(max(1, fanIn)), fanOut = Float(max(1, fanOut))
        weights.scalars.withUnsafeMutableBufferPointer { w in
            switch self {
            case .he:
                let std = (2 / fanIn).squareRoot()
                for i in w.indices { w[i] = generator.nextGaussian(std: std) }
            case .xavier:
                let limit = (6 / (fanIn + fanOut)).squareRoot()
                for i in w.indices { w[i] = generator.nextFloat(in: -limit..<limit) }
            case .uniform(let limit):
                // A negative or non-finite limit would make an invalid range.
                let limit = limit.isFinite ? abs(limit) : 0
                for i in w.indices { w[i] = generator.nextFloat(in: -limit..<limit) }
            case .zeros, .scaled:
                w.update(repeating: 0)
            }
        }
    }
}

/// A layer whose parameters or random state come from a seed.
///
/// ``ModelBuilder`` seeds each such layer from the model seed and the layer's
/// position; resetting the weights calls `reset(seed:)` with the same derived
/// seed, so a reset model equals a freshly built one with that seed.
public protocol SeededLayer: Layer {
    /// Redraws the parameters (with the layer's own initializer) and restarts
    /// any random stream, exactly as a new layer built with `seed` would be;
    /// gradients are cleared.
    func reset(seed: UInt64)
}
