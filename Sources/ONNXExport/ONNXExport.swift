import Foundation
import MiniNN
import SwiftProtobuf

/// Turns a MiniNN model into an ONNX model (opset 13) that onnxruntime,
/// Netron and other tools run or show.
///
/// The graph takes what a user has and gives what a user wants:
///
/// ```
/// input          float32  [batch] + the model's input shape   e.g. batch×1×28×28, batch×784, batch×2
///   → Sub(mean) → Div(std)            only when the model was trained on normalized inputs
///   → one node per layer              Gemm, Conv, MaxPool, Flatten, Relu, Sigmoid, Tanh, …
///   → Softmax(axis 1)                 for models trained with softmax cross-entropy (logits)
/// probabilities  float32  batch×classes  (batch×1 as produced for a single sigmoid or linear unit)
/// ```
///
/// For MNIST the input is pixels scaled to [0, 1] (byte ÷ 255), exactly what
/// MiniNN feeds its own normalization. The batch dimension is symbolic.
/// Dropout is the identity at inference and leaves no node.
public enum ONNXExport {
    /// The operator set the graph is written for.
    public static let opsetVersion: Int64 = 13
    /// The IR version that goes with opset 13 (ONNX 1.8).
    public static let irVersion: Int64 = 7
    /// Name of the graph's input.
    public static let inputName = "input"
    /// Name of the graph's output.
    public static let outputName = "probabilities"
    /// Name of the symbolic batch dimension.
    public static let batchDimension = "batch"

    /// The ONNX model for `model`, trained with `loss` on inputs normalized by
    /// `normalization`; `name` becomes the graph's name.
    public static func makeModel(
        _ model: Sequential, loss: LossKind, normalization: Normalization, name: String,
        description: String = ""
    ) throws(ONNXExportError) -> Onnx_ModelProto {
        var graph = GraphBuilder()
        graph.graph.name = name
        graph.graph.docString = description
        graph.graph.input = [valueInfo(inputName, shape: model.inputShape)]

        var current = try graph.normalize(inputName, normalization, inputShape: model.inputShape)
        for (index, layer) in model.layers.enumerated() {
            current = try graph.add(layer, index: index, input: current, inputShape: model.shapes[index])
        }

        let width = Tensor.elementCount(of: model.outputShape)
        if model.outputShape.count > 1 {
            // Softmax and the output shape both want batch × width.
            current = graph.node("Flatten", [current], name: "output_flatten", attributes: [int("axis", 1)])
        }
        if loss == .softmaxCrossEntropy {
            current = graph.node("Softmax", [current], name: "softmax", attributes: [int("axis", 1)])
        }
        // The last node writes the named output directly.
        if let last = graph.graph.node.indices.last, graph.graph.node[last].output == [current] {
            graph.graph.node[last].output = [outputName]
        } else {
            graph.node("Identity", [current], name: "output", output: outputName)
        }
        graph.graph.output = [valueInfo(outputName, shape: [width])]

        var result = Onnx_ModelProto()
        result.irVersion = irVersion
        result.producerName = "NetPlayground"
        result.producerVersion = "1"
        result.docString = description
        var opset = Onnx_OperatorSetIdProto()
        opset.domain = ""
        opset.version = opsetVersion
        result.opsetImport = [opset]
        result.graph = graph.graph
        return result
    }

    /// The ONNX model for a model read from a file, with its class names (and,
    /// for a CSV model, the name of each input) in the model's metadata_props.
    public static func makeModel(_ loaded: LoadedModel) throws(ONNXExportError) -> Onnx_ModelProto {
        let name = loaded.info.recipe.isEmpty ? loaded.info.dataset : loaded.info.recipe
        var result = try makeModel(loaded.model, loss: loaded.info.architecture.loss,
                                   normalization: loaded.info.normalization, name: name.isEmpty ? "model" : name,
                                   description: describe(loaded.info))
        result.metadataProps = metadataProperties(loaded.info)
        return result
    }

    /// Keys tools can read without parsing the doc string: `class_names` and,
    /// for a CSV model, `input_features` (JSON arrays, output and input order).
    static func metadataProperties(_ info: ModelFileInfo) -> [Onnx_StringStringEntryProto] {
        var properties: [(String, [String])] = []
        if !info.classNames.isEmpty { properties.append(("class_names", info.classNames)) }
        if let table = info.table { properties.append(("input_features", table.featureNames)) }
        return properties.map { key, values in
            var entry = Onnx_StringStringEntryProto()
            entry.key = key
            entry.value = "[" + values.map(JSONText.quoted).joined(separator: ",") + "]"
            return entry
        }
    }

    /// The serialized bytes of the ONNX model for `loaded`.
    public static func encode(_ loaded: LoadedModel) throws(ONNXExportError) -> [UInt8] {
        try serialize(makeModel(loaded))
    }

