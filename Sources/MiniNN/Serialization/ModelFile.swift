import Foundation

/// A trained model's native file: a safetensors file whose tensors are the
/// parameters and whose `__metadata__` says how to rebuild and use them.
///
/// Tensor names and layouts are those of PyTorch's `state_dict` for an
/// `nn.Sequential` with the same layer indices, held in an attribute called
/// `layers`, so the weights load into PyTorch unchanged:
///
/// | MiniNN layer `i`  | tensors                                        | PyTorch module `layers[i]` |
/// |-------------------|------------------------------------------------|----------------------------|
/// | Dense in→out      | `layers.i.weight` [out, in], `layers.i.bias` [out] | `nn.Linear(in, out)`   |
/// | Conv2D            | `layers.i.weight` [out, in, k, k], `layers.i.bias` [out] | `nn.Conv2d(in, out, k, stride, padding)` |
/// | MaxPool2D, Flatten, activations, Dropout | none                     | `nn.MaxPool2d`, `nn.Flatten`, `nn.ReLU`…, `nn.Dropout` |
///
/// (For a bare `nn.Sequential`, strip the `layers.` prefix from the names.)
///
/// Metadata keys, every value a string as the format requires: `format`
/// ("netplayground.model"), `format_version` ("1"), `architecture`
/// (``ModelSpec`` as JSON), `hyperparameters` (``Hyperparameters`` as JSON),
/// `seed`, `normalization` (``Normalization`` as JSON), `dataset`, `recipe`
/// (may be empty), `class_names` (JSON array), `metrics` (``ModelMetrics`` as
/// JSON, measured on the weights saved), `learning_rule` ("backpropagation" or
/// "perceptron"), `data` (``DataRecord`` as JSON: which points, split or
/// images it trained on; absent when the data is the recipe's), `table`
/// (``TableSchema`` as JSON, for a model trained on a CSV table: its
/// columns, one-hot values and fill-in means) and
/// `tensor_layout` (the mapping above in one line, for people who open the
/// file with other tools). Files written before `learning_rule` and `data`
/// existed still load: the rule is then told from the architecture, and the
/// data is unknown (nil).
public enum ModelFile {
    /// The value of the `format` metadata key.
    public static let formatName = "netplayground.model"
    /// The value of the `format_version` metadata key this code writes and reads.
    public static let formatVersion = 1
    /// What the `tensor_layout` metadata key says.
    public static let tensorLayout = "PyTorch state_dict of nn.Sequential held as `layers`: "
        + "layers.<i>.weight / layers.<i>.bias; Dense weight [out, in] as nn.Linear, "
        + "Conv2D weight [out, in, k, k] as nn.Conv2d; float32 little-endian"

    /// The tensor name of a parameter of layer `layerIndex`, e.g. `layers.0.weight`.
    public static func tensorName(layerIndex: Int, parameter: String) -> String {
        "layers.\(layerIndex).\(parameter)"
    }

    /// Every parameter of `model` with its tensor name, in file order.
    public static func namedParameters(of model: Sequential) -> [(name: String, parameter: Parameter)] {
        model.layers.enumerated().flatMap { index, layer in
            layer.parameters.map { (tensorName(layerIndex: index, parameter: $0.name), $0) }
        }
    }
}

/// Loss and accuracy of a saved model, and how long it trained.
public struct ModelMetrics: Codable, Equatable, Sendable {
    /// Whole epochs trained.
    public var epochs: Int
    /// Items trained on, over all epochs.
    public var itemsSeen: Int
    public var train: Evaluation?
    public var validation: Evaluation?
    public var test: Evaluation?

    public init(epochs: Int = 0, itemsSeen: Int = 0, train: Evaluation? = nil,
                validation: Evaluation? = nil, test: Evaluation? = nil) {
        self.epochs = epochs; self.itemsSeen = itemsSeen
        self.train = train; self.validation = validation; self.test = test
    }

