import MiniNN

/// A model's output sampled over a rectangle of the plane, for 2-D data.
public struct PlaneMap: Sendable, Equatable {
    /// Samples across and down; row 0 is the top (largest y).
    public var columns: Int
    public var rows: Int
    /// Row-major values, `rows × columns`.
    public var values: [Float]

    public init(columns: Int, rows: Int, values: [Float]) {
        self.columns = columns; self.rows = rows; self.values = values
    }
}

/// The part of the plane a 2-D data set occupies, with a margin.
public struct PlaneExtent: Sendable, Equatable {
    public var minX: Float, maxX: Float, minY: Float, maxY: Float

    public init(minX: Float, maxX: Float, minY: Float, maxY: Float) {
        self.minX = minX; self.maxX = maxX; self.minY = minY; self.maxY = maxY
    }

    /// The bounding box of the data's raw points (before normalization) plus 10% on each side.
    public init(covering datasets: [Dataset]) {
        var xs: [Float] = [], ys: [Float] = []
        for set in datasets where set.itemSize == 2 {
            if case .float(let values) = set.features {
                for i in 0..<set.count { xs.append(values[2 * i]); ys.append(values[2 * i + 1]) }
            }
        }
        self.init(coveringX: xs, y: ys)
    }

    /// The bounding box of points given by their coordinates, plus 10% on each side.
    public init(coveringX xs: [Float], y ys: [Float]) {
        let lowX = xs.min() ?? -1, highX = xs.max() ?? 1
        let lowY = ys.min() ?? -1, highY = ys.max() ?? 1
        let marginX = max(0.1, (highX - lowX) * 0.1), marginY = max(0.1, (highY - lowY) * 0.1)
        self.init(minX: lowX - marginX, maxX: highX + marginX, minY: lowY - marginY, maxY: highY + marginY)
    }

    /// The point at the centre of sample (column, row) of a `columns × rows` map.
    public func point(column: Int, row: Int, columns: Int, rows: Int) -> (x: Float, y: Float) {
        let x = minX + (Float(column) + 0.5) / Float(max(1, columns)) * (maxX - minX)
        let y = maxY - (Float(row) + 0.5) / Float(max(1, rows)) * (maxY - minY)
        return (x, y)
    }
}

/// Read-only looks into a model, for the visuals. Each runs the model in
/// inference mode and copies what it needs, so the result can go to another
/// thread while training continues. Call them on the thread that trains.
public enum ModelProbes {
    /// The probability of class 1 (2-class models) over the plane; for more
    /// classes, the predicted class index divided by (classes − 1).
    ///
    /// With a `projection`, the plane is its plane (a table's first two
    /// principal components) and each sample is mapped back to the features.
    public static func decisionMap(_ model: Sequential, normalization: Normalization, extent: PlaneExtent,
                                   columns: Int, rows: Int, projection: PlaneProjection? = nil) -> PlaneMap {
        let outputs = forwardPlane(model, upTo: model.layers.count, normalization: normalization,
                                   extent: extent, columns: columns, rows: rows, projection: projection)
        let width = outputs.itemCount
        var values = [Float](repeating: 0, count: columns * rows)
        for i in 0..<values.count {
            let row = Array(outputs.scalars[i * width ..< (i + 1) * width])
            values[i] = classOneShare(row)
        }
        return PlaneMap(columns: columns, rows: rows, values: values)
    }

    /// What each unit of the first hidden layer outputs over the plane (after its activation), at most `limit` units.
    public static func neuronMaps(_ model: Sequential, normalization: Normalization, extent: PlaneExtent,
                                  columns: Int, rows: Int, limit: Int, projection: PlaneProjection? = nil) -> [PlaneMap] {
        // The first activation after the first dense layer, or the dense layer itself.
        guard let firstDense = model.layers.firstIndex(where: { $0 is Dense }) else { return [] }
        var end = firstDense + 1
        if end < model.layers.count, model.layers[end] is Activation { end += 1 }
        let outputs = forwardPlane(model, upTo: end, normalization: normalization, extent: extent,
                                   columns: columns, rows: rows, projection: projection)
        let units = min(limit, outputs.itemCount)
        return (0..<units).map { unit in
            let values = (0..<columns * rows).map { outputs.scalars[$0 * outputs.itemCount + unit] }
            return PlaneMap(columns: columns, rows: rows, values: values)
        }
    }