    /// Writes the ONNX model for `loaded` to `path` (temporary file, then rename).
    public static func write(_ loaded: LoadedModel, to path: String) throws(ONNXExportError) {
        let bytes = try encode(loaded)
        do {
            try AtomicFile.write(bytes, to: path)
        } catch {
            throw .cannotWrite(error)
        }
    }

    /// The protobuf bytes of `model`.
    public static func serialize(_ model: Onnx_ModelProto) throws(ONNXExportError) -> [UInt8] {
        do {
            return try model.serializedBytes()
        } catch {
            throw .cannotSerialize(String(describing: error))
        }
    }

    /// What the exported graph computes, computed by MiniNN: the model's
    /// output for already-normalized `inputs`, then a softmax over each row
    /// when the model was trained with softmax cross-entropy.
    ///
    /// This is the reference the onnxruntime check compares with.
    public static func expectedOutput(of model: Sequential, loss: LossKind, inputs: Tensor) -> Tensor {
        var output = model.forward(inputs, training: false)
        let width = output.itemCount
        output.reshape([output.batchSize, width])
        guard loss == .softmaxCrossEntropy, width > 0 else { return output }
        output.scalars.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for row in 0..<(buffer.count / width) {
                let values = base + row * width
                var largest = values[0]
                for j in 1..<width { largest = max(largest, values[j]) }
                var sum: Float = 0
                for j in 0..<width {
                    values[j] = expf(values[j] - largest)
                    sum += values[j]
                }
                for j in 0..<width { values[j] /= sum }
            }
        }
        return output
    }

    /// One paragraph about the model, for the ONNX doc strings.
    private static func describe(_ info: ModelFileInfo) -> String {
        var parts = ["Exported by NetPlayground."]
        if !info.dataset.isEmpty { parts.append("Trained on \(info.dataset).") }
        if info.architecture.inputShape.count == 3 {
            parts.append("Input: float32 pixels scaled to [0, 1], shape batch×"
                         + info.architecture.inputShape.map(String.init).joined(separator: "×") + ".")
        }
        if let table = info.table {
            parts.append("Input: float32 batch×\(table.inputCount), the columns of a CSV table as read by "
                         + "`netplayground train --csv` (numbers as they are, text one-hot): "
                         + table.featureNames.joined(separator: ", ") + "; target: \(table.target).")
        }
        if !info.classNames.isEmpty {
            parts.append("Classes: " + info.classNames.joined(separator: ", ") + ".")
        }
        if let test = info.metrics.test {
            parts.append("Test accuracy \(test.accuracy) on \(test.count) items.")
        }
        return parts.joined(separator: " ")
    }

    // MARK: Protobuf helpers

    static func valueInfo(_ name: String, shape: [Int]) -> Onnx_ValueInfoProto {
        var tensorShape = Onnx_TensorShapeProto()
        var batch = Onnx_TensorShapeProto.Dimension()
        batch.dimParam = batchDimension
        tensorShape.dim = [batch] + shape.map { size in
            var dimension = Onnx_TensorShapeProto.Dimension()
            dimension.dimValue = Int64(size)
            return dimension
        }
        var tensorType = Onnx_TypeProto.Tensor()
        tensorType.elemType = Int32(Onnx_TensorProto.DataType.float.rawValue)
        tensorType.shape = tensorShape
        var type = Onnx_TypeProto()
        type.tensorType = tensorType
        var info = Onnx_ValueInfoProto()
        info.name = name
        info.type = type
        return info
    }

    static func int(_ name: String, _ value: Int) -> Onnx_AttributeProto {
        var attribute = Onnx_AttributeProto()
        attribute.name = name
        attribute.type = .int
        attribute.i = Int64(value)
        return attribute
    }

    static func ints(_ name: String, _ values: [Int]) -> Onnx_AttributeProto {
        var attribute = Onnx_AttributeProto()
        attribute.name = name
        attribute.type = .ints
        attribute.ints = values.map(Int64.init)
        return attribute
    }
}

/// Why a model could not be exported.
public enum ONNXExportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The normalization does not fit the model's input.
    case normalizationMismatch(String)
    /// A layer the exporter does not know how to write.
    case unsupportedLayer(index: Int, summary: String)
    /// Protobuf encoding failed.
    case cannotSerialize(String)
    /// The file could not be written.
    case cannotWrite(FileWriteError)

    public var description: String {
        switch self {
        case .normalizationMismatch(let reason): return "cannot export the input normalization: \(reason)"
        case .unsupportedLayer(let index, let summary): return "cannot export layer \(index) (\(summary)) to ONNX"
        case .cannotSerialize(let reason): return "cannot encode the ONNX model: \(reason)"
        case .cannotWrite(let error): return error.description
        }
    }
}

/// Accumulates nodes and initializers; every intermediate value gets a unique name.
private struct GraphBuilder {
    var graph = Onnx_GraphProto()

    /// Appends a node and returns the name of its output.
    @discardableResult
    mutating func node(_ opType: String, _ inputs: [String], name: String,
                       attributes: [Onnx_AttributeProto] = [], output: String? = nil) -> String {
        var node = Onnx_NodeProto()
        node.opType = opType
        node.name = name
        node.input = inputs
        node.output = [output ?? name + "_output"]
        node.attribute = attributes
        graph.node.append(node)
        return node.output[0]
    }

