import ArgumentParser
import Foundation
import MiniNN

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
        var lines = ["\(path): \(Format.count(ExportCommand.fileSize(path))) bytes"]
        let origin = info.recipe.isEmpty ? info.dataset : "\(info.recipe) (\(info.dataset))"
        lines.append("trained on: \(origin), seed \(info.seed)")
        lines.append("classes:    \(info.classNames.joined(separator: ", "))")
        lines.append("loss:       \(info.architecture.loss.rawValue)")
        lines.append("")
        lines.append(loaded.model.summary)
        lines.append("")
        let knobs = info.hyperparameters
        lines.append("knobs:      \(knobs.optimizer.rawValue), lr \(Format.knob(knobs.learningRate)), "
                     + "batch \(knobs.batchSize), dropout \(Format.knob(knobs.dropout)), "
                     + "L2 \(Format.knob(knobs.weightDecay)), L1 \(Format.knob(knobs.l1))")
        lines.append("input:      " + normalizationText(info.normalization))
        let metrics = info.metrics
        lines.append("trained:    \(metrics.epochs) epoch\(metrics.epochs == 1 ? "" : "s"), "
                     + "\(Format.count(metrics.itemsSeen)) items seen")
        for (name, evaluation) in [("train", metrics.train), ("validation", metrics.validation), ("test", metrics.test)] {
            guard let evaluation else { continue }
            lines.append("\(name.padding(toLength: 11, withPad: " ", startingAt: 0)) loss \(Format.loss(evaluation.loss)), "
                         + "accuracy \(Format.percent(evaluation.accuracy)) on \(Format.count(evaluation.count)) items")
        }
        return lines.joined(separator: "\n")
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
