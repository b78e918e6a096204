import MiniNN
import Testing
@testable import Lessons

/// The MNIST cache's cuts: a lesson's training and validation parts that are
/// the whole training set are cut from it in place (47 MB the playground no
/// longer holds twice), and the set comes back whole when asked for again.
@Suite("MNIST cache: covering cuts")
struct DatasetCacheCutTests {
    private func bytes(_ set: Dataset) -> [UInt8] {
        if case .bytes(let values) = set.features { return values }
        return []
    }

    @Test("a 55,000 + 5,000 cut holds the training set's digits, and the set is put back together unchanged")
    func coveringCutThenWholeSet() throws {
        let directory = try DatasetLocator.standard.mnistDirectory()
        let original = try MNIST.load(.train, from: directory)
        let cache = DatasetCache()
        let (train, validation, test) = try cache.mnistParts(trainCount: 55_000, validationCount: 5_000,
                                                             testCount: 10_000, locator: .standard)
        let size = original.itemSize
        #expect(train.count == 55_000 && validation.count == 5_000 && test.count == 10_000)
        #expect(train.name == "MNIST train" && validation.name == "MNIST validation")
        #expect(bytes(train) == Array(bytes(original)[0..<(55_000 * size)]))
        #expect(bytes(validation) == Array(bytes(original)[(55_000 * size)...]))
        #expect(train.labels == Array(original.labels[0..<55_000]))
        #expect(validation.labels == Array(original.labels[55_000...]))
        #expect(train.consistencyError == nil && validation.consistencyError == nil)
        // Asked again, the cut is the kept one; the test set alone does not rebuild the training set.
        let again = try cache.mnistParts(trainCount: 55_000, validationCount: 5_000, testCount: 10_000, locator: .standard)
        #expect(bytes(again.0) == bytes(train))
        #expect(try cache.mnistTest(locator: .standard).count == 10_000)

        let whole = try cache.mnist(locator: .standard).train
        #expect(whole.name == original.name && whole.itemShape == original.itemShape)
        #expect(whole.classNames == original.classNames && whole.normalization == original.normalization)
        #expect(bytes(whole) == bytes(original) && whole.labels == original.labels)
        // Another cut after that is sliced from the whole set, and the first can be made again.
        let other = try cache.mnistParts(trainCount: 1_000, validationCount: 1_000, testCount: 1_000, locator: .standard)
        #expect(bytes(other.1) == Array(bytes(original)[(1_000 * size)..<(2_000 * size)]))
        let remade = try cache.mnistParts(trainCount: 55_000, validationCount: 5_000, testCount: 10_000, locator: .standard)
        #expect(bytes(remade.1) == bytes(validation) && remade.0.labels == train.labels)
        #expect(bytes(try cache.mnist(locator: .standard).train) == bytes(original))
    }
}
