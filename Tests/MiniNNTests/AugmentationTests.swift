import Foundation
@testable import MiniNN
import Testing

@Suite("Augmentation and class subsets")
struct AugmentationTests {
    /// Four 6×6 images, each with one lit pixel at a different place.
    static let dots: Dataset = {
        var bytes = [UInt8](repeating: 0, count: 4 * 36)
        for (item, (row, column)) in [(2, 2), (1, 3), (3, 1), (2, 4)].enumerated() { bytes[item * 36 + row * 6 + column] = 255 }
        return Dataset(name: "dots", itemShape: [1, 6, 6], classNames: ["a", "b"], features: .bytes(bytes),
                       labels: [0, 1, 0, 1])
    }()

    private func augmented(_ augmentation: Augmentation, dataset: Dataset = dots, seed: UInt64 = 1) -> (Tensor, [Int]) {
        var inputs = Tensor(shape: [0]), labels: [Int] = []
        var generator = SeededGenerator(seed: seed)
        dataset.fill(&inputs, labels: &labels, with: 0..<dataset.count, augmenting: augmentation, using: &generator)
        return (inputs, labels)
    }

    private func litPixel(_ inputs: Tensor, item: Int) -> [Int] {
        let width = 36
        return (0..<width).filter { inputs.scalars[item * width + $0] > 0.5 }
    }

    @Test("no augmentation fills exactly as the plain fill does")
    func noneIsPlain() {
        var plain = Tensor(shape: [0]), labels: [Int] = []
        AugmentationTests.dots.fill(&plain, labels: &labels, with: 0..<4)
        let (inputs, augmentedLabels) = augmented(.none)
        #expect(inputs.scalars == plain.scalars)
        #expect(augmentedLabels == labels)
    }

    @Test("shifts move each image by whole pixels within the limit, and the same seed draws the same shifts")
    func shifts() {
        let (inputs, _) = augmented(Augmentation(maxShift: 1), seed: 5)
        var moved = 0
        for item in 0..<4 {
            let original = [(2, 2), (1, 3), (3, 1), (2, 4)][item]
            let lit = litPixel(inputs, item: item)
            #expect(lit.count == 1)
            guard let position = lit.first else { continue }
            let (row, column) = (position / 6, position % 6)
            #expect(abs(row - original.0) <= 1 && abs(column - original.1) <= 1)
            if row != original.0 || column != original.1 { moved += 1 }
        }
        #expect(moved > 0)
        #expect(augmented(Augmentation(maxShift: 1), seed: 5).0.scalars == inputs.scalars)
        #expect(augmented(Augmentation(maxShift: 1), seed: 6).0.scalars != inputs.scalars)
    }

    @Test("a flip mirrors left to right; over many draws about half the images are mirrored")
    func flips() {
        let many = Dataset(name: "one dot", itemShape: [1, 6, 6], classNames: ["a"],
                           features: .bytes(Array(repeating: AugmentationTests.dots.byteItem(0), count: 200).flatMap { $0 }),
                           labels: Array(repeating: 0, count: 200))
        let (inputs, _) = augmented(Augmentation(flipsHorizontally: true), dataset: many)
        var mirrored = 0
        for item in 0..<200 {
            let lit = litPixel(inputs, item: item)
            #expect(lit == [2 * 6 + 2] || lit == [2 * 6 + 3])
            if lit == [2 * 6 + 3] { mirrored += 1 }
        }
        #expect((70...130).contains(mirrored))
    }

    @Test("noise stays in 0…1 with about the standard deviation asked; rotation keeps the ink near its place")
    func noiseAndRotation() {
        let blank = Dataset(name: "blank", itemShape: [784], classNames: ["a"],
                            features: .bytes([UInt8](repeating: 128, count: 784 * 20)), labels: Array(repeating: 0, count: 20))
        let (noisy, _) = augmented(Augmentation(noise: 0.1), dataset: blank)
        #expect(noisy.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
        let mean = noisy.scalars.reduce(0, +) / Float(noisy.count)
        let deviation = (noisy.scalars.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(noisy.count)).squareRoot()
        #expect(abs(deviation - 0.1) < 0.01)

        // The centre pixel of an odd-sized image does not move under rotation.
        var bytes = [UInt8](repeating: 0, count: 25)
        bytes[12] = 255
        let centre = Dataset(name: "centre", itemShape: [1, 5, 5], classNames: ["a"], features: .bytes(bytes), labels: [0])
        let (turned, _) = augmented(Augmentation(maxRotation: 30), dataset: centre)
        #expect(turned.scalars[12] > 0.5)
    }