    /// Adds a float32 constant and returns its name.
    mutating func initializer(_ name: String, _ tensor: Tensor) -> String {
        var proto = Onnx_TensorProto()
        proto.name = name
        proto.dims = tensor.shape.map(Int64.init)
        proto.dataType = Int32(Onnx_TensorProto.DataType.float.rawValue)
        var data = Data(capacity: tensor.count * 4)
        #if _endian(little)
        tensor.scalars.withUnsafeBytes { data.append(contentsOf: $0) }
        #else
        for value in tensor.scalars { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        #endif
        proto.rawData = data
        graph.initializer.append(proto)
        return name
    }

    /// Sub(mean) then Div(std), skipped when they would change nothing.
    mutating func normalize(_ input: String, _ normalization: Normalization,
                            inputShape: [Int]) throws(ONNXExportError) -> String {
        let itemSize = Tensor.elementCount(of: inputShape)
        func constant(_ values: [Float], _ what: String) throws(ONNXExportError) -> Tensor {
            switch values.count {
            // A [1] constant broadcasts over every element.
            case 1: return Tensor(shape: [1], scalars: values)
            case itemSize: return Tensor(shape: inputShape, scalars: values)
            default:
                throw .normalizationMismatch("\(what) has \(values.count) values; the input needs 1 or \(itemSize)")
            }
        }
        var current = input
        if normalization.mean.contains(where: { $0 != 0 }) {
            let mean = initializer("normalization.mean", try constant(normalization.mean, "mean"))
            current = node("Sub", [current, mean], name: "normalize_subtract_mean")
        }
        if normalization.std.contains(where: { $0 != 1 }) {
            guard normalization.std.allSatisfy({ $0.isFinite && $0 != 0 }) else {
                throw .normalizationMismatch("std must be finite and nonzero")
            }
            let std = initializer("normalization.std", try constant(normalization.std, "std"))
            current = node("Div", [current, std], name: "normalize_divide_std")
        }
        return current
    }

    /// The nodes for one layer; returns the name of its output.
    mutating func add(_ layer: any Layer, index: Int, input: String,
                      inputShape: [Int]) throws(ONNXExportError) -> String {
        let prefix = "layers.\(index)"
        let parameters = Dictionary(layer.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        func parameter(_ name: String) throws(ONNXExportError) -> String {
            guard let value = parameters[name] else { throw .unsupportedLayer(index: index, summary: layer.summary) }
            return initializer(ModelFile.tensorName(layerIndex: index, parameter: name), value)
        }
        switch layer.spec {
        case .dense:
            var current = input
            if inputShape.count != 1 {
                current = node("Flatten", [current], name: "\(prefix).flatten", attributes: [ONNXExport.int("axis", 1)])
            }
            // Y = X · Wᵀ + b with W[out × in], as nn.Linear exports.
            return node("Gemm", [current, try parameter("weight"), try parameter("bias")], name: prefix,
                        attributes: [ONNXExport.int("transB", 1)])
        case .conv2d(_, _, let kernelSize, let stride, let padding):
            return node("Conv", [input, try parameter("weight"), try parameter("bias")], name: prefix,
                        attributes: [ONNXExport.ints("kernel_shape", [kernelSize, kernelSize]),
                                     ONNXExport.ints("strides", [stride, stride]),
                                     ONNXExport.ints("pads", [padding, padding, padding, padding])])
        case .maxPool2d(let window, let stride):
            // No padding and floor rounding, as MiniNN pools.
            return node("MaxPool", [input], name: prefix,
                        attributes: [ONNXExport.ints("kernel_shape", [window, window]),
                                     ONNXExport.ints("strides", [stride, stride])])
        case .flatten:
            return node("Flatten", [input], name: prefix, attributes: [ONNXExport.int("axis", 1)])
        case .dropout:
            return input
        case .activation(let function):
            switch function {
            case .relu: return node("Relu", [input], name: prefix)
            case .sigmoid: return node("Sigmoid", [input], name: prefix)
            case .tanh: return node("Tanh", [input], name: prefix)
            case .identity: return input
            case .step:
                // 1 where x ≥ 0, else 0: a comparison cast back to float.
                let zero = initializer("\(prefix).zero", Tensor(shape: [1], scalars: [0]))
                let mask = node("GreaterOrEqual", [input, zero], name: "\(prefix).compare")
                let cast = Onnx_AttributeProto.cast(to: .float)
                return node("Cast", [mask], name: prefix, attributes: [cast])
            }
        }
    }
}

extension Onnx_AttributeProto {
    /// The `to` attribute of a Cast node.
    fileprivate static func cast(to type: Onnx_TensorProto.DataType) -> Onnx_AttributeProto {
        ONNXExport.int("to", type.rawValue)
    }
}
