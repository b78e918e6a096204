// Freezing layers and swapping a model's head: the two moves of fine-tuning.
//
// A frozen layer still runs forward; its parameters keep their values because
// the optimizer skips them, and the trainer's backward pass ends at the lowest
// layer that still trains, so frozen layers below it cost no backward time.

extension Sequential {
    /// Marks every parameter of the layers at `indices` trainable or frozen.
    /// Indices outside the model are ignored.
    public func setTrainable(_ trainable: Bool, layers indices: some Sequence<Int>) {
        for index in indices where layers.indices.contains(index) {
            for parameter in layers[index].parameters { parameter.isTrainable = trainable }
        }
    }

    /// Freezes every layer below `index` (e.g. the convolutions under a dense head).
    public func freeze(below index: Int) {
        setTrainable(false, layers: 0..<min(max(0, index), layers.count))
    }

    /// Indices of the layers that have parameters, none of them trainable.
    public var frozenLayerIndices: [Int] {
        layers.indices.filter { index in
            let parameters = layers[index].parameters
            return !parameters.isEmpty && parameters.allSatisfy { !$0.isTrainable }
        }
    }

    /// The lowest layer with a trainable parameter (nil: nothing trains).
    public var firstTrainableLayerIndex: Int? {
        layers.firstIndex { $0.parameters.contains(where: \.isTrainable) }
    }

    /// The parameters training changes, layer by layer.
    public var trainableParameters: [Parameter] { parameters.filter(\.isTrainable) }

    /// A model that keeps this one's first `count` layers (the same objects,
    /// so their weights and frozen flags) and puts `head` on top of them.
    ///
    /// Throws ``ShapeError`` when the head does not fit what the kept layers output.
    public func replacingHead(keeping count: Int, with head: [any Layer]) throws(ShapeError) -> Sequential {
        let kept = Array(layers.prefix(max(0, min(count, layers.count))))
        return try Sequential(inputShape: inputShape, layers: kept + head)
    }
}
