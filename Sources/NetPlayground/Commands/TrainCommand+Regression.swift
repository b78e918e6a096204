import ArgumentParser
import Foundation
import Lessons
import MiniNN

extension TrainCommand {
    /// `train --csv` on a table whose target is a quantity (or with
    /// --regression): an MLP with one linear output, trained by mean squared
    /// error on the standardized target, reporting RMSE and R² in the
    /// target's units. The saved and exported model outputs those units.
    func runRegression(_ csv: CSVTable, data: RecipeData, target: String?, imputation: Imputation,
                       validationFraction: Float, loadStarted: ContinuousClock.Instant) throws {
        let log = OutputStream.standardError
        let seed = self.seed ?? CSVRecipe.seed
        let tabular = try Self.withImputationHint(table.impute == nil) {
            try csv.regressionDataset(target: target, imputation: imputation)
        }
        let prepared = tabular.prepared(validationFraction: validationFraction,
                                        seed: RecipeDatasets.tableSplitSeed(seed))
        let loadSeconds = Self.seconds(since: loadStarted)
        let recipe = CSVRecipe.make(data: data, inputs: prepared.split.train.itemSize, classes: 1,
                                    hidden: try table.hiddenSizes, activation: try table.hiddenActivation,
                                    loss: .meanSquaredError)
        let hyperparameters = knobs.applied(to: recipe.hyperparameters)
        if let problem = ModelLimits.violation(of: recipe.model, batchSize: hyperparameters.batchSize) {
            throw ValidationError("this network is too large for this table at batch \(hyperparameters.batchSize): \(problem)")
        }
        for (column, count) in prepared.imputed {
            log.line("note: \(count.grouped) missing value\(count == 1 ? "" : "s") in column \"\(column)\" "
                     + "filled with the column's training mean")
        }
        if files.curve != nil { log.line("note: --curve records classification runs only; no curve is written") }
        let epochs = self.epochs ?? recipe.epochs
        let validation = prepared.split.validation.count > 0 ? prepared.split.validation : nil
        let trainer = try RegressionTrainer(
            model: try ModelBuilder.build(recipe.model, seed: seed), train: prepared.split.train,
            trainTargets: prepared.trainTargets ?? [], validation: validation,
            validationTargets: validation == nil ? nil : prepared.validationTargets,
            hyperparameters: hyperparameters, seed: seed)
        trainer.shouldStop = { StopSignals.received != nil }

        let rows = prepared.split.train.count + prepared.split.validation.count
        let parts = [("train", prepared.split.train.count), ("validation", prepared.split.validation.count)]
            .filter { $0.1 > 0 }.map { "\($0.1.grouped) \($0.0)" }.joined(separator: " / ")
        log.line("csv: \((csv.path as NSString).lastPathComponent), \(rows.grouped) rows read: \(parts); "
                 + "\(prepared.split.train.itemSize) inputs, regression on \"\(tabular.targetName)\" "
                 + "(training mean \(Format.knob(trainer.targetMean)), deviation \(Format.knob(trainer.targetStd))) "
                 + "(ready in \(Format.seconds(loadSeconds)))")
        log.line("model: \(trainer.model.layers.map(\.summary).joined(separator: " → ")), "
                 + "\(trainer.model.parameterCount.grouped) parameters, mean squared error")
        log.line("knobs: \(hyperparameters.optimizer.rawValue), lr \(Format.knob(hyperparameters.learningRate)), "
                 + "batch \(hyperparameters.batchSize), \(epochs) epoch\(epochs == 1 ? "" : "s"), seed \(seed)")

        let started = ContinuousClock.now
        var reports: [RegressionEpochReport] = []
        for _ in 0..<epochs {
            guard let report = trainer.trainEpoch() else { break }
            reports.append(report)
            log.line("epoch \(report.epoch + 1)/\(epochs)  " + RegressionSummary.figures(report))
        }
        let seconds = Self.seconds(since: started)
        let stoppedBy = StopSignals.received
        if stoppedBy == nil, reports.count < epochs {
            throw TrainingFailure("training diverged in epoch \(reports.count + 1): the loss stopped being a number "
                                  + "at learning rate \(Format.knob(hyperparameters.learningRate)); lower it with --lr")
        }
        trainer.foldTargetScaleIntoModel()
        let info = ModelFileInfo(
            architecture: trainer.model.spec(loss: .meanSquaredError), hyperparameters: hyperparameters, seed: seed,
            normalization: prepared.split.train.normalization, dataset: "csv", recipe: recipe.name, classNames: [],
            metrics: ModelMetrics(epochs: reports.count, itemsSeen: reports.reduce(0) { $0 + $1.rows }),
            table: prepared.schema)
        try files.writeModel(trainer.model, info: info)
        if let stoppedBy {
            log.line("stopped by \(StopSignals.name(of: stoppedBy)) after \(reports.count) full epoch"
                     + "\(reports.count == 1 ? "" : "s")")
            Foundation.exit(StopSignals.exitStatus(for: stoppedBy))
        }
        guard let final = reports.last else { throw TrainingFailure("training stopped before the first epoch ended") }
        let summary = RegressionSummary(final: final, reports: reports, seconds: seconds, loadSeconds: loadSeconds,
                                        knobs: hyperparameters, seed: seed, parameters: trainer.model.parameterCount,
                                        imputed: prepared.imputed, target: tabular.targetName)
        OutputStream.standardOutput.line(json ? summary.json : summary.text)
    }
}

