import Foundation
import Testing
import Lessons
import MiniNN

/// The convnet recipe's accuracy claim, on the real MNIST files. Slow: one
/// full epoch (60,000 images) plus evaluation, about 15 seconds on two idle
/// cores in release. Lesson checks that need a trained convnet should reuse
/// this run's claim rather than train another one.
@Suite("mnist-cnn recipe (slow)")
struct ConvRecipeSlowTests {
    /// `datasets/` in the repository.
    static let locator = DatasetLocator(roots: [
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("datasets").path,
    ])

    @Test("slow: mnist-cnn reaches 98% test accuracy in one epoch")
    func reaches98PercentInOneEpoch() throws {
        let recipe = try #require(RecipeCatalog.recipe(named: "mnist-cnn"))
        let initial = try #require(try ModelBuilder.build(recipe.model, seed: recipe.seed).firstLayerRoughness()?.mean)
        let run = try recipe.run(locator: Self.locator, epochs: 1)
        #expect(run.divergence == nil)
        let test = try #require(run.final?.test, "the recipe has no test set")
        #expect(test.count == 10_000)
        #expect(test.accuracy >= 0.98, "test accuracy \(test.accuracy) after one epoch")
        // What `train mnist-cnn --epochs 1` promises: kernels at most half as rough as at init.
        let final = try #require(run.trainer.model.firstLayerRoughness()?.mean)
        print("mnist-cnn 1 epoch: roughness \(initial) → \(final), test \(test.accuracy)")
        #expect(initial >= 0.9 && final <= initial / 2 && final <= 0.5, "roughness \(initial) → \(final)")
    }

    @Test("slow: mnist-cnn reaches 99.0% test accuracy in five epochs")
    func reaches99PercentInFiveEpochs() throws {
        let recipe = try #require(RecipeCatalog.recipe(named: "mnist-cnn"))
        let run = try recipe.run(locator: Self.locator, epochs: 5)
        let test = try #require(run.final?.test)
        print("mnist-cnn 5 epochs: test \(test.accuracy)")
        #expect(test.accuracy >= 0.99, "test accuracy \(test.accuracy) after five epochs")
    }
}
