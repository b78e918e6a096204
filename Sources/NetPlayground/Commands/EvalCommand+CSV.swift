import Foundation
import MiniNN
import TUI

/// What `eval --csv` measured on a table: accuracy for classes, RMSE and R² for a quantity.
struct TableEvaluation {
    enum Measure {
        case classes(Evaluation)
        case quantity(RegressionEvaluation)
    }

    var modelPath: String
    var csvPath: String
    var measure: Measure

    /// "rows.csv: accuracy 96.5% on 569 rows (loss 0.0912), model m.safetensors",
    /// or "rows.csv: RMSE 3.2, R² 0.91 on 500 rows, model m.safetensors".
    var line: String {
        switch measure {
        case .classes(let evaluation):
            let loss = evaluation.loss.isNaN ? "nan" : Format.loss(evaluation.loss)
            return "\(csvPath): accuracy \(Format.percent(evaluation.accuracy)) on \(rows(evaluation.count)) "
                + "(loss \(loss)), model \(modelPath)"
        case .quantity(let evaluation):
            return "\(csvPath): RMSE \(Format.loss(evaluation.rmse)), R² \(Format.loss(evaluation.r2)) on "
                + "\(rows(evaluation.count)), model \(modelPath)"
        }
    }

    var json: String {
        var object = JSONObject()
        object.set("model", modelPath)
        object.set("csv", csvPath)
        switch measure {
        case .classes(let evaluation):
            object.set("rows", evaluation.count)
            object.set("loss", evaluation.loss)
            object.set("accuracy", evaluation.accuracy)
        case .quantity(let evaluation):
            object.set("rows", evaluation.count)
            object.set("rmse", evaluation.rmse)
            object.set("r2", evaluation.r2)
        }
        return object.text
    }

    private func rows(_ count: Int) -> String { "\(count.grouped) row\(count == 1 ? "" : "s")" }
}

extension EvalCommand {
    /// Scores `loaded` on the CSV file at `csvPath`, read as the model's
    /// training table was: the same columns (by name), one-hot values,
    /// fill-in means, standardization and class names, all from the file.
    static func evaluate(_ loaded: LoadedModel, modelPath: String, csvPath: String) throws -> TableEvaluation {
        guard let schema = loaded.info.table else {
            let shown = TerminalText.sanitized(modelPath, maxLength: 400)
            throw UnknownData(description: "\(shown) was not trained on a CSV table (train --csv), so it cannot "
                              + "read one; --csv scores only such models")
        }
        let table = try CSVTable.read(path: csvPath, options: CSVTable.Options(hasHeader: schema.hasHeader))
        let name = (csvPath as NSString).lastPathComponent
        if schema.isRegression {
            var rows = try table.regressionRows(schema: schema, name: name)
            rows.dataset.normalization = loaded.info.normalization
            // The saved model outputs the target's units (training folded the target's scale into it).
            let predictions = RegressionTrainer.outputs(of: loaded.model, on: rows.dataset)
            return TableEvaluation(modelPath: modelPath, csvPath: csvPath,
                                   measure: .quantity(RegressionEvaluation(predictions: predictions, targets: rows.targets)))
        }
        var dataset = try table.dataset(schema: schema, classNames: loaded.info.classNames, name: name)
        dataset.normalization = loaded.info.normalization
        // The trainer's evaluation is the one used everywhere (batched, inference mode, the model's loss).
        let trainer = try Trainer(model: loaded.model, loss: loaded.info.architecture.loss, train: dataset,
                                  knobs: LiveKnobs(loaded.info.hyperparameters), seed: loaded.info.seed)
        return TableEvaluation(modelPath: modelPath, csvPath: csvPath, measure: .classes(trainer.evaluate(dataset)))
    }
}
