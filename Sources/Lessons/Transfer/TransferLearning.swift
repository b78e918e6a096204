import MiniNN

/// Reusing a trained convnet (lesson 10, `train mnist-transfer`): the lesson-8
/// convnet learns digits 0–4, its convolutions are frozen, its dense head is
/// replaced by a new one for digits 5–9, and only that head is trained on a
/// few labelled images of each new digit. The same architecture trained from
/// scratch on the same images, for the same steps, is the comparison.
public struct TransferPlan: Sendable, Equatable {
    /// Labelled training images of each new digit.
    public var perClass: Int
    /// Epochs over those few images, for both networks.
    public var epochs: Int
    /// Epochs of pretraining on every training image of digits 0–4. Two, not
    /// the one the PyTorch measurement used: at batches of 20 one epoch left
    /// fine-tuning only 2.0–2.6 points ahead on seeds 1–3, two give 2.4–3.6.
    public var pretrainEpochs: Int
    /// The knobs of both networks on the small set (and of the pretraining).
    public var knobs: Hyperparameters
    /// Augmentation of the pretraining images only. Shifts of up to 2
    /// pixels (lesson 5's) make convolutions that read a digit wherever it
    /// sits: on seeds 1–3 of lesson 10 they lifted fine-tuning from
    /// 93.1–94.2% to 94.1–94.7% at 20 images per digit, and the lead over
    /// scratch from 1.6–4.2 to 2.1–4.8 points.
    public var pretrainAugmentation: Augmentation
    /// Seed of the pretraining, the small set's draw, both networks' weights and batch orders.
    public var seed: UInt64

    public init(perClass: Int = 20, epochs: Int = 20, pretrainEpochs: Int = 2,
                knobs: Hyperparameters = TransferPlan.defaultKnobs,
                pretrainAugmentation: Augmentation = Augmentation(maxShift: 2), seed: UInt64 = 1) {
        self.perClass = perClass
        self.epochs = epochs
        self.pretrainEpochs = pretrainEpochs
        self.knobs = knobs
        self.pretrainAugmentation = pretrainAugmentation
        self.seed = seed
    }

    /// Adam at 0.003 in batches of 20, as the PyTorch measurement in the issue did.
    public static let defaultKnobs = Hyperparameters(learningRate: 0.003, optimizer: .adam, batchSize: 20)
    /// The images-per-class choices the lesson's knob steps through.
    public static let perClassChoices = [10, 20, 100, 1_000]
    /// The digits the convnet is pretrained on.
    public static let oldDigits = [0, 1, 2, 3, 4]
    /// The digits it is reused for, never seen in pretraining.
    public static let newDigits = [5, 6, 7, 8, 9]
}

/// The three sets of digits the plan trains and tests on, pixels standardized
/// by the statistics of all 60,000 training images (as the mnist-cnn recipe does).
public struct TransferData: Sendable {
    /// Every training image of digits 0–4 (about 30,600).
    public var pretraining: Dataset
    /// Every training image of digits 5–9, from which the few are drawn.
    public var newDigitsPool: Dataset
    /// The 4,861 test images of digits 5–9.
    public var test: Dataset

    /// Reads MNIST from `locator` and cuts it by digit.
    public static func load(locator: DatasetLocator) throws(DatasetError) -> TransferData {
        let directory = try locator.mnistDirectory()
        let train = try MNIST.load(.train, from: directory)
        let test = try MNIST.load(.test, from: directory)
        return TransferData(train: train, test: test)
    }

    /// The cut of already loaded MNIST sets.
    public init(train: Dataset, test: Dataset) {
        let normalization = train.standardization(perFeature: false)
        var pretraining = train.keepingClasses(TransferPlan.oldDigits, name: "MNIST train, digits 0–4")
        var pool = train.keepingClasses(TransferPlan.newDigits, name: "MNIST train, digits 5–9")
        var newTest = test.keepingClasses(TransferPlan.newDigits, name: "MNIST test, digits 5–9")
        pretraining.normalization = normalization
        pool.normalization = normalization
        newTest.normalization = normalization
        self.pretraining = pretraining
        newDigitsPool = pool
        self.test = newTest
    }

    /// The few labelled images of each new digit that `plan` trains on.
    public func smallSet(_ plan: TransferPlan) -> Dataset {
        newDigitsPool.perClass(plan.perClass, seed: SeededGenerator.derive(plan.seed, 0x5E7),
                               name: "\(plan.perClass) of each digit 5–9")
    }
}

/// Building and training the networks of a ``TransferPlan``.
public enum TransferLearning {
    /// The lesson-8 convnet with a head of five outputs.
    public static let spec: ModelSpec = {
        var spec = ModelSpec.lessonConvnet
        spec.layers[spec.layers.count - 1] = .dense(inputs: 16 * 7 * 7, outputs: TransferPlan.newDigits.count)
        return spec
    }()

    /// Where the dense head starts: the layers below it are the convolutions (and flatten).
    public static let headIndex = spec.layers.count - 1

