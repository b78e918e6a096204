import Testing
@testable import MiniNN

@Suite("Batching")
struct BatchingTests {
    static let bytes = Dataset(
        name: "tiny bytes", itemShape: [1, 2, 2], classNames: ["a", "b", "c"],
        features: .bytes([0, 255, 51, 102, 255, 0, 0, 255, 10, 20, 30, 40]),
        labels: [2, 0, 1], normalization: Normalization(mean: [0.5], std: [0.25]))

    @Test("Bytes are scaled by 1/255, then normalized; labels follow the indices")
    func bytesBatch() {
        let batch = BatchingTests.bytes.batch([1, 0])
        #expect(batch.inputs.shape == [2, 1, 2, 2])
        #expect(batch.labels == [0, 2])
        let expected: [Float] = [255, 0, 0, 255, 0, 255, 51, 102].map { (Float($0) * (1 / 255) - 0.5) / 0.25 }
        #expect(batch.inputs.scalars == expected)
    }

    @Test("Per-feature normalization uses each feature's mean and std")
    func perFeature() {
        let data = Dataset(name: "floats", itemShape: [2], classNames: ["x", "y"],
                           features: .float([1, 10, 3, 30]), labels: [0, 1],
                           normalization: Normalization(mean: [2, 20], std: [1, 10]))
        #expect(data.allItems().inputs.scalars == [-1, -1, 1, 1])
    }

    @Test("fill reuses a buffer of the right size and keeps its shape")
    func fillReuses() {
        var inputs = Tensor(shape: [2, 4])
        var labels: [Int] = []
        let address = inputs.scalars.withUnsafeBufferPointer { $0.baseAddress }
        BatchingTests.bytes.fill(&inputs, labels: &labels, with: [2, 1])
        #expect(inputs.shape == [2, 4])
        #expect(inputs.scalars.withUnsafeBufferPointer { $0.baseAddress } == address)
        #expect(labels == [1, 0])
        BatchingTests.bytes.fill(&inputs, labels: &labels, with: 0..<3)
        #expect(inputs.shape == [3, 1, 2, 2])
    }

    @Test("A shuffled order is a permutation fixed by its seed")
    func shuffledOrder() {
        let data = Dataset(name: "many", itemShape: [1], classNames: ["0"],
                           features: .float((0..<100).map(Float.init)), labels: [UInt8](repeating: 0, count: 100))
        let first = data.shuffledOrder(seed: 5)
        #expect(first.sorted() == Array(0..<100))
        #expect(first == data.shuffledOrder(seed: 5))
        #expect(first != data.shuffledOrder(seed: 6))
        #expect(first != Array(0..<100))
    }

    @Test("Inconsistent datasets are described, not trusted")
    func consistency() {
        #expect(BatchingTests.bytes.consistencyError == nil)
        var short = BatchingTests.bytes
        short.features = .bytes([1, 2, 3])
        #expect(short.consistencyError?.contains("3 feature values") == true)
        var badLabel = BatchingTests.bytes
        badLabel.labels = [0, 7, 1]
        #expect(badLabel.consistencyError?.contains("label 7") == true)
        var zeroStd = BatchingTests.bytes
        zeroStd.normalization = Normalization(mean: [0], std: [0])
        #expect(zeroStd.consistencyError != nil)
    }
}
