/// Rosenblatt's perceptron learning rule (1958), for a single threshold unit.
///
///   ŷ = step(w · x + b)  (1 if w · x + b ≥ 0, else 0)
///   w ← w + η (y − ŷ) x
///   b ← b + η (y − ŷ)
///
/// applied online, one example at a time: a correctly classified example
/// changes nothing, a mistake tilts the line toward (or away from) it. If the
/// classes can be separated by a line the rule stops making mistakes after
/// finitely many updates (Novikoff's theorem); if not, as for XOR, it never
/// settles. It is no gradient method (step has no useful derivative), so the
/// ``Trainer`` runs it instead of backpropagation when its rule is
/// ``LearningRule/perceptron``, reporting through the same events.
public enum PerceptronRule {
    /// A message saying why `model` is not a single threshold unit, or nil.
    ///
    /// Accepted: `Dense(n→1)` alone or followed by `Activation(.step)`.
    public static func modelError(_ model: Sequential) -> String? {
        let layers = model.layers
        guard let dense = layers.first as? Dense, dense.outputs == 1 else {
            return "the perceptron rule trains a single unit: the model must start with Dense(n→1)"
        }
        if layers.count == 1 { return nil }
        if layers.count == 2, let activation = layers[1] as? Activation, activation.function == .step {
            return nil
        }
        return "the perceptron rule trains Dense(n→1) followed by a step activation, not \(layers.map(\.summary))"
    }

    /// One online pass over the batch in order; returns how many items were
    /// misclassified at the moment they were seen (before their own update).
    ///
    /// `inputs` is N × n, `labels` are 0 or 1.
    @discardableResult
    public static func train(_ unit: Dense, inputs: Tensor, labels: [Int], learningRate eta: Float) -> Int {
        let n = min(inputs.batchSize, labels.count)
        let width = unit.inputs
        precondition(inputs.itemCount == width, "perceptron of \(width) inputs given items of \(inputs.itemCount)")
        guard n > 0 else { return 0 }
        var mistakes = 0
        inputs.scalars.withUnsafeBufferPointer { xBuffer in
            unit.weight.value.scalars.withUnsafeMutableBufferPointer { w in
                unit.bias.value.scalars.withUnsafeMutableBufferPointer { b in
                    for item in 0..<n {
                        let x = xBuffer.baseAddress! + item * width
                        var activation = b[0]
                        for i in 0..<width { activation += w[i] * x[i] }
                        let predicted: Float = activation >= 0 ? 1 : 0
                        let error = Float(labels[item]) - predicted   // y − ŷ ∈ {−1, 0, 1}
                        guard error != 0 else { continue }
                        mistakes += 1
                        for i in 0..<width { w[i] += eta * error * x[i] }
                        b[0] += eta * error
                    }
                }
            }
        }
        return mistakes
    }
}