    /// The convnet trained on digits 0–4 for the plan's pretraining epochs,
    /// with the mnist-cnn recipe's cosine schedule over them.
    public static func pretrain(on data: TransferData, plan: TransferPlan,
                                observers: [any TrainingObserver] = []) throws -> Sequential {
        let trainer = try pretrainer(on: data, plan: plan)
        for observer in observers { trainer.addObserver(observer) }
        trainer.train(epochs: plan.pretrainEpochs)
        return trainer.model
    }

    /// The trainer ``pretrain(on:plan:observers:)`` runs, for callers that
    /// step it themselves (and can stop between batches).
    public static func pretrainer(on data: TransferData, plan: TransferPlan) throws -> Trainer {
        let seed = SeededGenerator.derive(plan.seed, 0x9E7)
        let model = try ModelBuilder.build(spec, seed: seed)
        var knobs = plan.knobs
        knobs.augmentation = plan.pretrainAugmentation
        let trainer = try Trainer(model: model, loss: spec.loss, train: data.pretraining,
                                  knobs: LiveKnobs(knobs), seed: seed)
        trainer.schedule = .cosine(totalSteps: trainer.batchesPerEpoch * plan.pretrainEpochs, floor: 0)
        return trainer
    }

    /// `pretrained`'s convolutions, frozen, under a new dense head for the
    /// new digits (drawn from the plan's seed). `pretrained` itself is not
    /// changed: its layers are copied.
    public static func fineTuningModel(from pretrained: Sequential, plan: TransferPlan) throws -> Sequential {
        let model = try ModelBuilder.build(spec, seed: SeededGenerator.derive(plan.seed, 0xF17))
        reuseConvolutions(of: pretrained, in: model)
        return model
    }

    /// Copies `pretrained`'s layers below the head into `model` (the same
    /// architecture) and freezes them; the head keeps its own weights.
    public static func reuseConvolutions(of pretrained: Sequential, in model: Sequential) {
        for (target, source) in zip(model.layers[..<headIndex], pretrained.layers[..<headIndex]) {
            for (mine, theirs) in zip(target.parameters, source.parameters) { mine.value = theirs.value }
        }
        model.freeze(below: headIndex)
    }

    /// The same architecture from random weights (the lesson's init), nothing frozen.
    public static func scratchModel(plan: TransferPlan) throws -> Sequential {
        try ModelBuilder.build(spec, seed: SeededGenerator.derive(plan.seed, 0x5C7))
    }

    /// A trainer for `model` on the plan's small set, testing on digits 5–9
    /// after every epoch when `testsEveryEpoch` (the live view's curves).
    public static func trainer(for model: Sequential, data: TransferData, plan: TransferPlan,
                               knobs: LiveKnobs? = nil, testsEveryEpoch: Bool = true) throws -> Trainer {
        try Trainer(model: model, loss: spec.loss, train: data.smallSet(plan),
                    test: testsEveryEpoch ? data.test : nil,
                    knobs: knobs ?? LiveKnobs(plan.knobs), seed: SeededGenerator.derive(plan.seed, 0xBA7))
    }
}

/// What a whole headless comparison measured.
public struct TransferResult: Sendable {
    public var perClass: Int
    /// Test accuracy on digits 5–9 of the fine-tuned and the from-scratch network.
    public var fineTunedAccuracy: Float
    public var scratchAccuracy: Float
    /// Seconds spent training each on the small set (pretraining apart).
    public var fineTunedSeconds: Double
    public var scratchSeconds: Double
    public var pretrainSeconds: Double
    /// Steps each took on the small set (the same for both).
    public var steps: Int
}

extension TransferLearning {
    /// Pretrains (unless `pretrained` is given), then trains both networks for the plan's epochs.
    public static func compare(data: TransferData, plan: TransferPlan, pretrained: Sequential? = nil,
                               observers: [any TrainingObserver] = []) throws -> TransferResult {
        let clock = ContinuousClock()
        let started = clock.now
        let base = try pretrained ?? pretrain(on: data, plan: plan)
        let pretrainTime = clock.now - started
        // Tested once at the end: 4,861 test images after each of 20 epochs
        // would cost more than the training itself.
        let fineTuner = try trainer(for: fineTuningModel(from: base, plan: plan), data: data, plan: plan,
                                    testsEveryEpoch: false)
        let scratch = try trainer(for: scratchModel(plan: plan), data: data, plan: plan, testsEveryEpoch: false)
        for observer in observers { fineTuner.addObserver(observer); scratch.addObserver(observer) }
        let fineTime = clock.measure { fineTuner.train(epochs: plan.epochs) }
        let scratchTime = clock.measure { scratch.train(epochs: plan.epochs) }
        return TransferResult(perClass: plan.perClass,
                              fineTunedAccuracy: fineTuner.evaluate(data.test).accuracy,
                              scratchAccuracy: scratch.evaluate(data.test).accuracy,
                              fineTunedSeconds: fineTime.seconds, scratchSeconds: scratchTime.seconds,
                              pretrainSeconds: pretrainTime.seconds, steps: scratch.stepsTaken)
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
