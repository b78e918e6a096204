/// A model description that cannot be built, for a reason other than shapes.
public struct ModelBuildError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Position of the offending layer in the spec.
    public var layerIndex: Int
    /// What is wrong, in words.
    public var message: String
    /// An error about the layer at `layerIndex`.
    public init(layerIndex: Int, message: String) {
        self.layerIndex = layerIndex
        self.message = message
    }
    public var description: String { "layer \(layerIndex): \(message)" }
}

/// Builds a ``Sequential`` from a ``ModelSpec`` and a seed, and goes back from a model to its spec.
///
/// Seeding: layer `i` gets the seed `SeededGenerator.derive(seed, i)`, so the
/// same spec and seed give the same weights and dropout masks bit for bit,
/// and ``initialize(_:seed:)`` with the same seed reproduces a fresh build.
///
/// Initialization: a weighted layer whose next activation (skipping dropout)
/// is ReLU gets He init; every other weighted layer gets Xavier/Glorot. The
/// first weighted layer's draws are multiplied by ``ModelSpec/firstLayerInitScale``.
public enum ModelBuilder {
    /// The model described by `spec`, with weights drawn from `seed`.
    ///
    /// Throws ``ShapeError`` (with the layer index) when the shapes do not fit,
    /// or ``ModelBuildError`` when a layer's settings cannot make a layer.
    public static func build(_ spec: ModelSpec, seed: UInt64) throws -> Sequential {
        var layers: [any Layer] = []
        let firstWeighted = spec.layers.firstIndex { layer in
            switch layer {
            case .dense, .conv2d: true
            default: false
            }
        }
        if let scale = spec.firstLayerInitScale, !(scale.isFinite && scale > 0) {
            throw ModelBuildError(layerIndex: firstWeighted ?? 0,
                                  message: "the first layer's init scale must be a positive number, got \(scale)")
        }
        for (index, layerSpec) in spec.layers.enumerated() {
            let layerSeed = SeededGenerator.derive(seed, UInt64(index))
            var initializer = initializer(forLayerAt: index, in: spec.layers)
            if index == firstWeighted, let scale = spec.firstLayerInitScale, scale != 1 {
                initializer = .scaled(initializer, factor: scale)
            }
            switch layerSpec {
            case .dense(let inputs, let outputs):
                guard inputs > 0, outputs > 0 else {
                    throw ModelBuildError(layerIndex: index,
                                          message: "Dense needs positive sizes, got \(inputs)→\(outputs)")
                }
                layers.append(Dense(inputs: inputs, outputs: outputs, initializer: initializer, seed: layerSeed))
            case .activation(let function):
                layers.append(Activation(function))
            case .dropout(let rate):
                guard rate.isFinite, rate >= 0, rate < 1 else {
                    throw ModelBuildError(layerIndex: index, message: "dropout rate must be in [0, 1), got \(rate)")
                }
                layers.append(Dropout(rate: rate, seed: layerSeed))
            case .conv2d(let inChannels, let outChannels, let kernelSize, let stride, let padding):
                if let problem = Conv2D.settingsError(inChannels: inChannels, outChannels: outChannels,
                                                      kernelSize: kernelSize, stride: stride, padding: padding) {
                    throw ModelBuildError(layerIndex: index, message: problem)
                }
                layers.append(Conv2D(inChannels: inChannels, outChannels: outChannels, kernelSize: kernelSize,
                                     stride: stride, padding: padding, initializer: initializer, seed: layerSeed))
            case .maxPool2d(let window, let stride):
                if let problem = MaxPool2D.settingsError(window: window, stride: stride) {
                    throw ModelBuildError(layerIndex: index, message: problem)
                }
                layers.append(MaxPool2D(window: window, stride: stride))
            case .flatten:
                layers.append(Flatten())
            }
        }
        let model = try Sequential(inputShape: spec.inputShape, layers: layers)
        if let problem = spec.loss.widthError(Tensor.elementCount(of: model.outputShape)) {
            throw ModelBuildError(layerIndex: max(0, layers.count - 1), message: problem)
        }
        return model
    }

    /// He before a ReLU, Xavier otherwise (see the type's documentation).
    public static func initializer(forLayerAt index: Int, in layers: [LayerSpec]) -> Initializer {
        for next in layers.dropFirst(index + 1) {
            switch next {
            case .dropout: continue
            case .activation(let function): return function == .relu ? .he : .xavier
            default: return .xavier
            }
        }
        return .xavier
    }

    /// Redraws every seeded layer's parameters (and restarts dropout streams)
    /// exactly as ``build(_:seed:)`` with this seed would have drawn them.
    public static func initialize(_ model: Sequential, seed: UInt64) {
        for (index, layer) in model.layers.enumerated() {
            (layer as? any SeededLayer)?.reset(seed: SeededGenerator.derive(seed, UInt64(index)))
        }
    }
}

extension Sequential {
    /// A model described by `spec` with weights drawn from `seed` (see ``ModelBuilder``).
    public convenience init(spec: ModelSpec, seed: UInt64) throws {
        let built = try ModelBuilder.build(spec, seed: seed)
        try self.init(inputShape: built.inputShape, layers: built.layers)
    }

    /// The layer descriptions that rebuild this model (without its weights).
    public var layerSpecs: [LayerSpec] { layers.map(\.spec) }

    /// The description that rebuilds this model, with the loss it trains with.
    public func spec(loss: LossKind) -> ModelSpec {
        ModelSpec(inputShape: inputShape, layers: layerSpecs, loss: loss)
    }

    /// Every Dropout layer, for setting the rate from the knobs.
    public var dropoutLayers: [Dropout] { layers.compactMap { $0 as? Dropout } }
}
