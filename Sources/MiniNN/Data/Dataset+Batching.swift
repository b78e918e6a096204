// Turning a Dataset into mini-batches.
//
// A batch of item indices [i₀, i₁, …] becomes a Float tensor N × itemShape:
//   bytes:  x = (raw / 255 − mean_f) / std_f
//   floats: x = (raw − mean_f) / std_f
// where f is the feature's position within the item and mean/std hold either
// one value per feature or a single value for all. `fill` writes into a tensor
// the caller keeps, so training allocates nothing per batch once the buffer
// exists for that batch size.

extension Dataset {
    /// A message naming the first inconsistency (feature count, labels, normalization), or nil.
    ///
    /// Readers build consistent datasets; this guards datasets assembled by hand
    /// before a trainer trusts them.
    public var consistencyError: String? {
        let expected = count * itemSize
        let actual: Int
        switch features {
        case .float(let values): actual = values.count
        case .bytes(let values): actual = values.count
        }
        if actual != expected {
            return "\(name): \(actual) feature values for \(count) items of \(itemSize) (expected \(expected))"
        }
        if let bad = labels.firstIndex(where: { Int($0) >= classCount }) {
            return "\(name): item \(bad) has label \(labels[bad]) but there are only \(classCount) classes"
        }
        for (label, values) in [("mean", normalization.mean), ("std", normalization.std)]
        where values.count != 1 && values.count != itemSize {
            return "\(name): normalization \(label) has \(values.count) values; expected 1 or \(itemSize)"
        }
        if normalization.std.contains(where: { !($0.isFinite && $0 != 0) }) {
            return "\(name): normalization std must be finite and nonzero"
        }
        return nil
    }

    /// The items at `indices` as a new batch (allocates; see ``fill(_:labels:with:)`` for the reusing form).
    public func batch(_ indices: some Collection<Int>) -> Batch {
        var inputs = Tensor(shape: [indices.count] + itemShape)
        var labels: [Int] = []
        fill(&inputs, labels: &labels, with: indices)
        return Batch(inputs: inputs, labels: labels)
    }

    /// The whole dataset as one batch, in order.
    public func allItems() -> Batch { batch(0..<count) }

    /// Writes the items at `indices` into `inputs` and their classes into `labels`.
    ///
    /// `inputs` is reused, keeping its shape, when it already holds `indices.count`
    /// items of `itemSize` values (so a caller may keep it shaped for its model,
    /// e.g. N×1×28×28 for items stored as 784 values); otherwise it becomes a
    /// new N × itemShape tensor. `labels` keeps its capacity.
    /// Indices must lie in `0..<count`.
    public func fill(_ inputs: inout Tensor, labels: inout [Int], with indices: some Collection<Int>) {
        prepareBatch(&inputs, labels: &labels, with: indices)
        let width = itemSize
        guard indices.count > 0, width > 0 else { return }
        // An empty normalization would leave nothing to divide by: read it as the identity.
        let mean = normalization.mean.isEmpty ? [0] : normalization.mean
        let std = normalization.std.isEmpty ? [1] : normalization.std
        inputs.scalars.withUnsafeMutableBufferPointer { destination in
            mean.withUnsafeBufferPointer { meanBuffer in
                std.withUnsafeBufferPointer { stdBuffer in
                    guard let out = destination.baseAddress else { return }
                    let converter = FeatureConverter(mean: meanBuffer, std: stdBuffer, width: width)
                    switch features {
                    case .bytes(let bytes):
                        bytes.withUnsafeBufferPointer { source in
                            for (row, index) in indices.enumerated() {
                                converter.convert(source.baseAddress! + index * width, scale: 1 / 255,
                                                  into: out + row * width)
                            }
                        }
                    case .float(let values):
                        values.withUnsafeBufferPointer { source in
                            for (row, index) in indices.enumerated() {
                                converter.convert(source.baseAddress! + index * width, scale: 1,
                                                  into: out + row * width)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Shapes `inputs` for the batch (reused when it fits), writes the labels
    /// and checks the indices and the feature count; the pixels are left to the caller.
    func prepareBatch(_ inputs: inout Tensor, labels: inout [Int], with indices: some Collection<Int>) {
        let n = indices.count
        let width = itemSize
        if !(inputs.rank >= 2 && inputs.batchSize == n && inputs.count == n * width) {
            inputs = Tensor(shape: [n] + itemShape)
        }
        labels.removeAll(keepingCapacity: true)
        for index in indices {
            precondition(index >= 0 && index < count, "item \(index) is outside \(name) (0..<\(count))")
            labels.append(Int(self.labels[index]))
        }
        let featureCount: Int
        switch features {
        case .float(let values): featureCount = values.count
        case .bytes(let values): featureCount = values.count
        }
        precondition(n == 0 || featureCount >= count * width,
                     "\(name) holds \(featureCount) feature values, too few for \(count) items of \(width)")
    }

    /// The order of one epoch: all item indices shuffled by `generator`.
    public func shuffledOrder(using generator: inout SeededGenerator) -> [Int] {
        generator.permutation(count)
    }

    /// The order of one epoch for `seed` (the same seed gives the same order).
    public func shuffledOrder(seed: UInt64) -> [Int] {
        var generator = SeededGenerator(seed: seed)
        return generator.permutation(count)
    }
}

/// Scales and normalizes one item's raw values into Float.
private struct FeatureConverter {
    let mean: UnsafeBufferPointer<Float>
    let std: UnsafeBufferPointer<Float>
    let width: Int

    @inline(__always)
    func convert<Raw: BinaryInteger>(_ source: UnsafePointer<Raw>, scale: Float, into out: UnsafeMutablePointer<Float>) {
        if mean.count == 1 && std.count == 1 {
            let m = mean[0], s = std[0]
            for f in 0..<width { out[f] = (Float(source[f]) * scale - m) / s }
        } else {
            for f in 0..<width {
                out[f] = (Float(source[f]) * scale - mean[f % mean.count]) / std[f % std.count]
            }
        }
    }

    @inline(__always)
    func convert(_ source: UnsafePointer<Float>, scale: Float, into out: UnsafeMutablePointer<Float>) {
        if mean.count == 1 && std.count == 1 {
            let m = mean[0], s = std[0]
            for f in 0..<width { out[f] = (source[f] * scale - m) / s }
        } else {
            for f in 0..<width {
                out[f] = (source[f] * scale - mean[f % mean.count]) / std[f % std.count]
            }
        }
    }
}
