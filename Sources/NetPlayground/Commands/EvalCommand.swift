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
            Runs the model on the data it was trained on, as the file records it: the
            same generated points, iris measurements and species, or MNIST images, drawn
            with the same seed. It evaluates the held-out part: the test images for
            MNIST, else the validation split. The line says which set that is, and
            compares with the accuracy the file saved on the same set (or says plainly
            when the file's figure is on another set).

            Files saved by `netplayground train` are evaluated on their recipe's test
            set, else its validation split. Older files that do not record their data
            are evaluated on all MNIST test images or all of iris, when that can be told.

            --csv FILE scores a model trained with `train --csv` on another table with
            the same columns (by name, in any order), read as the training table was:
            the standardization, the one-hot values, the fill-in means of --impute and
            the class names all come from the model file. A missing or extra column, a
            value the model has not seen in a text column, or a target value that is
            not one of its classes is refused with the file, line and column.
              netplayground eval model.safetensors --csv new_rows.csv --json

            Exit status: 0 evaluated; 1 the model file or the data could not be read,
            or the file does not say which data it was trained on.
            """)

    @Argument(help: "A model saved by `netplayground train --save` or the playground (.safetensors).")
    var model: String

    @Option(help: "Folder holding mnist/ and iris/ (overrides \(DatasetLocator.environmentVariable)).")
    var dataDir: String?

    @Option(help: ArgumentHelp("Score a model trained with `train --csv` on this CSV file (the same columns).",
                               valueName: "file.csv"))
    var csv: String?

    @Flag(help: "Print the result as one JSON object on standard output.")
    var json = false

    func validate() throws {
        if csv != nil, dataDir != nil { throw ValidationError("--data-dir has no effect with --csv FILE; give one of them") }
        if let csv, csv.isEmpty { throw ValidationError("--csv is empty; give the path of a CSV file") }
    }

    func run() throws {
        let loaded = try ModelFile.load(from: model)
        if let csv {
            let result = try Self.evaluate(loaded, modelPath: model, csvPath: csv)
            OutputStream.standardOutput.line(json ? result.json : result.line)
            return
        }
        let result = try Self.evaluate(loaded, path: model, locator: try .commandLine(dataDirectory: dataDir))
        OutputStream.standardOutput.line(json ? result.json : result.line)
        for note in result.target.notes { OutputStream.standardError.line("note: \(note)") }
        if !result.evaluation.loss.isFinite {
            OutputStream.standardError.line(
                "note: the loss is \(result.lossText) because some of the model's outputs are infinite "
                + "on this data: its weights are finite but very large (training probably diverged before it was "
                + "saved), so the loss of those items cannot be computed")
        }
    }

    /// What `eval` measured, and the figure the file saved for comparison.
    struct Result {
        var target: EvaluationTarget
        var evaluation: Evaluation
        /// The file's figure for exactly this set, when it has one.
        var savedOnSameSet: Evaluation?
        /// The line `eval` prints.
        var line: String

        /// The measurement as one JSON object, for --json.
        var json: String {
            var object = JSONObject()
            object.set("set", target.description)
            object.set("split", target.split.rawValue)
            object.set("items", evaluation.count)
            object.set("loss", evaluation.loss)
            object.set("accuracy", evaluation.accuracy)
            if let savedOnSameSet { object.set("saved_accuracy", savedOnSameSet.accuracy) }
            return object.text
        }

        /// "-nan" from printf says nothing more than "nan".
        var lossText: String { evaluation.loss.isNaN ? "nan" : Format.loss(evaluation.loss) }
    }

    /// Evaluates `loaded` on its data (see ``evaluationTarget(for:path:locator:)``).
    static func evaluate(_ loaded: LoadedModel, path: String, locator: DatasetLocator) throws -> Result {
        let target = try evaluationTarget(for: loaded.info, path: path, locator: locator)
        // The trainer's evaluation is the one MiniNN uses everywhere (batched,
        // inference mode, the model's loss); nothing is trained here.
        let trainer = try Trainer(model: loaded.model, loss: loaded.info.architecture.loss, train: target.dataset,
                                  knobs: LiveKnobs(loaded.info.hyperparameters), seed: loaded.info.seed)
        let evaluation = trainer.evaluate(target.dataset)
        var result = Result(target: target, evaluation: evaluation, savedOnSameSet: nil, line: "")
        let comparison = compare(evaluation, target: target, metrics: loaded.info.metrics)
        result.savedOnSameSet = comparison.same
        result.line = "\(target.description): loss \(result.lossText), accuracy \(Format.percent(evaluation.accuracy)) "
            + "on \(evaluation.count.grouped) items; \(comparison.text)"
        return result
    }

    /// The saved figure for the evaluated set, in words: the same set, a
    /// different one (said plainly), or none.
    static func compare(_ evaluation: Evaluation, target: EvaluationTarget,
                        metrics: ModelMetrics) -> (same: Evaluation?, text: String) {
        let saved: [(EvaluationTarget.Split, Evaluation?)] = [(.test, metrics.test), (.validation, metrics.validation),
                                                              (.train, metrics.train)]
        let available = saved.compactMap { split, figure in figure.flatMap { $0.count > 0 ? (split, $0) : nil } }
        if let figure = available.first(where: { $0.0 == target.split })?.1 {
            let percent = Format.percent(figure.accuracy)
            if target.isExact && figure.count == evaluation.count {
                return (figure, "saved: \(percent) on the same set")
            }
            return (nil, "saved: \(percent) on \(figure.count.grouped) \(target.split.rawValue) items, "
                    + "a different set from this one")
        }
        guard let (split, figure) = available.first else { return (nil, "the file saved no accuracy to compare with") }
        return (nil, "the file saved no \(target.split.rawValue) figure; its \(split.rawValue) accuracy, "
                + "\(Format.percent(figure.accuracy)) on \(figure.count.grouped) items, is on a different set")
    }
}

/// A model file names data this version cannot find or make; exits with status 1.
struct UnknownData: Error, CustomStringConvertible {
    var description: String
}
