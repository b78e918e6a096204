import ArgumentParser
import Foundation
import Lessons
import MiniNN

/// The options of `train --csv`: which file, which column to predict, how to read it.
struct CSVOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Train a classifier on this CSV file instead of a named model.", valueName: "file.csv"))
    var csv: String?

    @Option(help: ArgumentHelp("The column to predict: a header name or a 1-based number. Default: the last column.",
                               valueName: "column"))
    var target: String?

    @Flag(inversion: .prefixedNo, help: "Whether the first row names the columns. Default: detected.")
    var header: Bool?

    @Option(help: ArgumentHelp("Field separator: comma, semicolon, tab (or the character). Default: detected.",
                               valueName: "separator"))
    var delimiter: String?

    @Option(parsing: .unconditional,
            help: "Share of the rows held out for validation, in [0, \(DataRecord.maximumValidationFraction)]. Default: 0.2.")
    var validation: Float?

    /// The delimiter asked for, or nil when detected; throws on an unknown name.
    var delimiterCharacter: Character? {
        get throws {
            guard let delimiter else { return nil }
            switch delimiter.lowercased() {
            case ",", "comma": return ","
            case ";", "semicolon": return ";"
            case "\t", "\\t", "tab": return "\t"
            case "|", "pipe": return "|"
            default:
                throw ValidationError("--delimiter must be comma, semicolon, tab or pipe, got '\(delimiter)'")
            }
        }
    }

    /// What is wrong with these options next to the model argument, or nil.
    func problem(model: String?) -> String? {
        if csv != nil, let model {
            return "give either a model name ('\(model)') or --csv FILE, not both"
        }
        if csv == nil {
            let stray = [("--target", target != nil), ("--header/--no-header", header != nil),
                         ("--delimiter", delimiter != nil), ("--validation", validation != nil)]
                .filter(\.1).map(\.0)
            if !stray.isEmpty {
                return "\(stray.joined(separator: ", ")) \(stray.count == 1 ? "applies" : "apply") only with --csv FILE"
            }
            return nil
        }
        if let csv, csv.isEmpty { return "--csv is empty; give the path of a CSV file" }
        if let validation, !(validation >= 0 && validation <= DataRecord.maximumValidationFraction) {
            return "--validation must be between 0 and \(DataRecord.maximumValidationFraction), got \(validation)"
        }
        do { _ = try delimiterCharacter } catch { return "\(error)" }
        return nil
    }

    /// The recipe data these options describe, or nil without --csv.
    var recipeData: RecipeData? {
        guard let csv else { return nil }
        let options = CSVTable.Options(delimiter: (try? delimiterCharacter) ?? nil, hasHeader: header)
        return .csv(path: csv, target: target, options: options,
                    validationFraction: validation ?? CSVRecipe.validationFraction)
    }
}

/// The recipe `train --csv` runs: a small MLP sized to the table.
enum CSVRecipe {
    /// What the network looks like, for the help text.
    static let summary = "inputs → 32 ReLU → classes, Adam lr 0.01, batch 32, 10 epochs"
    static let validationFraction: Float = 0.2
    static let percentValidation = "20%"
    static let seed: UInt64 = 1

    /// The recipe for a table with `inputs` features and `classes` classes.
    /// A Dropout layer (rate 0) is there for --dropout to act on.
    static func make(data: RecipeData, inputs: Int, classes: Int) -> Recipe {
        Recipe(
            name: "csv", summary: summary, data: data,
            model: ModelSpec(
                inputShape: [inputs],
                layers: [.dense(inputs: inputs, outputs: 32), .activation(.relu), .dropout(rate: 0),
                         .dense(inputs: 32, outputs: classes)],
                loss: .softmaxCrossEntropy),
            hyperparameters: Hyperparameters(learningRate: 0.01, optimizer: .adam, batchSize: 32),
            // Ten epochs: on the breast-cancer table the validation loss is lowest
            // around there and rises after (the training accuracy reaches 100%).
            epochs: 10, seed: seed)
    }
}
