import Foundation

/// Principal component analysis of a table of rows: the directions along
/// which the rows vary most, and the rows' coordinates along them.
///
/// A plain reference implementation: the covariance matrix in Double, then
/// all its eigenvectors by cyclic Jacobi rotations (exact to rounding for the
/// small, symmetric matrices of a table's columns), sorted by variance.
/// Each component's sign is fixed so that its largest entry is positive, as
/// two runs on the same data must draw the same picture.
public struct PCA: Sendable, Equatable {
    /// The rows' mean, one value per column: the origin of the components' plane.
    public var mean: [Float]
    /// The first components, by decreasing variance: unit vectors of `mean.count` values each.
    public var components: [[Float]]
    /// The variance of the rows along each component (the covariance's eigenvalues, divided by n − 1).
    public var variances: [Float]
    /// The sum of every column's variance: what the components share out.
    public var totalVariance: Float

    /// The share of the total variance each component explains (0…1).
    public var explainedVarianceRatio: [Float] {
        variances.map { totalVariance > 0 ? $0 / totalVariance : 0 }
    }

    /// Fits the first `count` components (at most the column count) to
    /// `rows` rows of `columns` values, row-major. Fewer than two rows give
    /// zero variances and the column axes as components.
    public init(fitting values: [Float], rows: Int, columns: Int, count: Int = 2) {
        precondition(rows >= 0 && columns >= 1 && values.count == rows * columns, "PCA: \(values.count) values for \(rows)×\(columns)")
        var mean = [Double](repeating: 0, count: columns)
        for row in 0..<rows {
            for column in 0..<columns { mean[column] += Double(values[row * columns + column]) }
        }
        if rows > 0 { mean = mean.map { $0 / Double(rows) } }
        // covariance[i][j] = Σ (x_i − m_i)(x_j − m_j) / (n − 1)
        var covariance = [Double](repeating: 0, count: columns * columns)
        var centered = [Double](repeating: 0, count: columns)
        for row in 0..<rows {
            for column in 0..<columns { centered[column] = Double(values[row * columns + column]) - mean[column] }
            for i in 0..<columns {
                for j in i..<columns { covariance[i * columns + j] += centered[i] * centered[j] }
            }
        }
        let divisor = Double(max(1, rows - 1))
        for i in 0..<columns {
            for j in i..<columns {
                covariance[i * columns + j] /= divisor
                covariance[j * columns + i] = covariance[i * columns + j]
            }
        }
        let (eigenvalues, eigenvectors) = Self.jacobiEigen(covariance, size: columns)
        let order = (0..<columns).sorted { eigenvalues[$0] > eigenvalues[$1] || (eigenvalues[$0] == eigenvalues[$1] && $0 < $1) }
        let kept = order.prefix(max(0, min(count, columns)))
        self.mean = mean.map { Float($0) }
        self.components = kept.map { k in
            var vector = (0..<columns).map { eigenvectors[$0 * columns + k] }
            // The sign of an eigenvector is arbitrary: make the entry of largest size positive.
            if let largest = vector.indices.max(by: { abs(vector[$0]) < abs(vector[$1]) }), vector[largest] < 0 {
                vector = vector.map { -$0 }
            }
            return vector.map { Float($0) }
        }
        self.variances = kept.map { Float(max(0, eigenvalues[$0])) }
        self.totalVariance = Float((0..<columns).reduce(0) { $0 + max(0, covariance[$1 * columns + $1]) })
    }

    /// A row's coordinates along the components: (row − mean) · component.
    public func project(_ row: ArraySlice<Float>) -> [Float] {
        components.map { component in
            var sum: Float = 0
            for (offset, value) in row.enumerated() where offset < component.count {
                sum += (value - mean[offset]) * component[offset]
            }
            return sum
        }
    }

    /// The point of the columns' space at `coordinates` along the components:
    /// mean + Σ coordinate × component (extra coordinates are ignored).
    public func reconstruct(_ coordinates: [Float]) -> [Float] {
        var point = mean
        for (component, coordinate) in zip(components, coordinates) {
            for column in point.indices { point[column] += coordinate * component[column] }
        }
        return point
    }

    /// Eigenvalues and eigenvectors (column k of the row-major result) of a
    /// symmetric matrix, by cyclic Jacobi rotations until the off-diagonal is
    /// negligible (at most 100 sweeps; a few suffice).
    static func jacobiEigen(_ matrix: [Double], size n: Int) -> (values: [Double], vectors: [Double]) {
        var a = matrix
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        let scale = max(1e-300, a.reduce(0) { $0 + $1 * $1 })
        for _ in 0..<100 {
            var off = 0.0
            for p in 0..<n { for q in (p + 1)..<max(p + 1, n) { off += a[p * n + q] * a[p * n + q] } }
            if off <= 1e-24 * scale { break }
            for p in 0..<n {
                for q in (p + 1)..<max(p + 1, n) where a[p * n + q] != 0 {
                    // The rotation that zeroes a[p][q] (Golub and Van Loan, algorithm 8.4.2).
                    let theta = (a[q * n + q] - a[p * n + p]) / (2 * a[p * n + q])
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {
                        let akp = a[k * n + p], akq = a[k * n + q]
                        a[k * n + p] = c * akp - s * akq
                        a[k * n + q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p * n + k], aqk = a[q * n + k]
                        a[p * n + k] = c * apk - s * aqk
                        a[q * n + k] = s * apk + c * aqk
                    }
                    for k in 0..<n {
                        let vkp = v[k * n + p], vkq = v[k * n + q]
                        v[k * n + p] = c * vkp - s * vkq
                        v[k * n + q] = s * vkp + c * vkq
                    }
                }
            }
        }
        return ((0..<n).map { a[$0 * n + $0] }, v)
    }
}
