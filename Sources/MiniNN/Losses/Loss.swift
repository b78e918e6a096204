import Foundation

// Losses over a batch of network outputs and integer class labels.
//
//   output: N×W (any per-item shape is read as W = itemCount scalars)
//   labels: N class indices
//
// Targets come from the labels:
// - width 1 (one sigmoid, step or linear unit): the label itself is the 0/1 target;
// - width C ≥ 2: the one-hot vector of the label.
// Every loss is a mean: over the batch for softmax cross-entropy, over all
// N·W elements for mean squared error and binary cross-entropy (PyTorch's
// defaults for MSELoss, BCELoss and CrossEntropyLoss), and the gradient
// carries the same 1/N or 1/(N·W) factor.

extension LossKind {
    /// Probabilities are clamped to [ε, 1−ε] before the logarithm in binary cross-entropy.
    public static let probabilityClamp: Float = 1e-7

    /// Mean loss of `output` against `labels` (accumulated in Double).
    ///
    /// Labels must be valid classes for the output width (see ``labelError(width:labels:)``).
    public func loss(_ output: Tensor, labels: [Int]) -> Float {
        Float(evaluate(output, labels: labels, gradient: nil))
    }

    /// Mean loss, and dLoss/doutput written into `gradient`, which is reused
    /// when it already has the output's shape and replaced otherwise.
    public func lossAndGradient(_ output: Tensor, labels: [Int], gradient: inout Tensor) -> Float {
        if gradient.shape != output.shape { gradient = Tensor(shape: output.shape) }
        return gradient.scalars.withUnsafeMutableBufferPointer { g in
            Float(evaluate(output, labels: labels, gradient: g.baseAddress))
        }
    }

    /// Whether this loss can train an output of this width, as a message when it cannot.
    public func widthError(_ width: Int) -> String? {
        switch self {
        case .softmaxCrossEntropy where width < 2:
            return "softmax cross-entropy needs at least 2 outputs (one per class), the model has \(width)"
        case _ where width < 1:
            return "the model has no outputs"
        default:
            return nil
        }
    }

    /// A message naming the first label that the output width cannot represent, or nil.
    public static func labelError(width: Int, labels: some Collection<Int>) -> String? {
        let classes = width == 1 ? 2 : width
        for (position, label) in labels.enumerated() where label < 0 || label >= classes {
            return "label \(label) of item \(position) does not fit an output of width \(width) (classes 0..<\(classes))"
        }
        return nil
    }

    /// Shared kernel: the mean loss, and the gradient into `gradient` when given.
    @usableFromInline
    func evaluate(_ output: Tensor, labels: [Int], gradient: UnsafeMutablePointer<Float>?) -> Double {
        let n = output.batchSize
        let width = output.itemCount
        precondition(labels.count == n, "\(labels.count) labels for a batch of \(n)")
        precondition(LossKind.labelError(width: width, labels: labels) == nil,
                     LossKind.labelError(width: width, labels: labels) ?? "")
        guard n > 0, width > 0 else { return 0 }
        return output.scalars.withUnsafeBufferPointer { outputBuffer in
            labels.withUnsafeBufferPointer { labelBuffer in
                guard let out = outputBuffer.baseAddress, let label = labelBuffer.baseAddress else { return 0 }
                switch self {
                case .meanSquaredError:
                    return LossKernels.meanSquaredError(out, label, n: n, width: width, gradient: gradient)
                case .binaryCrossEntropy:
                    return LossKernels.binaryCrossEntropy(out, label, n: n, width: width, gradient: gradient)
                case .softmaxCrossEntropy:
                    return LossKernels.softmaxCrossEntropy(out, label, n: n, width: width, gradient: gradient)
                }
            }
        }
    }
}

/// The loss loops, on raw pointers. Each returns the mean loss.
@usableFromInline
enum LossKernels {
    /// The 0/1 target of output element `j` of an item with class `label`.
    @inline(__always)
    static func target(_ label: Int, _ j: Int, width: Int) -> Float {
        width == 1 ? Float(label) : (j == label ? 1 : 0)
    }

    /// L = 1/(N·W) Σ (o − t)²;  dL/do = 2(o − t)/(N·W).
    static func meanSquaredError(
        _ out: UnsafePointer<Float>, _ labels: UnsafePointer<Int>, n: Int, width: Int,
        gradient: UnsafeMutablePointer<Float>?
    ) -> Double {
        let scale = 1 / Double(n * width)
        let gradientScale = Float(2 * scale)
        var total = 0.0
        for i in 0..<n {
            let row = out + i * width
            var rowSum: Float = 0
            for j in 0..<width {
                let difference = row[j] - target(labels[i], j, width: width)
                rowSum += difference * difference
                gradient?[i * width + j] = gradientScale * difference
            }
            total += Double(rowSum)
        }
        return total * scale
    }

