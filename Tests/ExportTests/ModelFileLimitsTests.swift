import Foundation
import Lessons
import MiniNN
import Testing

@Suite("model files: architectures past the limits are refused before anything is built")
struct ModelFileLimitsTests {
    /// A file for `spec` whose tensors are all there (zeros), so only the limits can refuse it.
    static func file(_ spec: ModelSpec, dataset: String = "mnist", batchSize: Int = 64,
                     architectureJSON: String? = nil) -> [UInt8] {
        let tensors = ModelFile.expectedTensors(of: spec).map { (name: $0.name, tensor: Tensor(shape: $0.shape)) }
        let info = ModelFileInfo(architecture: spec, hyperparameters: Hyperparameters(batchSize: 1), seed: 1,
                                 normalization: .identity, dataset: dataset, classNames: (0..<10).map(String.init))
        var metadata = ModelFile.metadata(for: info)
        // `metadata(for:)` writes what it is given; the batch goes in by hand
        // so that values Hyperparameters would never hold can be written.
        metadata["hyperparameters"] = #"{"batchSize":\#(batchSize),"dropout":0,"l1":0,"learningRate":0.01,"#
            + #""optimizer":"adam","weightDecay":0}"#
        if let architectureJSON { metadata["architecture"] = architectureJSON }
        return Safetensors.encode(tensors: tensors, metadata: metadata)
    }

    /// The reason of the ``ModelFileError/exceedsLimits(path:reason:)`` the bytes are refused with.
    static func refusal(_ bytes: [UInt8], path: String = "crafted.safetensors") -> String? {
        do {
            _ = try ModelFile.decode(bytes, path: path)
            return nil
        } catch {
            guard case .exceedsLimits(let errorPath, let reason) = error else { return "wrong error: \(error)" }
            #expect(errorPath == path)
            #expect(error.description.hasPrefix("\(path): the model is larger than NetPlayground builds"))
            return reason
        }
    }

    static func convnet(channels: Int) -> ModelSpec {
        ModelSpec(inputShape: [1, 28, 28],
                  layers: [.conv2d(inChannels: 1, outChannels: channels, kernelSize: 1, stride: 1, padding: 0),
                           .maxPool2d(window: 28, stride: 28), .flatten, .dense(inputs: channels, outputs: 10)],
                  loss: .softmaxCrossEntropy)
    }

