import Foundation
import Synchronization

/// How the trainer changes the weights.
public enum LearningRule: String, Sendable, Codable {
    /// Loss gradient by backpropagation, then the optimizer chosen in the knobs.
    case backpropagation
    /// Rosenblatt's rule on a single threshold unit (see ``PerceptronRule``);
    /// the knobs' learning rate is η, the other optimizer knobs are ignored.
    case perceptron
}

/// A model and data that cannot be trained together.
public struct TrainerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What does not fit, naming the dataset and the model's shapes.
    public var message: String
    /// An error with this message.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The training loop: mini-batches in a seeded shuffled order, the knobs read
/// at every batch, evaluation at the end of each epoch, and events to observers.
///
/// Use it from one thread at a time (typically a background training thread);
/// only ``cancel()`` may be called from another thread. Observers are called
/// on the training thread, synchronously; they should copy what they need.
///
/// Knobs (``LiveKnobs``) are read once at the start of every batch: learning
/// rate (times the schedule), optimizer kind, batch size, dropout rate (set on
/// every Dropout layer), L2 and L1 decay, and the augmentation of the
/// batch's images (``Augmentation``, drawn from a stream of the seed's own).
/// Out-of-range values are clamped rather than trusted: a negative or
/// non-finite learning rate or decay counts as 0, a batch size below 1 as 1,
/// dropout is clamped to [0, ``Dropout/maximumRate``], augmentation to its
/// limits. Parameters marked frozen (``Parameter/isTrainable``) are not
/// updated, and the backward pass stops at the lowest layer that still
/// trains. The batch's report carries the values that
/// batch used (``BatchReport/hyperparameters``), so whoever shows them shows
/// what trained, not what a knob says now.
///
/// A NaN or infinite batch loss (or one above ``divergenceLossLimit``) emits
/// ``TrainingEvent/diverged(_:)``, skips that update, and refuses further
/// steps until ``resetWeights(seed:)``.
public final class Trainer: @unchecked Sendable {
    /// The network being trained (its parameters change in place).
    public let model: Sequential
    /// The loss minimized (and reported in evaluations).
    public let loss: LossKind
    /// Backpropagation with an optimizer, or the perceptron rule.
    public let rule: LearningRule
    /// Read at the start of every batch.
    public let knobs: LiveKnobs
    /// The data trained on (replace it with ``replaceData(train:validation:test:)``).
    public private(set) var trainingSet: Dataset
    /// Evaluated after each epoch, when present.
    public private(set) var validationSet: Dataset?
    /// Evaluated after each epoch, when present.
    public private(set) var testSet: Dataset?

    /// Multiplies the knobs' learning rate; see ``LearningRateSchedule/cosine(totalSteps:floor:)``.
    public var schedule: LearningRateSchedule = .constant
    /// Items per forward pass when evaluating a split (inference mode).
    public var evaluationBatchSize = 500
    /// A finite batch loss above this also counts as divergence (nil: only NaN or ±∞ do).
    ///
    /// Stable losses rarely overflow: a tanh network with softmax cross-entropy
    /// at a learning rate of 10 bounces at a loss of 10–20 without ever reaching
    /// infinity. A lesson that wants to stop such a run can set a limit here.
    public var divergenceLossLimit: Float?

    /// Polled between evaluation chunks; once it returns true an evaluation
    /// ends early and reports only the items it saw (its `count` says how many).
    /// For a run about to be discarded, e.g. a window closing mid-epoch.
    public var evaluationShouldStop: (@Sendable () -> Bool)?

    /// Whether each epoch's end also evaluates the test set. A check that
    /// reads only the last test figure turns it off and evaluates once at the
    /// end; training is the same either way.
    public var testsEachEpoch = true

    /// Also stop a run that collapsed without a NaN (see ``CollapseDetector``):
    /// the batch still trains, then `.diverged` is emitted with the reason and
    /// further steps are refused until ``resetWeights(seed:)``. Off by default.
    public var detectsCollapse = false
    private var collapseDetector: CollapseDetector

    /// The epoch in progress, 0-based.
    public private(set) var epoch = 0
    /// Batches already trained in the epoch in progress.
    public private(set) var batchInEpoch = 0
    /// Items trained since the start or the last reset.
    public private(set) var itemsSeen = 0
    /// Updates since the start or the last reset (what the schedule sees).
    public private(set) var stepsTaken = 0
    /// True after a NaN/Inf loss, until ``resetWeights(seed:)``.
    public private(set) var isDiverged = false
    /// The last finished epoch's report.
    public private(set) var lastEpochReport: EpochReport?
    /// When the training set has real-valued ``Dataset/targets``: their mean
    /// and deviation. The model then learns the standardized target by mean
    /// squared error (one output), and evaluations add RMSE and R² in the
    /// target's units. Nil: the labels are classes.
    public private(set) var targetScale: TargetScale?