    /// The metrics of the last epoch a trainer finished (`epochs` counts it).
    public init(lastEpoch report: EpochReport?, itemsSeen: Int) {
        self.init(epochs: report.map { $0.epoch + 1 } ?? 0, itemsSeen: itemsSeen,
                  train: report?.train, validation: report?.validation, test: report?.test)
    }
}

/// Everything a model file holds besides the weights.
public struct ModelFileInfo: Equatable, Sendable {
    /// The layers, input shape and loss that rebuild the model.
    public var architecture: ModelSpec
    /// The knobs it was trained with (they resume with it).
    public var hyperparameters: Hyperparameters
    /// The seed it was built and shuffled with.
    public var seed: UInt64
    /// What inputs go through before the first layer (after bytes are scaled by 1/255).
    public var normalization: Normalization
    /// The dataset it learned, e.g. "mnist", "iris" or "xor".
    public var dataset: String
    /// The recipe that made it, e.g. "mnist-cnn"; empty when built by hand.
    public var recipe: String
    /// Names of the classes, index = class.
    public var classNames: [String]
    public var metrics: ModelMetrics
    /// How it learned, so that training it further goes on the same way.
    public var rule: LearningRule
    /// Exactly which data it trained on (nil: the recipe's data, or a file
    /// from before NetPlayground recorded it).
    public var data: DataRecord?
    /// How a CSV table's columns became the inputs, for a model trained with
    /// `train --csv` (`eval --csv` reads another file by it); nil otherwise.
    public var table: TableSchema?

    public init(architecture: ModelSpec, hyperparameters: Hyperparameters, seed: UInt64,
                normalization: Normalization, dataset: String, recipe: String = "",
                classNames: [String], metrics: ModelMetrics = ModelMetrics(),
                rule: LearningRule = .backpropagation, data: DataRecord? = nil, table: TableSchema? = nil) {
        self.architecture = architecture
        self.hyperparameters = hyperparameters
        self.seed = seed
        self.normalization = normalization
        self.dataset = dataset
        self.recipe = recipe
        self.classNames = classNames
        self.metrics = metrics
        self.rule = rule
        self.data = data
        self.table = table
    }
}

/// A model file that could not be read or does not describe a usable model.
public enum ModelFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be read at all.
    case unreadable(path: String, reason: String)
    /// The bytes are not a valid safetensors file.
    case malformed(path: String, SafetensorsError)
    /// A metadata entry is missing or cannot be decoded.
    case invalidMetadata(path: String, key: String, reason: String)
    /// The architecture cannot be built, or its parameters do not match the tensors.
    case architectureMismatch(path: String, reason: String)
    /// The architecture or its batch is past ``ModelLimits``.
    case exceedsLimits(path: String, reason: String)
    /// A weight is NaN or infinite (`index` is the element's position in the tensor).
    case nonFiniteWeight(path: String, tensor: String, index: Int)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .malformed(let path, let error):
            return "\(path) is not a valid safetensors file: \(error)"
        case .invalidMetadata(let path, let key, let reason):
            return "\(path): metadata '\(key)' \(reason)"
        case .architectureMismatch(let path, let reason):
            return "\(path): the architecture does not match the tensors: \(reason)"
        case .exceedsLimits(let path, let reason):
            return "\(path): the model is larger than NetPlayground builds: \(reason)"
        case .nonFiniteWeight(let path, let tensor, let index):
            return "\(path): tensor '\(tensor)' holds a NaN or infinite weight (element \(index)); "
                + "the file is damaged or was saved after training diverged"
        }
    }
}

/// A model with its file description: read back from a file (ready to run
/// or to train further), or put together to export a live model.
public struct LoadedModel: @unchecked Sendable {
    /// The model with the file's weights.
    public var model: Sequential
    public var info: ModelFileInfo

    public init(model: Sequential, info: ModelFileInfo) {
        self.model = model
        self.info = info
    }
}

// MARK: - Writing

