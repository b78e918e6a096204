import MiniNN

/// How a table of more than two features is drawn in a plane: its
/// standardized rows projected onto their first two principal components.
/// A point of that plane maps back to the features (through the mean and
/// the components), so the model can be asked about every point of it and
/// the decision boundary drawn there. Two features need no projection: the
/// plane is theirs, standardized (``isIdentity``), so columns in different
/// units (metres and grams) still fill a square.
public struct PlaneProjection: Sendable, Equatable {
    /// Standardizes raw features before the components apply (the model's own normalization).
    public var normalization: Normalization
    /// The first two components of the standardized training rows; nil for two features.
    public var pca: PCA?
    /// Features per row.
    public var featureCount: Int

    /// The projection of `data`'s rows (raw float features, standardized by
    /// `data.normalization`); nil for fewer than two features or for pixels.
    public init?(fitting data: Dataset) {
        guard case .float(let values) = data.features, data.itemSize >= 2, data.count > 0 else { return nil }
        featureCount = data.itemSize
        normalization = data.normalization
        guard featureCount > 2 else { pca = nil; return }
        var standardized = values
        for row in 0..<data.count {
            for column in 0..<featureCount {
                standardized[row * featureCount + column] = Self.standardize(values[row * featureCount + column],
                                                                             column, normalization)
            }
        }
        pca = PCA(fitting: standardized, rows: data.count, columns: featureCount, count: 2)
    }

    /// Whether the plane is the two features themselves.
    public var isIdentity: Bool { pca == nil }

    /// Where one row of raw features lies in the plane.
    public func point(_ row: ArraySlice<Float>) -> (x: Float, y: Float) {
        let standardized = row.enumerated().map { Self.standardize($1, $0, normalization) }
        guard let pca else { return (standardized.first ?? 0, standardized.dropFirst().first ?? 0) }
        let coordinates = pca.project(standardized[...])
        return (coordinates.first ?? 0, coordinates.dropFirst().first ?? 0)
    }

    /// The raw features of the plane's point (x, y): the mean plus x and y
    /// times the two components, then unstandardized.
    public func features(x: Float, y: Float) -> [Float] {
        return (pca?.reconstruct([x, y]) ?? [x, y]).enumerated().map { column, value in
            value * Self.value(normalization.std, column, default: 1) + Self.value(normalization.mean, column, default: 0)
        }
    }

    /// The plane's points of every row of `data`, with their labels.
    public func points(_ data: Dataset) -> [(x: Float, y: Float, label: Int)] {
        guard case .float(let values) = data.features, data.itemSize == featureCount else { return [] }
        return (0..<data.count).map { row in
            let p = point(values[(row * featureCount)..<((row + 1) * featureCount)])
            return (p.x, p.y, Int(data.labels[row]))
        }
    }

    /// The share of the standardized rows' variance the plane shows (1 for two features).
    public var explainedVariance: Float { pca.map { $0.explainedVarianceRatio.reduce(0, +) } ?? 1 }

    private static func standardize(_ value: Float, _ column: Int, _ normalization: Normalization) -> Float {
        (value - Self.value(normalization.mean, column, default: 0)) / Self.value(normalization.std, column, default: 1)
    }

    /// Per-feature statistics, or the single value shared by all features.
    private static func value(_ list: [Float], _ column: Int, default fallback: Float) -> Float {
        list.count == 1 ? list[0] : (list.indices.contains(column) ? list[column] : fallback)
    }
}