    private let optimizer = Optimizer(learningRate: 0)
    private let parameters: [Parameter]
    /// The layer each of `parameters` belongs to, so the lowest trainable
    /// layer is found each step without asking every layer for its parameters.
    private let parameterLayers: [Int]
    private let dropoutLayers: [Dropout]
    private var observers: [any TrainingObserver] = []
    private let cancelRequested = Atomic<Bool>(false)

    private var shuffler: SeededGenerator
    /// Draws the augmentation's shifts, turns and noise: a stream of its own,
    /// so turning augmentation on leaves the batch order as it was.
    private var augmenter: SeededGenerator
    private var order: [Int] = []
    private var position = 0
    private var epochSeconds = 0.0
    /// Wall-clock seconds the last step spent training, without the
    /// evaluation that ends an epoch: what images per second are made of.
    public private(set) var lastStepSeconds = 0.0

    // Reused buffers.
    private var batchInputs = Tensor(shape: [0])
    private var batchLabels: [Int] = []
    private var batchTargets: [Float] = []
    private var lossGradient = Tensor(shape: [0])
    private var evaluationInputs = Tensor(shape: [0])
    private var evaluationLabels: [Int] = []

    /// A trainer for `model` on `train`, evaluating `validation` and `test` after each epoch.
    ///
    /// `seed` fixes the order of the mini-batches (the weights come from the
    /// seed the model was built with). Throws ``TrainerError`` when the data
    /// does not fit the model or the loss.
    public init(model: Sequential, loss: LossKind, train: Dataset, validation: Dataset? = nil,
                test: Dataset? = nil, knobs: LiveKnobs, seed: UInt64,
                rule: LearningRule = .backpropagation) throws(TrainerError) {
        self.model = model
        self.loss = loss
        self.rule = rule
        self.knobs = knobs
        trainingSet = train
        validationSet = validation
        testSet = test
        parameters = model.parameters
        parameterLayers = model.layers.indices.flatMap { index in
            Array(repeating: index, count: model.layers[index].parameters.count)
        }
        dropoutLayers = model.dropoutLayers
        shuffler = Trainer.shuffler(seed: seed)
        augmenter = Trainer.augmenter(seed: seed)
        let width = Tensor.elementCount(of: model.outputShape)
        collapseDetector = CollapseDetector(classes: width == 1 ? 2 : width, loss: loss)
        if rule == .perceptron, let problem = PerceptronRule.modelError(model) {
            throw TrainerError(problem)
        }
        if let problem = loss.widthError(Tensor.elementCount(of: model.outputShape)) {
            throw TrainerError(problem)
        }
        try checkFits(train, validation, test)
        if train.count == 0 { throw TrainerError("\(train.name) has no items to train on") }
        targetScale = try Trainer.targetScale(of: train, outputWidth: width)
        startEpochOrder()
    }

    /// A regression's target scale when `train` has real-valued targets (and
    /// the model one output), nil for classes.
    private static func targetScale(of train: Dataset, outputWidth: Int) throws(TrainerError) -> TargetScale? {
        guard let targets = train.targets else { return nil }
        guard outputWidth == 1 else {
            throw TrainerError("a regression model has one output; this one has \(outputWidth)")
        }
        guard targets.count == train.count else {
            throw TrainerError("\(train.name): \(targets.count) targets for \(train.count) items")
        }
        return TargetScale(fitting: targets)
    }

    private static func shuffler(seed: UInt64) -> SeededGenerator {
        // A stream number no layer index reaches, so shuffling never shares the weights' stream.
        SeededGenerator(seed: seed, stream: 0x5348_5546)
    }

    private static func augmenter(seed: UInt64) -> SeededGenerator {
        SeededGenerator(seed: seed, stream: 0x4155_474D)
    }

    private func checkFits(_ datasets: Dataset?...) throws(TrainerError) {
        let inputCount = Tensor.elementCount(of: model.inputShape)
        let width = Tensor.elementCount(of: model.outputShape)
        let classes = width == 1 ? 2 : width
        for case let dataset? in datasets {
            if let problem = dataset.consistencyError { throw TrainerError(problem) }
            if dataset.itemSize != inputCount {
                let item = dataset.itemShape.map(String.init).joined(separator: "×")
                let input = model.inputShape.map(String.init).joined(separator: "×")
                throw TrainerError("\(dataset.name) has items of shape \(item) but the model takes \(input)")
            }
            if dataset.classCount > classes {
                throw TrainerError("\(dataset.name) has \(dataset.classCount) classes but the model's output "
                                   + "of width \(width) can tell apart only \(classes)")
            }
        }
    }

