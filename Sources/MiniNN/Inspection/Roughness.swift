/// How noisy a layer's weight pictures are: random static or smooth shapes.
///
/// A patch's roughness, with its mean removed, is the mean squared difference
/// between horizontally and vertically neighbouring weights divided by twice
/// the mean squared weight. Independent noise scores about 1 (two independent
/// draws differ by 2σ² on average); a smooth patch, whose neighbours agree,
/// scores well below; a ±1 checkerboard scores 2. A flat (dead) patch has
/// no roughness: it is counted apart instead of being averaged in.
public struct Roughness: Sendable, Equatable {
    /// One value per patch; nil for a flat one.
    public var values: [Float?]

    public init(values: [Float?]) { self.values = values }

    /// The mean over the patches that are not flat (nil when all are flat or there are none).
    public var mean: Float? {
        let live = values.compactMap { $0 }
        return live.isEmpty ? nil : live.reduce(0, +) / Float(live.count)
    }

    /// How many patches are flat.
    public var flatCount: Int { values.count - values.compactMap { $0 }.count }

    /// A patch counts as flat when its mean squared deviation is below this
    /// share of the layer's largest: scale-free, so a small init is not "flat".
    public static let flatShare: Float = 1e-6

    /// The roughness of each `rows × columns` patch (row-major), flat ones nil.
    public init(patches: [[Float]], rows: Int, columns: Int) {
        let energies = patches.map { Self.energy($0) }
        let largest = energies.max() ?? 0
        values = zip(patches, energies).map { patch, energy in
            guard energy > largest * Self.flatShare, !Self.isConstant(patch, energy: energy),
                  patch.count == rows * columns else { return nil }
            return Self.roughness(patch, rows: rows, columns: columns)
        }
    }

    /// Whether the deviations are only float rounding of a constant patch.
    private static func isConstant(_ patch: [Float], energy: Float) -> Bool {
        let meanSquare = patch.reduce(0) { $0 + $1 * $1 } / Float(max(1, patch.count))
        return !(energy > meanSquare * 1e-10)
    }

    /// The roughness of one patch, or nil when it is flat or too small to have neighbours.
    public static func roughness(_ patch: [Float], rows: Int, columns: Int) -> Float? {
        guard rows > 0, columns > 0, patch.count == rows * columns, rows * columns > 1 else { return nil }
        let mean = patch.reduce(0, +) / Float(patch.count)
        let w = patch.map { $0 - mean }
        let squares = w.reduce(0) { $0 + $1 * $1 } / Float(w.count)
        guard squares > 0, squares.isFinite else { return nil }
        var differences: Float = 0
        var pairs = 0
        for y in 0..<rows {
            for x in 0..<columns {
                let here = w[y * columns + x]
                if x + 1 < columns { let d = w[y * columns + x + 1] - here; differences += d * d; pairs += 1 }
                if y + 1 < rows { let d = w[(y + 1) * columns + x] - here; differences += d * d; pairs += 1 }
            }
        }
        return differences / Float(pairs) / (2 * squares)
    }

    private static func energy(_ patch: [Float]) -> Float {
        guard !patch.isEmpty else { return 0 }
        let mean = patch.reduce(0, +) / Float(patch.count)
        return patch.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(patch.count)
    }
}

extension Sequential {
    /// The roughness of the first weighted layer's pictures: each first-conv
    /// kernel (per input channel), or each first-dense unit's weights seen as
    /// a square image, cropped to its centre `centre × centre` pixels when
    /// given (MNIST's border is never inked, so its weights only decay).
    /// Nil when the first weighted layer has no picture (e.g. 2 inputs).
    public func firstLayerRoughness(centre: Int? = nil) -> Roughness? {
        for layer in layers {
            if let conv = layer as? Conv2D {
                let k = conv.kernelSize
                let weights = conv.weight.value.scalars
                let patches = (0..<(conv.outChannels * conv.inChannels)).map { Array(weights[($0 * k * k)..<(($0 + 1) * k * k)]) }
                return Roughness(patches: patches, rows: k, columns: k)
            }
            if let dense = layer as? Dense {
                let side = Int(Double(dense.inputs).squareRoot().rounded())
                guard side * side == dense.inputs, side >= 2 else { return nil }
                let crop = min(side, max(2, centre ?? side))
                let offset = (side - crop) / 2
                let weights = dense.weight.value.scalars
                // W is outputs × inputs: row u holds unit u's weights, pixel by pixel.
                let patches = (0..<dense.outputs).map { unit in
                    (0..<(crop * crop)).map { i in
                        let pixel = (offset + i / crop) * side + offset + i % crop
                        return weights[unit * dense.inputs + pixel]
                    }
                }
                return Roughness(patches: patches, rows: crop, columns: crop)
            }
        }
        return nil
    }
}
