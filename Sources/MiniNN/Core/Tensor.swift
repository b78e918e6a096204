import Foundation

/// A dense, row-major array of `Float` with a shape.
///
/// Value semantics come from the backing `[Float]`: copies share storage until
/// one of them is written (copy-on-write). Batch comes first: a batch of images
/// is N×C×H×W, a batch of feature vectors N×F.
public struct Tensor: Equatable, Sendable, CustomStringConvertible {
    /// Extent of each dimension, outermost first.
    public private(set) var shape: [Int]
    /// The elements in row-major order; `scalars.count == shape.product`.
    public var scalars: [Float]

    /// A tensor of the given shape filled with `value`.
    public init(shape: [Int], repeating value: Float = 0) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
        self.shape = shape
        self.scalars = [Float](repeating: value, count: shape.reduce(1, *))
    }

    /// A tensor that takes `scalars` as its row-major contents.
    ///
    /// The count must match the shape; callers that handle user data should
    /// check first with ``Tensor/elementCount(of:)``.
    public init(shape: [Int], scalars: [Float]) {
        precondition(scalars.count == shape.reduce(1, *),
                     "\(scalars.count) scalars do not fill shape \(shape)")
        self.shape = shape
        self.scalars = scalars
    }

    /// Number of elements a tensor of `shape` holds.
    public static func elementCount(of shape: [Int]) -> Int { shape.reduce(1, *) }

    /// Number of elements.
    public var count: Int { scalars.count }
    /// Number of dimensions.
    public var rank: Int { shape.count }
    /// Size of the first (batch) dimension; 1 for a scalar.
    public var batchSize: Int { shape.first ?? 1 }
    /// Elements per batch item.
    public var itemCount: Int { shape.isEmpty ? 1 : shape.dropFirst().reduce(1, *) }

    /// The same elements seen with another shape of equal element count.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, scalars: scalars)
    }

    /// Changes the shape in place; the element count must stay the same.
    public mutating func reshape(_ newShape: [Int]) {
        precondition(Tensor.elementCount(of: newShape) == scalars.count,
                     "cannot reshape \(shape) to \(newShape)")
        shape = newShape
    }

    /// Element at a full multi-index (slow; for tests and UI, not hot loops).
    public subscript(index: Int...) -> Float {
        get { scalars[offset(of: index)] }
        set { scalars[offset(of: index)] = newValue }
    }

    private func offset(of index: [Int]) -> Int {
        precondition(index.count == shape.count, "index \(index) for shape \(shape)")
        var flat = 0
        for (i, dim) in zip(index, shape) {
            precondition(i >= 0 && i < dim, "index \(index) out of shape \(shape)")
            flat = flat * dim + i
        }
        return flat
    }

    /// Sets every element to zero without reallocating.
    public mutating func zero() {
        scalars.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }

    public var description: String {
        let preview = scalars.prefix(8).map { String(format: "%.4g", $0) }.joined(separator: ", ")
        return "Tensor(\(shape), [\(preview)\(scalars.count > 8 ? ", …" : "")])"
    }
}

