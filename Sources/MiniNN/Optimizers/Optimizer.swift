import Foundation

/// Updates parameters from their accumulated gradients: SGD, SGD with momentum, or Adam.
///
/// Every setting (kind, learning rate, L2 and L1 decay) may change between
/// any two steps and is read at the next `step`. For a parameter with
/// `decays == true` (weights, not biases) the gradient used is
///
///   g′ = g + λ₂·w + λ₁·sign(w)        (sign(0) = 0)
///
/// and then, with learning rate η:
///
///   sgd:       w ← w − η·g′
///   momentum:  v ← μ·v + g′;  w ← w − η·v                       (μ = 0.9, PyTorch's form)
///   adam:      m ← β₁m + (1−β₁)g′;  v ← β₂v + (1−β₂)g′²;
///              w ← w − η · m̂ / (√v̂ + ε),  m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ)   (β₁ 0.9, β₂ 0.999, ε 1e-8)
///
/// Switching `kind` never touches the weights. It clears the optimizer's
/// state (momentum velocities, Adam moments and Adam's step count t), so the
/// new rule starts as it would on a fresh run from the current weights:
/// velocities or moments gathered under another rule would describe a
/// different update and give the new one a surprise kick.
///
/// `step` does not clear gradients; the trainer zeroes them before each batch.
/// The loops run on raw pointers and vectorize (see ``squareRoot(_:)`` for Adam's root).
public final class Optimizer {
    /// The update rule; changing it clears the state (see above).
    public var kind: OptimizerKind {
        didSet { if kind != oldValue { clearState() } }
    }
    /// η.
    public var learningRate: Float
    /// λ₂, L2 weight decay.
    public var weightDecay: Float
    /// λ₁, L1 weight decay.
    public var l1: Float
    /// μ for momentum.
    public var momentum: Float = 0.9
    /// Adam's decay rate of the first moment.
    public var beta1: Float = 0.9
    /// Adam's decay rate of the second moment.
    public var beta2: Float = 0.999
    /// Adam's ε, added to √v̂ so the step stays finite where v̂ is zero.
    public var epsilon: Float = 1e-8

    /// Adam steps taken since the state was last cleared (t in the bias correction).
    public private(set) var adamSteps = 0

    /// Velocity (momentum) or first moment (Adam), and second moment (Adam), per parameter.
    private final class State {
        /// Held so that its identity (the dictionary key) cannot be reused by a new object.
        let parameter: Parameter
        var first: [Float]
        var second: [Float]
        init(_ parameter: Parameter, needsSecond: Bool) {
            self.parameter = parameter
            first = [Float](repeating: 0, count: parameter.value.count)
            second = needsSecond ? [Float](repeating: 0, count: parameter.value.count) : []
        }
    }
    private var states: [ObjectIdentifier: State] = [:]

    /// An optimizer with empty state.
    public init(kind: OptimizerKind = .sgd, learningRate: Float, weightDecay: Float = 0, l1: Float = 0) {
        self.kind = kind
        self.learningRate = learningRate
        self.weightDecay = weightDecay
        self.l1 = l1
    }

    /// Forgets velocities, moments and the Adam step count; weights are untouched.
    public func clearState() {
        states.removeAll(keepingCapacity: true)
        adamSteps = 0
    }

