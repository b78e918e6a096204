import Foundation
import Lessons
import MiniNN
import Testing

/// Lesson 10's pretrained convnet is trained once and kept in a file, so a
/// second visit (a new process) reads it instead of pretraining again.
@Suite("Lesson 10's pretrained convnet: kept in its cache file, read back on the next visit", .serialized)
struct PretrainedCacheTests {
    @Test("the file a first visit writes is read by the next, weights bit for bit; a file of another network is trained over")
    func cacheRoundTrip() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("np-pretrained-cache-\(getpid())-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // One pretraining epoch: what is checked is the file, not how well it learned.
        let plan = TransferPlan(pretrainEpochs: 1)
        let first = PretrainedConvnet(cacheDirectory: directory, plan: plan)
        let (trained, firstOrigin) = try first.model(locator: recipeTestLocator)
        #expect(firstOrigin == .trained)
        let path = try #require(first.cachePath)
        #expect(FileManager.default.fileExists(atPath: path))

        let next = PretrainedConvnet(cacheDirectory: directory, plan: plan)
        let (read, origin) = try next.model(locator: recipeTestLocator)
        #expect(origin == .file, "the cache written by the first visit was not used: \(origin)")
        #expect(read.layers.flatMap(\.parameters).map(\.value.scalars)
                == trained.layers.flatMap(\.parameters).map(\.value.scalars))

        // A file holding another network (lesson 6's MLP) is not used.
        let other = try ModelBuilder.build(.classifier(inputs: 784, hidden: [16], classes: 10, activation: .relu), seed: 1)
        try ModelFile.save(other, info: ModelFileInfo(
            architecture: .classifier(inputs: 784, hidden: [16], classes: 10, activation: .relu),
            hyperparameters: Hyperparameters(), seed: 1, normalization: .identity, dataset: "mnist",
            classNames: (0..<10).map(String.init)), to: path)
        let third = PretrainedConvnet(cacheDirectory: directory, plan: plan)
        let (_, overwritten) = try third.model(locator: recipeTestLocator)
        guard case .retrainedOverBadFile(let why) = overwritten else {
            Issue.record("a file of another network was used: \(overwritten)")
            return
        }
        #expect(why.contains("another network"), "\(why)")
    }
}
