import Foundation
import Testing
@testable import MiniNN

/// Seeded mutation fuzzing of every reader of user files (see ``Fuzzer``):
/// a short pass in `make test`, minutes with `make fuzz`. Refusing an input
/// is fine; trapping fails the whole run.
@Suite("fuzz: mutated files never trap a reader", .serialized)
struct FuzzTests {
    /// Valid model files to start from: an MLP, a convnet and an iris-sized net.
    static let modelFiles: [[UInt8]] = {
        let specs = [
            ModelSpec(inputShape: [2], layers: [.dense(inputs: 2, outputs: 3), .activation(.relu),
                                                .dropout(rate: 0.1), .dense(inputs: 3, outputs: 2)],
                      loss: .softmaxCrossEntropy),
            ModelSpec(inputShape: [1, 8, 8],
                      layers: [.conv2d(inChannels: 1, outChannels: 2, kernelSize: 3, stride: 1, padding: 1),
                               .activation(.relu), .maxPool2d(window: 2, stride: 2), .flatten,
                               .dense(inputs: 32, outputs: 3)],
                      loss: .softmaxCrossEntropy),
            ModelSpec(inputShape: [4], layers: [.dense(inputs: 4, outputs: 1), .activation(.sigmoid)],
                      loss: .binaryCrossEntropy),
        ]
        return specs.map { spec in
            let model = try! ModelBuilder.build(spec, seed: 3)
            let info = ModelFileInfo(architecture: spec, hyperparameters: Hyperparameters(batchSize: 8), seed: 3,
                                     normalization: Normalization(mean: [0.5], std: [0.25]), dataset: "xor",
                                     recipe: "fuzz", classNames: ["a", "b", "c"],
                                     metrics: ModelMetrics(epochs: 1, itemsSeen: 10,
                                                           train: Evaluation(loss: 0.5, accuracy: 0.5, count: 10)))
            return ModelFile.encode(model, info: info)
        }
    }()

    /// Runs a decoded model once, so that a file that loads is also one that works.
    static func exercise(_ loaded: LoadedModel) {
        let shape = loaded.model.inputShape
        let input = Tensor(shape: [2] + shape, scalars: Array(repeating: 0.5, count: 2 * Tensor.elementCount(of: shape)))
        _ = loaded.model.forward(input, training: false)
    }

    @Test("safetensors container: bit flips, cuts, splices, and edits of the header JSON")
    func safetensors() {
        let tally = Fuzzer("safetensors").run { mutator in
            let base = mutator.pick(Self.modelFiles)
            let bytes: [UInt8]
            if mutator.chance(0.5) {
                bytes = mutator.mutate(base, splicingFrom: mutator.pick(Self.modelFiles))
            } else {
                // Edit fields of the header and fix its length, so that the
                // parse succeeds often and the offsets and data are checked.
                let length = Int(base[0]) | Int(base[1]) << 8 | Int(base[2]) << 16
                let header = String(decoding: base[8..<(8 + length)], as: UTF8.self)
                var edited = Array(mutator.editFields(header).utf8)
                if mutator.chance(0.3) { edited = mutator.mutate(edited) }
                let data = mutator.chance(0.3) ? mutator.mutate(Array(base[(8 + length)...])) : Array(base[(8 + length)...])
                let count = UInt64(edited.count)
                bytes = (0..<8).map { UInt8(truncatingIfNeeded: count >> (8 * UInt64($0))) } + edited + data
            }
            mutator.record(bytes)
            guard let file = try? Safetensors(parsing: bytes) else { return false }
            for name in file.tensorNames { _ = try? file.floatTensor(named: name) }
            return true
        }
        #expect(tally.refused > 0 && tally.accepted > 0, "\(tally)")
    }