    @Test("conv 1→4096 (k=1) → pool → dense: 4,096 channels is above the limit of 1,024")
    func wideConvolution() throws {
        let reason = try #require(Self.refusal(Self.file(Self.convnet(channels: 4096))))
        #expect(reason == "layer 0 (conv2d(inChannels: 1, outChannels: 4096, kernelSize: 1, stride: 1, padding: 0)) "
                + "has 4,096 channels; the limit is 1,024", "\(reason)")
    }

    @Test("65,536 channels (102 GB of activations for eval) is refused, not a fatal allocation")
    func hugeConvolution() throws {
        let reason = try #require(Self.refusal(Self.file(Self.convnet(channels: 65_536))))
        #expect(reason.contains("has 65,536 channels; the limit is 1,024"), "\(reason)")
    }

    @Test("1,024 channels fit the width limit but not 1 GiB of activations for the evaluation batch")
    func activations() throws {
        let reason = try #require(Self.refusal(Self.file(Self.convnet(channels: 1_024))))
        #expect(reason.hasPrefix("a batch of 500 needs 1.5 GiB of activations; the limit is 1.0 GiB"), "\(reason)")
        // The same layer type at a width whose activations fit loads.
        #expect(Self.refusal(Self.file(Self.convnet(channels: 256))) == nil)
    }

    @Test("1,000,000 ReLU layers are refused from the size of their description, before decoding it")
    func millionLayers() throws {
        let layers = Array(repeating: #"{"activation":{"_0":"relu"}}"#, count: 1_000_000).joined(separator: ",")
        let json = #"{"inputShape":[4],"layers":["# + layers + #"],"loss":"softmaxCrossEntropy"}"#
        let spec = ModelSpec(inputShape: [4], layers: [], loss: .softmaxCrossEntropy)
        let reason = try #require(Self.refusal(Self.file(spec, dataset: "iris", architectureJSON: json)))
        #expect(reason.contains("64 layers never need more than 65536"), "\(reason)")
    }

    @Test("65 layers are one above the limit of 64")
    func tooManyLayers() throws {
        let spec = ModelSpec(inputShape: [4], layers: [.dense(inputs: 4, outputs: 3)]
                             + Array(repeating: .activation(.relu), count: 64), loss: .softmaxCrossEntropy)
        #expect(Self.refusal(Self.file(spec, dataset: "iris")) == "65 layers is above the limit of 64")
        var fits = spec
        fits.layers.removeLast()
        #expect(Self.refusal(Self.file(fits, dataset: "iris")) == nil)
    }

    @Test("a batch of 4611686018427387904 in the file's knobs is refused")
    func hugeBatch() throws {
        let spec = ModelSpec(inputShape: [4], layers: [.dense(inputs: 4, outputs: 3)], loss: .softmaxCrossEntropy)
        let reason = try #require(Self.refusal(Self.file(spec, dataset: "iris", batchSize: 4_611_686_018_427_387_904)))
        #expect(reason == "a batch of 4,611,686,018,427,387,904 examples is above the limit of 4,096")
        #expect(Self.refusal(Self.file(spec, dataset: "iris", batchSize: 4_096)) == nil)
    }

    @Test("more than 50 M parameters are refused (dense 1024 wide, 64 layers deep would be 67 M)")
    func tooManyParameters() throws {
        var layers: [LayerSpec] = [.dense(inputs: 4, outputs: 1_024)]
        for _ in 0..<50 { layers.append(.dense(inputs: 1_024, outputs: 1_024)) }
        layers.append(.dense(inputs: 1_024, outputs: 3))
        let spec = ModelSpec(inputShape: [4], layers: layers, loss: .softmaxCrossEntropy)
        #expect(ModelLimits.violation(of: spec, batchSize: 1)
                == "more than 50,000,000 parameters (the limit) by layer 48")
    }

    @Test("the largest models the sandbox builds (its widest stacks and the convnet, at its largest batch) load")
    func sandboxModelsLoad() throws {
        // SandboxSetup.stacks: the largest are 256 → 256 on MNIST and the lesson convnet.
        let largestBatch = try #require(KnobSettings.batchSizes.max())
        let specs = [
            ModelSpec.classifier(inputs: 784, hidden: [256, 256], classes: 10, activation: .relu),
            ModelSpec.classifier(inputs: 784, hidden: [16, 16, 16], classes: 10, activation: .tanh),
            ModelSpec.lessonConvnet,
        ]
        for spec in specs {
            #expect(ModelLimits.violation(of: spec, batchSize: largestBatch) == nil)
            #expect(Self.refusal(Self.file(spec, batchSize: largestBatch)) == nil)
        }
        // The limit's evaluation batch is the trainer's.
        let trainer = try Trainer(model: ModelBuilder.build(specs[0], seed: 1), loss: .softmaxCrossEntropy,
                                  train: Dataset(name: "one", itemShape: [784], classNames: ["a", "b"],
                                                 features: .float(Array(repeating: 0, count: 784)), labels: [0]),
                                  knobs: LiveKnobs(Hyperparameters()), seed: 1)
        #expect(trainer.evaluationBatchSize == ModelLimits.evaluationBatchSize)
    }

    @Test("every recipe fits the limits at its own batch and at the largest batch allowed")
    func recipesFit() {
        for recipe in RecipeCatalog.all {
            #expect(ModelLimits.violation(of: recipe.model, batchSize: recipe.hyperparameters.batchSize) == nil)
            #expect(ModelLimits.violation(of: recipe.model, batchSize: ModelLimits.maximumBatchSize) == nil,
                    "\(recipe.name)")
        }
    }
}

@Suite("model files: NaN or infinite weights, and unknown format versions")
struct ModelFileDamageTests {
    func parts(weights: [Float]) -> [UInt8] {
        let spec = ModelSpec(inputShape: [2], layers: [.dense(inputs: 2, outputs: 2)], loss: .softmaxCrossEntropy)
        let info = ModelFileInfo(architecture: spec, hyperparameters: Hyperparameters(), seed: 1,
                                 normalization: .identity, dataset: "xor", classNames: ["0", "1"])
        return Safetensors.encode(tensors: [("layers.0.weight", Tensor(shape: [2, 2], scalars: weights)),
                                            ("layers.0.bias", Tensor(shape: [2], scalars: [0, 0]))],
                                  metadata: ModelFile.metadata(for: info))
    }

    @Test("a NaN or infinite weight is refused with its own message naming the tensor",
          arguments: [Float.nan, .infinity, -.infinity])
    func nonFinite(value: Float) throws {
        #expect(throws: ModelFileError.nonFiniteWeight(path: "nan.safetensors", tensor: "layers.0.weight", index: 2)) {
            try ModelFile.decode(parts(weights: [1, 2, value, 4]), path: "nan.safetensors")
        }
        let message = ModelFileError.nonFiniteWeight(path: "m", tensor: "layers.0.weight", index: 2).description
        #expect(message.contains("NaN or infinite weight"))
        #expect(!message.contains("overshot"))
        #expect(throws: Never.self) { try ModelFile.decode(parts(weights: [1, 2, 3, 4]), path: "ok") }
    }

    @Test("format_version must be exactly the version this build writes", arguments: ["01", "+1", "1.0", " 1", "2", ""])
    func formatVersion(text: String) throws {
        var bytes = try Safetensors(parsing: parts(weights: [1, 2, 3, 4]))
        bytes.metadata["format_version"] = text
        let file = Safetensors.encode(
            tensors: bytes.tensorNames.map { (name: $0, tensor: try! bytes.floatTensor(named: $0)) }, metadata: bytes.metadata)
        do {
            _ = try ModelFile.decode(file, path: "v")
            Issue.record("accepted format_version '\(text)'")
        } catch {
            guard case .invalidMetadata(_, let key, _) = error else { Issue.record("\(error)"); return }
            #expect(key == "format_version")
        }
    }
}
