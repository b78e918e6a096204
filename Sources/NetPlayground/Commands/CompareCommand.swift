import ArgumentParser
import Foundation
import Lessons
import MiniNN

/// `netplayground compare <model> --set lr=0.01 --set lr=0.1`: trains one
/// recipe once per setting, every run from the same seed (so the same data,
/// split, initial weights and batch order), and prints them side by side.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Train one model with two to four knob settings and compare the runs.",
        discussion: """
            Each --set is one run: knobs as name=value pairs, comma-separated, with the
            names of train's options (lr, optimizer, batch-size, dropout, weight-decay, l1).
            Knobs a --set does not name keep the model's defaults. Every run starts from
            the same seed, so the data, the split, the initial weights and the order of
            the batches are the same; only the knobs differ. The runs train one after
            another, each with the whole machine.

            Example:
              netplayground compare mnist-mlp --set lr=0.00002 --set lr=0.002 --epochs 1
              netplayground compare mlp-spirals --set optimizer=sgd,lr=0.1 --set optimizer=adam,lr=0.01 --json

            Progress is written to standard error, one bar per run. Results go to standard
            output: a table, or with --json one object whose "runs" array holds, for each
            run, its "knobs" and the same keys as train --json.

            Exit status: 0 compared (a run that diverged is reported, not an error);
            1 data missing or corrupt, or a file not written; 2 invalid arguments;
            128 + N stopped by signal N.
            """)

    /// The most runs one comparison takes: a chart with more curves is unreadable.
    static let maximumRuns = 4

    @Argument(help: "The model to train: \(RecipeCatalog.names.joined(separator: ", ")).")
    var model: String

    @Option(name: .customLong("set"), help: ArgumentHelp("One run's knobs, e.g. lr=0.01 or optimizer=adam,lr=0.002 (2 to \(maximumRuns) of them; one alone is allowed).",
                                                        valueName: "knobs"))
    var settings: [String] = []

    @Option(parsing: .unconditional, help: "Epochs each run trains (≥ 1). Default: the model's.")
    var epochs: Int?

    @Option(help: "Seed for the data, the split, the weights and the batch order of every run. Default: the model's.")
    var seed: UInt64?

    @Option(help: "Folder holding mnist/ and iris/ (overrides \(DatasetLocator.environmentVariable)).")
    var dataDir: String?

    @Flag(help: "Print the results as one JSON object on standard output.")
    var json = false

    @Option(name: .customLong("curve"), help: ArgumentHelp("Write each run's learning curve as DIR/run-N.csv (DIR is created).",
                                                          valueName: "dir"))
    var curveDirectory: String?

    func validate() throws {
        guard let recipe = RecipeCatalog.recipe(named: model) else {
            throw ValidationError("unknown model '\(model)'. Known models: \(RecipeCatalog.names.joined(separator: ", "))")
        }
        guard (1...Self.maximumRuns).contains(settings.count) else {
            throw ValidationError("give 1 to \(Self.maximumRuns) --set options, one per run; got \(settings.count)")
        }
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1, got \(epochs)") }
        for setting in settings {
            let knobs = try Self.knobs(of: setting)
            if let batchSize = knobs.batchSize, let problem = ModelLimits.violation(of: recipe.model, batchSize: batchSize) {
                throw ValidationError("--set \(setting): batch-size \(batchSize) is too large for \(model): \(problem)")
            }
        }
    }

    /// One `--set` read as train's knob options ("lr=0.1,optimizer=adam" is
    /// `--lr 0.1 --optimizer adam`), so the names, ranges and messages are train's.
    static func knobs(of setting: String) throws -> KnobOptions {
        var arguments: [String] = []
        for pair in setting.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("--set \(setting): '\(pair)' is not name=value (for example lr=0.01)")
            }
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            guard Self.knobNames.contains(name) else {
                throw ValidationError("--set \(setting): unknown knob '\(name)'; the knobs are \(Self.knobNames.joined(separator: ", "))")
            }
            arguments += ["--\(name)", parts[1].trimmingCharacters(in: .whitespaces)]
        }
        do {
            return try KnobOptions.parse(arguments)
        } catch {
            throw ValidationError("--set \(setting): \(KnobOptions.message(for: error))")
        }
    }

    /// The knob names a `--set` takes: train's options without their dashes.
    static let knobNames = ["lr", "optimizer", "batch-size", "dropout", "weight-decay", "l1"]

    func run() throws {
        guard let recipe = RecipeCatalog.recipe(named: model) else { throw ValidationError("unknown model '\(model)'") }
        let log = OutputStream.standardError
        let seed = self.seed ?? recipe.seed
        let epochs = self.epochs ?? recipe.epochs
        let runs = try settings.map { try (setting: $0, knobs: Self.knobs(of: $0).applied(to: recipe.hyperparameters)) }
        if let curveDirectory {
            do {
                try FileManager.default.createDirectory(atPath: curveDirectory, withIntermediateDirectories: true)
            } catch {
                throw TrainingFailure("cannot create the curve folder \(curveDirectory): \(error.localizedDescription)")
            }
        }
        StopSignals.install()
        let loadStarted = ContinuousClock.now
        let datasets = try recipe.data.load(locator: try .commandLine(dataDirectory: dataDir), seed: seed)
        let loadSeconds = TrainCommand.seconds(since: loadStarted)
        log.line("\(recipe.name): \(TrainCommand.loadedSummary(recipe.data, datasets)) (ready in \(Format.seconds(loadSeconds))); "
                 + "\(runs.count) run\(runs.count == 1 ? "" : "s") from seed \(seed), \(epochs) epoch\(epochs == 1 ? "" : "s") each")

        var results: [RunResult] = []
        for (index, run) in runs.enumerated() {
            log.line("run \(index + 1) of \(runs.count): \(run.setting)")
            // The same seed draws the same initial weights and batch order for every run.
            let trainer = try recipe.makeTrainer(datasets: datasets, hyperparameters: run.knobs, epochs: epochs, seed: seed)
            let progress = ProgressBar(output: log, epochs: epochs)
            let divergence = DivergenceWatch()
            let curve = LearningCurve()
            let stopWatch = StopOnSignal(trainer)
            for observer in [progress, divergence, curve, stopWatch] as [any TrainingObserver] { trainer.addObserver(observer) }
            let started = ContinuousClock.now
            let reports = trainer.train(epochs: epochs)
            let seconds = TrainCommand.seconds(since: started)
            progress.close()
            if let signal = StopSignals.received {
                log.line("stopped by \(StopSignals.name(of: signal)) in run \(index + 1); nothing more is trained")
                Foundation.exit(StopSignals.exitStatus(for: signal))
            }
            if let curveDirectory {
                let path = (curveDirectory as NSString).appendingPathComponent("run-\(index + 1).csv")
                try curve.write(to: path)
                log.line("wrote \(path)")
            }
            let summary = TrainingSummary(
                model: recipe.name, reports: reports, seconds: seconds, loadSeconds: loadSeconds, knobs: run.knobs,
                optimizer: recipe.rule == .perceptron ? "perceptron" : run.knobs.optimizer.rawValue,
                seed: seed, parameters: trainer.model.parameterCount)
            results.append(RunResult(setting: run.setting, summary: summary, reports: reports, diverged: divergence.report))
        }
        OutputStream.standardOutput.line(json ? Self.json(model: recipe.name, results) : Self.table(results))
    }

    /// One run's outcome.
    struct RunResult {
        var setting: String
        var summary: TrainingSummary
        var reports: [EpochReport]
        var diverged: DivergenceReport?

        /// The lowest validation loss and the 1-based epoch it came in.
        var bestValidation: (loss: Float, epoch: Int)? {
            reports.compactMap { report in report.validation.map { (loss: $0.loss, epoch: report.epoch + 1) } }
                .filter { $0.loss.isFinite }.min { $0.loss < $1.loss }
        }
    }

    /// The runs as one JSON object: `{"model": …, "runs": [{"knobs": {…}, "diverged": …, <train --json keys>}]}`.
    static func json(model: String, _ results: [RunResult]) -> String {
        let runs = results.map { result -> String in
            var knobs = JSONObject()
            knobs.set("set", result.setting)
            knobs.set("learning_rate", result.summary.learningRate)
            knobs.set("optimizer", result.summary.optimizer)
            knobs.set("batch_size", result.summary.batchSize)
            knobs.set("dropout", result.summary.dropout)
            knobs.set("weight_decay", result.summary.weightDecay)
            knobs.set("l1", result.summary.l1)
            // train --json's object, opened to put the knobs first.
            let fields = String(result.summary.json.dropFirst())
            return "{\"knobs\": \(knobs.text), \"diverged\": \(result.diverged != nil), " + fields
        }
        return "{\"model\": \(JSONText.quoted(model)), \"runs\": [" + runs.joined(separator: ", ") + "]}"
    }

    /// The runs as an aligned table, one row each.
    static func table(_ results: [RunResult]) -> String {
        let header = ["run", "knobs", "train acc", "val acc", "test acc", "best val loss", "items/s", "seconds"]
        let rows = results.enumerated().map { index, result -> [String] in
            let summary = result.summary
            let percent: (Float?) -> String = { $0.map(Format.percent) ?? "—" }
            let best = result.bestValidation.map { "\(Format.loss($0.loss)) (ep \($0.epoch))" } ?? "—"
            return ["\(index + 1)", result.setting,
                    result.diverged.map { "diverged (ep \($0.epoch + 1))" } ?? percent(summary.trainAccuracy),
                    percent(summary.validationAccuracy), percent(summary.testAccuracy), best,
                    Int(summary.imagesPerSecond).grouped, Format.seconds(summary.seconds)]
        }
        return Format.table(header: header, rows: rows)
    }
}
