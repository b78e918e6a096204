import Foundation

/// Mean squared error against real-valued targets, for regression.
/// ``LossKind``'s losses take class labels (MSE there targets 0/1); this one
/// takes one number per item and a model with a single output.
public enum RegressionLoss {
    /// L = 1/N Σ (oᵢ − tᵢ)² over a batch of N single outputs (accumulated in Double).
    public static func meanSquaredError(_ output: Tensor, targets: [Float]) -> Float {
        Float(evaluate(output, targets: targets, gradient: nil))
    }

    /// The loss, and dL/doᵢ = 2(oᵢ − tᵢ)/N written into `gradient` (reused
    /// when it already has the output's shape, replaced otherwise).
    public static func meanSquaredError(_ output: Tensor, targets: [Float], gradient: inout Tensor) -> Float {
        if gradient.shape != output.shape { gradient = Tensor(shape: output.shape) }
        return gradient.scalars.withUnsafeMutableBufferPointer { buffer in
            Float(evaluate(output, targets: targets, gradient: buffer.baseAddress))
        }
    }

    private static func evaluate(_ output: Tensor, targets: [Float], gradient: UnsafeMutablePointer<Float>?) -> Double {
        let n = output.batchSize
        precondition(output.itemCount == 1, "a regression model has one output, this one has \(output.itemCount)")
        precondition(targets.count == n, "\(targets.count) targets for a batch of \(n)")
        guard n > 0 else { return 0 }
        let gradientScale = Float(2) / Float(n)
        var total = 0.0
        for i in 0..<n {
            let difference = output.scalars[i] - targets[i]
            total += Double(difference) * Double(difference)
            gradient?[i] = gradientScale * difference
        }
        return total / Double(n)
    }
}
