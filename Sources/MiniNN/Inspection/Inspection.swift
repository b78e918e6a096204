/// Read-only views of a model for the UI: kernels and activation maps as
/// plain arrays, so widgets can draw them without knowing about tensors.

extension Conv2D {
    /// The kernels as plain nested arrays, `kernels[out][in][ky][kx]`.
    public var kernels: [[[[Float]]]] {
        let k = kernelSize
        return weight.value.scalars.withUnsafeBufferPointer { w in
            (0..<outChannels).map { o in
                (0..<inChannels).map { c in
                    (0..<k).map { ky in
                        let start = ((o * inChannels + c) * k + ky) * k
                        return Array(w[start..<(start + k)])
                    }
                }
            }
        }
    }
}

/// One layer's output for one input item.
public struct ActivationMap: Sendable, Equatable {
    /// Position of the layer in its model.
    public var layerIndex: Int
    /// The layer's one-line summary, e.g. "Conv2D 1→8 5×5 pad 2".
    public var layer: String
    /// Per-item shape of the output, e.g. [8, 28, 28] or [10].
    public var shape: [Int]
    /// The output in row-major order.
    public var values: [Float]

    /// Channel `index` of a C×H×W map as rows of pixels; nil for other
    /// shapes or a channel out of range.
    public func channel(_ index: Int) -> [[Float]]? {
        guard shape.count == 3, (0..<shape[0]).contains(index) else { return nil }
        let (height, width) = (shape[1], shape[2])
        let start = index * height * width
        return (0..<height).map { y in Array(values[(start + y * width)..<(start + (y + 1) * width)]) }
    }

    /// Number of channels of a C×H×W map (1 for any other shape).
    public var channelCount: Int { shape.count == 3 ? shape[0] : 1 }
}

extension Sequential {
    /// Runs one item through the model in inference mode and returns every
    /// layer's output, input side first.
    ///
    /// `item` holds one example: shaped like ``inputShape`` or with a leading
    /// batch dimension of 1; any other element count throws a ``ShapeError``.
    /// Layers reuse their buffers, so call this from the thread that trains
    /// (between steps), not concurrently with training.
    public func activations(for item: Tensor) throws(ShapeError) -> [ActivationMap] {
        let expected = Tensor.elementCount(of: inputShape)
        guard item.count == expected else {
            throw ShapeError(layer: "model input", inputShape: item.shape,
                             expected: inputShape.map(String.init).joined(separator: "×"))
        }
        var x = item.reshaped([1] + inputShape)
        var maps: [ActivationMap] = []
        for (index, layer) in layers.enumerated() {
            x = layer.forward(x, training: false)
            maps.append(ActivationMap(layerIndex: index, layer: layer.summary,
                                      shape: shapes[index + 1], values: x.scalars))
        }
        return maps
    }
}
