import Foundation
import MiniNN
import Testing

@Suite("model files: save, load, resume")
struct ModelFileTests {
    /// A small convnet on 1×8×8 inputs: every layer kind that has a spec.
    static let convSpec = ModelSpec(
        inputShape: [1, 8, 8],
        layers: [
            .conv2d(inChannels: 1, outChannels: 3, kernelSize: 3, stride: 1, padding: 1), .activation(.relu),
            .maxPool2d(window: 2, stride: 2),
            .conv2d(inChannels: 3, outChannels: 4, kernelSize: 3, stride: 2, padding: 0), .activation(.sigmoid),
            .flatten, .dropout(rate: 0.2), .dense(inputs: 4, outputs: 3),
        ],
        loss: .softmaxCrossEntropy)

    /// 48 random 8×8 "images" in 3 classes, as bytes with a normalization.
    static func imageData() -> Dataset {
        var generator = SeededGenerator(seed: 11)
        let pixels = (0..<48 * 64).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let labels = (0..<48).map { UInt8($0 % 3) }
        return Dataset(name: "random 8×8", itemShape: [1, 8, 8], classNames: ["a", "b", "c"],
                       features: .bytes(pixels), labels: labels,
                       normalization: Normalization(mean: [0.5], std: [0.25]))
    }

    static let models: [(String, ModelSpec)] = [("dense", ExportFixtures.xorSpec), ("convnet", convSpec)]

    func data(for spec: ModelSpec) -> Dataset {
        spec.inputShape == [2] ? ExportFixtures.xorData() : Self.imageData()
    }

    @Test("a loaded model gives bit-identical outputs and the same description",
          arguments: ["dense", "convnet"])
    func roundTrip(kind: String) throws {
        let spec = try #require(Self.models.first { $0.0 == kind }?.1)
        let data = data(for: spec)
        let knobs = Hyperparameters(learningRate: 0.05, optimizer: .adam, batchSize: 8, dropout: 0.2)
        let trainer = try ExportFixtures.trainedModel(spec, on: data, batches: 20, seed: 3, knobs: knobs)
        let info = ExportFixtures.info(for: trainer, spec: spec, dataset: data, seed: 3, recipe: "test-\(kind)")
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let path = folder.appendingPathComponent("model.safetensors").path
        try ModelFile.save(trainer.model, info: info, to: path)

        let loaded = try ModelFile.load(from: path)
        #expect(loaded.info == info)
        #expect(loaded.model.layerSpecs == trainer.model.layerSpecs)
        #expect(ExportFixtures.parameterBits(loaded.model) == ExportFixtures.parameterBits(trainer.model))
        let inputs = data.allItems().inputs
        let original = trainer.model.forward(inputs, training: false)
        let reloaded = loaded.model.forward(inputs, training: false)
        #expect(reloaded.shape == original.shape)
        #expect(reloaded.scalars.map(\.bitPattern) == original.scalars.map(\.bitPattern))
        // Training moved the weights away from the seed's, so this is a real check.
        let fresh = try ModelBuilder.build(spec, seed: 3)
        #expect(ExportFixtures.parameterBits(fresh) != ExportFixtures.parameterBits(loaded.model))
        #expect(try ExportFixtures.contents(of: folder) == ["model.safetensors"])
    }

    @Test("training resumes from a file exactly as it goes on from the original")
    func resume() throws {
        // No dropout: a dropout layer's random stream is not part of the file,
        // so with it the two runs would differ in their masks, not their weights.
        let spec = ModelSpec(inputShape: [2],
                             layers: [.dense(inputs: 2, outputs: 8), .activation(.relu), .dense(inputs: 8, outputs: 2)],
                             loss: .softmaxCrossEntropy)
        let data = ExportFixtures.xorData()
        let knobs = Hyperparameters(learningRate: 0.02, optimizer: .adam, batchSize: 8, weightDecay: 0.001)
        let trainer = try ExportFixtures.trainedModel(spec, on: data, batches: 10, seed: 5, knobs: knobs)
        let info = ExportFixtures.info(for: trainer, spec: spec, dataset: data, seed: 5)
        let loaded = try ModelFile.decode(ModelFile.encode(trainer.model, info: info), path: "memory")
        #expect(loaded.model.parameters[0] !== trainer.model.parameters[0])

        // Two trainers with the file's seed and knobs, one on the original
        // model and one on the loaded copy, must take the same steps.
        let continued = try Trainer(model: trainer.model, loss: spec.loss, train: data,
                                    knobs: LiveKnobs(info.hyperparameters), seed: info.seed)
        let resumed = try Trainer(model: loaded.model, loss: loaded.info.architecture.loss, train: data,
                                  knobs: LiveKnobs(loaded.info.hyperparameters), seed: loaded.info.seed)
        var losses: [Float] = []
        for _ in 0..<15 {
            let a = try #require(continued.step())
            let b = try #require(resumed.step())
            #expect(a.loss.bitPattern == b.loss.bitPattern)
            losses.append(b.loss)
        }
        #expect(ExportFixtures.parameterBits(trainer.model) == ExportFixtures.parameterBits(loaded.model))
        // The resumed run did learn: its loss went down.
        #expect(try #require(losses.last) < losses[0])
    }

    @Test("saving over an existing file replaces it and leaves no temporary file")
    func replaceExisting() throws {
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let path = folder.appendingPathComponent("model.safetensors").path
        try AtomicFile.write("old contents", to: path)
        let data = ExportFixtures.xorData()
        let trainer = try ExportFixtures.trainedModel(ExportFixtures.xorSpec, on: data, batches: 1, seed: 1,
                                                      knobs: Hyperparameters())
        let info = ExportFixtures.info(for: trainer, spec: ExportFixtures.xorSpec, dataset: data, seed: 1)
        try ModelFile.save(trainer.model, info: info, to: path)
        #expect(try ModelFile.load(from: path).info == info)
        #expect(try ExportFixtures.contents(of: folder) == ["model.safetensors"])
    }
}
