/// The largest network MiniNN agrees to build or run: a model file, the
/// sandbox and the command line all describe architectures and batch sizes
/// that are untrusted, and a few numbers in a 180 KB file can otherwise ask
/// for 100 GB.
///
/// The limits sit far above anything the course, the recipes or the sandbox
/// build (the sandbox's 784→256→256→10 or its convnet at batch 512 use a few
/// percent of each; mnist-cnn at the largest batch, 4,096, about 40% of the
/// activations), and far below what would exhaust a laptop's memory.
public enum ModelLimits {
    /// Layers in one model.
    public static let maximumLayers = 64
    /// Units of a Dense layer, channels of a Conv2D layer.
    public static let maximumWidth = 1_024
    /// Trainable scalars in the whole model (200 MB of Float).
    public static let maximumParameters = 50_000_000
    /// Bytes of the activations of one batch (see ``activationBytes(of:batchSize:)``).
    public static let maximumActivationBytes = 1 << 30
    /// Examples per batch, for training and evaluation.
    public static let maximumBatchSize = 4_096
    /// The batch the trainer evaluates with (``Trainer/evaluationBatchSize``'s default):
    /// a model must fit it as well as its training batch.
    public static let evaluationBatchSize = 500

    /// Why `spec` run on batches of `batchSize` is past a limit, in words
    /// ("layer 0 (conv2d …) has 4,096 channels; the limit is 1,024"), or nil
    /// when it is within all of them. Shapes that do not fit are left to
    /// ``ModelBuilder``, which explains them better.
    public static func violation(of spec: ModelSpec, batchSize: Int) -> String? {
        if batchSize > maximumBatchSize {
            return "a batch of \(batchSize.grouped) examples is above the limit of \(maximumBatchSize.grouped)"
        }
        if spec.layers.count > maximumLayers {
            return "\(spec.layers.count.grouped) layers is above the limit of \(maximumLayers)"
        }
        var parameters = 0
        for (index, layer) in spec.layers.enumerated() {
            let width: Int
            switch layer {
            case .dense(_, let outputs): width = outputs
            case .conv2d(let inChannels, let outChannels, _, _, _): width = max(inChannels, outChannels)
            default: width = 0
            }
            if width > maximumWidth {
                let unit = if case .dense = layer { "units" } else { "channels" }
                return "layer \(index) (\(layer)) has \(width.grouped) \(unit); the limit is \(maximumWidth.grouped)"
            }
            guard let count = parameterCount(of: layer) else {
                return "layer \(index) (\(layer)) has too many parameters to count"
            }
            parameters = parameters &+ count
            if parameters > maximumParameters || parameters < 0 {
                return "more than \(maximumParameters.grouped) parameters (the limit) by layer \(index)"
            }
        }
        guard let bytes = activationBytes(of: spec, batchSize: max(1, batchSize)) else {
            return "its activations are too large to count"
        }
        if bytes > maximumActivationBytes {
            return "a batch of \(batchSize.grouped) needs \(gibibytes(bytes)) of activations; "
                + "the limit is \(gibibytes(maximumActivationBytes))"
        }
        return nil
    }

    /// Bytes of Float a forward pass of a batch holds: the input and every
    /// layer's output, plus the padded input copy a convolution keeps for its
    /// backward pass, all times the batch, and once the largest unfolded
    /// input (im2col columns are per worker, one image at a time). The
    /// backward pass needs about as much again; this is what grows with a
    /// crafted width or batch. Nil on overflow; shapes that do not fit end
    /// the count where they stop fitting.
    public static func activationBytes(of spec: ModelSpec, batchSize: Int) -> Int? {
        var shape = spec.inputShape
        guard var perItem = checkedProduct(shape) else { return nil }
        var largestColumns = 0
        for layer in spec.layers {
            guard let next = outputShape(of: layer, for: shape), let outputCount = checkedProduct(next) else { break }
            var layerCount = outputCount
            if case .conv2d(let inChannels, _, let kernel, _, let padding) = layer {
                guard let padded = checkedProduct([inChannels, shape[1] + 2 * padding, shape[2] + 2 * padding]),
                      let columns = checkedProduct([inChannels, kernel, kernel, next[1], next[2]]) else { return nil }
                layerCount = layerCount &+ padded
                largestColumns = max(largestColumns, columns)
            }
            perItem = perItem &+ layerCount
            if perItem < 0 { return nil }
            shape = next
        }
        guard let batch = checkedProduct([perItem, batchSize]), case (let total, false) = batch.addingReportingOverflow(largestColumns),
              let bytes = checkedProduct([total, MemoryLayout<Float>.size]) else { return nil }
        return bytes
    }

    /// A layer's output shape for an item of `shape`, or nil when it does not fit.
    static func outputShape(of layer: LayerSpec, for shape: [Int]) -> [Int]? {
        switch layer {
        case .dense(let inputs, let outputs):
            return shape == [inputs] ? [outputs] : nil
        case .activation, .dropout:
            return shape
        case .flatten:
            return checkedProduct(shape).map { [$0] }
        case .conv2d(let inChannels, let outChannels, let kernel, let stride, let padding):
            guard shape.count == 3, shape[0] == inChannels, stride > 0 else { return nil }
            let height = Im2Col.outputSize(input: shape[1], kernel: kernel, stride: stride, padding: padding)
            let width = Im2Col.outputSize(input: shape[2], kernel: kernel, stride: stride, padding: padding)
            return height > 0 && width > 0 ? [outChannels, height, width] : nil
        case .maxPool2d(let window, let stride):
            guard shape.count == 3, stride > 0, shape[1] >= window, shape[2] >= window else { return nil }
            return [shape[0], Im2Col.outputSize(input: shape[1], kernel: window, stride: stride, padding: 0),
                    Im2Col.outputSize(input: shape[2], kernel: window, stride: stride, padding: 0)]
        }
    }

    /// Weights and biases of one layer, or nil on overflow.
    static func parameterCount(of layer: LayerSpec) -> Int? {
        switch layer {
        case .dense(let inputs, let outputs):
            return checkedProduct([inputs, outputs]).flatMap { $0.addingReportingOverflow(outputs).overflow ? nil : $0 + outputs }
        case .conv2d(let inChannels, let outChannels, let kernel, _, _):
            return checkedProduct([outChannels, inChannels, kernel, kernel])
                .flatMap { $0.addingReportingOverflow(outChannels).overflow ? nil : $0 + outChannels }
        case .activation, .dropout, .maxPool2d, .flatten:
            return 0
        }
    }

    private static func checkedProduct(_ factors: [Int]) -> Int? {
        var product = 1
        for factor in factors {
            guard factor >= 0 else { return nil }
            let (next, overflow) = product.multipliedReportingOverflow(by: factor)
            if overflow { return nil }
            product = next
        }
        return product
    }

    /// 3_435_973_837 → "3.2 GiB" (rounded down, so a size above the limit never reads as the limit).
    private static func gibibytes(_ bytes: Int) -> String {
        let tenths = bytes / ((1 << 30) / 10)
        return "\((tenths / 10).grouped).\(tenths % 10) GiB"
    }
}
