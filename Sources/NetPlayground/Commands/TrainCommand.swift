import ArgumentParser
import Foundation
import Lessons
import MiniNN

/// `netplayground train <model>`: trains a recipe from ``RecipeCatalog`` headless;
/// `netplayground train --csv FILE`: trains a classifier on one's own table.
///
/// Progress goes to standard error, results to standard output (a summary,
/// or with `--json` exactly one JSON object). Exit codes: 0 trained,
/// 1 data missing or corrupt or training diverged, 2 bad arguments.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model headless.",
        discussion: """
            Models:
            \(RecipeCatalog.all.map { "  \($0.name.padding(toLength: 16, withPad: " ", startingAt: 0))\($0.summary)" }
                .joined(separator: "\n"))
              \(TransferRecipe.name.padding(toLength: 16, withPad: " ", startingAt: 0))\(TransferRecipe.summary)
                              (--per-class N: images of each new digit; prints both test accuracies)

            Your own data: --csv FILE [--target COLUMN] trains a classifier (\(CSVRecipe.summary))
            that predicts COLUMN (a header name or 1-based number; default: the last column) from
            the other columns. Numeric columns are standardized, text columns one-hot encoded
            (up to \(CSVTable.maximumCategories) values), and \(CSVRecipe.percentValidation) of the rows held out, stratified.
            --hidden 64,32 --activation tanh picks the hidden layers. An empty field is refused
            unless --impute mean fills it with its column's training mean (counted in the summary).
            A target of numbers with a fraction or more than \(CSVTable.maximumIntegerClasses) distinct values (or
            --regression) trains a regression by mean squared error instead, reporting RMSE and R²
            in the target's units (JSON: train_rmse, train_r2, validation_rmse, validation_r2).
            --save keeps how the table was read, so `eval MODEL --csv NEW.csv` scores another file.
              netplayground train --csv datasets/csv/wine.csv --hidden 32,16 --save wine.safetensors
              netplayground train --csv houses.csv --target price --impute mean --json

            Progress is written to standard error: a bar redrawn in place on a terminal,
            plain lines otherwise. Results go to standard output: a short summary, or with
            --json exactly one JSON object (model, epochs, seconds, images_per_second,
            train_loss, train_accuracy, validation_* where there is a validation split,
            test_* where there is a test set, and the knobs used).

            Datasets are looked for in --data-dir, else in $\(DatasetLocator.environmentVariable),
            else in a datasets/ folder above the executable or the current directory.

            Ctrl-C (SIGINT), SIGTERM or SIGHUP stops training at the end of the batch in
            progress, writes --save, --export and --curve with what was trained, says so,
            and exits with 128 + the signal's number (130 for Ctrl-C, 143 for SIGTERM).
            A second signal exits at once.

            Exit status: 0 trained; 1 data missing or corrupt, or training diverged;
            2 invalid arguments; 128 + N stopped by signal N.
            """)

    @Argument(help: "The model to train: \((RecipeCatalog.names + [TransferRecipe.name]).joined(separator: ", ")) (none with --csv).")
    var model: String?

    @Option(help: ArgumentHelp("\(TransferRecipe.name) only: labelled images of each new digit (default 20).",
                               valueName: "N"))
    var perClass: Int?

    @OptionGroup(title: "Your own data")
    var table: CSVOptions

    @Option(parsing: .unconditional, help: "Epochs to train (≥ 1). Default: the model's.")
    var epochs: Int?

    @OptionGroup(title: "Knobs (default: the model's)")
    var knobs: KnobOptions

    @Option(help: "Seed for the data, the split, the weights and the batch order. Default: the model's.")
    var seed: UInt64?

    @Option(help: "Folder holding mnist/ and iris/ (overrides \(DatasetLocator.environmentVariable)).")
    var dataDir: String?

    @Flag(help: "Print the results as one JSON object on standard output.")
    var json = false

    @OptionGroup(title: "Files written when training ends")
    var files: SaveOptions

    func validate() throws {
        if let problem = table.problem(model: model) { throw ValidationError(problem) }
        if table.csv != nil {
            if let problem = files.sharedPathProblem { throw ValidationError(problem) }
            if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1, got \(epochs)") }
            return
        }
        guard let model else { throw ValidationError("name a model to train, or give --csv FILE") }
        if model == TransferRecipe.name {
            if let perClass, !TransferRecipe.perClassRange.contains(perClass) {
                throw ValidationError("--per-class must be \(TransferRecipe.perClassRange.lowerBound)–"
                                      + "\(TransferRecipe.perClassRange.upperBound.grouped), got \(perClass)")
            }
            if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1, got \(epochs)") }
            if files.asksForFiles {
                throw ValidationError("\(TransferRecipe.name) trains two networks and writes no model file; "
                                      + "drop --save, --export and --curve")
            }
            return
        }
        if perClass != nil { throw ValidationError("--per-class applies only to \(TransferRecipe.name)") }
        guard RecipeCatalog.recipe(named: model) != nil else {
            throw ValidationError("unknown model '\(model)'. Known models: \(RecipeCatalog.names.joined(separator: ", "))")
        }
        if let problem = files.sharedPathProblem { throw ValidationError(problem) }
        if let epochs, epochs < 1 {
            throw ValidationError("--epochs must be at least 1, got \(epochs)")
        }
        if let recipe = RecipeCatalog.recipe(named: model), let batchSize = knobs.batchSize,
           let problem = ModelLimits.violation(of: recipe.model, batchSize: batchSize) {
            throw ValidationError("--batch-size \(batchSize) is too large for \(model): \(problem)")
        }
    }

    func run() throws {
        if model == TransferRecipe.name { return try runTransfer() }
        let log = OutputStream.standardError
        let recipe: Recipe
        let datasets: RecipeDatasets
        let loadSeconds: Double
        if let data = table.recipeData, case .csv(let path, let target, let options, let imputation, let fraction) = data {
            // The network's size, and whether it tells classes apart at all, depend on the table: read it first.
            StopSignals.install()
            let loadStarted = ContinuousClock.now
            let csv = try CSVTable.read(path: path, options: options)
            if try table.regression || csv.targetIsQuantity(target) {
                if !table.regression {
                    log.line("note: the target's values are numbers with a fraction or more than "
                             + "\(CSVTable.maximumIntegerClasses) distinct ones: a quantity, so this trains a regression")
                }
                try runRegression(csv, data: data, target: target, imputation: imputation, validationFraction: fraction,
                                  loadStarted: loadStarted)
                return
            }
            datasets = try Self.withImputationHint(table.impute == nil) {
                try RecipeDatasets.classification(of: csv, target: target, imputation: imputation,
                                                  validationFraction: fraction, seed: self.seed ?? CSVRecipe.seed)
            }
            loadSeconds = Self.seconds(since: loadStarted)
            recipe = CSVRecipe.make(data: data, inputs: datasets.train.itemSize, classes: datasets.train.classCount,
                                    hidden: try table.hiddenSizes, activation: try table.hiddenActivation)
            let batchSize = knobs.batchSize ?? recipe.hyperparameters.batchSize
            if let problem = ModelLimits.violation(of: recipe.model, batchSize: batchSize) {
                throw ValidationError("this network is too large for this table at batch \(batchSize): \(problem)")
            }
            for (column, count) in datasets.imputed {
                log.line("note: \(count.grouped) missing value\(count == 1 ? "" : "s") in column \"\(column)\" "
                         + "filled with the column's training mean")
            }
            for note in notes(for: recipe) { log.line("note: \(note)") }
        } else {
            guard let model, let found = RecipeCatalog.recipe(named: model) else {
                throw ValidationError("unknown model '\(model ?? "")'")
            }
            recipe = found
            for note in notes(for: recipe) { log.line("note: \(note)") }
            StopSignals.install()
            let loadStarted = ContinuousClock.now
            datasets = try recipe.data.load(locator: try .commandLine(dataDirectory: dataDir), seed: self.seed ?? recipe.seed)
            loadSeconds = Self.seconds(since: loadStarted)
        }
        let hyperparameters = knobs.applied(to: recipe.hyperparameters)
        let epochs = self.epochs ?? recipe.epochs
        let seed = self.seed ?? recipe.seed
        if let signal = StopSignals.received {
            log.line("stopped by \(StopSignals.name(of: signal)) before training started; nothing written")
            Foundation.exit(StopSignals.exitStatus(for: signal))
        }
        let trainer = try recipe.makeTrainer(datasets: datasets, hyperparameters: hyperparameters,
                                             epochs: epochs, seed: seed)

        log.line("\(recipe.name): \(Self.loadedSummary(recipe.data, datasets)) (ready in \(Format.seconds(loadSeconds)))")
        log.line("model: \(trainer.model.layers.map(\.summary).joined(separator: " → ")), "
                 + "\(trainer.model.parameterCount.grouped) parameters")
        log.line("knobs: \(knobDescription(recipe: recipe, knobs: hyperparameters)), \(epochs) epoch\(epochs == 1 ? "" : "s"), seed \(seed)")

        let progress = ProgressBar(output: log, epochs: epochs)
        let divergence = DivergenceWatch()
        trainer.addObserver(progress)
        trainer.addObserver(divergence)
        let curve = files.makeCurve()
        if let curve { trainer.addObserver(curve) }
        let stopWatch = StopOnSignal(trainer)
        trainer.addObserver(stopWatch)
        let started = ContinuousClock.now
        let reports = trainer.train(epochs: epochs)
        let seconds = Self.seconds(since: started)
        progress.close()
        if let signal = StopSignals.received {
            try stopped(by: signal, trainer: trainer, recipe: recipe, hyperparameters: hyperparameters,
                        seed: seed, curve: curve, batches: stopWatch.batchesTrained, table: datasets.table)
        }

        if let report = divergence.report {
            throw TrainingFailure("training diverged in epoch \(report.epoch + 1): the loss became \(report.loss) "
                                  + "at learning rate \(Format.knob(report.learningRate)); lower the learning rate with --lr")
        }
        guard !reports.isEmpty else { throw TrainingFailure("training stopped before the first epoch ended") }

        try files.write(trainer: trainer, recipe: recipe, hyperparameters: hyperparameters, seed: seed, curve: curve,
                        table: datasets.table)

        var summary = TrainingSummary(
            model: recipe.name, reports: reports, seconds: seconds, loadSeconds: loadSeconds,
            knobs: hyperparameters, optimizer: recipe.rule == .perceptron ? "perceptron" : hyperparameters.optimizer.rawValue,
            seed: seed, parameters: trainer.model.parameterCount)
        summary.imputed = datasets.imputed
        OutputStream.standardOutput.line(json ? summary.json : summary.text)
    }

    /// Runs `body` (which encodes a CSV table); when a missing value stops
    /// it and `hintsImputation`, says on standard error how to fill such values.
    static func withImputationHint<T>(_ hintsImputation: Bool, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            if hintsImputation, let error = error as? DatasetError, case .missingValue = error {
                OutputStream.standardError.line(
                    "note: --impute mean fills an empty field of a numeric column with the column's training mean")
            }
            throw error
        }
    }

    /// Keeps what a stop signal interrupted: writes the files asked for with
    /// the weights as they are, says so, and exits with the signal's status.
    private func stopped(by signal: Int32, trainer: Trainer, recipe: Recipe, hyperparameters: Hyperparameters,
                         seed: UInt64, curve: LearningCurve?, batches: Int, table: TableSchema?) throws -> Never {
        let log = OutputStream.standardError
        let epochs = trainer.lastEpochReport.map { $0.epoch + 1 } ?? 0
        log.line("stopped by \(StopSignals.name(of: signal)) after \(batches.grouped) "
                 + "batch\(batches == 1 ? "" : "es") (\(epochs) full epoch\(epochs == 1 ? "" : "s"))"
                 + (files.asksForFiles ? "; keeping what was trained" : ""))
        try files.write(trainer: trainer, recipe: recipe, hyperparameters: hyperparameters, seed: seed, curve: curve,
                        table: table)
        Foundation.exit(StopSignals.exitStatus(for: signal))
    }

    /// Options that have no effect on this recipe, said before training starts.
    private func notes(for recipe: Recipe) -> [String] {
        var notes: [String] = []
        if recipe.rule == .perceptron {
            let ignored = [("--optimizer", knobs.optimizer != nil), ("--dropout", knobs.dropout != nil),
                           ("--weight-decay", knobs.weightDecay != nil), ("--l1", knobs.l1 != nil)]
                .filter(\.1).map(\.0)
            if !ignored.isEmpty {
                notes.append("\(recipe.name) learns by the perceptron rule, which uses only the learning rate; "
                             + "\(ignored.joined(separator: ", ")) has no effect")
            }
        } else if let dropout = knobs.dropout, dropout > 0, !recipe.hasDropout {
            notes.append("\(recipe.name) has no Dropout layer; --dropout has no effect")
        }
        if knobs.asksForAugmentation, !recipe.data.isImages {
            notes.append("\(recipe.name) does not train on images; --shift, --rotate, --pixel-noise and --flip have no effect")
        }
        return notes
    }

    /// E.g. "adam, lr 0.002 (×0.3 every epoch), batch 64".
    private func knobDescription(recipe: Recipe, knobs: Hyperparameters) -> String {
        let schedule = recipe.schedule.map { " (\($0.summary))" } ?? ""
        if recipe.rule == .perceptron {
            return "perceptron rule, lr \(Format.knob(knobs.learningRate)), batch \(knobs.batchSize)"
        }
        var parts = ["\(knobs.optimizer.rawValue), lr \(Format.knob(knobs.learningRate))\(schedule)",
                     "batch \(knobs.batchSize)"]
        if knobs.dropout > 0 { parts.append("dropout \(Format.knob(knobs.dropout))") }
        if knobs.weightDecay > 0 { parts.append("L2 \(Format.knob(knobs.weightDecay))") }
        if knobs.l1 > 0 { parts.append("L1 \(Format.knob(knobs.l1))") }
        let augmentation = knobs.augmentation
        if augmentation.maxShift > 0 { parts.append("shift ±\(augmentation.maxShift) px") }
        if augmentation.maxRotation > 0 { parts.append("rotate ±\(Format.knob(augmentation.maxRotation))°") }
        if augmentation.noise > 0 { parts.append("pixel noise \(Format.knob(augmentation.noise))") }
        if augmentation.flipsHorizontally { parts.append("half flipped") }
        return parts.joined(separator: ", ")
    }

    /// What was really read, counted: "iris, 150 flowers read: 120 train / 30 validation".
    /// (The recipe's own summary says what a standard file holds.)
    static func loadedSummary(_ data: RecipeData, _ sets: RecipeDatasets) -> String {
        let parts = [("train", sets.train.count), ("validation", sets.validation?.count ?? 0), ("test", sets.test?.count ?? 0)]
            .filter { $0.1 > 0 }.map { "\($0.1.grouped) \($0.0)" }.joined(separator: " / ")
        switch data {
        case .toy: return data.summary
        case .iris:
            let total = sets.train.count + (sets.validation?.count ?? 0)
            return "iris, \(total.grouped) flowers read: \(parts)"
        case .mnist: return "MNIST, \(parts)"
        case .csv(let path, _, _, _, _):
            let total = sets.train.count + (sets.validation?.count ?? 0)
            return "\((path as NSString).lastPathComponent), \(total.grouped) rows read: \(parts); "
                + "\(sets.train.itemSize) inputs, \(sets.train.classCount) classes "
                + "(\(sets.train.classNames.prefix(10).joined(separator: ", "))\(sets.train.classCount > 10 ? ", …" : ""))"
        }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}

/// Cancels the run at the end of the batch in which a stop signal arrived.
final class StopOnSignal: TrainingObserver {
    private weak var trainer: Trainer?
    /// Batches trained, for the message when the run is stopped.
    private(set) var batchesTrained = 0

    init(_ trainer: Trainer) { self.trainer = trainer }

    func training(_ event: TrainingEvent) {
        guard case .batchEnd = event else { return }
        batchesTrained += 1
        if StopSignals.received != nil { trainer?.cancel() }
    }
}

/// Training ran but could not finish; exits with status 1 and the message.
struct TrainingFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
