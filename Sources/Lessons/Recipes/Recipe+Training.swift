import MiniNN

/// What a whole recipe run produced.
public struct RecipeRun {
    /// The trainer, with the trained model, its knobs and its data.
    public var trainer: Trainer
    /// One report per finished epoch.
    public var reports: [EpochReport]
    /// Set when the loss stopped being a number and training stopped.
    public var divergence: DivergenceReport?

    /// The last finished epoch's report.
    public var final: EpochReport? { reports.last }
}

extension Recipe {
    /// Builds the recipe's model from `seed` and a trainer for it on `datasets`,
    /// with the recipe's learning-rate schedule laid over `epochs` epochs at
    /// the batch size in `hyperparameters`. Nil arguments take the recipe's values.
    ///
    /// Throws when the model cannot be built or does not fit the data.
    public func makeTrainer(datasets: RecipeDatasets, hyperparameters: Hyperparameters? = nil,
                            epochs: Int? = nil, seed: UInt64? = nil) throws -> Trainer {
        let seed = seed ?? self.seed
        let knobs = LiveKnobs(hyperparameters ?? self.hyperparameters)
        let model = try ModelBuilder.build(self.model, seed: seed)
        let trainer = try Trainer(model: model, loss: self.model.loss, train: datasets.train,
                                  validation: datasets.validation, test: datasets.test,
                                  knobs: knobs, seed: seed, rule: rule)
        if let schedule {
            trainer.schedule = schedule.schedule(batchesPerEpoch: trainer.batchesPerEpoch,
                                                 epochs: epochs ?? self.epochs)
        }
        return trainer
    }

    /// Loads the data, builds the model and trains it for the recipe's epochs
    /// (or `epochs`), reporting to `observers`. The same seed gives the same run.
    public func run(locator: DatasetLocator, hyperparameters: Hyperparameters? = nil, epochs: Int? = nil,
                    seed: UInt64? = nil, observers: [any TrainingObserver] = []) throws -> RecipeRun {
        let seed = seed ?? self.seed
        let epochs = epochs ?? self.epochs
        let datasets = try data.load(locator: locator, seed: seed)
        let trainer = try makeTrainer(datasets: datasets, hyperparameters: hyperparameters,
                                      epochs: epochs, seed: seed)
        let divergence = DivergenceWatch()
        trainer.addObserver(divergence)
        for observer in observers { trainer.addObserver(observer) }
        let reports = trainer.train(epochs: epochs)
        return RecipeRun(trainer: trainer, reports: reports, divergence: divergence.report)
    }
}

/// Remembers the divergence report, if training diverges.
public final class DivergenceWatch: TrainingObserver {
    /// The report of the divergence, once it happened.
    public private(set) var report: DivergenceReport?

    public init() {}

    public func training(_ event: TrainingEvent) {
        if case .diverged(let report) = event { self.report = report }
    }
}