extension ModelFile {
    /// The file's bytes for `model` and its description.
    ///
    /// The architecture written is the model's own (``Sequential/spec(loss:)``
    /// with `info.architecture.loss`), so it always matches the tensors, e.g.
    /// when the dropout knob has changed a Dropout layer's rate.
    public static func encode(_ model: Sequential, info: ModelFileInfo) -> [UInt8] {
        var info = info
        info.architecture = model.spec(loss: info.architecture.loss)
        let tensors = namedParameters(of: model).map { (name: $0.name, tensor: $0.parameter.value) }
        var metadata = metadata(for: info)
        let frozen = model.frozenLayerIndices
        if !frozen.isEmpty { metadata[frozenLayersKey] = json(frozen) }
        return Safetensors.encode(tensors: tensors, metadata: metadata)
    }

    /// Saves `model` to `path` (temporary file, then rename; see ``AtomicFile``).
    public static func save(_ model: Sequential, info: ModelFileInfo, to path: String) throws(FileWriteError) {
        try AtomicFile.write(encode(model, info: info), to: path)
    }

    /// The `__metadata__` strings for `info`.
    public static func metadata(for info: ModelFileInfo) -> [String: String] {
        var metadata = [
            "format": formatName,
            "format_version": String(formatVersion),
            "architecture": json(info.architecture),
            "hyperparameters": json(info.hyperparameters),
            "seed": String(info.seed),
            "normalization": json(info.normalization),
            "dataset": info.dataset,
            "recipe": info.recipe,
            "class_names": json(info.classNames),
            "metrics": json(info.metrics),
            "learning_rule": info.rule.rawValue,
            "tensor_layout": tensorLayout,
        ]
        if let data = info.data { metadata["data"] = data.json }
        if let table = info.table { metadata["table"] = table.json }
        return metadata
    }

    private static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding these plain value types cannot fail except for non-finite
        // floats, which the encoder is told to spell out rather than reject.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }
}

// MARK: - Reading

extension ModelFile {
    /// Reads the file at `path` and rebuilds its model with the saved weights.
    public static func load(from path: String) throws(ModelFileError) -> LoadedModel {
        if let problem = notAModelFileReason(path) { throw .unreadable(path: path, reason: problem) }
        let bytes: [UInt8]
        do {
            bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .unreadable(path: path, reason: readFailureReason(error, path: path))
        }
        return try decode(bytes, path: path)
    }

    /// Reads only the description of the file at `path` (for `info`), checking the
    /// file as ``load(from:)`` does.
    public static func info(at path: String) throws(ModelFileError) -> ModelFileInfo {
        try load(from: path).info
    }

    /// Rebuilds a model from a file's bytes; `path` names the file in errors.
    public static func decode(_ bytes: [UInt8], path: String) throws(ModelFileError) -> LoadedModel {
        let file: Safetensors
        do {
            file = try Safetensors(parsing: bytes)
        } catch {
            throw .malformed(path: path, error)
        }
        let info = try readInfo(file.metadata, path: path)

        // Compare the tensors with what the architecture needs before building
        // anything, so a crafted architecture cannot make us allocate more
        // than the file itself holds.
        let expected = expectedTensors(of: info.architecture)
        let expectedNames = Set(expected.map(\.name))
        if let extra = file.entries.keys.sorted().first(where: { !expectedNames.contains($0) }) {
            throw .architectureMismatch(path: path, reason: "tensor '\(extra)' belongs to no layer")
        }
        var values: [Tensor] = []
        for (name, shape) in expected {
            guard let entry = file.entries[name] else {
                throw .architectureMismatch(path: path, reason: "tensor '\(name)' is missing")
            }
            guard entry.shape == shape else {
                throw .architectureMismatch(
                    path: path, reason: "tensor '\(name)' has shape \(entry.shape), the layer needs \(shape)")
            }
            let value: Tensor
            do {
                value = try file.floatTensor(named: name)
            } catch {
                throw .malformed(path: path, error)
            }
            if let bad = value.scalars.firstIndex(where: { !$0.isFinite }) {
                throw .nonFiniteWeight(path: path, tensor: name, index: bad)
            }
            values.append(value)
        }

        let model: Sequential
        do {
            model = try ModelBuilder.build(info.architecture, seed: info.seed)
        } catch {
            throw .architectureMismatch(path: path, reason: "it cannot be built: \(error)")
        }
        let named = namedParameters(of: model)
        guard named.map(\.name) == expected.map(\.name),
              zip(named, expected).allSatisfy({ $0.parameter.value.shape == $1.shape })
        else {
            throw .architectureMismatch(path: path, reason: "the built model's parameters differ from the file layout")
        }
        for ((_, parameter), value) in zip(named, values) {
            parameter.value = value
            parameter.zeroGradient()
        }
        model.setTrainable(false, layers: try frozenLayers(file.metadata[frozenLayersKey], of: model, path: path))
        return LoadedModel(model: model, info: info)
    }

