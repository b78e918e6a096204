import Foundation

/// How well a regression model predicts a set, in the target's own units.
public struct RegressionEvaluation: Sendable, Equatable, Codable {
    /// Root mean squared error.
    public var rmse: Float
    /// Coefficient of determination: 1 − (squared error) / (squared deviation from the set's mean); 1 is perfect, 0 is the mean's.
    public var r2: Float
    /// Items evaluated.
    public var count: Int

    public init(rmse: Float, r2: Float, count: Int) {
        self.rmse = rmse; self.r2 = r2; self.count = count
    }

    /// RMSE and R² of `predictions` against `targets` (in Double; R² is 0 for a constant target predicted exactly).
    public init(predictions: [Float], targets: [Float]) {
        let n = min(predictions.count, targets.count)
        guard n > 0 else { self.init(rmse: 0, r2: 0, count: 0); return }
        let mean = targets.prefix(n).reduce(0.0) { $0 + Double($1) } / Double(n)
        var squaredError = 0.0
        var squaredDeviation = 0.0
        for i in 0..<n {
            let error = Double(predictions[i]) - Double(targets[i])
            squaredError += error * error
            squaredDeviation += (Double(targets[i]) - mean) * (Double(targets[i]) - mean)
        }
        let r2 = squaredDeviation > 0 ? 1 - squaredError / squaredDeviation : (squaredError == 0 ? 1 : 0)
        self.init(rmse: Float((squaredError / Double(n)).squareRoot()), r2: Float(r2), count: n)
    }
}

/// One finished regression epoch.
public struct RegressionEpochReport: Sendable, Equatable {
    /// 0-based.
    public var epoch: Int
    public var train: RegressionEvaluation
    public var validation: RegressionEvaluation?
    /// Seconds spent training (evaluations excluded).
    public var seconds: Double
    /// Rows trained this epoch.
    public var rows: Int
}

/// Trains a single-output model by mean squared error on real-valued targets.
///
/// Kept apart from ``Trainer``, whose batches carry class labels: this one
/// carries one number per item. The targets are standardized for training
/// (a target in the thousands would otherwise need its own learning rate),
/// and every figure it reports is in the target's own units. Mini-batches
/// come in a seeded shuffled order; the knobs are fixed for the run.
public final class RegressionTrainer {
    public let model: Sequential
    public let trainingSet: Dataset
    public let validationSet: Dataset?
    /// The training targets' mean and deviation, which the model's output is scaled by.
    public var targetMean: Float { targetScale.mean }
    public var targetStd: Float { targetScale.std }
    public let targetScale: TargetScale
    public let hyperparameters: Hyperparameters
    /// Polled after every batch; once true the epoch in progress ends early and reports nothing.
    public var shouldStop: () -> Bool = { false }

    private let trainTargets: [Float]
    private let validationTargets: [Float]?
    private let optimizer: Optimizer
    private var shuffler: SeededGenerator
    private var inputs = Tensor(shape: [0])
    private var labels: [Int] = []
    private var gradient = Tensor(shape: [0])
    private var epoch = 0
    private var isScaleFolded = false

    /// A trainer for `model` (one output) on `train` and its `trainTargets`, evaluating `validation` after each epoch.
    public init(model: Sequential, train: Dataset, trainTargets: [Float], validation: Dataset?,
                validationTargets: [Float]?, hyperparameters: Hyperparameters, seed: UInt64) throws(TrainerError) {
        guard Tensor.elementCount(of: model.outputShape) == 1 else {
            throw TrainerError("a regression model has one output; this one has \(model.outputShape)")
        }
        guard train.count > 0, trainTargets.count == train.count,
              validation.map({ $0.count == validationTargets?.count }) ?? true else {
            throw TrainerError("\(train.name): \(trainTargets.count) targets for \(train.count) items")
        }
        guard train.itemSize == Tensor.elementCount(of: model.inputShape) else {
            throw TrainerError("\(train.name) has \(train.itemSize) inputs but the model takes \(model.inputShape)")
        }
        self.model = model
        trainingSet = train
        validationSet = validation
        self.trainTargets = trainTargets
        self.validationTargets = validationTargets
        self.hyperparameters = hyperparameters
        targetScale = TargetScale(fitting: trainTargets)
        optimizer = Optimizer(kind: hyperparameters.optimizer, learningRate: hyperparameters.learningRate,
                              weightDecay: hyperparameters.weightDecay, l1: hyperparameters.l1)
        shuffler = SeededGenerator(seed: seed, stream: 0x5245_4752)
        for dropout in model.dropoutLayers { dropout.rate = hyperparameters.dropout }
    }

    /// Trains one epoch; nil when stopped, or when the loss stopped being a number (training cannot go on).
    public func trainEpoch() -> RegressionEpochReport? {
        let started = ContinuousClock.now
        let order = shuffler.permutation(trainingSet.count)
        let size = max(1, hyperparameters.batchSize)
        let parameters = model.parameters
        var batchTargets: [Float] = []
        var start = 0
        while start < order.count {
            let end = min(start + size, order.count)
            let batch = order[start..<end]
            trainingSet.fill(&inputs, labels: &labels, with: batch)
            batchTargets.removeAll(keepingCapacity: true)
            for index in batch { batchTargets.append(targetScale.standardized(trainTargets[index])) }
            let output = model.forward(inputs, training: true)
            let loss = RegressionLoss.meanSquaredError(output, targets: batchTargets, gradient: &gradient)
            guard loss.isFinite else { return nil }
            for parameter in parameters { parameter.zeroGradient() }
            model.backward(gradient)
            optimizer.step(parameters)
            start = end
            if shouldStop() { return nil }
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let report = RegressionEpochReport(
            epoch: epoch, train: evaluate(trainingSet, targets: trainTargets),
            validation: validationSet.flatMap { set in validationTargets.map { evaluate(set, targets: $0) } },
            seconds: seconds, rows: order.count)
        epoch += 1
        return report
    }

    /// The model's predictions for `dataset`, in the target's units.
    public func predictions(_ dataset: Dataset) -> [Float] {
        let outputs = Self.outputs(of: model, on: dataset)
        return isScaleFolded ? outputs : outputs.map(targetScale.unstandardized)
    }

    /// The single output of `model` for every item of `dataset` (inference mode, in chunks of 500).
    public static func outputs(of model: Sequential, on dataset: Dataset) -> [Float] {
        var inputs = Tensor(shape: [0])
        var labels: [Int] = []
        var result: [Float] = []
        result.reserveCapacity(dataset.count)
        var start = 0
        while start < dataset.count {
            let end = min(start + 500, dataset.count)
            dataset.fill(&inputs, labels: &labels, with: start..<end)
            result += model.forward(inputs, training: false).scalars
            start = end
        }
        return result
    }

    /// RMSE and R² on `dataset` against `targets`, in the target's units.
    public func evaluate(_ dataset: Dataset, targets: [Float]) -> RegressionEvaluation {
        RegressionEvaluation(predictions: predictions(dataset), targets: targets)
    }

    /// Folds the target's scale into the last Dense layer (w·std, b·std + mean),
    /// so that the model alone, saved or exported, outputs the target's units.
    /// Call it after training: further training would see unscaled outputs.
    public func foldTargetScaleIntoModel() {
        guard !isScaleFolded else { return }
        isScaleFolded = true
        targetScale.fold(into: model)
    }
}
