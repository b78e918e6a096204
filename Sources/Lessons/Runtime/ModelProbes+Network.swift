import MiniNN

/// A small dense network on 2-D data as the network picture draws it: what
/// every neuron outputs over the plane, and the weights between the layers.
public struct NetworkPicture: Sendable, Equatable {
    /// Layer by layer, input (x and y) first, output last: one map per neuron.
    public var layers: [[PlaneMap]]
    /// `weights[i]` joins layer i to layer i + 1, row-major outputs × inputs
    /// (`weights[i][o * layers[i].count + j]` from neuron j to neuron o).
    public var weights: [[Float]]

    public init(layers: [[PlaneMap]], weights: [[Float]]) {
        self.layers = layers
        self.weights = weights
    }
}

extension ModelProbes {
    /// The network picture of a model made of dense layers (with activations
    /// and dropout) on 2 inputs, each map `side × side`; nil for any other model
    /// or when a layer is wider than `unitLimit` (an MNIST-sized net is a list).
    /// A 2-way softmax output is drawn as one neuron, class 1's share, with the
    /// difference of its two weight rows: that is what decides between the classes.
    public static func networkPicture(_ model: Sequential, normalization: Normalization, extent: PlaneExtent,
                                      side: Int, unitLimit: Int = 32) -> NetworkPicture? {
        let denseIndices = model.layers.indices.filter { model.layers[$0] is Dense }
        guard let first = denseIndices.first, let firstDense = model.layers[first] as? Dense, firstDense.inputs == 2,
              model.layers.allSatisfy({ $0 is Dense || $0 is Activation || $0 is Dropout }),
              denseIndices.allSatisfy({ ((model.layers[$0] as? Dense)?.outputs ?? 0) <= unitLimit })
        else { return nil }
        let points = side * side
        // The inputs as the network sees them: normalized x and y.
        let inputs = forwardPlane(model, upTo: 0, normalization: normalization, extent: extent, columns: side, rows: side)
        var layers: [[PlaneMap]] = [maps(of: inputs, units: 2, points: points, side: side)]
        var weights: [[Float]] = []
        for (position, index) in denseIndices.enumerated() {
            guard let dense = model.layers[index] as? Dense else { return nil }
            let isLast = position == denseIndices.count - 1
            // A hidden neuron is shown after its activation, as the next layer sees it.
            var end = index + 1
            while end < model.layers.count, !(model.layers[end] is Dense) { end += 1 }
            let outputs = forwardPlane(model, upTo: end, normalization: normalization, extent: extent,
                                       columns: side, rows: side)
            let w = dense.weight.value.scalars
            if isLast && dense.outputs == 2 {
                let share = (0..<points).map { i in
                    classOneShare(Array(outputs.scalars[i * outputs.itemCount ..< (i + 1) * outputs.itemCount]))
                }
                layers.append([PlaneMap(columns: side, rows: side, values: share)])
                weights.append((0..<dense.inputs).map { w[dense.inputs + $0] - w[$0] })
            } else {
                layers.append(maps(of: outputs, units: dense.outputs, points: points, side: side))
                weights.append(Array(w.prefix(dense.outputs * dense.inputs)))
            }
        }
        return NetworkPicture(layers: layers, weights: weights)
    }

    private static func maps(of outputs: Tensor, units: Int, points: Int, side: Int) -> [PlaneMap] {
        let width = outputs.itemCount
        return (0..<min(units, width)).map { unit in
            PlaneMap(columns: side, rows: side, values: (0..<points).map { outputs.scalars[$0 * width + unit] })
        }
    }
}
