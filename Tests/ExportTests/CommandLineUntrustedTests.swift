import Foundation
import Lessons
import MiniNN
import Testing

/// The built `netplayground` binary, from `NETPLAYGROUND_BIN` (set by `make test`).
private let binary = ProcessInfo.processInfo.environment["NETPLAYGROUND_BIN"].flatMap { $0.isEmpty ? nil : $0 }

/// ESC ] 2 ; PWNED-TITLE BEL ESC [ 2 J: retitles the terminal and clears it.
private let hostile = "\u{1B}]2;PWNED-TITLE\u{07}\u{1B}[2J"
private let hostileShown = #"\e]2;PWNED-TITLE\x07\e[2J"#

@Suite("the command line with crafted files: escaped text, true messages, exit statuses",
       .enabled(if: binary != nil, "set NETPLAYGROUND_BIN to the built netplayground (make test does)"))
struct CommandLineUntrustedTests {
    func run(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        try runProcess(try #require(binary), arguments)
    }

    /// No control character except line breaks reached the terminal.
    func expectNoControls(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F },
                "\(text.debugDescription)", sourceLocation: sourceLocation)
    }

    /// A 4→3 iris model with `weight` everywhere, described with the given strings.
    func model(in folder: URL, dataset: String = "iris", recipe: String = "", classNames: [String] = Iris.classNames,
               weight: Float = 0.1) throws -> String {
        let spec = ModelSpec(inputShape: [4], layers: [.dense(inputs: 4, outputs: 3)], loss: .softmaxCrossEntropy)
        let model = try ModelBuilder.build(spec, seed: 1)
        for parameter in model.parameters {
            parameter.value = Tensor(shape: parameter.value.shape,
                                     scalars: Array(repeating: weight, count: parameter.value.count))
        }
        let info = ModelFileInfo(architecture: spec, hyperparameters: Hyperparameters(), seed: 1,
                                 normalization: .identity, dataset: dataset, recipe: recipe, classNames: classNames)
        let path = folder.appendingPathComponent("m.safetensors").path
        try ModelFile.save(model, info: info, to: path)
        return path
    }

    /// A data folder whose iris/iris.csv is `csv`.
    func irisFolder(in folder: URL, csv: String) throws -> String {
        let iris = folder.appendingPathComponent("data/iris", isDirectory: true)
        try FileManager.default.createDirectory(at: iris, withIntermediateDirectories: true)
        try csv.write(to: iris.appendingPathComponent("iris.csv"), atomically: true, encoding: .utf8)
        return folder.appendingPathComponent("data").path
    }

    @Test("info shows a hostile recipe and class names escaped")
    func infoEscapes() throws {
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let path = try model(in: folder, recipe: hostile, classNames: [hostile, "b", "c"])
        let result = try run(["info", path])
        #expect(result.status == 0, "\(result.errors)")
        expectNoControls(result.output)
        #expect(result.output.contains("trained on: \(hostileShown) (iris)"), "\(result.output)")
        #expect(result.output.contains("classes:    \(hostileShown), b, c"), "\(result.output)")
    }

    @Test("eval on a model of data it cannot know exits 1 with the reason (escaped), not 2 with usage")
    func evalUnknownData() throws {
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let path = try model(in: folder, dataset: hostile)
        let result = try run(["eval", path])
        #expect(result.status == 1)
        expectNoControls(result.errors)
        #expect(result.errors.contains("\(path): cannot tell which data '\(hostileShown)' was trained on"),
                "\(result.errors)")
        #expect(!result.errors.contains("Usage"))
    }

    @Test("an unknown species in the CSV is echoed escaped")
    func csvSpeciesEscaped() throws {
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let path = try model(in: folder)
        let data = try irisFolder(in: folder, csv: "5.1,3.5,1.4,0.2,\(hostile)\n")
        let result = try run(["eval", path, "--data-dir", data])
        #expect(result.status == 1)
        expectNoControls(result.errors)
        #expect(result.errors.contains("unknown species \"\(hostileShown)\" at line 1"), "\(result.errors)")
    }

    @Test("eval says why the loss is nan (finite weights whose outputs overflow)")
    func evalNaNExplained() throws {
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let path = try model(in: folder, weight: 3e38)
        let data = try irisFolder(in: folder, csv: "5.1,3.5,1.4,0.2,setosa\n6.0,2.2,5.0,1.5,virginica\n")
        let result = try run(["eval", path, "--data-dir", data])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("loss nan"), "\(result.output)")
        #expect(result.errors.contains("note: the loss is nan because some of the model's outputs are infinite"),
                "\(result.errors)")
    }

    @Test("info /dev/zero says it is not a regular file, not 'permission'")
    func devZero() throws {
        let result = try run(["info", "/dev/zero"])
        #expect(result.status == 1)
        #expect(result.errors.contains("cannot read /dev/zero: it is not a regular file"), "\(result.errors)")
        #expect(!result.errors.contains("permission"))
    }

    @Test("--data-dir \"\" is an error, not a silent search elsewhere", arguments: ["train", "eval"])
    func emptyDataDirectory(command: String) throws {
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let target = command == "train" ? "iris-mlp" : try model(in: folder)
        let result = try run([command, target, "--data-dir", ""])
        #expect(result.status == 2, "\(result.errors)")
        #expect(result.errors.contains("--data-dir is empty"), "\(result.errors)")
    }

    @Test("--batch-size 4611686018427387904 is refused at once with the limit")
    func hugeBatch() throws {
        let result = try run(["train", "mnist-cnn", "--batch-size", "4611686018427387904", "--data-dir", "/nonexistent"])
        #expect(result.status == 2)
        #expect(result.errors.contains("--batch-size must be at most 4096, got 4611686018427387904"), "\(result.errors)")
    }

    @Test("a crafted 4,096-channel model file is refused by info, eval and export with the file and the limit",
          arguments: ["info", "eval", "export"])
    func craftedWideModel(command: String) throws {
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let path = folder.appendingPathComponent("wide.safetensors").path
        try Data(ModelFileLimitsTests.file(ModelFileLimitsTests.convnet(channels: 4_096))).write(to: URL(fileURLWithPath: path))
        let result = try run([command, path])
        #expect(result.status == 1)
        #expect(result.errors.contains("\(path): the model is larger than NetPlayground builds: layer 0"), "\(result.errors)")
        #expect(result.errors.contains("has 4,096 channels; the limit is 1,024"))
    }

    @Test("info on a model saved without a validation set says so instead of 0.00%")
    func noValidationSet() throws {
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let path = try model(in: folder)
        var loaded = try ModelFile.load(from: path)
        loaded.info.metrics.validation = Evaluation(loss: 0, accuracy: 0, count: 0)
        try ModelFile.save(loaded.model, info: loaded.info, to: path)
        let result = try run(["info", path])
        #expect(result.status == 0)
        #expect(result.output.contains("validation  — (no validation set)"), "\(result.output)")
        #expect(!result.output.contains("0.00%"))
    }
}
