@testable import MiniNN

/// Central-difference gradient checks for any ``Layer`` and for every ``LossKind``.
///
/// For a layer, the scalar being differentiated is L = Σ out · R with a fixed
/// random upstream gradient R ~ N(0, 1), so `backward(R)` must return dL/dinput
/// and accumulate dL/dparameter. Each checked coordinate x is nudged to x ± ε
/// and the numerical derivative (L(x+ε) − L(x−ε)) / (x₊ − x₋) (using the step
/// actually representable in Float) is compared with the analytic one.
///
/// Why these numbers (Float32 forward passes, Double accumulation of L):
/// - ε = 1e-2. Truncation error of the central difference is ε²/6·|f‴|, about
///   2e-5 for sigmoid/tanh/softmax; rounding error is the Float rounding of the
///   affected outputs (≈ 6e-8 · Σ|out·R|) divided by 2ε, about 1e-5 for the
///   sizes used in tests. With ε = 1e-3 the rounding term grows tenfold and
///   starts to approach the absolute tolerance for layers with many outputs.
/// - A coordinate passes when |analytic − numeric| ≤ 1e-2 · max(|a|, |n|) + 1e-3.
///   A wrong sign is off by 200 %, a missing term or a missing 1/N by the size
///   of that term; both are far outside 1 %. The 1e-3 floor only forgives
///   gradients that are themselves near zero (R ~ N(0, 1) makes typical
///   gradients 0.1–10).
/// Kinks (ReLU at 0, step, max-pool ties) have no derivative: keep inputs at
/// least 2ε away from them (``GradientCheck/randomTensor(shape:seed:avoidingZeroBy:)``).
enum GradientCheck {
    static let epsilon: Float = 1e-2
    static let relativeTolerance = 1e-2
    static let absoluteTolerance = 1e-3

    /// One disagreeing coordinate.
    struct Mismatch: CustomStringConvertible {
        var tensor: String
        var index: Int
        var analytic: Double
        var numeric: Double
        var description: String {
            "\(tensor)[\(index)]: analytic \(analytic), numeric \(numeric)"
        }
    }

    /// The outcome of one check.
    struct Report: CustomStringConvertible {
        var checkedCoordinates = 0
        var mismatches: [Mismatch] = []
        var passed: Bool { mismatches.isEmpty && checkedCoordinates > 0 }
        var description: String {
            if passed { return "\(checkedCoordinates) coordinates agree" }
            if checkedCoordinates == 0 { return "nothing was checked" }
            let shown = mismatches.prefix(8).map(\.description).joined(separator: "\n")
            return "\(mismatches.count) of \(checkedCoordinates) coordinates disagree:\n\(shown)"
        }
    }

    /// Whether an analytic and a numeric derivative agree within the tolerances above.
    static func agree(_ analytic: Double, _ numeric: Double) -> Bool {
        abs(analytic - numeric) <= relativeTolerance * max(abs(analytic), abs(numeric)) + absoluteTolerance
    }