    /// The metadata key listing the frozen layers' indices, e.g. "[0,3]" (absent: none).
    public static let frozenLayersKey = "frozen_layers"

    /// The frozen layers a file names: each index must be a layer of the model that has parameters.
    static func frozenLayers(_ text: String?, of model: Sequential, path: String) throws(ModelFileError) -> [Int] {
        guard let text else { return [] }
        let key = frozenLayersKey
        guard text.utf8.count <= 4_096,
              let indices = try? JSONDecoder().decode([Int].self, from: Data(text.utf8)) else {
            throw .invalidMetadata(path: path, key: key, reason: "is not a JSON list of layer numbers: \(text.prefix(200))")
        }
        for index in indices where !(model.layers.indices.contains(index) && !model.layers[index].parameters.isEmpty) {
            throw .invalidMetadata(path: path, key: key,
                                   reason: "names layer \(index), which is not a layer with weights in this model")
        }
        return indices
    }

    /// The tensors a model of `spec` has, with their names and shapes, in
    /// file order: the layout table in ``ModelFile``'s documentation.
    public static func expectedTensors(of spec: ModelSpec) -> [(name: String, shape: [Int])] {
        spec.layers.enumerated().flatMap { index, layer -> [(name: String, shape: [Int])] in
            switch layer {
            case .dense(let inputs, let outputs):
                return [(tensorName(layerIndex: index, parameter: "weight"), [outputs, inputs]),
                        (tensorName(layerIndex: index, parameter: "bias"), [outputs])]
            case .conv2d(let inChannels, let outChannels, let kernelSize, _, _):
                return [(tensorName(layerIndex: index, parameter: "weight"),
                         [outChannels, inChannels, kernelSize, kernelSize]),
                        (tensorName(layerIndex: index, parameter: "bias"), [outChannels])]
            case .activation, .dropout, .maxPool2d, .flatten:
                return []
            }
        }
    }

    /// Largest size or count accepted anywhere in a file's architecture. Far
    /// above any model this app trains, and small enough that no shape
    /// arithmetic on it can overflow.
    static let largestArchitectureNumber = 1 << 16

    /// Longest `architecture` metadata read: ``ModelLimits/maximumLayers`` layers
    /// of about 100 bytes each, with room to spare.
    static let maximumArchitectureBytes = 64 * 1024

    /// A reason the architecture's numbers are out of any sensible range, or nil.
    static func architectureRangeError(_ spec: ModelSpec) -> String? {
        let limit = largestArchitectureNumber
        guard (1...4).contains(spec.inputShape.count), spec.inputShape.allSatisfy({ (1...limit).contains($0) }),
              Tensor.elementCount(of: spec.inputShape) <= limit * 64 else {
            return "input shape \(spec.inputShape) is out of range"
        }
        for (index, layer) in spec.layers.enumerated() {
            let numbers: [Int]
            switch layer {
            case .dense(let inputs, let outputs): numbers = [inputs, outputs]
            case .conv2d(let inChannels, let outChannels, let kernelSize, let stride, let padding):
                numbers = [inChannels, outChannels, kernelSize, stride, padding]
            case .maxPool2d(let window, let stride): numbers = [window, stride]
            case .activation, .dropout, .flatten: numbers = []
            }
            if numbers.contains(where: { !(0...limit).contains($0) }) {
                return "layer \(index) (\(layer)) has a size outside 0...\(limit)"
            }
        }
        return nil
    }

