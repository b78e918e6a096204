import Foundation
import Testing
import Lessons
import MiniNN

/// The repository's `datasets/` folder, found from this file's path.
let recipeTestLocator = DatasetLocator(
    dataDirectory: nil, environment: [:], executablePath: nil,
    currentDirectory: URL(fileURLWithPath: #filePath).deletingLastPathComponent().path)

@Suite("Recipe catalog")
struct RecipeCatalogTests {
    @Test("names are unique and the required recipes are there")
    func names() {
        let names = RecipeCatalog.names
        #expect(Set(names).count == names.count)
        for required in ["perceptron-and", "perceptron-or", "perceptron-xor", "mlp-xor", "mlp-spirals",
                         "iris-mlp", "mnist-mlp"] {
            #expect(RecipeCatalog.recipe(named: required)?.name == required)
        }
        #expect(RecipeCatalog.recipe(named: "no-such-model") == nil)
    }

    @Test("every recipe has valid knobs, epochs and a summary", arguments: RecipeCatalog.all)
    func wellFormed(recipe: Recipe) {
        #expect(recipe.hyperparameters.validationError == nil)
        #expect(recipe.epochs >= 1)
        #expect(!recipe.summary.isEmpty)
        #expect(recipe.name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" })
    }

    @Test("the perceptrons learn by Rosenblatt's rule, everything else by backpropagation",
          arguments: RecipeCatalog.all)
    func rules(recipe: Recipe) {
        #expect((recipe.rule == .perceptron) == recipe.name.hasPrefix("perceptron-"))
    }

    @Test("every recipe's model builds and fits its data",
          arguments: RecipeCatalog.all.filter { if case .mnist = $0.data { false } else { true } })
    func buildsOnItsData(recipe: Recipe) throws {
        let datasets = try recipe.data.load(locator: recipeTestLocator, seed: recipe.seed)
        let trainer = try recipe.makeTrainer(datasets: datasets)
        #expect(trainer.model.parameterCount > 0)
        #expect(datasets.train.count > 0)
    }

    @Test("mnist-mlp is 784 → 128 ReLU → 10 with softmax cross-entropy")
    func mnistMLPShape() throws {
        let recipe = try #require(RecipeCatalog.recipe(named: "mnist-mlp"))
        let model = try ModelBuilder.build(recipe.model, seed: 1)
        #expect(model.inputShape == [784] && model.outputShape == [10])
        #expect(model.parameterCount == 784 * 128 + 128 + 128 * 10 + 10)
        #expect(recipe.model.loss == .softmaxCrossEntropy)
        #expect(recipe.model.layers.contains(.activation(.relu)))
        #expect(recipe.hyperparameters.batchSize == 64 && recipe.epochs == 3)
    }
}

@Suite("Recipe data and schedules")
struct RecipeDataTests {
    @Test("toy data: 80/20 stratified split, the same for the same seed")
    func toySplit() throws {
        let data = RecipeData.toy(.xor, count: 200, noise: 0.15, validationFraction: 0.2)
        let first = try data.load(locator: recipeTestLocator, seed: 3)
        let again = try data.load(locator: recipeTestLocator, seed: 3)
        let other = try data.load(locator: recipeTestLocator, seed: 4)
        #expect(first.train.count == 160 && first.validation?.count == 40 && first.test == nil)
        #expect(first.validation?.classCounts == [20, 20])
        #expect(first.train.labels == again.train.labels)
        guard case .float(let a) = first.train.features, case .float(let b) = again.train.features,
              case .float(let c) = other.train.features else {
            Issue.record("toy features should be floats")
            return
        }
        #expect(a == b && a != c)
    }

    @Test("iris: standardized with the training part's statistics, shared with validation")
    func irisSplit() throws {
        let datasets = try RecipeData.iris(validationFraction: 0.2).load(locator: recipeTestLocator, seed: 1)
        let validation = try #require(datasets.validation)
        #expect(datasets.train.count == 120 && validation.count == 30)
        #expect(validation.classCounts == [10, 10, 10])
        #expect(datasets.train.normalization == datasets.train.standardization())
        #expect(validation.normalization == datasets.train.normalization)
    }

    @Test("MNIST: official splits, the last N training images validate, one normalization for all")
    func mnistSplits() throws {
        let datasets = try RecipeData.mnist(validationCount: 5_000).load(locator: recipeTestLocator, seed: 1)
        let validation = try #require(datasets.validation)
        let test = try #require(datasets.test)
        #expect(datasets.train.count == 55_000 && validation.count == 5_000 && test.count == 10_000)
        #expect(datasets.train.labels.prefix(10) == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4])
        #expect(test.labels.prefix(10) == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])
        let normalization = datasets.train.normalization
        #expect(normalization.mean.count == 1 && normalization.std.count == 1)
        // MNIST's well-known pixel statistics: mean ≈ 0.1307, deviation ≈ 0.3081.
        #expect(abs(normalization.mean[0] - 0.1307) < 0.002)
        #expect(abs(normalization.std[0] - 0.3081) < 0.002)
        #expect(validation.normalization == normalization && test.normalization == normalization)
    }

    @Test("a missing dataset is a data error that lists where it looked")
    func missingData() throws {
        let nowhere = FileManager.default.temporaryDirectory.appendingPathComponent("no-datasets-\(UUID())").path
        let locator = DatasetLocator(roots: [nowhere])
        #expect(throws: DatasetError.notFound(dataset: "iris", searched: [nowhere + "/iris", nowhere])) {
            try RecipeData.iris(validationFraction: 0.2).load(locator: locator, seed: 1)
        }
    }

    @Test("step decay multiplies the rate by its factor once per period")
    func stepDecay() {
        let schedule = RecipeSchedule.stepDecay(factor: 0.3, everyEpochs: 1).schedule(batchesPerEpoch: 10, epochs: 3)
        #expect(schedule.factor(afterSteps: 0) == 1)
        #expect(schedule.factor(afterSteps: 9) == 1)
        #expect(abs(schedule.factor(afterSteps: 10) - 0.3) < 1e-6)
        #expect(abs(schedule.factor(afterSteps: 25) - 0.09) < 1e-6)
        let everyTwo = RecipeSchedule.stepDecay(factor: 0.5, everyEpochs: 2).schedule(batchesPerEpoch: 10, epochs: 6)
        #expect(everyTwo.factor(afterSteps: 19) == 1 && everyTwo.factor(afterSteps: 20) == 0.5)
    }

    @Test("cosine runs from the full rate down to its floor over the whole run")
    func cosine() {
        let schedule = RecipeSchedule.cosine(floor: 0.1).schedule(batchesPerEpoch: 10, epochs: 4)
        #expect(schedule.factor(afterSteps: 0) == 1)
        #expect(abs(schedule.factor(afterSteps: 20) - 0.55) < 1e-5)
        #expect(abs(schedule.factor(afterSteps: 40) - 0.1) < 1e-6)
    }
}