    /// A tensor of N(0, 1) draws; with `avoidingZeroBy` > 0 every value is at least that far from 0.
    static func randomTensor(shape: [Int], seed: UInt64, avoidingZeroBy margin: Float = 0) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        var tensor = Tensor(shape: shape)
        for i in 0..<tensor.count {
            var value = generator.nextGaussian()
            if abs(value) < margin { value = value < 0 ? value - margin : value + margin }
            tensor.scalars[i] = value
        }
        return tensor
    }

    /// Checks dL/dinput and dL/dparameter of `layer` at `input`.
    ///
    /// - Parameters:
    ///   - training: passed to every forward (Dropout needs `true` to be tested with its mask).
    ///   - beforeForward: runs before every forward pass; a layer with a random
    ///     mask restarts its random stream here so every pass uses the same mask.
    ///   - maxCoordinatesPerTensor: larger tensors are checked on a seeded sample.
    static func check(
        _ layer: any Layer, input: Tensor, training: Bool = true, seed: UInt64 = 7,
        maxCoordinatesPerTensor: Int = 150, beforeForward: () -> Void = {}
    ) -> Report {
        // Analytic gradients at the unperturbed point.
        for parameter in layer.parameters { parameter.zeroGradient() }
        beforeForward()
        let output = layer.forward(input, training: training)
        let upstream = randomTensor(shape: output.shape, seed: seed)
        let inputGradient = layer.backward(upstream)
        let parameterGradients = layer.parameters.map(\.gradient)

        func lossAt(_ x: Tensor) -> Double {
            beforeForward()
            let out = layer.forward(x, training: training)
            var sum = 0.0
            for i in 0..<out.count { sum += Double(out.scalars[i]) * Double(upstream.scalars[i]) }
            return sum
        }

        var report = Report()
        var sampler = SeededGenerator(seed: seed &+ 1)
        func coordinates(_ count: Int) -> [Int] {
            if count <= maxCoordinatesPerTensor { return Array(0..<count) }
            return Array(sampler.permutation(count).prefix(maxCoordinatesPerTensor))
        }

        // Input gradient.
        if inputGradient.shape != input.shape {
            report.mismatches.append(Mismatch(tensor: "input gradient shape \(inputGradient.shape) ≠ \(input.shape)",
                                              index: 0, analytic: .nan, numeric: .nan))
            return report
        }
        var x = input
        for i in coordinates(input.count) {
            let original = x.scalars[i]
            x.scalars[i] = original + epsilon
            let plus = x.scalars[i]
            let lossPlus = lossAt(x)
            x.scalars[i] = original - epsilon
            let minus = x.scalars[i]
            let lossMinus = lossAt(x)
            x.scalars[i] = original
            let numeric = (lossPlus - lossMinus) / (Double(plus) - Double(minus))
            record(&report, "input", i, Double(inputGradient.scalars[i]), numeric)
        }

        // Parameter gradients.
        for (parameter, analytic) in zip(layer.parameters, parameterGradients) {
            for i in coordinates(parameter.value.count) {
                let original = parameter.value.scalars[i]
                parameter.value.scalars[i] = original + epsilon
                let plus = parameter.value.scalars[i]
                let lossPlus = lossAt(input)
                parameter.value.scalars[i] = original - epsilon
                let minus = parameter.value.scalars[i]
                let lossMinus = lossAt(input)
                parameter.value.scalars[i] = original
                let numeric = (lossPlus - lossMinus) / (Double(plus) - Double(minus))
                record(&report, parameter.name, i, Double(analytic.scalars[i]), numeric)
            }
        }
        return report
    }

    /// Checks dLoss/doutput of `kind` at `output` for `labels`.
    static func check(_ kind: LossKind, output: Tensor, labels: [Int]) -> Report {
        var gradient = Tensor(shape: [0])
        _ = kind.lossAndGradient(output, labels: labels, gradient: &gradient)
        var report = Report()
        var x = output
        for i in 0..<output.count {
            let original = x.scalars[i]
            x.scalars[i] = original + epsilon
            let plus = x.scalars[i]
            let lossPlus = kind.evaluate(x, labels: labels, gradient: nil)
            x.scalars[i] = original - epsilon
            let minus = x.scalars[i]
            let lossMinus = kind.evaluate(x, labels: labels, gradient: nil)
            x.scalars[i] = original
            let numeric = (lossPlus - lossMinus) / (Double(plus) - Double(minus))
            record(&report, "\(kind) output", i, Double(gradient.scalars[i]), numeric)
        }
        return report
    }

    private static func record(_ report: inout Report, _ tensor: String, _ index: Int,
                               _ analytic: Double, _ numeric: Double) {
        report.checkedCoordinates += 1
        if !agree(analytic, numeric) {
            report.mismatches.append(Mismatch(tensor: tensor, index: index, analytic: analytic, numeric: numeric))
        }
    }
}
