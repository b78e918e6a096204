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

    @Option(help: ArgumentHelp("An empty field in a numeric column: none refuses the file (the default), "
                               + "mean fills it with the column's mean over the training rows.", valueName: "none|mean"))
    var impute: Imputation?

    @Flag(help: ArgumentHelp("Predict the target as a quantity (mean squared error; RMSE and R² reported). Default: "
                             + "when its values are numbers with a fraction, or more than \(CSVTable.maximumIntegerClasses) distinct ones."))
    var regression = false

    @Option(help: ArgumentHelp("Hidden layer sizes, comma-separated, e.g. 32,16 (1 to \(CSVRecipe.maximumHiddenLayers) "
                               + "layers of 1 to \(ModelLimits.maximumWidth) units). Default: \(CSVRecipe.defaultHidden.map(String.init).joined(separator: ",")).",
                               valueName: "sizes"))
    var hidden: String?

    @Option(help: ArgumentHelp("The hidden layers' activation: \(CSVRecipe.activations.map(\.rawValue).joined(separator: ", ")). "
                               + "Default: \(CSVRecipe.defaultActivation.rawValue).", valueName: "name"))
    var activation: String?

    /// The hidden layer sizes asked for (the default without --hidden); throws on a malformed list.
    var hiddenSizes: [Int] {
        get throws {
            guard let hidden else { return CSVRecipe.defaultHidden }
            let parts = hidden.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            let sizes = parts.compactMap { Int($0) }
            guard !hidden.isEmpty, sizes.count == parts.count,
                  sizes.allSatisfy({ (1...ModelLimits.maximumWidth).contains($0) }) else {
                throw ValidationError("--hidden must be sizes from 1 to \(ModelLimits.maximumWidth) separated by commas, "
                                      + "e.g. 32,16; got '\(hidden)'")
            }
            guard sizes.count <= CSVRecipe.maximumHiddenLayers else {
                throw ValidationError("--hidden gives \(sizes.count) layers; at most \(CSVRecipe.maximumHiddenLayers) are built")
            }
            return sizes
        }
    }

    /// The hidden activation asked for (the default without --activation); throws on an unknown name.
    var hiddenActivation: ActivationKind {
        get throws {
            guard let activation else { return CSVRecipe.defaultActivation }
            guard let kind = ActivationKind(rawValue: activation.lowercased()), CSVRecipe.activations.contains(kind) else {
                throw ValidationError("--activation must be \(CSVRecipe.activations.map(\.rawValue).joined(separator: ", ")); "
                                      + "got '\(activation)'")
            }
            return kind
        }
    }

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
                         ("--delimiter", delimiter != nil), ("--validation", validation != nil),
                         ("--impute", impute != nil), ("--hidden", hidden != nil), ("--activation", activation != nil),
                         ("--regression", regression)]
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
        do {
            _ = try delimiterCharacter
            _ = try hiddenSizes
            _ = try hiddenActivation
        } catch {
            return "\(error)"
        }
        return nil
    }

    /// The recipe data these options describe, or nil without --csv.
    var recipeData: RecipeData? {
        guard let csv else { return nil }
        let options = CSVTable.Options(delimiter: (try? delimiterCharacter) ?? nil, hasHeader: header)
        return .csv(path: csv, target: target, options: options, imputation: impute ?? .none,
                    validationFraction: validation ?? CSVRecipe.validationFraction)
    }
}

/// The recipe `train --csv` runs: a small MLP sized to the table.
enum CSVRecipe {
    /// What the network looks like by default, for the help text.
    static let summary = "inputs → 32 ReLU → classes, Adam lr 0.01, batch 32, 10 epochs"
    static let validationFraction: Float = 0.2
    static let percentValidation = "20%"
    static let seed: UInt64 = 1
    /// One hidden layer of 32: enough for tables of tens of columns, small enough to train in a blink.
    static let defaultHidden = [32]
    static let defaultActivation = ActivationKind.relu
    /// The activations --activation offers (a step has no gradient; identity would make the network linear).
    static let activations: [ActivationKind] = [.relu, .tanh, .sigmoid]
    /// Deeper than this a table-sized MLP only trains worse.
    static let maximumHiddenLayers = 8

    /// The recipe for a table with `inputs` features and `classes` classes
    /// (1 and mean squared error for a regression), with hidden layers of
    /// `hidden` units and `activation`. A Dropout layer (rate 0) after each
    /// hidden layer is there for --dropout to act on.
    static func make(data: RecipeData, inputs: Int, classes: Int, hidden: [Int] = defaultHidden,
                     activation: ActivationKind = defaultActivation, loss: LossKind = .softmaxCrossEntropy) -> Recipe {
        var layers: [LayerSpec] = []
        var width = inputs
        for size in hidden {
            layers += [.dense(inputs: width, outputs: size), .activation(activation), .dropout(rate: 0)]
            width = size
        }
        layers.append(.dense(inputs: width, outputs: classes))
        return Recipe(
            name: "csv", summary: summary, data: data,
            model: ModelSpec(inputShape: [inputs], layers: layers, loss: loss),
            hyperparameters: Hyperparameters(learningRate: 0.01, optimizer: .adam, batchSize: 32),
            // Ten epochs: on the breast-cancer table the validation loss is lowest
            // around there and rises after (the training accuracy reaches 100%).
            epochs: 10, seed: seed)
    }
}

extension Imputation: ExpressibleByArgument {}
