import MiniNN
import Testing
@testable import Lessons

/// The yardstick lesson 1's XOR check measures the perceptron against.
@Suite("Best line")
struct BestLineTests {
    func points(_ xy: [(Float, Float)], _ labels: [UInt8]) -> Dataset {
        Dataset(name: "points", itemShape: [2], classNames: ["0", "1"],
                features: .float(xy.flatMap { [$0.0, $0.1] }), labels: labels)
    }

    @Test("a separable set needs no mistake; the four XOR corners need one; a point between two of the other class costs one")
    func fewestMistakes() {
        #expect(BestLine.fewestMistakes(points([(0, 0), (0, 1), (1, 0), (1, 1)], [0, 0, 0, 1])) == 0)
        #expect(BestLine.fewestMistakes(points([(0, 0), (1, 0), (0, 1), (1, 1)], [0, 1, 1, 0])) == 1)
        #expect(BestLine.fewestMistakes(points([(0, 0), (1, 0), (2, 0), (5, 0), (6, 0)], [0, 1, 0, 1, 1])) == 1)
    }

    @Test("the best line on lesson 1's jittered XOR loses exactly its smallest corner")
    func xorCorners() {
        let data = ToyData.generate(.xor, count: 200, noise: 0.15, seed: 4)
        #expect(BestLine.cornerCounts(data) == [50, 50, 50, 50])
        #expect(BestLine.fewestMistakes(data) == 50)
    }
}
