extension Dataset {
    /// The mean and standard deviation of this dataset's features (bytes
    /// scaled by 1/255 first, as batches are), so that `(x − mean) / std` has
    /// mean 0 and standard deviation 1 on it. Fit it on the training part only.
    ///
    /// - Parameter perFeature: one mean and deviation per feature (iris), or a
    ///   single pair over all values (MNIST pixels, whose blank border pixels
    ///   would otherwise be divided by almost nothing).
    ///
    /// A constant feature gets std 1 instead of 0, so it is only centred.
    public func standardization(perFeature: Bool = true) -> Normalization {
        let size = itemSize
        guard count > 0, size > 0 else { return .identity }
        // Sums in Double: a Float running sum over 47 million pixels would lose digits.
        var sums = [Double](repeating: 0, count: size)
        var squares = [Double](repeating: 0, count: size)
        func accumulate<T>(_ values: [T], scale: Double, _ convert: (T) -> Double) {
            values.withUnsafeBufferPointer { pointer in
                for row in 0..<count {
                    let base = row * size
                    for feature in 0..<size {
                        let x = convert(pointer[base + feature]) * scale
                        sums[feature] += x
                        squares[feature] += x * x
                    }
                }
            }
        }
        switch features {
        case .float(let values): accumulate(values, scale: 1) { Double($0) }
        case .bytes(let values): accumulate(values, scale: 1.0 / 255) { Double($0) }
        }
        if !perFeature {
            sums = [sums.reduce(0, +)]
            squares = [squares.reduce(0, +)]
        }
        let n = Double(count) * Double(perFeature ? 1 : size)
        var mean = [Float](repeating: 0, count: sums.count)
        var std = [Float](repeating: 1, count: sums.count)
        for feature in sums.indices {
            let average = sums[feature] / n
            let variance = max(0, squares[feature] / n - average * average)
            mean[feature] = Float(average)
            let deviation = Float(variance.squareRoot())
            std[feature] = deviation > 1e-6 ? deviation : 1
        }
        return Normalization(mean: mean, std: std)
    }
}