    /// Applies one update to every trainable parameter from its gradient
    /// (frozen ones, ``Parameter/isTrainable`` false, are left as they are).
    public func step(_ parameters: [Parameter]) {
        if kind == .adam { adamSteps += 1 }
        // Bias corrections in Double: β₂ᵗ underflows slowly and Float pow loses digits.
        let correction1 = 1 - Foundation.pow(Double(beta1), Double(adamSteps))
        let correction2 = 1 - Foundation.pow(Double(beta2), Double(adamSteps))
        // w ← w − η·m̂/(√v̂ + ε) with m̂ = m/c₁ and √v̂ = √v/√c₂, folded into two constants.
        let adamStepSize = Float(Double(learningRate) / correction1)
        let adamInverseRootCorrection2 = Float(1 / correction2.squareRoot())
        for parameter in parameters {
            guard parameter.isTrainable else {
                // Frozen: no update, no decay, and no state kept for when it thaws.
                if !states.isEmpty { states[ObjectIdentifier(parameter)] = nil }
                continue
            }
            let l2 = parameter.decays ? weightDecay : 0
            let l1 = parameter.decays ? self.l1 : 0
            switch kind {
            case .sgd:
                let eta = learningRate
                update(parameter) { w, g, range in
                    for i in range { w[i] -= eta * Optimizer.decayed(g[i], w[i], l2, l1) }
                }
            case .momentum:
                let state = self.state(for: parameter, needsSecond: false)
                let mu = momentum, eta = learningRate
                state.first.withUnsafeMutableBufferPointer { vBuffer in
                    let v = vBuffer.baseAddress!
                    update(parameter) { w, g, range in
                        for i in range {
                            let velocity = mu * v[i] + Optimizer.decayed(g[i], w[i], l2, l1)
                            v[i] = velocity
                            w[i] -= eta * velocity
                        }
                    }
                }
            case .adam:
                let state = self.state(for: parameter, needsSecond: true)
                let (b1, b2, eps) = (beta1, beta2, epsilon)
                let (stepSize, rootScale) = (adamStepSize, adamInverseRootCorrection2)
                state.first.withUnsafeMutableBufferPointer { mBuffer in
                    state.second.withUnsafeMutableBufferPointer { vBuffer in
                        let m = mBuffer.baseAddress!, v = vBuffer.baseAddress!
                        update(parameter) { w, g, range in
                            for i in range {
                                let gradient = Optimizer.decayed(g[i], w[i], l2, l1)
                                let first = b1 * m[i] + (1 - b1) * gradient
                                let second = b2 * v[i] + (1 - b2) * gradient * gradient
                                m[i] = first
                                v[i] = second
                                w[i] -= stepSize * first / (Optimizer.squareRoot(second) * rootScale + eps)
                            }
                        }
                    }
                }
            }
        }
    }

    /// √x for x ≥ 0, within 3e-7 relative of the exact root for normal floats (0 for 0).
    ///
    /// On Linux `Float.squareRoot()` lowers to a libm `sqrtf` call that may set
    /// errno, which keeps LLVM from vectorizing any loop that contains it; Adam
    /// spent as long in its scalar square roots as the network in its GEMMs.
    /// This is the classic reciprocal-square-root estimate refined by three
    /// Newton steps (each doubles the correct digits: 3.4 % → 0.2 % → 5e-6 → ulp
    /// level), all multiplies and one integer shift, so the loop vectorizes.
    /// Subnormal x (below 1.2e-38) come out too small, which is harmless here:
    /// Adam adds ε = 1e-8 to the root.
    @inline(__always)
    static func squareRoot(_ x: Float) -> Float {
        var y = Float(bitPattern: 0x5F37_59DF &- (x.bitPattern >> 1))
        let half = 0.5 * x
        y = y * (1.5 - half * y * y)
        y = y * (1.5 - half * y * y)
        y = y * (1.5 - half * y * y)
        return x * y
    }

    /// g + λ₂·w + λ₁·sign(w), written with selects so the loops vectorize.
    @inline(__always)
    static func decayed(_ g: Float, _ w: Float, _ l2: Float, _ l1: Float) -> Float {
        let positive: Float = w > 0 ? 1 : 0
        let negative: Float = w < 0 ? 1 : 0
        return g + l2 * w + l1 * (positive - negative)
    }

    private func state(for parameter: Parameter, needsSecond: Bool) -> State {
        let key = ObjectIdentifier(parameter)
        if let existing = states[key], existing.first.count == parameter.value.count,
           existing.second.count == (needsSecond ? parameter.value.count : 0) {
            return existing
        }
        let fresh = State(parameter, needsSecond: needsSecond)
        states[key] = fresh
        return fresh
    }

    /// Runs `body(value, gradient, range)` over the parameter's elements; a
    /// large parameter is split across the cores (the update is element by
    /// element and streams four arrays, so two cores' caches and memory paths
    /// nearly halve it).
    @inline(__always)
    private func update(_ parameter: Parameter,
                        _ body: (UnsafeMutablePointer<Float>, UnsafePointer<Float>, Range<Int>) -> Void) {
        let count = parameter.value.count
        guard parameter.gradient.count == count, count > 0 else { return }
        parameter.gradient.scalars.withUnsafeBufferPointer { g in
            parameter.value.scalars.withUnsafeMutableBufferPointer { w in
                guard let w = w.baseAddress, let g = g.baseAddress else { return }
                BatchParallel.forEachSlice(of: count, minimumItemsPerWorker: 16_384) { _, range in body(w, g, range) }
            }
        }
    }
}
