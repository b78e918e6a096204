import Foundation
import MiniNN
import TUI

/// What `eval --csv` measured on a table.
struct TableEvaluation {
    var modelPath: String
    var csvPath: String
    var evaluation: Evaluation

    /// "rows.csv: accuracy 96.5% on 569 rows (loss 0.0912), model m.safetensors".
    var line: String {
        "\(csvPath): accuracy \(Format.percent(evaluation.accuracy)) on \(evaluation.count.grouped) "
            + "row\(evaluation.count == 1 ? "" : "s") (loss \(lossText)), model \(modelPath)"
    }

    var json: String {
        var object = JSONObject()
        object.set("model", modelPath)
        object.set("csv", csvPath)
        object.set("rows", evaluation.count)
        object.set("loss", evaluation.loss)
        object.set("accuracy", evaluation.accuracy)
        return object.text
    }

    private var lossText: String { evaluation.loss.isNaN ? "nan" : Format.loss(evaluation.loss) }
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
        var dataset = try table.dataset(schema: schema, classNames: loaded.info.classNames,
                                        name: (csvPath as NSString).lastPathComponent)
        dataset.normalization = loaded.info.normalization
        // The trainer's evaluation is the one used everywhere (batched, inference mode, the model's loss).
        let trainer = try Trainer(model: loaded.model, loss: loaded.info.architecture.loss, train: dataset,
                                  knobs: LiveKnobs(loaded.info.hyperparameters), seed: loaded.info.seed)
        return TableEvaluation(modelPath: modelPath, csvPath: csvPath, evaluation: trainer.evaluate(dataset))
    }
}
