import ArgumentParser
import Foundation
import MiniNN
import TUI

/// `netplayground runs`: the runs the playground kept, and one of them in full.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List the runs the playground kept, or show one.",
        discussion: """
        Every run the playground trains (each lesson's, each race runner's) is kept when it ends, with its \
        knobs, seed, curves, final metrics and weights, under $XDG_DATA_HOME/netplayground/runs/ \
        (~/.local/share/netplayground/runs/); past 200 runs or 256 MB the oldest go.

        Examples:
          netplayground runs --lesson 3
          netplayground runs show 20261203-1038 --curve lr.csv
          netplayground eval ~/.local/share/netplayground/runs/<id>.safetensors

        Exit status: 0 listed or shown; 1 no such run, or the curve could not be written.
        """,
        subcommands: [List.self, Show.self],
        defaultSubcommand: List.self)

    struct Location: ParsableArguments {
        @Option(name: .customLong("dir"), help: "The runs directory (default: the playground's).")
        var directory: String?

        var history: RunHistory { RunHistory(directory: directory ?? ProgressStore.defaultDirectory() + "/runs") }
    }

    /// `runs [--lesson N] [--json]`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "One line per kept run, newest first.")

        @Option(help: "Only this lesson's runs (10: the sandbox).")
        var lesson: Int?
        @Flag(help: "One JSON object: {\"runs\": [...], \"skipped\": [...]}.")
        var json = false
        @OptionGroup var location: Location

        func run() throws {
            let listing = location.history.list()
            let records = listing.records.filter { lesson == nil || $0.lesson == lesson }
            for skipped in listing.skipped {
                OutputStream.standardError.line("skipped \(TerminalText.sanitized(skipped, maxLength: 200))")
            }
            if json {
                let runs = records.map { RunsCommand.json($0, directory: location.history.directory) }
                let skipped = listing.skipped.map { JSONText.quoted($0) }
                OutputStream.standardOutput.line("{\"runs\": [" + runs.joined(separator: ", ") + "], \"skipped\": ["
                                                 + skipped.joined(separator: ", ") + "]}")
                return
            }
            guard !records.isEmpty else {
                OutputStream.standardOutput.line(lesson.map { "no runs of lesson \($0) in \(location.history.directory)" }
                                                 ?? "no runs in \(location.history.directory)")
                return
            }
            let rows = records.map { record -> [String] in
                let best = record.best.map { "\(Format.loss($0.loss)) (ep \(Int($0.epoch.rounded())))" } ?? "—"
                return [record.id, "\(record.lesson)", TerminalText.sanitized(record.data, maxLength: 40),
                        RunsCommand.knobs(record), "\(record.epochs)", best,
                        record.finalValidation.map { Format.percent($0.accuracy) } ?? "—", Format.seconds(record.seconds)]
            }
            OutputStream.standardOutput.line(Format.table(
                header: ["id", "lesson", "data", "knobs", "epochs", "best val loss", "val acc", "seconds"], rows: rows))
        }
    }

    /// `runs show ID [--curve FILE] [--json]`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "One run in full; --curve writes its curves as CSV.")

        @Argument(help: "The run's id, or enough of its start to pick one.")
        var id: String
        @Option(help: "Write the curves here as CSV: kind (train or validation), epoch, loss, accuracy.")
        var curve: String?
        @Flag(help: "The run as one JSON object.")
        var json = false
        @OptionGroup var location: Location

        func run() throws {
            let record: RunRecord
            switch location.history.record(id) {
            case .success(let found): record = found
            case .failure(let problem): throw problem
            }
            if let curve {
                var lines = ["kind,epoch,loss,accuracy"]
                for (kind, points) in [("train", record.curve), ("validation", record.validation)] {
                    for point in points {
                        lines.append(String(format: "%@,%.5f,%.6g,%.6g", kind, point.epoch, point.loss, point.accuracy))
                    }
                }
                do {
                    try AtomicFile.write(lines.joined(separator: "\n") + "\n", to: curve)
                } catch {
                    throw RunHistory.HistoryProblem("cannot write \(curve): \(error)")
                }
            }
            if json {
                OutputStream.standardOutput.line(RunsCommand.json(record, directory: location.history.directory))
                return
            }
            let shown = { (text: String) in TerminalText.sanitized(text, maxLength: 200) }
            var lines = ["run \(record.id), ended \(shown(record.ended))",
                         "lesson:  \(record.lesson) · \(shown(record.lessonTitle))",
                         "data:    \(shown(record.data)), label noise \(Int((record.labelNoise * 100).rounded()))%",
                         "model:   \(shown(record.model))",
                         "knobs:   \(RunsCommand.knobs(record)), seed \(record.seed)",
                         "trained: \(record.epochs) epochs, \(record.items.grouped) items, \(Format.seconds(record.seconds))"]
            if let train = record.finalTrain {
                lines.append("train:   loss \(Format.loss(train.loss)), accuracy \(Format.percent(train.accuracy)) (last batches)")
            }
            if let validation = record.finalValidation {
                lines.append("val:     loss \(Format.loss(validation.loss)), accuracy \(Format.percent(validation.accuracy))")
            }
            if let best = record.best {
                lines.append("best:    val loss \(Format.loss(best.loss)) at epoch \(Int(best.epoch.rounded()))")
            }
            if let weights = record.weights { lines.append("weights: \(location.history.directory)/\(weights)") }
            if let curve { lines.append("curves:  \(curve)") }
            OutputStream.standardOutput.line(lines.joined(separator: "\n"))
        }
    }

    /// "sgd, lr 0.1, batch 32", with dropout and decay when set.
    static func knobs(_ record: RunRecord) -> String {
        let knobs = record.hyperparameters
        var parts = [knobs.optimizer.rawValue, "lr \(Format.knob(knobs.learningRate))", "batch \(knobs.batchSize)"]
        if knobs.dropout > 0 { parts.append("dropout \(Format.knob(knobs.dropout))") }
        if knobs.weightDecay > 0 { parts.append("L2 \(Format.knob(knobs.weightDecay))") }
        if knobs.l1 > 0 { parts.append("L1 \(Format.knob(knobs.l1))") }
        return parts.joined(separator: ", ")
    }

    static func json(_ record: RunRecord, directory: String) -> String {
        var object = JSONObject()
        object.set("id", record.id)
        object.set("ended", record.ended)
        object.set("lesson", record.lesson)
        object.set("lesson_title", record.lessonTitle)
        object.set("data", record.data)
        object.set("model", record.model)
        object.set("learning_rate", record.hyperparameters.learningRate)
        object.set("optimizer", record.hyperparameters.optimizer.rawValue)
        object.set("batch_size", record.hyperparameters.batchSize)
        object.set("dropout", record.hyperparameters.dropout)
        object.set("weight_decay", record.hyperparameters.weightDecay)
        object.set("l1", record.hyperparameters.l1)
        object.set("seed", record.seed)
        object.set("label_noise", record.labelNoise)
        object.set("epochs", record.epochs)
        object.set("items", record.items)
        object.set("seconds", record.seconds)
        if let train = record.finalTrain { object.set("train_loss", train.loss); object.set("train_accuracy", train.accuracy) }
        if let validation = record.finalValidation {
            object.set("validation_loss", validation.loss)
            object.set("validation_accuracy", validation.accuracy)
        }
        if let best = record.best {
            object.set("best_validation_loss", best.loss)
            object.set("best_epoch", Int(best.epoch.rounded()))
        }
        if let weights = record.weights { object.set("weights", directory + "/" + weights) }
        return object.text
    }
}
