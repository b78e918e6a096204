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
    }

    /// Per-item output shape.
    public var outputShape: [Int] { shapes.last ?? inputShape }

    /// All parameters, layer by layer.
    public var parameters: [Parameter] { layers.flatMap(\.parameters) }

    /// Total number of trainable scalars.
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }

    /// Runs the batch through every layer.
    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        var x = input
        for layer in layers { x = layer.forward(x, training: training) }
        return x
    }

    /// Backpropagates dLoss/doutput through every layer, accumulating
    /// parameter gradients; returns dLoss/dinput.
    @discardableResult
    public func backward(_ outputGradient: Tensor) -> Tensor {
        var g = outputGradient
        for layer in layers.reversed() { g = layer.backward(g) }
        return g
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