    /// Decodes the metadata strings into a ``ModelFileInfo``.
    static func readInfo(_ metadata: [String: String], path: String) throws(ModelFileError) -> ModelFileInfo {
        func string(_ key: String) throws(ModelFileError) -> String {
            guard let value = metadata[key] else {
                throw .invalidMetadata(path: path, key: key, reason: "is missing (not a NetPlayground model file?)")
            }
            return value
        }
        func decoded<T: Decodable>(_ type: T.Type, _ key: String) throws(ModelFileError) -> T {
            let text = try string(key)
            let decoder = JSONDecoder()
            decoder.nonConformingFloatDecodingStrategy = .convertFromString(
                positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            do {
                return try decoder.decode(T.self, from: Data(text.utf8))
            } catch {
                throw .invalidMetadata(path: path, key: key, reason: "is not valid \(T.self) JSON: \(text.prefix(200))")
            }
        }

        let format = try string("format")
        guard format == formatName else {
            throw .invalidMetadata(path: path, key: "format", reason: "is '\(format)', expected '\(formatName)'")
        }
        let version = try string("format_version")
        // Exactly the digits this code writes: "01", "+1" or "1.0" are not a version it knows.
        guard version == String(formatVersion) else {
            throw .invalidMetadata(path: path, key: "format_version",
                                   reason: "is '\(version)'; this NetPlayground reads version \(formatVersion)")
        }
        let seedText = try string("seed")
        guard let seed = UInt64(seedText) else {
            throw .invalidMetadata(path: path, key: "seed", reason: "is '\(seedText)', not a whole number ≥ 0")
        }
        let normalization = try decoded(Normalization.self, "normalization")
        // A million layers decode slowly before any limit can count them; the
        // longest description of 64 layers is a few kilobytes.
        if let text = metadata["architecture"], text.utf8.count > maximumArchitectureBytes {
            throw .exceedsLimits(path: path, reason: "its architecture takes \(text.utf8.count) bytes of JSON; "
                                 + "\(ModelLimits.maximumLayers) layers never need more than \(maximumArchitectureBytes)")
        }
        let architecture = try decoded(ModelSpec.self, "architecture")
        if let problem = architectureRangeError(architecture) {
            throw .invalidMetadata(path: path, key: "architecture", reason: problem)
        }
        let hyperparameters = try decoded(Hyperparameters.self, "hyperparameters")
        if let problem = hyperparameters.validationError {
            throw .invalidMetadata(path: path, key: "hyperparameters", reason: "is out of range: \(problem)")
        }
        // Before anything is built: the file runs with its own batch and with
        // the trainer's evaluation batch.
        let batch = max(hyperparameters.batchSize, ModelLimits.evaluationBatchSize)
        if let problem = ModelLimits.violation(of: architecture, batchSize: batch) {
            throw .exceedsLimits(path: path, reason: problem)
        }
        let itemSize = Tensor.elementCount(of: architecture.inputShape)
        for values in [normalization.mean, normalization.std] where values.count != 1 && values.count != itemSize {
            throw .invalidMetadata(path: path, key: "normalization",
                                   reason: "has \(values.count) values; the input needs 1 or \(itemSize)")
        }
        guard normalization.std.allSatisfy({ $0.isFinite && $0 != 0 }) else {
            throw .invalidMetadata(path: path, key: "normalization", reason: "has a zero or non-finite std")
        }
        let dataset = try string("dataset")
        let classNames = try decoded([String].self, "class_names")
        let rule = try learningRule(metadata["learning_rule"], architecture: architecture, path: path)
        let data = try dataRecord(metadata["data"], architecture: architecture, dataset: dataset,
                                  classCount: classNames.count, path: path)
        return ModelFileInfo(
            architecture: architecture,
            hyperparameters: hyperparameters,
            seed: seed,
            normalization: normalization,
            dataset: dataset,
            recipe: metadata["recipe"] ?? "",
            classNames: classNames,
            metrics: try decoded(ModelMetrics.self, "metrics"),
            rule: rule,
            data: data,
            table: try tableSchema(metadata["table"], inputs: itemSize, path: path))
    }

    /// The `table` entry, checked against the inputs it feeds: nil when absent.
    static func tableSchema(_ text: String?, inputs: Int, path: String) throws(ModelFileError) -> TableSchema? {
        guard let text else { return nil }
        guard let schema = TableSchema.parse(text) else {
            throw .invalidMetadata(path: path, key: "table", reason: "is not a valid table description: \(text.prefix(200))")
        }
        guard schema.inputCount == inputs else {
            throw .invalidMetadata(path: path, key: "table",
                                   reason: "gives \(schema.inputCount) inputs, but the model takes \(inputs)")
        }
        return schema
    }

    /// The `learning_rule` entry; a file without one learned by the
    /// perceptron rule when it is a single threshold unit (backpropagation
    /// cannot train a step), else by backpropagation.
    static func learningRule(_ text: String?, architecture: ModelSpec, path: String) throws(ModelFileError) -> LearningRule {
        guard let text else {
            let isThresholdUnit = architecture.layers.count == 2
                && { if case .dense = architecture.layers[0] { true } else { false } }()
                && architecture.layers[1] == .activation(.step)
            return isThresholdUnit ? .perceptron : .backpropagation
        }
        guard let rule = LearningRule(rawValue: text) else {
            throw .invalidMetadata(path: path, key: "learning_rule",
                                   reason: "is '\(text.prefix(40))'; expected 'backpropagation' or 'perceptron'")
        }
        return rule
    }

    /// The `data` entry, checked against the model it feeds: nil when absent.
    static func dataRecord(_ text: String?, architecture: ModelSpec, dataset: String, classCount: Int,
                           path: String) throws(ModelFileError) -> DataRecord? {
        guard let text else { return nil }
        let record: DataRecord
        switch DataRecord.parse(text) {
        case .success(let parsed): record = parsed
        case .failure(let error): throw .invalidMetadata(path: path, key: "data", reason: error.description)
        }
        guard record.datasetName == dataset else {
            throw .invalidMetadata(path: path, key: "data",
                                   reason: "is \(record.datasetName) data, but 'dataset' says '\(dataset.prefix(40))'")
        }
        let inputs = Tensor.elementCount(of: architecture.inputShape)
        guard record.itemSize == inputs else {
            throw .invalidMetadata(path: path, key: "data",
                                   reason: "gives \(record.itemSize) numbers per item, but the model takes \(inputs)")
        }
        if case .mnist(_, _, _, let flattened) = record.source, flattened != (architecture.inputShape.count == 1) {
            throw .invalidMetadata(path: path, key: "data",
                                   reason: "field 'flattened' is \(flattened), but the model takes \(architecture.inputShape)")
        }
        guard record.classCount == classCount else {
            throw .invalidMetadata(path: path, key: "data",
                                   reason: "has \(record.classCount) classes, but 'class_names' names \(classCount)")
        }
        return record
    }

    /// Largest file read: the header's 100 MB and ``ModelLimits/maximumParameters`` floats, rounded up.
    static let maximumFileBytes = 400_000_000

    /// Why `path` cannot hold a model before a byte is read (a device such as
    /// /dev/zero never ends), or nil for a regular file of a possible size.
    private static func notAModelFileReason(_ path: String) -> String? {
        // attributesOfItem describes a symbolic link itself; the file it points at is what is read.
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: target) else { return nil }
        let type = attributes[.type] as? FileAttributeType
        if type == .typeDirectory { return "it is a directory" }
        if type != .typeRegular {
            return "it is not a regular file (a device, a pipe or a socket), so it cannot hold a model"
        }
        if let size = (attributes[.size] as? NSNumber)?.intValue, size > maximumFileBytes {
            return "it has \(size) bytes; a model NetPlayground can build takes at most \(maximumFileBytes)"
        }
        return nil
    }

    private static func readFailureReason(_ error: any Error, path: String) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) { return "no such file" }
        if isDirectory.boolValue { return "it is a directory" }
        if !FileManager.default.isReadableFile(atPath: path) { return "permission denied" }
        return (error as NSError).localizedDescription
    }
}
