import Foundation
import MiniNN
import Testing

@Suite("model files: wrong metadata or tensors are rejected with a typed error")
struct ModelFileMalformedTests {
    /// A valid file's metadata and tensors for a 2→3→2 MLP, to alter one piece at a time.
    struct Parts {
        var metadata: [String: String]
        var tensors: [(name: String, tensor: Tensor)]

        init() throws {
            let spec = ModelSpec(inputShape: [2],
                                 layers: [.dense(inputs: 2, outputs: 3), .activation(.relu), .dense(inputs: 3, outputs: 2)],
                                 loss: .softmaxCrossEntropy)
            let model = try ModelBuilder.build(spec, seed: 1)
            let info = ModelFileInfo(architecture: spec, hyperparameters: Hyperparameters(), seed: 1,
                                     normalization: .identity, dataset: "XOR", classNames: ["0", "1"])
            metadata = ModelFile.metadata(for: info)
            tensors = ModelFile.namedParameters(of: model).map { ($0.name, $0.parameter.value) }
        }

        var bytes: [UInt8] { Safetensors.encode(tensors: tensors, metadata: metadata) }

        func decode() throws(ModelFileError) -> LoadedModel { try ModelFile.decode(bytes, path: "crafted.safetensors") }
    }

    @Test("the unaltered parts load")
    func baseline() throws {
        let loaded = try Parts().decode()
        #expect(loaded.model.parameterCount == 2 * 3 + 3 + 3 * 2 + 2)
    }

    func expectArchitectureMismatch(_ parts: Parts, mentioning text: String) {
        do {
            _ = try parts.decode()
            Issue.record("accepted")
        } catch {
            guard case .architectureMismatch(let path, let reason) = error else {
                Issue.record("wrong error: \(error)")
                return
            }
            #expect(path == "crafted.safetensors")
            #expect(reason.contains(text), "\(reason)")
        }
    }

    func expectInvalidMetadata(_ parts: Parts, key expectedKey: String) {
        do {
            _ = try parts.decode()
            Issue.record("accepted")
        } catch {
            guard case .invalidMetadata(_, let key, _) = error else {
                Issue.record("wrong error: \(error)")
                return
            }
            #expect(key == expectedKey, "\(error)")
        }
    }

    @Test("a tensor the architecture needs is missing")
    func missingTensor() throws {
        var parts = try Parts()
        parts.tensors.removeAll { $0.name == "layers.2.bias" }
        expectArchitectureMismatch(parts, mentioning: "'layers.2.bias' is missing")
    }

    @Test("a tensor belongs to no layer")
    func extraTensor() throws {
        var parts = try Parts()
        parts.tensors.append(("layers.1.weight", Tensor(shape: [1], scalars: [0])))
        expectArchitectureMismatch(parts, mentioning: "'layers.1.weight' belongs to no layer")
    }

    @Test("a tensor has the wrong shape for its layer (the transpose of a Dense weight)")
    func wrongShape() throws {
        var parts = try Parts()
        parts.tensors[0].tensor = Tensor(shape: [2, 3])
        expectArchitectureMismatch(parts, mentioning: "'layers.0.weight' has shape [2, 3], the layer needs [3, 2]")
    }

    @Test("the architecture's own shapes do not fit together")
    func unbuildableArchitecture() throws {
        var parts = try Parts()
        parts.metadata["architecture"] = #"{"inputShape":[5],"layers":[{"dense":{"inputs":2,"outputs":3}},"#
            + #"{"activation":{"_0":"relu"}},{"dense":{"inputs":3,"outputs":2}}],"loss":"softmaxCrossEntropy"}"#
        expectArchitectureMismatch(parts, mentioning: "cannot be built")
    }

    @Test("a tensor stored as F16 instead of F32")
    func halfPrecision() throws {
        let parts = try Parts()
        // The same tensors with the first one's entry rewritten as F16 of the
        // right shape (2 bytes per element), so only the dtype is wrong.
        var entries: [String] = []
        var data: [UInt8] = []
        for (index, item) in parts.tensors.enumerated() {
            let dtype = index == 0 ? "F16" : "F32"
            let bytes = index == 0 ? [UInt8](repeating: 0, count: item.tensor.count * 2)
                : item.tensor.scalars.flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: value.bitPattern >> (8 * $0)) } }
            let shape = "[" + item.tensor.shape.map(String.init).joined(separator: ",") + "]"
            entries.append(MalformedFiles.entry(item.name, dtype: dtype, shape: shape,
                                                offsets: "[\(data.count),\(data.count + bytes.count)]"))
            data += bytes
        }
        let metadata = String(decoding: try JSONEncoder().encode(parts.metadata), as: UTF8.self)
        let header = #"{"__metadata__":"# + metadata + "," + entries.joined(separator: ",") + "}"
        #expect(throws: ModelFileError.malformed(
            path: "f16.safetensors", .unexpectedDType(tensor: "layers.0.weight", dtype: "F16", expected: "F32"))) {
            try ModelFile.decode(MalformedFiles.file(header: header, data: data), path: "f16.safetensors")
        }
    }

    @Test("metadata that is missing or cannot be decoded names its key",
          arguments: [
            ("format", nil), ("format", "safetensors"), ("format_version", "2"), ("seed", "-1"), ("seed", nil),
            ("architecture", nil), ("architecture", "{not json"), ("architecture", #"{"inputShape":[2]}"#),
            ("hyperparameters", "[]"), ("normalization", #"{"mean":[0,0,0],"std":[1]}"#),
            ("normalization", #"{"mean":[0],"std":[0]}"#), ("class_names", "3"), ("metrics", nil),
          ] as [(String, String?)])
    func badMetadata(key: String, value: String?) throws {
        var parts = try Parts()
        parts.metadata[key] = value
        expectInvalidMetadata(parts, key: key)
    }

    @Test("an architecture with absurd sizes is refused before anything is allocated")
    func absurdArchitecture() throws {
        var parts = try Parts()
        parts.metadata["architecture"] = #"{"inputShape":[2],"layers":[{"dense":{"inputs":2,"#
            + #""outputs":4611686018427387904}}],"loss":"softmaxCrossEntropy"}"#
        expectInvalidMetadata(parts, key: "architecture")
    }

    @Test("a file that is not safetensors at all says so with its path")
    func notSafetensors() {
        #expect(throws: ModelFileError.malformed(path: "x.bin", .tooShort(byteCount: 3))) {
            try ModelFile.decode([1, 2, 3], path: "x.bin")
        }
    }

    @Test("a file that does not exist, or is a directory, cannot be read")
    func unreadable() throws {
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let missing = folder.appendingPathComponent("nothing.safetensors").path
        #expect(throws: ModelFileError.unreadable(path: missing, reason: "no such file")) {
            try ModelFile.load(from: missing)
        }
        #expect(throws: ModelFileError.unreadable(path: folder.path, reason: "it is a directory")) {
            try ModelFile.load(from: folder.path)
        }
    }

    @Test("no truncation of a real model file traps, and none loads")
    func truncations() throws {
        let bytes = try Parts().bytes
        for length in 0..<bytes.count {
            #expect(throws: ModelFileError.self) { try ModelFile.decode(Array(bytes.prefix(length)), path: "cut") }
        }
    }
}
