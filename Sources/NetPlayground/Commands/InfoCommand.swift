import ArgumentParser
import Foundation
import Lessons
import MiniNN
import TUI

/// `netplayground info model.safetensors`: what a saved model is and how well it did.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Print a saved model's architecture and metrics.",
        discussion: "Exit status: 0 printed; 1 the file is missing or not a valid model file.")

    @Argument(help: "A model saved by `netplayground train --save` or the playground (.safetensors).")
    var model: String

    func run() throws {
        let loaded = try ModelFile.load(from: model)
        OutputStream.standardOutput.line(Self.describe(loaded, path: model))
    }

    /// The report `info` prints.
    static func describe(_ loaded: LoadedModel, path: String) -> String {
        let info = loaded.info
        // The file's own strings go through the sanitizer: a recipe name can
        // hold escape sequences that retitle or clear the terminal.
        func shown(_ text: String, _ maxLength: Int = 80) -> String { TerminalText.sanitized(text, maxLength: maxLength) }
        var lines = ["\(shown(path, 400)): \(ExportCommand.fileSize(path).grouped) bytes"]
        let origin = info.recipe.isEmpty ? shown(info.dataset) : "\(shown(info.recipe)) (\(shown(info.dataset)))"
        lines.append("trained on: \(origin), seed \(info.seed)")
        lines.append("data:       " + dataText(info))
        if let table = info.table, table.isRegression {
            // A regression has no classes: one output, the target's number in its units.
            lines.append("predicts:   \(shown(table.target, 60)), a quantity (regression: one output, in the target's units)")
        } else {
            lines.append("classes:    " + shown(info.classNames.map { shown($0, 40) }.joined(separator: ", "), 400))
        }
        lines.append("loss:       \(info.architecture.loss.rawValue)")
        lines.append("")
        lines.append(loaded.model.summary)
        lines.append("")
        let knobs = info.hyperparameters
        if info.rule == .perceptron {
            // Rosenblatt's rule reads only the learning rate and the batch size.
            lines.append("knobs:      perceptron rule, lr \(Format.knob(knobs.learningRate)), batch \(knobs.batchSize)")
        } else {
            lines.append("knobs:      \(knobs.optimizer.rawValue), lr \(Format.knob(knobs.learningRate)), "
                         + "batch \(knobs.batchSize), dropout \(Format.knob(knobs.dropout)), "
                         + "L2 \(Format.knob(knobs.weightDecay)), L1 \(Format.knob(knobs.l1))")
        }
        lines.append("input:      " + normalizationText(info.normalization))
        let metrics = info.metrics
        lines.append("trained:    \(metrics.epochs) epoch\(metrics.epochs == 1 ? "" : "s"), "
                     + "\(metrics.itemsSeen.grouped) items seen")
        for (name, evaluation) in [("train", metrics.train), ("validation", metrics.validation), ("test", metrics.test)] {
            guard let evaluation, evaluation.count > 0 else {
                // Older files saved an empty validation set as 0% on 0 items.
                if name == "validation" { lines.append("validation  — (no validation set)") }
                continue
            }
            lines.append("\(name.padding(toLength: 11, withPad: " ", startingAt: 0)) loss \(Format.loss(evaluation.loss)), "
                         + "accuracy \(Format.percent(evaluation.accuracy)) on \(evaluation.count.grouped) items")
        }
        return lines.joined(separator: "\n")
    }

    /// The recorded data, the recipe's, or that an older file does not say.
    static func dataText(_ info: ModelFileInfo) -> String {
        if let record = info.data { return record.summary }
        if let recipe = RecipeCatalog.recipe(named: info.recipe) { return "\(recipe.data.summary) (the recipe's)" }
        // train --csv models are new, not old: the table is the learner's own and its path is not kept.
        if info.dataset == "csv" { return "a CSV table of the user's (train --csv); the file does not record which" }
        return "not recorded (saved before NetPlayground recorded which data a model trained on)"
    }

    /// "normalized as (x − 0.1307) / 0.3081", or per-feature counts.
    static func normalizationText(_ normalization: Normalization) -> String {
        if normalization == .identity { return "used as is" }
        if normalization.mean.count == 1 && normalization.std.count == 1 {
            return "normalized as (x − \(Format.knob(normalization.mean[0]))) / \(Format.knob(normalization.std[0]))"
        }
        return "normalized per feature (\(normalization.mean.count) means, \(normalization.std.count) deviations)"
    }
}