    /// L = −1/(N·W) Σ t·log p + (1 − t)·log(1 − p), p clamped to [ε, 1 − ε];
    /// dL/dp = (p − t) / (p(1 − p)) / (N·W) at the clamped p.
    static func binaryCrossEntropy(
        _ out: UnsafePointer<Float>, _ labels: UnsafePointer<Int>, n: Int, width: Int,
        gradient: UnsafeMutablePointer<Float>?
    ) -> Double {
        let epsilon = LossKind.probabilityClamp
        let scale = 1 / Double(n * width)
        var total = 0.0
        for i in 0..<n {
            for j in 0..<width {
                let p = min(max(out[i * width + j], epsilon), 1 - epsilon)
                let t = target(labels[i], j, width: width)
                total -= Double(t * logf(p) + (1 - t) * logf(1 - p))
                gradient?[i * width + j] = Float(Double((p - t) / (p * (1 - p))) * scale)
            }
        }
        return total * scale
    }

    /// Fused softmax and cross-entropy on logits z:
    /// L = 1/N Σ (log Σ_j exp(z_j − max z) − (z_y − max z));  dL/dz = (softmax(z) − onehot(y)) / N.
    /// Subtracting the row maximum keeps exp in range for logits of any size.
    static func softmaxCrossEntropy(
        _ out: UnsafePointer<Float>, _ labels: UnsafePointer<Int>, n: Int, width: Int,
        gradient: UnsafeMutablePointer<Float>?
    ) -> Double {
        let inverseN = 1 / Float(n)
        var total = 0.0
        for i in 0..<n {
            let row = out + i * width
            var maximum = row[0]
            for j in 1..<width where row[j] > maximum { maximum = row[j] }
            var sum: Float = 0
            if let gradient {
                let gradientRow = gradient + i * width
                for j in 0..<width {
                    let e = expf(row[j] - maximum)
                    gradientRow[j] = e
                    sum += e
                }
                let scale = inverseN / sum
                for j in 0..<width { gradientRow[j] *= scale }
                gradientRow[labels[i]] -= inverseN
            } else {
                for j in 0..<width { sum += expf(row[j] - maximum) }
            }
            total += Double(logf(sum) - (row[labels[i]] - maximum))
        }
        return total / Double(n)
    }
}

/// How outputs become class predictions.
///
/// - Width 1: class 1 when the output is ≥ 0.5, else class 0. This suits a
///   sigmoid (probability), a step unit (0 or 1), and a linear unit trained on
///   0/1 targets with mean squared error (halfway between the targets).
/// - Width C ≥ 2: the index of the largest output (the first on ties).
public enum Prediction {
    /// The threshold for width-1 outputs.
    public static let threshold: Float = 0.5

    /// The predicted class of every item of the batch.
    public static func classes(_ output: Tensor) -> [Int] {
        var result = [Int](repeating: 0, count: output.batchSize)
        let width = output.itemCount
        guard width > 0, !result.isEmpty else { return result }
        output.scalars.withUnsafeBufferPointer { out in
            guard let base = out.baseAddress else { return }
            for i in 0..<result.count { result[i] = predictedClass(base + i * width, width: width) }
        }
        return result
    }

    /// How many items of the batch are predicted as their label.
    public static func correctCount(_ output: Tensor, labels: [Int]) -> Int {
        let width = output.itemCount
        let n = min(output.batchSize, labels.count)
        guard n > 0, width > 0 else { return 0 }
        return output.scalars.withUnsafeBufferPointer { out in
            guard let base = out.baseAddress else { return 0 }
            var correct = 0
            for i in 0..<n where predictedClass(base + i * width, width: width) == labels[i] {
                correct += 1
            }
            return correct
        }
    }

    /// Fraction of the batch predicted as its label (0 for an empty batch).
    public static func accuracy(_ output: Tensor, labels: [Int]) -> Float {
        let n = min(output.batchSize, labels.count)
        return n == 0 ? 0 : Float(correctCount(output, labels: labels)) / Float(n)
    }

    @inline(__always)
    static func predictedClass(_ row: UnsafePointer<Float>, width: Int) -> Int {
        if width == 1 { return row[0] >= threshold ? 1 : 0 }
        var best = 0
        for j in 1..<width where row[j] > row[best] { best = j }
        return best
    }
}