    /// Runs the first `layerCount` layers on a grid of points covering `extent`
    /// (mapped back to the features by `projection` when there is one).
    static func forwardPlane(_ model: Sequential, upTo layerCount: Int, normalization: Normalization,
                             extent: PlaneExtent, columns: Int, rows: Int, projection: PlaneProjection? = nil) -> Tensor {
        let width = projection?.featureCount ?? 2
        var points = [Float](repeating: 0, count: width * columns * rows)
        for row in 0..<rows {
            for column in 0..<columns {
                let p = extent.point(column: column, row: row, columns: columns, rows: rows)
                let i = row * columns + column
                if let projection {
                    let features = projection.features(x: p.x, y: p.y)
                    for k in 0..<min(width, features.count) { points[width * i + k] = features[k] }
                } else {
                    points[2 * i] = p.x
                    points[2 * i + 1] = p.y
                }
            }
        }
        let grid = Dataset(name: "plane", itemShape: [width], classNames: ["0", "1"], features: .float(points),
                           labels: [UInt8](repeating: 0, count: columns * rows), normalization: normalization)
        var x = grid.allItems().inputs
        for layer in model.layers.prefix(layerCount) { x = layer.forward(x, training: false) }
        return x
    }

    /// Class 1's probability from one output row: a width-1 output is taken
    /// as it is (sigmoid or step), a 2-wide one through softmax, wider ones
    /// as the predicted class scaled to [0, 1].
    static func classOneShare(_ row: [Float]) -> Float {
        switch row.count {
        case 0: return 0
        case 1: return min(1, max(0, row[0]))
        case 2:
            let difference = row[1] - row[0]
            return 1 / (1 + expf(-difference))
        default:
            var best = 0
            for j in 1..<row.count where row[j] > row[best] { best = j }
            return Float(best) / Float(row.count - 1)
        }
    }

    /// Training item `index` of `data` drawn `count` times through
    /// `augmentation` (draws from `seed`), as pixels in 0…1: what the network
    /// is shown of it in a batch. Empty when the data is not images.
    public static func augmentedDigits(_ data: Dataset, index: Int, augmentation: Augmentation,
                                       count: Int, seed: UInt64) -> [[Float]] {
        guard data.canAugment, data.count > 0, count > 0 else { return [] }
        var sample = data.subset(indices: Array(repeating: min(max(0, index), data.count - 1), count: count))
        sample.normalization = .identity
        var inputs = Tensor(shape: [0]), labels: [Int] = []
        var generator = SeededGenerator(seed: seed, stream: 0x5345_4553)
        sample.fill(&inputs, labels: &labels, with: 0..<count, augmenting: augmentation, using: &generator)
        let size = data.itemSize
        return (0..<count).map { Array(inputs.scalars[$0 * size ..< ($0 + 1) * size]) }
    }

    /// The first dense layer's weights for its first `limit` units, one
    /// array of `inputs` values per unit (28×28 pictures for MNIST).
    public static func firstLayerWeights(_ model: Sequential, limit: Int) -> [[Float]] {
        guard let dense = model.layers.first(where: { $0 is Dense }) as? Dense else { return [] }
        // W is outputs × inputs: row j holds unit j's weights.
        let weights = dense.weight.value.scalars
        let units = min(limit, dense.outputs)
        return (0..<units).map { unit in Array(weights[unit * dense.inputs ..< (unit + 1) * dense.inputs]) }
    }