    @Test("model files and the model builder: edits of the architecture, knobs and normalization")
    func modelBuilder() {
        let tally = Fuzzer("model-file").run { mutator in
            let base = mutator.pick(Self.modelFiles)
            var bytes = base
            if let file = try? Safetensors(parsing: base) {
                // Rewrite metadata values, keep the container valid, so every
                // mutation reaches ModelFile's checks, ModelLimits and the builder.
                var metadata = file.metadata
                for _ in 0..<mutator.int(1..<3) {
                    let key = mutator.pick(["architecture", "architecture", "architecture", "hyperparameters",
                                            "normalization", "format_version", "seed", "class_names", "metrics"])
                    if let value = metadata[key] {
                        metadata[key] = mutator.chance(0.8) ? mutator.editFields(value)
                            : String(decoding: mutator.mutate(Array(value.utf8)), as: UTF8.self)
                    }
                }
                let tensors = file.tensorNames.map { (name: $0, tensor: try! file.floatTensor(named: $0)) }
                bytes = Safetensors.encode(tensors: tensors, metadata: metadata)
            }
            mutator.record(bytes)
            guard let loaded = try? ModelFile.decode(bytes, path: "fuzz.safetensors") else { return false }
            Self.exercise(loaded)
            return true
        }
        #expect(tally.refused > 0 && tally.accepted > 0, "\(tally)")
    }

    @Test("IDX/MNIST: mutated headers and data, before and after gzip")
    func idx() {
        let images = DataFiles.imageFile(count: 3)
        let labelsRaw = DataFiles.idxHeader(magic: IDX.labelsMagic, dimensions: [3]) + [1, 7, 9]
        let tally = Fuzzer("idx").run { mutator in
            var imageBytes = images.gzipped
            var labelBytes = DataFiles.gzip(labelsRaw)
            switch mutator.int(0..<4) {
            case 0: imageBytes = mutator.mutate(images.gzipped)  // damaged compression
            case 1: imageBytes = DataFiles.gzip(mutator.mutate(images.raw))  // damaged content, valid gzip
            case 2:  // a header field set to a boundary value
                var raw = images.raw
                let field = 4 * mutator.int(0..<4)
                let value = mutator.pick([0, 1, 3, 27, 28, 29, 255, 65_536, Int(UInt32.max), 1_369_000])
                for shift in 0..<4 { raw[field + 3 - shift] = UInt8(truncatingIfNeeded: value >> (8 * shift)) }
                imageBytes = DataFiles.gzip(raw)
            default: labelBytes = mutator.chance(0.5) ? DataFiles.gzip(mutator.mutate(labelsRaw)) : mutator.mutate(labelBytes)
            }
            mutator.record(imageBytes)
            do {
                // In memory: the same reader as from a file, without a disk write per case.
                let dataset = try MNIST.load(
                    images: { () throws(DatasetError) in
                        try IDX.open(gzipped: imageBytes, path: "images.gz", magic: IDX.imagesMagic)
                    },
                    labels: { () throws(DatasetError) in
                        try IDX.open(gzipped: labelBytes, path: "labels.gz", magic: IDX.labelsMagic)
                    },
                    name: "fuzz")
                #expect(dataset.count == 3)
                return true
            } catch {
                #expect(!"\(error)".isEmpty)
                return false
            }
        }
        #expect(tally.refused > 0, "\(tally)")
    }

    @Test("iris CSV: mutated text, numbers and species")
    func csv() throws {
        let path = try DataFiles.repositoryDatasets().irisDirectory() + "/" + Iris.fileName
        let lines = try String(contentsOfFile: path, encoding: .utf8)
            .split(separator: "\n").prefix(31)
        let base = Array(lines.joined(separator: "\n").utf8)
        let tally = Fuzzer("csv").run { mutator in
            let bytes = mutator.chance(0.5) ? mutator.mutate(base)
                : Array(mutator.editFields(String(decoding: base, as: UTF8.self)).utf8)
            mutator.record(bytes)
            _ = BoundedFile.firstLongLine(Data(bytes), limit: 64)
            guard let dataset = try? Iris.parse(String(decoding: bytes, as: UTF8.self), path: "fuzz.csv") else {
                return false
            }
            #expect(dataset.count > 0)
            return true
        }
        #expect(tally.refused > 0 && tally.accepted > 0, "\(tally)")
    }
}