    // MARK: Observers and cancellation

    /// Starts sending events to `observer` (held strongly until removed).
    public func addObserver(_ observer: any TrainingObserver) { observers.append(observer) }

    /// Stops sending events to `observer`.
    public func removeObserver(_ observer: any TrainingObserver) {
        observers.removeAll { $0 === observer }
    }

    private func emit(_ event: TrainingEvent) {
        for observer in observers { observer.training(event) }
    }

    /// Asks a running ``trainEpoch()`` or ``train(epochs:)`` to stop after the
    /// current batch. Safe from any thread. The request is consumed by the run
    /// that sees it; made while nothing runs, it stops the next run at once.
    public func cancel() { cancelRequested.store(true, ordering: .relaxed) }

    private func consumeCancellation() -> Bool {
        cancelRequested.exchange(false, ordering: .relaxed)
    }

    // MARK: Training

    /// Batches in one epoch at the current batch-size knob.
    public var batchesPerEpoch: Int {
        let size = max(1, knobs.value.batchSize)
        return (trainingSet.count + size - 1) / size
    }

    /// Trains exactly one mini-batch and, if it was the epoch's last, evaluates
    /// and emits the epoch's report.
    ///
    /// Returns nil without changing the weights when this batch's loss is not
    /// finite or exceeds ``divergenceLossLimit`` (after emitting `.diverged`),
    /// and on every call after that until ``resetWeights(seed:)``.
    @discardableResult
    public func step() -> BatchReport? {
        guard !isDiverged else { return nil }
        let started = ContinuousClock.now
        // The one read of the shared knobs this step: everything below uses
        // `settings`, so a knob turned meanwhile waits for the next step, and
        // the report says what this one used.
        let settings = Trainer.clamped(knobs.value)
        let batchSize = settings.batchSize
        let factor = schedule.factor(afterSteps: stepsTaken)
        let learningRate = Trainer.nonNegative(settings.learningRate * factor)

        if position >= order.count { startEpochOrder() }
        let end = min(position + batchSize, order.count)
        if settings.augmentation.isNone {
            trainingSet.fill(&batchInputs, labels: &batchLabels, with: order[position..<end])
        } else {
            trainingSet.fill(&batchInputs, labels: &batchLabels, with: order[position..<end],
                             augmenting: settings.augmentation, using: &augmenter)
        }
        shapeForModel(&batchInputs)
        let n = end - position
        let batchesInEpoch = batchInEpoch + 1 + (order.count - end + batchSize - 1) / batchSize

        let batchLoss: Float
        let accuracy: Float
        switch rule {
        case .perceptron:
            // modelError was checked in init: the first layer is Dense(n→1).
            guard let unit = model.layers.first as? Dense else { return nil }
            let mistakes = PerceptronRule.train(unit, inputs: batchInputs, labels: batchLabels,
                                                learningRate: learningRate)
            batchLoss = Float(mistakes) / Float(n)
            accuracy = 1 - batchLoss
        case .backpropagation:
            for dropout in dropoutLayers where dropout.rate != settings.dropout { dropout.rate = settings.dropout }
            let output = model.forward(batchInputs, training: true)
            if let targetScale, let targets = trainingSet.targets {
                batchTargets.removeAll(keepingCapacity: true)
                for index in order[position..<end] { batchTargets.append(targetScale.standardized(targets[index])) }
                batchLoss = RegressionLoss.meanSquaredError(output, targets: batchTargets, gradient: &lossGradient)
                accuracy = 0
            } else {
                batchLoss = loss.lossAndGradient(output, labels: batchLabels, gradient: &lossGradient)
                accuracy = Prediction.accuracy(output, labels: batchLabels)
            }
            guard batchLoss.isFinite, batchLoss <= divergenceLossLimit ?? .infinity else {
                isDiverged = true
                emit(.diverged(DivergenceReport(epoch: epoch, batch: batchInEpoch, loss: batchLoss,
                                                learningRate: learningRate,
                                                reason: batchLoss.isFinite ? .aboveLimit : .notFinite)))
                return nil
            }
            for parameter in parameters { parameter.zeroGradient() }
            backward()
            optimizer.kind = settings.optimizer
            optimizer.learningRate = learningRate
            optimizer.weightDecay = settings.weightDecay
            optimizer.l1 = settings.l1
            optimizer.step(parameters)
        }

        let report = BatchReport(epoch: epoch, batch: batchInEpoch, batchesPerEpoch: batchesInEpoch,
                                 batchSize: n, loss: batchLoss, accuracy: accuracy,
                                 learningRate: learningRate, hyperparameters: settings, itemsSeen: itemsSeen + n)
        position = end
        batchInEpoch += 1
        itemsSeen += n
        stepsTaken += 1
        lastStepSeconds = Trainer.seconds(since: started)
        epochSeconds += lastStepSeconds
        emit(.batchEnd(report))
        if position >= order.count { finishEpoch() }
        // A regression has no chance level to collapse to.
        if detectsCollapse, rule == .backpropagation, targetScale == nil,
           let reason = collapseDetector.observe(loss: batchLoss, accuracy: accuracy, afterFirstEpoch: epoch > 0) {
            isDiverged = true
            let smoothed: Float
            switch reason {
            case .lossAboveChance(let loss, _): smoothed = loss
            default: smoothed = batchLoss
            }
            emit(.diverged(DivergenceReport(epoch: report.epoch, batch: report.batch, loss: smoothed,
                                            learningRate: learningRate, reason: reason)))
        }
        return report
    }

