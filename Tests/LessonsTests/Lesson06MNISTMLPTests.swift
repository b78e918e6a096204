import MiniNN
import Testing
@testable import Lessons

/// Lesson 6's claims beyond the accuracy and roughness checks: the data it
/// names, pixel order not mattering to a dense net, and L2 fading the border.
@Suite("Lesson 6: MNIST with a feed-forward net")
struct Lesson06MNISTMLPTests {
    @Test("MNIST is 60,000 training and 10,000 test digits of 28×28; the lesson trains 55,000 and validates 5,000")
    func dataAsTheTextSays() throws {
        let mnist = try DatasetCache.shared.mnist(locator: .standard)
        #expect(mnist.train.count == 60_000 && mnist.test.count == 10_000)
        #expect(mnist.train.itemSize == 784)
        guard case .mnist(55_000, 5_000, 10_000, true)? = Course.mnistMLP.data else {
            Issue.record("lesson 6 does not train on 55,000 / 5,000 / 10,000 flattened digits"); return
        }
        #expect(Course.mnistMLP.text.contains("Here 55,000 train and 5,000 validate"))
    }

    /// The lesson's MLP and knobs on its first `train` digits for `epochs`, with the
    /// pixels of every image (train and test) put in the order `order` (nil: as they are).
    static func accuracy(order: [Int]?, train: Int = 5_000, epochs: Int = 2) throws -> Float {
        let lesson = Course.mnistMLP
        let sets = try LessonDataSets.load(.mnist(trainCount: train, validationCount: 0, testCount: 2_000, flattened: true),
                                           seed: 1, locator: .standard)
        func reordered(_ set: Dataset) -> Dataset {
            guard let order, case .bytes(let bytes) = set.features else { return set }
            var out = [UInt8](repeating: 0, count: bytes.count)
            for item in 0..<set.count {
                for (to, from) in order.enumerated() { out[item * 784 + to] = bytes[item * 784 + from] }
            }
            var copy = set
            copy.features = .bytes(out)
            return copy
        }
        let model = try ModelBuilder.build(try #require(lesson.model).spec, seed: 1)
        let test = try #require(sets.test)
        let trainer = try Trainer(model: model, loss: try #require(lesson.model).spec.loss, train: reordered(sets.train), test: reordered(test),
                                  knobs: LiveKnobs(lesson.knobs), seed: 1)
        return trainer.train(epochs: epochs).last?.test?.accuracy ?? 0
    }

    @Test("pixels shuffled the same way in every image: the net learns just as well (within a point)")
    func pixelOrderDoesNotMatter() throws {
        var generator = SeededGenerator(seed: 7)
        let order = Array(0..<784).shuffled(using: &generator)
        let plain = try Self.accuracy(order: nil)
        let shuffled = try Self.accuracy(order: order)
        print("lesson 6 on 5,000 digits, 2 epochs: test \(plain) as drawn, \(shuffled) with shuffled pixels")
        #expect(plain >= 0.85, "it learns at all: \(plain)")
        #expect(abs(plain - shuffled) <= 0.01, "as drawn \(plain), shuffled \(shuffled)")
        #expect(Course.mnistMLP.text.contains("it would learn just as well"))
    }

    @Test("L2 0.0001 fades the weights of never-inked border pixels to near zero; without it they keep their start")
    func weightDecayCleansTheBorder() throws {
        let lesson = Course.mnistMLP
        let data = LessonData.mnist(trainCount: 5_000, validationCount: 0, testCount: 1, flattened: true)
        func borderWeight(decay: Float) throws -> (start: Float, end: Float) {
            var knobs = lesson.knobs
            knobs.weightDecay = decay
            let run = try LessonRun(model: try #require(lesson.model), data: data, knobs: LiveKnobs(knobs), seed: 1)
            guard case .bytes(let bytes) = run.data.train.features else { throw CheckError("not bytes") }
            var inked = [Bool](repeating: false, count: 784)
            for (index, byte) in bytes.enumerated() where byte > 0 { inked[index % 784] = true }
            let blank = (0..<784).filter { !inked[$0] }
            func mean() -> Float {
                let pictures = ModelProbes.firstLayerWeights(run.model, limit: 100)
                let sum = pictures.reduce(Float(0)) { total, w in total + blank.reduce(0) { $0 + abs(w[$1]) } }
                return sum / Float(pictures.count * max(1, blank.count))
            }
            let start = mean()
            for _ in 0..<300 { _ = run.trainBatch() }
            return (start, mean())
        }
        let plain = try borderWeight(decay: 0)
        let decayed = try borderWeight(decay: 0.0001)
        print("lesson 6 border |w|: start \(plain.start), after 300 batches \(plain.end) without decay, \(decayed.end) with L2 1e-4")
        #expect(abs(plain.end - plain.start) <= plain.start * 0.05, "no gradient reaches a never-inked pixel")
        #expect(decayed.end <= plain.start * 0.3, "L2 fades them: \(decayed.end) vs \(plain.start)")
    }
}
