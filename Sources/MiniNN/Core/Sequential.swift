/// Layers applied one after another, with shapes checked when it is built.
public final class Sequential: @unchecked Sendable {
    /// The layers, input first.
    public let layers: [any Layer]
    /// Per-item input shape, e.g. [2], [784] or [1, 28, 28].
    public let inputShape: [Int]
    /// Per-item shape after each layer; `shapes[0] == inputShape`.
    public let shapes: [[Int]]

    /// Builds the model, rejecting a stack whose shapes do not fit with a
    /// ``ShapeError`` that names the layer and both shapes.
    public init(inputShape: [Int], layers: [any Layer]) throws(ShapeError) {
        var shapes = [inputShape]
        for (index, layer) in layers.enumerated() {
            do {
                shapes.append(try layer.outputShape(for: shapes[index]))
            } catch {
                var located = error
                located.layerIndex = index
                throw located
            }
        }
        self.layers = layers
        self.inputShape = inputShape
        self.shapes = shapes
        stages = Sequential.plan(layers)
        // A convnet splits its batch across the cores itself (``BatchParallel``),
        // so its BLAS calls stay single-threaded: idle OpenBLAS threads would
        // spin for a while after each threaded call and take cores from the
        // batch workers. Dense-only models let OpenBLAS thread each product.
        blasThreads = layers.contains { $0 is Conv2D } ? 1 : BatchParallel.workerCount
    }

    /// Whether a run of Conv2D → ReLU → MaxPool2D executes as one fused pass
    /// (``ConvReLUPool``: same values, faster). On by default; off runs every
    /// layer on its own (tests compare the two).
    public var fusesLayers = true

    /// Layers grouped for execution, input first.
    private let stages: [Stage]
    /// How many conv → ReLU → pool runs execute fused.
    var fusedRunCount: Int {
        stages.filter { if case .convReLUPool = $0 { true } else { false } }.count
    }
    /// How many threads OpenBLAS may use while this model runs. A race's
    /// runners set it to 1, each training on a core of its own.
    public var blasThreads: Int

    /// A lone layer, or a fused run of layers.
    private enum Stage {
        case single(any Layer, index: Int)
        case convReLUPool(ConvReLUPool, first: Int)

        /// Index of the stage's first layer.
        var first: Int {
            switch self {
            case .single(_, let index): index
            case .convReLUPool(_, let first): first
            }
        }

        func forward(_ x: Tensor, training: Bool) -> Tensor {
            switch self {
            case .single(let layer, _): layer.forward(x, training: training)
            case .convReLUPool(let block, _): block.forward(x, training: training)
            }
        }

        func backward(_ g: Tensor) -> Tensor {
            switch self {
            case .single(let layer, _): layer.backward(g)
            case .convReLUPool(let block, _): block.backward(g)
            }
        }
    }

    private static func plan(_ layers: [any Layer]) -> [Stage] {
        var stages: [Stage] = []
        var index = 0
        while index < layers.count {
            if index + 2 < layers.count, let conv = layers[index] as? Conv2D,
               let activation = layers[index + 1] as? Activation, activation.function == .relu,
               let pool = layers[index + 2] as? MaxPool2D {
                stages.append(.convReLUPool(ConvReLUPool(convolution: conv, pooling: pool), first: index))
                index += 3
            } else {
                stages.append(.single(layers[index], index: index))
                index += 1
            }
        }
        return stages
    }

    /// Per-item output shape.
    public var outputShape: [Int] { shapes.last ?? inputShape }

    /// All parameters, layer by layer.
    public var parameters: [Parameter] { layers.flatMap(\.parameters) }

    /// Total number of trainable scalars.
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }

    /// Runs the batch through every layer.
    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        Matmul.withBLASThreads(blasThreads) {
            var x = input
            if fusesLayers {
                for stage in stages { x = stage.forward(x, training: training) }
            } else {
                for layer in layers { x = layer.forward(x, training: training) }
            }
            return x
        }
    }

    /// Backpropagates dLoss/doutput through every layer, accumulating
    /// parameter gradients; returns dLoss/dinput.
    @discardableResult
    public func backward(_ outputGradient: Tensor) -> Tensor {
        backward(outputGradient, downTo: 0)
    }

    /// Backpropagates dLoss/doutput down to layer `first` (inclusive), for
    /// when nothing below it needs a gradient; returns dLoss/d(input of the
    /// lowest layer run), which may be from a layer below `first` when that
    /// one is part of a fused run.
    @discardableResult
    public func backward(_ outputGradient: Tensor, downTo first: Int) -> Tensor {
        Matmul.withBLASThreads(blasThreads) {
            var g = outputGradient
            if fusesLayers {
                for stage in stages.reversed() {
                    g = stage.backward(g)
                    if stage.first <= first { break }
                }
            } else {
                for index in layers.indices.reversed() where index >= first { g = layers[index].backward(g) }
            }
            return g
        }
    }

    /// Clears every parameter's gradient.
    public func zeroGradients() { for p in parameters { p.zeroGradient() } }

    /// One line per layer with its output shape and parameter count, then a total.
    public var summary: String {
        var lines: [String] = []
        func shapeText(_ s: [Int]) -> String { s.map(String.init).joined(separator: "×") }
        lines.append("input  \(shapeText(inputShape))")
        for (i, layer) in layers.enumerated() {
            let params = layer.parameterCount
            let paramText = params > 0 ? "  \(params) params" : ""
            lines.append("\(i): \(layer.summary) → \(shapeText(shapes[i + 1]))\(paramText)")
        }
        lines.append("total \(parameterCount) parameters")
        return lines.joined(separator: "\n")
    }
}
