import ArgumentParser
import Foundation
import Lessons
import MiniNN
import TUI

/// `netplayground eval model.safetensors`: runs a saved model on its held-out data.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a saved model on its dataset.",
        discussion: """
            Runs the model on the data it was made for: the MNIST test set for MNIST
            models; for other recipes, the recipe's test set, else its validation split
            (the same split the model was trained with, from the seed in the file).

            Exit status: 0 evaluated; 1 the model file or the data could not be read.
            """)

    @Argument(help: "A model saved by `netplayground train --save` or the playground (.safetensors).")
    var model: String

    @Option(help: "Folder holding mnist/ and iris/ (overrides \(DatasetLocator.environmentVariable)).")
    var dataDir: String?

    func run() throws {
        let loaded = try ModelFile.load(from: model)
        let dataset = try Self.evaluationSet(for: loaded.info, path: model,
                                             locator: try .commandLine(dataDirectory: dataDir))
        // The trainer's evaluation is the one MiniNN uses everywhere (batched,
        // inference mode, the model's loss); nothing is trained here.
        let trainer = try Trainer(model: loaded.model, loss: loaded.info.architecture.loss, train: dataset,
                                  knobs: LiveKnobs(loaded.info.hyperparameters), seed: loaded.info.seed)
        let evaluation = trainer.evaluate(dataset)
        // "-nan" from printf says nothing more than "nan".
        let loss = evaluation.loss.isNaN ? "nan" : Format.loss(evaluation.loss)
        var line = "\(dataset.name): loss \(loss), "
            + "accuracy \(Format.percent(evaluation.accuracy)) on \(evaluation.count.grouped) items"
        if let saved = Self.savedEvaluation(loaded.info.metrics, for: dataset.name) {
            line += " (when saved: accuracy \(Format.percent(saved.accuracy)))"
        }
        OutputStream.standardOutput.line(line)
        if !evaluation.loss.isFinite {
            OutputStream.standardError.line(
                "note: the loss is \(loss) because some of the model's outputs are infinite "
                + "on this data: its weights are finite but very large (training probably diverged before it was "
                + "saved), so the loss of those items cannot be computed")
        }
    }

    /// The held-out data for a model: its recipe's test or validation split,
    /// or the MNIST test set / all of iris when the recipe is not in this
    /// version's catalog. Inputs are normalized as the file says.
    static func evaluationSet(for info: ModelFileInfo, path: String, locator: DatasetLocator) throws -> Dataset {
        var dataset: Dataset
        if let recipe = RecipeCatalog.recipe(named: info.recipe) {
            let splits = try recipe.data.load(locator: locator, seed: info.seed)
            dataset = splits.test ?? splits.validation ?? splits.train
        } else {
            switch info.dataset {
            case "mnist": dataset = try MNIST.load(.test, from: locator.mnistDirectory())
            case "iris": dataset = try Iris.load(from: locator.irisDirectory())
            default:
                // The file, not the command line, is at fault: status 1 without the usage text.
                let name = TerminalText.sanitized(info.recipe.isEmpty ? info.dataset : info.recipe, maxLength: 80)
                throw UnknownData(description: "\(path): cannot tell which data '\(name)' was trained on: "
                                  + "neither its recipe nor its dataset is one this version knows (mnist, iris)")
            }
        }
        dataset.normalization = info.normalization
        return dataset
    }

    /// The metric saved for the split called `name` ("MNIST test" → test).
    static func savedEvaluation(_ metrics: ModelMetrics, for name: String) -> Evaluation? {
        let lowered = name.lowercased()
        if lowered.contains("test") { return metrics.test }
        if lowered.contains("validation") { return metrics.validation }
        return nil
    }
}

/// A model file names data this version cannot find or make; exits with status 1.
struct UnknownData: Error, CustomStringConvertible {
    var description: String
}