    /// Backpropagates the loss gradient down to the lowest layer that trains;
    /// nothing below it needs a gradient (the input images, or frozen layers),
    /// and that layer skips its input gradient. Read every step, since layers
    /// may be frozen or thawed between steps.
    private func backward() {
        let layers = model.layers
        guard let position = parameters.firstIndex(where: \.isTrainable) else { return }
        let first = parameterLayers[position]
        // Nobody reads the gradient with respect to the input images.
        let firstTrainable = layers[first]
        firstTrainable.computesInputGradient = false
        defer { firstTrainable.computesInputGradient = true }
        model.backward(lossGradient, downTo: first)
    }

    /// Trains to the end of the epoch in progress. Returns its report, or nil
    /// when cancelled or diverged before the end.
    @discardableResult
    public func trainEpoch() -> EpochReport? {
        let current = epoch
        while epoch == current {
            if consumeCancellation() { return nil }
            guard step() != nil else { return nil }
        }
        return lastEpochReport
    }

    /// Trains `epochs` whole epochs (finishing the one in progress first
    /// counts as one); returns the reports of the epochs that finished.
    @discardableResult
    public func train(epochs: Int) -> [EpochReport] {
        var reports: [EpochReport] = []
        for _ in 0..<max(0, epochs) {
            guard let report = trainEpoch() else { break }
            reports.append(report)
        }
        return reports
    }

    private func finishEpoch() {
        let evaluations = evaluateAll(includingTest: testsEachEpoch)
        let report = EpochReport(epoch: epoch, train: evaluations.train, validation: evaluations.validation,
                                 test: evaluations.test, seconds: epochSeconds)
        lastEpochReport = report
        epoch += 1
        startEpochOrder()
        emit(.epochEnd(report))
    }

    private func startEpochOrder() {
        if order.count == trainingSet.count {
            for i in order.indices { order[i] = i }
        } else {
            order = Array(0..<trainingSet.count)
        }
        shuffler.shuffle(&order)
        position = 0
        batchInEpoch = 0
        epochSeconds = 0
    }

    /// Gives a filled batch the model's per-item shape (e.g. 784 values seen as 1×28×28).
    private func shapeForModel(_ inputs: inout Tensor) {
        let shape = inputs.shape
        if shape.count == model.inputShape.count + 1 && shape.dropFirst().elementsEqual(model.inputShape) { return }
        inputs.reshape([inputs.batchSize] + model.inputShape)
    }

    /// The knob's value when it is a finite number ≥ 0, else 0 (a knob never injects NaN).
    private static func nonNegative(_ value: Float) -> Float { value.isFinite ? max(0, value) : 0 }

