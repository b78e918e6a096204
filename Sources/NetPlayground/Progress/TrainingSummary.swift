import Foundation
import MiniNN

/// The results of a headless training run, printed as text or as one JSON object.
struct TrainingSummary: Encodable {
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

    enum CodingKeys: String, CodingKey {
        case model, epochs, seconds, imagesPerSecond = "images_per_second"
        case trainLoss = "train_loss", trainAccuracy = "train_accuracy"
        case validationLoss = "validation_loss", validationAccuracy = "validation_accuracy"
        case testLoss = "test_loss", testAccuracy = "test_accuracy"
        case loadSeconds = "load_seconds", seed, learningRate = "learning_rate", optimizer
        case batchSize = "batch_size", dropout, weightDecay = "weight_decay", l1, parameters
    }

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

    /// Floats go out as their shortest decimal form (0.9771, not 0.97710001468658447).
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(model, forKey: .model)
        try container.encode(epochs, forKey: .epochs)
        try container.encode(Self.rounded(seconds, digits: 3), forKey: .seconds)
        try container.encode(imagesPerSecond.rounded(), forKey: .imagesPerSecond)
        try container.encode(Self.decimal(trainLoss), forKey: .trainLoss)
        try container.encode(Self.decimal(trainAccuracy), forKey: .trainAccuracy)
        try container.encodeIfPresent(validationLoss.map(Self.decimal), forKey: .validationLoss)
        try container.encodeIfPresent(validationAccuracy.map(Self.decimal), forKey: .validationAccuracy)
        try container.encodeIfPresent(testLoss.map(Self.decimal), forKey: .testLoss)
        try container.encodeIfPresent(testAccuracy.map(Self.decimal), forKey: .testAccuracy)
        try container.encode(Self.rounded(loadSeconds, digits: 3), forKey: .loadSeconds)
        try container.encode(seed, forKey: .seed)
        try container.encode(Self.decimal(learningRate), forKey: .learningRate)
        try container.encode(optimizer, forKey: .optimizer)
        try container.encode(batchSize, forKey: .batchSize)
        try container.encode(Self.decimal(dropout), forKey: .dropout)
        try container.encode(Self.decimal(weightDecay), forKey: .weightDecay)
        try container.encode(Self.decimal(l1), forKey: .l1)
        try container.encode(parameters, forKey: .parameters)
    }

    /// The Float's shortest round-tripping decimal, as a Double (NaN and
    /// infinities, which JSON cannot hold, become nil and then null).
    private static func decimal(_ value: Float) -> Double? {
        value.isFinite ? Double("\(value)") : nil
    }

    private static func rounded(_ value: Double, digits: Int) -> Double {
        let scale = pow(10, Double(digits))
        return (value * scale).rounded() / scale
    }

    /// One JSON object on one line, keys in a fixed order.
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// The human-readable ending: time, rate, then loss and accuracy per split.
    var text: String {
        var lines = ["\(model): \(epochs) epoch\(epochs == 1 ? "" : "s") in \(Format.seconds(seconds)), "
                     + "\(Format.count(Int(imagesPerSecond))) images/s"]
        func row(_ name: String, _ loss: Float?, _ accuracy: Float?) {
            guard let loss, let accuracy else { return }
            lines.append(name.padding(toLength: 11, withPad: " ", startingAt: 0)
                         + "loss \(Format.loss(loss))  accuracy \(Format.percent(accuracy))")
        }
        row("train", trainLoss, trainAccuracy)
        row("validation", validationLoss, validationAccuracy)
        row("test", testLoss, testAccuracy)
        return lines.joined(separator: "\n")
    }
}