/// The results of a regression run, printed as text or as one JSON object.
struct RegressionSummary {
    var final: RegressionEpochReport
    var reports: [RegressionEpochReport]
    var seconds: Double
    var loadSeconds: Double
    var knobs: Hyperparameters
    var seed: UInt64
    var parameters: Int
    var imputed: [(column: String, count: Int)]
    var target: String

    /// Rows trained per second of training, evaluations excluded.
    var rowsPerSecond: Double {
        let trainingSeconds = reports.reduce(0) { $0 + $1.seconds }
        return trainingSeconds > 0 ? Double(reports.reduce(0) { $0 + $1.rows }) / trainingSeconds : 0
    }

    /// "train RMSE 1.23 R² 0.912  validation RMSE 1.5 R² 0.87  0.02 s".
    static func figures(_ report: RegressionEpochReport) -> String {
        var text = "train RMSE \(Format.loss(report.train.rmse)) R² \(Format.loss(report.train.r2))"
        if let validation = report.validation {
            text += "  validation RMSE \(Format.loss(validation.rmse)) R² \(Format.loss(validation.r2))"
        }
        return text + "  \(Format.seconds(report.seconds))"
    }

    var json: String {
        var object = JSONObject()
        object.set("model", "csv")
        object.set("task", "regression")
        object.set("target", target)
        object.set("epochs", reports.count)
        object.set("seconds", (seconds * 1000).rounded() / 1000)
        object.set("images_per_second", rowsPerSecond.isFinite ? Int(rowsPerSecond.rounded()) : 0)
        object.set("train_rmse", final.train.rmse)
        object.set("train_r2", final.train.r2)
        if let validation = final.validation {
            object.set("validation_rmse", validation.rmse)
            object.set("validation_r2", validation.r2)
        }
        object.set("load_seconds", (loadSeconds * 1000).rounded() / 1000)
        object.set("seed", seed)
        object.set("optimizer", knobs.optimizer.rawValue)
        object.set("learning_rate", knobs.learningRate)
        object.set("batch_size", knobs.batchSize)
        object.set("dropout", knobs.dropout)
        object.set("weight_decay", knobs.weightDecay)
        object.set("l1", knobs.l1)
        object.set("parameters", parameters)
        if !imputed.isEmpty {
            var counts = JSONObject()
            for (column, count) in imputed { counts.set(column, count) }
            object.set("imputed", object: counts)
        }
        return object.text
    }

    var text: String {
        var lines = ["csv (regression on \(target)): \(reports.count) epoch\(reports.count == 1 ? "" : "s") in "
                     + "\(Format.seconds(seconds)), \(Int(rowsPerSecond).grouped) rows/s"]
        func row(_ name: String, _ evaluation: RegressionEvaluation?) {
            guard let evaluation else { return }
            lines.append(name.padding(toLength: 11, withPad: " ", startingAt: 0)
                         + "RMSE \(Format.loss(evaluation.rmse))  R² \(Format.loss(evaluation.r2))")
        }
        row("train", final.train)
        row("validation", final.validation)
        if !imputed.isEmpty {
            lines.append("imputed    " + imputed.map { "\($0.count.grouped) in \($0.column)" }.joined(separator: ", ")
                         + " (the column's training mean)")
        }
        return lines.joined(separator: "\n")
    }
}
