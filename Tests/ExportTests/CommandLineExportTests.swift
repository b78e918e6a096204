import Foundation
import Lessons
import MiniNN
import Testing

/// The built `netplayground` binary, from `NETPLAYGROUND_BIN` (set by `make test`).
private let binary = ProcessInfo.processInfo.environment["NETPLAYGROUND_BIN"].flatMap { $0.isEmpty ? nil : $0 }

@Suite("export, info and eval on the command line",
       .enabled(if: binary != nil, "set NETPLAYGROUND_BIN to the built netplayground (make test does)"))
struct CommandLineExportTests {
    /// Runs a shell command line; returns its status, stdout and stderr.
    func shell(_ script: String, _ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        // The first argument becomes $0, the rest $1, $2, …
        try runProcess("/bin/bash", ["-c", script] + arguments)
    }

    /// A saved 2→64→2 model: its ONNX file is a few kilobytes.
    func savedModel(in folder: URL) throws -> String {
        let spec = ModelSpec(inputShape: [2],
                             layers: [.dense(inputs: 2, outputs: 64), .activation(.relu), .dense(inputs: 64, outputs: 2)],
                             loss: .softmaxCrossEntropy)
        let data = ExportFixtures.xorData()
        let trainer = try ExportFixtures.trainedModel(spec, on: data, batches: 5, seed: 2, knobs: Hyperparameters())
        let path = folder.appendingPathComponent("xor.safetensors").path
        try ModelFile.save(trainer.model, info: ExportFixtures.info(for: trainer, spec: spec, dataset: data, seed: 2), to: path)
        return path
    }

    @Test("export writes the ONNX file beside the model by default; info describes it")
    func exportAndInfo() throws {
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let model = try savedModel(in: folder)
        let bin = try #require(binary)
        let exported = try shell(#""$0" export "$1""#, [bin, model])
        #expect(exported.status == 0, "\(exported.errors)")
        #expect(try ExportFixtures.contents(of: folder) == ["xor.onnx", "xor.safetensors"])
        let info = try shell(#""$0" info "$1""#, [bin, model])
        #expect(info.status == 0, "\(info.errors)")
        #expect(info.output.contains("0: Dense 2→64 → 64  192 params"), "\(info.output)")
        #expect(info.output.contains("total 322 parameters"))
        #expect(info.output.contains("train       loss 0.5, accuracy 75.00% on 64 items"))
    }

    @Test("export without --onnx refuses to replace a file at the default path, naming it and the flag")
    func exportKeepsAFileItWasNotGiven() throws {
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let model = try savedModel(in: folder)
        let bin = try #require(binary)
        let other = folder.appendingPathComponent("xor.onnx").path
        try AtomicFile.write("another model's export", to: other)
        let refused = try shell(#""$0" export "$1""#, [bin, model])
        #expect(refused.status == 1)
        #expect(refused.errors.contains("\(other) already exists and was not named; not overwriting it"), "\(refused.errors)")
        #expect(refused.errors.contains("--onnx \(other)"), "\(refused.errors)")
        #expect(try String(contentsOfFile: other, encoding: .utf8) == "another model's export")
        // Naming the file is consent: then it is replaced.
        let named = try shell(#""$0" export "$1" --onnx "$2""#, [bin, model, other])
        #expect(named.status == 0, "\(named.errors)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: other)) != Data("another model's export".utf8))
    }

    @Test("a write that fails half-way (file size limit) leaves the existing file intact and says why")
    func failedWriteKeepsExistingFile() throws {
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let model = try savedModel(in: folder)
        let target = folder.appendingPathComponent("existing.onnx").path
        try AtomicFile.write("the previous export", to: target)
        // RLIMIT_FSIZE of 1 KiB stops root too: write(2) fails with EFBIG once
        // the temporary file reaches it (SIGXFSZ ignored, so the error is returned).
        let result = try shell(#"trap '' XFSZ; ulimit -f 1; exec "$0" export "$1" --onnx "$2""#,
                               [try #require(binary), model, target])
        #expect(result.status == 1)
        #expect(result.errors.contains("cannot write \(target): write failed: File too large"), "\(result.errors)")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "the previous export")
        #expect(try ExportFixtures.contents(of: folder) == ["existing.onnx", "xor.safetensors"])
    }

    @Test("info and export on a file that is not a model fail with its name and the reason")
    func notAModel() throws {
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let path = folder.appendingPathComponent("notes.safetensors").path
        try AtomicFile.write("hello", to: path)
        let bin = try #require(binary)
        for command in ["info", "export", "eval"] {
            let result = try shell(#""$0" "$1" "$2""#, [bin, command, path])
            #expect(result.status == 1, "\(command)")
            #expect(result.errors.contains("\(path) is not a valid safetensors file: file has 5 bytes"),
                    "\(command): \(result.errors)")
        }
    }

    @Test("eval runs an MNIST model on the 10,000 test images and agrees with MiniNN (slow: loads MNIST)")
    func evalMNIST() throws {
        let recipe = try #require(RecipeCatalog.recipe(named: "mnist-mlp"))
        let datasets = try recipe.data.load(locator: ExportFixtures.locator, seed: 3)
        let trainer = try ExportFixtures.trainedModel(recipe.model, on: datasets.train, batches: 50, seed: 3,
                                                      knobs: recipe.hyperparameters)
        let test = try #require(datasets.test)
        let expected = trainer.evaluate(test)
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let path = folder.appendingPathComponent("mnist.safetensors").path
        var info = ExportFixtures.info(for: trainer, spec: recipe.model, dataset: datasets.train, seed: 3,
                                       recipe: recipe.name)
        info.metrics.test = expected
        try ModelFile.save(trainer.model, info: info, to: path)
        let dataDirectory = ExportFixtures.repositoryRoot.appendingPathComponent("datasets").path
        let result = try shell(#""$0" eval "$1" --data-dir "$2""#, [try #require(binary), path, dataDirectory])
        #expect(result.status == 0, "\(result.errors)")
        let percent = String(format: "%.2f%%", Double(expected.accuracy) * 100)
        #expect(result.output.contains("mnist-mlp test set (MNIST, 60,000 train / 10,000 test, seed 3): "
                                       + "loss \(String(format: "%.4g", Double(expected.loss))), "
                                       + "accuracy \(percent) on 10,000 items; saved: \(percent) on the same set"),
                "\(result.output)")
    }
}