    /// The first layer's roughness as the lessons measure it (see ``Roughness``):
    /// conv kernels whole, a dense layer's 28×28 pictures on their centre
    /// 20×20, where digits are inked (the border pixels never get a gradient).
    public static func firstLayerRoughness(_ model: Sequential) -> Roughness? {
        model.firstLayerRoughness(centre: 20)
    }

    /// The first conv layer's kernels: one k×k array per output channel
    /// (input channel 0), with the kernel side.
    public static func firstConvKernels(_ model: Sequential) -> (side: Int, kernels: [[Float]])? {
        guard let conv = model.layers.first(where: { $0 is Conv2D }) as? Conv2D else { return nil }
        let k = conv.kernelSize
        let perOutput = conv.inChannels * k * k
        let scalars = conv.weight.value.scalars
        let kernels = (0..<conv.outChannels).map { out in Array(scalars[out * perOutput ..< out * perOutput + k * k]) }
        return (k, kernels)
    }

    /// One image's feature maps after every conv and pooling layer (after the
    /// activation that follows a conv, when there is one).
    public static func activationMaps(_ model: Sequential, image: Tensor) -> [FeatureMaps] {
        var result: [FeatureMaps] = []
        var x = image
        let layers = model.layers
        for (index, layer) in layers.enumerated() {
            x = layer.forward(x, training: false)
            let nextIsActivation = index + 1 < layers.count && layers[index + 1] is Activation
            let shows = (layer is Conv2D && !nextIsActivation) || layer is MaxPool2D
                || (layer is Activation && index > 0 && layers[index - 1] is Conv2D)
            if shows, x.rank == 4 {
                let name = layer is Activation ? layers[index - 1].summary + " + " + layer.summary : layer.summary
                result.append(FeatureMaps(layer: name, channels: x.shape[1], height: x.shape[2], width: x.shape[3],
                                          values: x.scalars))
            }
        }
        return result
    }

    /// Every example of `data` classified, with the probability of the prediction.
    public static func classify(_ model: Sequential, data: Dataset, limit: Int = .max,
                                batchSize: Int = 500) -> [ClassifiedExample] {
        var result: [ClassifiedExample] = []
        let count = min(limit, data.count)
        result.reserveCapacity(count)
        var start = 0
        while start < count {
            let end = min(count, start + batchSize)
            let batch = data.batch(start..<end)
            let output = model.forward(batch.inputs, training: false)
            let width = output.itemCount
            for i in 0..<(end - start) {
                let probabilities = probabilitiesOf(Array(output.scalars[i * width ..< (i + 1) * width]))
                result.append(ClassifiedExample(index: start + i, label: batch.labels[i], probabilities: probabilities))
            }
            start = end
        }
        return result
    }

    /// Class probabilities from one output row: softmax for logits, the pair
    /// (1 − p, p) for a single sigmoid or step unit.
    public static func probabilitiesOf(_ row: [Float]) -> [Float] {
        if row.count == 1 {
            let p = min(1, max(0, row[0]))
            return [1 - p, p]
        }
        let largest = row.max() ?? 0
        let exps = row.map { expf($0 - largest) }
        let total = exps.reduce(0, +)
        return exps.map { $0 / total }
    }

    /// Counts[true][predicted] over classified examples.
    public static func confusionMatrix(_ examples: [ClassifiedExample], classes: Int) -> [[Int]] {
        var counts = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
        for example in examples where example.label < classes && example.predicted < classes {
            counts[example.label][example.predicted] += 1
        }
        return counts
    }
}

/// One layer's feature maps for one image.
public struct FeatureMaps: Sendable, Equatable {
    /// The layer's summary, e.g. "MaxPool2D 2×2".
    public var layer: String
    public var channels: Int
    public var height: Int
    public var width: Int
    /// channels × height × width values.
    public var values: [Float]

    /// Channel `c`'s map, row-major.
    public func map(_ channel: Int) -> ArraySlice<Float> {
        let area = height * width
        return values[channel * area ..< (channel + 1) * area]
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