    @Test("data that is not an image, and settings out of range, are handled without a trap")
    func limits() {
        let points = ToyData.generate(.xor, count: 8, noise: 0.1, seed: 1)
        #expect(!points.canAugment)
        var plain = Tensor(shape: [0]), labels: [Int] = []
        points.fill(&plain, labels: &labels, with: 0..<8)
        let (inputs, _) = augmented(Augmentation(maxShift: 2, flipsHorizontally: true), dataset: points)
        #expect(inputs.scalars == plain.scalars)
        #expect(Augmentation(maxShift: 99).validationError?.contains("shift") == true)
        #expect(Augmentation(maxRotation: .nan).validationError != nil)
        #expect(Augmentation(maxShift: 99, maxRotation: .infinity, noise: -1).clamped
                == Augmentation(maxShift: Augmentation.shiftLimit, maxRotation: 0, noise: 0))
        _ = augmented(Augmentation(maxShift: 99, maxRotation: 400, noise: 7))
    }

    @Test("a trainer draws its augmentation from its seed, and a reset replays it")
    func trainerAugments() throws {
        let spec = ModelSpec(inputShape: [1, 6, 6], layers: [.flatten, .dense(inputs: 36, outputs: 2)],
                             loss: .softmaxCrossEntropy)
        func run(_ augmentation: Augmentation) throws -> [Float] {
            let model = try ModelBuilder.build(spec, seed: 3)
            let trainer = try Trainer(model: model, loss: .softmaxCrossEntropy, train: AugmentationTests.dots,
                                      knobs: LiveKnobs(Hyperparameters(learningRate: 0.1, batchSize: 2,
                                                                       augmentation: augmentation)), seed: 3)
            var losses: [Float] = []
            for _ in 0..<6 { losses.append(trainer.step()?.loss ?? .nan) }
            trainer.resetWeights(seed: 3)
            for _ in 0..<6 { losses.append(trainer.step()?.loss ?? .nan) }
            return losses
        }
        let shifted = try run(Augmentation(maxShift: 2))
        #expect(Array(shifted[..<6]) == Array(shifted[6...]))
        #expect(try run(Augmentation(maxShift: 2)) == shifted)
        #expect(try run(.none) != shifted)
    }

    @Test("keeping some classes relabels them in order; N per class draws N of each, the same for a seed")
    func classSubsets() {
        let labels: [UInt8] = (0..<100).map { UInt8($0 % 10) }
        let digits = Dataset(name: "digits", itemShape: [1], classNames: (0..<10).map(String.init),
                             features: .float((0..<100).map(Float.init)), labels: labels)
        let high = digits.keepingClasses([5, 6, 7, 8, 9])
        #expect(high.count == 50)
        #expect(high.classNames == ["5", "6", "7", "8", "9"])
        #expect(high.labels.prefix(5) == [0, 1, 2, 3, 4])
        #expect(high.name.contains("5–9"))
        guard case .float(let values) = high.features else { Issue.record("features changed kind"); return }
        #expect(values.prefix(5) == [5, 6, 7, 8, 9])

        let few = high.perClass(3, seed: 1)
        #expect(few.classCounts == [3, 3, 3, 3, 3])
        #expect(few.perClass(3, seed: 1).labels == few.labels)
        guard case .float(let picked) = few.features, case .float(let again) = high.perClass(3, seed: 1).features,
              case .float(let other) = high.perClass(3, seed: 2).features else { return }
        #expect(picked == again)
        #expect(picked != other)
        #expect(high.perClass(50, seed: 1).count == 50)
        #expect(digits.keepingClasses([12, -1]).count == 0)
    }
}

extension Dataset {
    /// The bytes of one item (tests only).
    func byteItem(_ index: Int) -> [UInt8] {
        guard case .bytes(let bytes) = features else { return [] }
        return Array(bytes[index * itemSize ..< (index + 1) * itemSize])
    }
}
