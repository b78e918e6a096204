import Foundation
import MiniNN

/// The results of a headless training run, printed as text or as one JSON object.
struct TrainingSummary {
    var model: String
    var epochs: Int
    /// Wall-clock seconds of the whole run: training and the evaluations after each epoch.
    var seconds: Double
    /// Images (or points) trained per second of training, evaluations excluded.
    var imagesPerSecond: Double
    var trainLoss: Float
    var trainAccuracy: Float
    var validationLoss: Float?
    var validationAccuracy: Float?
    var testLoss: Float?
    var testAccuracy: Float?
    /// Seconds spent reading and preparing the data, before training.
    var loadSeconds: Double
    var seed: UInt64
    var learningRate: Float
    var optimizer: String
    var batchSize: Int
    var dropout: Float
    var weightDecay: Float
    var l1: Float
    var parameters: Int
    /// CSV columns whose missing values were filled with their mean, and how many (`--impute mean`).
    var imputed: [(column: String, count: Int)] = []

    /// Gathers the results of `reports` (the epochs that finished).
    init(model: String, reports: [EpochReport], seconds: Double, loadSeconds: Double,
         knobs: Hyperparameters, optimizer: String, seed: UInt64, parameters: Int) {
        let final = reports.last
        self.model = model
        epochs = reports.count
        self.seconds = seconds
        let trainingSeconds = reports.reduce(0) { $0 + $1.seconds }
        let itemsTrained = reports.reduce(0) { $0 + $1.train.count }
        imagesPerSecond = trainingSeconds > 0 ? Double(itemsTrained) / trainingSeconds : 0
        trainLoss = final?.train.loss ?? .nan
        trainAccuracy = final?.train.accuracy ?? 0
        validationLoss = final?.validation?.loss
        validationAccuracy = final?.validation?.accuracy
        testLoss = final?.test?.loss
        testAccuracy = final?.test?.accuracy
        self.loadSeconds = loadSeconds
        self.seed = seed
        learningRate = knobs.learningRate
        self.optimizer = optimizer
        batchSize = knobs.batchSize
        dropout = knobs.dropout
        weightDecay = knobs.weightDecay
        l1 = knobs.l1
        self.parameters = parameters
    }

    /// One JSON object on one line: the results first, then the settings.
    var json: String {
        var object = JSONObject()
        object.set("model", model)
        object.set("epochs", epochs)
        object.set("seconds", (seconds * 1000).rounded() / 1000)
        object.set("images_per_second", imagesPerSecond.isFinite ? Int(imagesPerSecond.rounded()) : 0)
        object.set("train_loss", trainLoss)
        object.set("train_accuracy", trainAccuracy)
        if let validationLoss, let validationAccuracy {
            object.set("validation_loss", validationLoss)
            object.set("validation_accuracy", validationAccuracy)
        }
        if let testLoss, let testAccuracy {
            object.set("test_loss", testLoss)
            object.set("test_accuracy", testAccuracy)
        }
        object.set("load_seconds", (loadSeconds * 1000).rounded() / 1000)
        object.set("seed", seed)
        object.set("optimizer", optimizer)
        object.set("learning_rate", learningRate)
        object.set("batch_size", batchSize)
        object.set("dropout", dropout)
        object.set("weight_decay", weightDecay)
        object.set("l1", l1)
        object.set("parameters", parameters)
        if !imputed.isEmpty {
            var counts = JSONObject()
            for (column, count) in imputed { counts.set(column, count) }
            object.set("imputed", object: counts)
        }
        return object.text
    }

    /// The human-readable ending: time, rate, then loss and accuracy per split.
    var text: String {
        var lines = ["\(model): \(epochs) epoch\(epochs == 1 ? "" : "s") in \(Format.seconds(seconds)), "
                     + "\(Int(imagesPerSecond).grouped) images/s"]
        func row(_ name: String, _ loss: Float?, _ accuracy: Float?) {
            guard let loss, let accuracy else { return }
            lines.append(name.padding(toLength: 11, withPad: " ", startingAt: 0)
                         + "loss \(Format.loss(loss))  accuracy \(Format.percent(accuracy))")
        }
        row("train", trainLoss, trainAccuracy)
        row("validation", validationLoss, validationAccuracy)
        row("test", testLoss, testAccuracy)
        if !imputed.isEmpty {
            lines.append("imputed    " + imputed.map { "\($0.count.grouped) in \($0.column)" }.joined(separator: ", ")
                         + " (the column's training mean)")
        }
        return lines.joined(separator: "\n")
    }
}
