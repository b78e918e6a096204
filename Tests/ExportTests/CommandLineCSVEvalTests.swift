import Foundation
import Testing

/// The built `netplayground` binary, from `NETPLAYGROUND_BIN` (set by `make test`).
private let binary = ProcessInfo.processInfo.environment["NETPLAYGROUND_BIN"].flatMap { $0.isEmpty ? nil : $0 }

@Suite("eval --csv, --impute, --hidden and --activation: a CSV model scored on a new table, and its network",
       .enabled(if: binary != nil, "set NETPLAYGROUND_BIN to the built netplayground (make test does)"))
struct CommandLineCSVEvalTests {
    private static let breastCancer = ExportFixtures.repositoryRoot.appendingPathComponent("datasets/csv/breast_cancer.csv").path
    /// A small table: a number, a text column and the class, separable by the number.
    private static let small = (["size,colour,kind"] + (0..<40).map { index in
        "\(index),\(index % 3 == 0 ? "red" : "blue"),\(index < 20 ? "small" : "large")"
    }).joined(separator: "\n") + "\n"

    /// A scratch folder holding `mine.csv` (the small table) and the model trained on it, `m.safetensors`.
    private func trainedFolder(_ extra: [String] = []) throws -> URL {
        let folder = try ExportFixtures.makeScratchFolder()
        try Data(Self.small.utf8).write(to: folder.appendingPathComponent("mine.csv"))
        let trained = try runProcess(try #require(binary), [
            "train", "--csv", folder.appendingPathComponent("mine.csv").path, "--epochs", "30", "--batch-size", "4",
            "--save", folder.appendingPathComponent("m.safetensors").path] + extra)
        #expect(trained.status == 0, "\(trained.errors)")
        return folder
    }

    /// `eval m.safetensors --csv new.csv` with `text` as new.csv.
    private func eval(_ folder: URL, csv text: String, _ extra: [String] = []) throws -> (status: Int32, output: String,
                                                                                         errors: String, path: String) {
        let path = folder.appendingPathComponent("new.csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let result = try runProcess(try #require(binary), ["eval", folder.appendingPathComponent("m.safetensors").path,
                                                           "--csv", path] + extra)
        return (result.status, result.output, result.errors, path)
    }

    @Test("eval --csv scores the breast-cancer model on its own table, as text and as JSON")
    func evalBreastCancer() throws {
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let model = folder.appendingPathComponent("bc.safetensors").path
        let trained = try runProcess(try #require(binary), ["train", "--csv", Self.breastCancer, "--save", model])
        #expect(trained.status == 0, "\(trained.errors)")
        let text = try runProcess(try #require(binary), ["eval", model, "--csv", Self.breastCancer])
        #expect(text.status == 0, "\(text.errors)")
        #expect(text.output.contains("\(Self.breastCancer): accuracy "), "\(text.output)")
        #expect(text.output.contains(" on 569 rows (loss "), "\(text.output)")
        let json = try runProcess(try #require(binary), ["eval", model, "--csv", Self.breastCancer, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(object["rows"] as? Int == 569)
        // Mostly training rows: well above the 95% the held-out rows reach.
        #expect(try #require(object["accuracy"] as? Double) >= 0.97, "\(json.output)")
    }

    @Test("eval --csv reads the columns by name, in any order, and the one-hot values from the model file")
    func evalReordered() throws {
        let folder = try trainedFolder()
        defer { ExportFixtures.remove(folder) }
        let reordered = "kind,size,colour\nsmall,2,red\nlarge,35,blue\nsmall,5,blue\nlarge,39,red\n"
        let result = try eval(folder, csv: reordered, ["--json"])
        #expect(result.status == 0, "\(result.errors)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(object["rows"] as? Int == 4)
        #expect(object["accuracy"] as? Double == 1, "\(result.output)")
    }

    @Test("eval --csv refuses a missing or extra column, an unknown value or class, and a hole, with status 1")
    func evalBadTables() throws {
        let folder = try trainedFolder()
        defer { ExportFixtures.remove(folder) }
        let missing = try eval(folder, csv: "size,kind\n1,small\n")
        #expect(missing.status == 1)
        #expect(missing.errors.contains("\(missing.path): no column \"colour\", which the model reads; it reads the "
                                        + "columns \"size\", \"colour\", \"kind\""), "\(missing.errors)")
        let extra = try eval(folder, csv: "size,colour,kind,id\n1,red,small,7\n")
        #expect(extra.status == 1)
        #expect(extra.errors.contains("\(extra.path): column \"id\" is not one the model was trained on"), "\(extra.errors)")
        let category = try eval(folder, csv: "size,colour,kind\n1,red,small\n2,green,small\n")
        #expect(category.status == 1)
        #expect(category.errors.contains("\(category.path): line 3, column \"colour\": \"green\" is not a value the "
                                         + "model was trained on (it knows \"blue\", \"red\")"), "\(category.errors)")
        let label = try eval(folder, csv: "size,colour,kind\n1,red,medium\n")
        #expect(label.status == 1)
        #expect(label.errors.contains("\(label.path): line 2, column \"kind\": \"medium\" is not one of the model's "
                                      + "classes (\"large\", \"small\")"), "\(label.errors)")
        let hole = try eval(folder, csv: "size,colour,kind\n1,red,small\n,red,small\n")
        #expect(hole.status == 1)
        #expect(hole.errors.contains("\(hole.path): line 3, column \"size\": the value is missing (empty field)"),
                "\(hole.errors)")
        let notCSVModel = try runProcess(try #require(binary), ["eval", "/nonexistent.safetensors", "--csv", "x.csv"])
        #expect(notCSVModel.status == 1)
    }

    @Test("a hole is refused by default with a hint; --impute mean fills it and says how many per column")
    func imputation() throws {
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let path = folder.appendingPathComponent("holes.csv").path
        let holed = Self.small.split(separator: "\n").enumerated().map { index, line in
            index > 0 && index % 7 == 0 ? "," + line.split(separator: ",", omittingEmptySubsequences: false).dropFirst()
                .joined(separator: ",") : String(line)
        }.joined(separator: "\n")
        try Data(holed.utf8).write(to: URL(fileURLWithPath: path))
        let refused = try runProcess(try #require(binary), ["train", "--csv", path, "--epochs", "1"])
        #expect(refused.status == 1)
        #expect(refused.errors.contains("\(path): line 8, column \"size\": the value is missing (empty field)"),
                "\(refused.errors)")
        #expect(refused.errors.contains("--impute mean fills"), "\(refused.errors)")
        let model = folder.appendingPathComponent("m.safetensors").path
        let filled = try runProcess(try #require(binary), ["train", "--csv", path, "--epochs", "1", "--impute", "mean",
                                                           "--json", "--save", model])
        #expect(filled.status == 0, "\(filled.errors)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(filled.output.utf8)) as? [String: Any])
        #expect(object["imputed"] as? [String: Int] == ["size": 5], "\(filled.output)")
        #expect(filled.errors.contains("note: 5 missing values in column \"size\" filled with the column's training mean"),
                "\(filled.errors)")
        let text = try runProcess(try #require(binary), ["train", "--csv", path, "--epochs", "1", "--impute", "mean"])
        #expect(text.output.contains("imputed    5 in size (the column's training mean)"), "\(text.output)")
        // The model keeps the mean, so eval fills the same holes.
        let scored = try runProcess(try #require(binary), ["eval", model, "--csv", path])
        #expect(scored.status == 0, "\(scored.errors)")
        let unknown = try runProcess(try #require(binary), ["train", "--csv", path, "--impute", "median"])
        #expect(unknown.status == 2)
    }

    @Test("--hidden and --activation build the network asked for; bad values exit 2 naming the option")
    func networkChoice() throws {
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let path = folder.appendingPathComponent("mine.csv").path
        try Data(Self.small.utf8).write(to: URL(fileURLWithPath: path))
        let deep = try runProcess(try #require(binary), ["train", "--csv", path, "--epochs", "1",
                                                         "--hidden", "16,8", "--activation", "tanh"])
        #expect(deep.status == 0, "\(deep.errors)")
        #expect(deep.errors.contains("model: Dense 3→16 → Tanh → Dropout 0.0 → Dense 16→8 → Tanh → Dropout 0.0 → Dense 8→2"),
                "\(deep.errors)")
        let plain = try runProcess(try #require(binary), ["train", "--csv", path, "--epochs", "1"])
        #expect(plain.errors.contains("model: Dense 3→32 → ReLU → Dropout 0.0 → Dense 32→2"), "\(plain.errors)")
        for (arguments, message) in [
            (["--hidden", "0"], "--hidden must be sizes from 1 to 1024 separated by commas, e.g. 32,16; got '0'"),
            (["--hidden", "32,,16"], "got '32,,16'"),
            (["--hidden", "ten"], "got 'ten'"),
            (["--hidden", "1,1,1,1,1,1,1,1,1"], "--hidden gives 9 layers; at most 8 are built"),
            (["--activation", "step"], "--activation must be relu, tanh, sigmoid; got 'step'"),
        ] {
            let refused = try runProcess(try #require(binary), ["train", "--csv", path] + arguments)
            #expect(refused.status == 2, "\(arguments)")
            #expect(refused.errors.contains(message), "\(arguments): \(refused.errors)")
        }
        let stray = try runProcess(try #require(binary), ["train", "iris-mlp", "--hidden", "8"])
        #expect(stray.status == 2)
        #expect(stray.errors.contains("--hidden applies only with --csv FILE"), "\(stray.errors)")
    }
}

@Suite("train --csv on a quantity: mean squared error, RMSE and R² in the target's units, eval --csv on it",
       .enabled(if: binary != nil, "set NETPLAYGROUND_BIN to the built netplayground (make test does)"))
struct CommandLineCSVRegressionTests {
    /// price = 1000 + 120·size + 200 if red, plus noise of deviation 20: a fit reaches an RMSE near 20.
    private static func table(rows: Int = 600, scale: Double = 1) -> String {
        var lines = ["size,colour,price"]
        var state: UInt64 = 12345
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        for _ in 0..<rows {
            let size = uniform() * 10
            let red = uniform() < 0.5
            let noise = (uniform() + uniform() + uniform() - 1.5) * 40
            let price = (1000 + 120 * size + (red ? 200 : 0) + noise) * scale
            lines.append("\(size),\(red ? "red" : "blue"),\(price)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func train(_ text: String, _ extra: [String]) throws -> (status: Int32, object: [String: Any], errors: String) {
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let path = folder.appendingPathComponent("prices.csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let result = try runProcess(try #require(binary), ["train", "--csv", path, "--json"] + extra)
        let object = (try? JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]) ?? [:]
        return (result.status, object, result.errors)
    }

    @Test("a fractional target trains a regression: RMSE near the noise, R² near 1, in the target's units")
    func regressionFigures() throws {
        let result = try train(Self.table(), ["--epochs", "40"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.contains("a quantity, so this trains a regression"), "\(result.errors)")
        for key in ["validation_rmse", "validation_r2", "train_rmse", "train_r2"] {
            #expect(result.object[key] is Double, "\(key) missing: \(result.object)")
        }
        #expect(result.object["validation_accuracy"] == nil)
        let rmse = try #require(result.object["validation_rmse"] as? Double)
        let r2 = try #require(result.object["validation_r2"] as? Double)
        // The noise's deviation is 20; the target's about 360.
        #expect(rmse < 40, "RMSE \(rmse)")
        #expect(r2 > 0.98, "R² \(r2)")
        // In the target's own units: the same table in thousandths has a thousand times the RMSE.
        let scaled = try train(Self.table(scale: 1000), ["--epochs", "40"])
        let scaledRMSE = try #require(scaled.object["validation_rmse"] as? Double)
        #expect(abs(scaledRMSE / rmse - 1000) < 50, "RMSE \(rmse), scaled \(scaledRMSE)")
    }

    @Test("--regression forces it on whole-number classes; a text target is refused with its line")
    func forcedRegression() throws {
        let classes = "x,k\n" + (0..<40).map { "\($0),\($0 < 20 ? 1 : 2)" }.joined(separator: "\n") + "\n"
        let asClasses = try train(classes, ["--epochs", "1"])
        #expect(asClasses.object["validation_accuracy"] is Double, "\(asClasses.object)")
        let forced = try train(classes, ["--epochs", "1", "--regression"])
        #expect(forced.status == 0, "\(forced.errors)")
        #expect(forced.object["validation_rmse"] is Double, "\(forced.object)")
        let words = try train("x,k\n1,a\n2,b\n3,a\n", ["--regression"])
        #expect(words.status == 1)
        #expect(words.errors.contains("line 2, column \"k\": \"a\" is not a finite number, and a regression target "
                                      + "must be one"), "\(words.errors)")
    }

    @Test("eval --csv on a saved regression model gives RMSE and R² from the file alone")
    func evalRegression() throws {
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let path = folder.appendingPathComponent("prices.csv").path
        try Data(Self.table().utf8).write(to: URL(fileURLWithPath: path))
        let model = folder.appendingPathComponent("m.safetensors").path
        let trained = try runProcess(try #require(binary), ["train", "--csv", path, "--epochs", "40", "--save", model])
        #expect(trained.status == 0, "\(trained.errors)")
        let scored = try runProcess(try #require(binary), ["eval", model, "--csv", path, "--json"])
        #expect(scored.status == 0, "\(scored.errors)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(scored.output.utf8)) as? [String: Any])
        #expect(object["rows"] as? Int == 600)
        #expect(try #require(object["rmse"] as? Double) < 40, "\(object)")
        #expect(try #require(object["r2"] as? Double) > 0.98, "\(object)")
        let text = try runProcess(try #require(binary), ["eval", model, "--csv", path])
        #expect(text.output.contains("\(path): RMSE "), "\(text.output)")
        #expect(text.output.contains(" on 600 rows, model \(model)"), "\(text.output)")
    }

    @Test("info on a regression model names the target and says it is a regression, with no classes line")
    func infoRegression() throws {
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let path = folder.appendingPathComponent("prices.csv").path
        try Data(Self.table(rows: 100).utf8).write(to: URL(fileURLWithPath: path))
        let model = folder.appendingPathComponent("m.safetensors").path
        let trained = try runProcess(try #require(binary), ["train", "--csv", path, "--epochs", "1", "--save", model])
        #expect(trained.status == 0, "\(trained.errors)")
        let info = try runProcess(try #require(binary), ["info", model])
        #expect(info.status == 0, "\(info.errors)")
        #expect(info.output.contains("predicts:   price, a quantity (regression"), "\(info.output)")
        #expect(!info.output.contains("classes:"), "\(info.output)")
    }
}