    /// The knobs as a step uses them (see the type's summary for the ranges).
    private static func clamped(_ knobs: Hyperparameters) -> Hyperparameters {
        var used = knobs
        used.learningRate = nonNegative(knobs.learningRate)
        used.batchSize = max(1, knobs.batchSize)
        used.dropout = knobs.dropout.isFinite ? min(max(knobs.dropout, 0), Dropout.maximumRate) : 0
        used.weightDecay = nonNegative(knobs.weightDecay)
        used.l1 = nonNegative(knobs.l1)
        used.augmentation = knobs.augmentation.clamped
        return used
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    // MARK: Evaluation

    /// Mean loss and accuracy over `dataset` in inference mode (no dropout), in batches.
    public func evaluate(_ dataset: Dataset) -> Evaluation {
        guard dataset.count > 0 else { return Evaluation(loss: 0, accuracy: 0, count: 0) }
        if let targetScale, let targets = dataset.targets, targets.count == dataset.count {
            // The standardized loss the curve shows, and RMSE and R² in the target's units.
            let predictions = RegressionTrainer.outputs(of: model, on: dataset).map(targetScale.unstandardized)
            let regression = RegressionEvaluation(predictions: predictions, targets: targets)
            let loss = regression.rmse * regression.rmse / (targetScale.std * targetScale.std)
            return Evaluation(loss: loss, accuracy: 0, count: dataset.count, regression: regression)
        }
        var lossSum = 0.0
        var correct = 0
        var start = 0
        let chunk = max(1, evaluationBatchSize)
        while start < dataset.count {
            if start > 0, let evaluationShouldStop, evaluationShouldStop() { break }
            let end = min(start + chunk, dataset.count)
            dataset.fill(&evaluationInputs, labels: &evaluationLabels, with: start..<end)
            shapeForModel(&evaluationInputs)
            let output = model.forward(evaluationInputs, training: false)
            lossSum += Double(loss.loss(output, labels: evaluationLabels)) * Double(end - start)
            correct += Prediction.correctCount(output, labels: evaluationLabels)
            start = end
        }
        return Evaluation(loss: Float(lossSum / Double(start)),
                          accuracy: Float(correct) / Float(start), count: start)
    }

    /// A regression model's predictions for `dataset`, in the target's units (nil: classes).
    public func regressionPredictions(_ dataset: Dataset) -> [Float]? {
        guard let targetScale else { return nil }
        return RegressionTrainer.outputs(of: model, on: dataset).map(targetScale.unstandardized)
    }

    /// Evaluations of the training split and, where present, validation and test.
    public func evaluateAll(includingTest: Bool = true) -> (train: Evaluation, validation: Evaluation?, test: Evaluation?) {
        // An empty validation set (a validation fraction of 0) is no validation
        // set: its "0% accuracy on 0 items" would be shown as a result.
        (evaluate(trainingSet), validationSet.flatMap { $0.count > 0 ? evaluate($0) : nil },
         includingTest ? testSet.map(evaluate) : nil)
    }

    // MARK: Reset and data

    /// Goes on from a run that stopped after `epochs` whole epochs, its
    /// weights loaded back into the model: the epochs count on from there,
    /// and the schedule sees those epochs' steps (at today's batch size) as
    /// taken. The batch order is drawn afresh from the trainer's seed and the
    /// optimizer starts without momentum (neither is kept with the weights).
    public func resume(afterEpochs epochs: Int) {
        epoch = max(0, epochs)
        itemsSeen = epoch * trainingSet.count
        stepsTaken = epoch * batchesPerEpoch
        startEpochOrder()
    }

    /// Redraws every parameter from `seed` (as building the model's spec with
    /// that seed would), clears the optimizer state and gradients, lifts a
    /// divergence stop, and starts again at epoch 0 with a batch order from
    /// `seed`: the run that follows equals a fresh model and trainer with this seed.
    public func resetWeights(seed: UInt64) {
        ModelBuilder.initialize(model, seed: seed)
        for parameter in parameters { parameter.zeroGradient() }
        optimizer.clearState()
        isDiverged = false
        collapseDetector.reset()
        epoch = 0
        itemsSeen = 0
        stepsTaken = 0
        lastEpochReport = nil
        shuffler = Trainer.shuffler(seed: seed)
        augmenter = Trainer.augmenter(seed: seed)
        startEpochOrder()
    }

    /// Swaps in new data (e.g. regenerated 2-D points with other noise or
    /// another train/validation ratio) without touching the weights or the
    /// optimizer; the epoch in progress restarts on the new data with a fresh order.
    public func replaceData(train: Dataset, validation: Dataset?, test: Dataset?) throws(TrainerError) {
        try checkFits(train, validation, test)
        if train.count == 0 { throw TrainerError("\(train.name) has no items to train on") }
        targetScale = try Trainer.targetScale(of: train, outputWidth: Tensor.elementCount(of: model.outputShape))
        trainingSet = train
        validationSet = validation
        testSet = test
        startEpochOrder()
    }
}
