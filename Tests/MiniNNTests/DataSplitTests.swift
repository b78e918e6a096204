import Testing
@testable import MiniNN

@Suite("Splits and subsets")
struct DataSplitTests {
    /// `count` examples whose single feature is their own index, labels cycling through `classes`.
    private func indexed(_ count: Int, classes: Int = 2) -> Dataset {
        Dataset(name: "indexed", itemShape: [1], classNames: (0..<classes).map(String.init),
                features: .float((0..<count).map(Float.init)),
                labels: (0..<count).map { UInt8($0 % classes) })
    }

    private func ids(_ dataset: Dataset) -> [Int] {
        guard case .float(let values) = dataset.features else { return [] }
        return values.map { Int($0) }
    }

    @Test("80/20 by default, stratified, disjoint, in original order")
    func defaultSplit() {
        let split = indexed(200).split(seed: 1)
        #expect(split.train.count == 160 && split.validation.count == 40)
        #expect(split.validation.classCounts == [20, 20])
        let train = ids(split.train), validation = ids(split.validation)
        #expect(Set(train).isDisjoint(with: validation))
        #expect(Set(train + validation) == Set(0..<200))
        #expect(train == train.sorted() && validation == validation.sorted())
        // Labels travel with their features.
        #expect(zip(train, split.train.labels).allSatisfy { $0 % 2 == Int($1) })
    }

    @Test("same seed, same split; another seed, another split")
    func seeded() {
        let data = indexed(100, classes: 3)
        #expect(ids(data.split(validationFraction: 0.3, seed: 4).validation)
                == ids(data.split(validationFraction: 0.3, seed: 4).validation))
        #expect(ids(data.split(validationFraction: 0.3, seed: 4).validation)
                != ids(data.split(validationFraction: 0.3, seed: 5).validation))
    }

    @Test("every class keeps a training example; fraction 0 holds nothing out",
          arguments: [(Float(0), 0), (0.5, 15), (0.99, 27), (2, 27), (-1, 0), (.nan, 0)])
    func fractions(fraction: Float, expectedValidation: Int) {
        let split = indexed(30, classes: 3).split(validationFraction: fraction, seed: 2)
        #expect(split.validation.count == expectedValidation)
        #expect(split.train.classCounts.allSatisfy { $0 >= 1 })
    }

    @Test("the last N examples validate")
    func splitLast() {
        let split = indexed(50).splitLast(10)
        #expect(ids(split.train) == Array(0..<40))
        #expect(ids(split.validation) == Array(40..<50))
        #expect(indexed(5).splitLast(10).train.count == 0)
    }

    @Test("first N and random N subsets")
    func subsets() {
        let data = indexed(100)
        #expect(ids(data.first(7)) == Array(0..<7))
        #expect(data.first(500).count == 100)
        let random = data.randomSubset(10, seed: 3)
        #expect(random.count == 10)
        #expect(ids(random) == ids(random).sorted())
        #expect(ids(random) == ids(data.randomSubset(10, seed: 3)))
        #expect(ids(random) != ids(data.randomSubset(10, seed: 4)))
        #expect(zip(ids(random), random.labels).allSatisfy { $0 % 2 == Int($1) })
    }

    @Test("byte datasets split and subset with their pixels")
    func bytes() {
        let data = Dataset(name: "pixels", itemShape: [1, 2, 2], classNames: ["a", "b"],
                           features: .bytes((0..<24).map(UInt8.init)), labels: [0, 1, 0, 1, 0, 1])
        let subset = data.subset(indices: [4, 1])
        guard case .bytes(let pixels) = subset.features else {
            Issue.record("bytes should stay bytes")
            return
        }
        #expect(pixels == [16, 17, 18, 19, 4, 5, 6, 7])
        #expect(subset.labels == [0, 1])
        #expect(subset.itemShape == [1, 2, 2])
    }
}
