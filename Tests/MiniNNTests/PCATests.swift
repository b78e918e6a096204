import Foundation
import Testing
@testable import MiniNN

@Suite("Principal components")
struct PCATests {
    /// Iris's raw measurements: scikit-learn's PCA (its documentation and
    /// every textbook copy) gives these components, variances and shares.
    @Test("iris: the components, variances and explained shares scikit-learn reports")
    func irisKnownAnswer() throws {
        let iris = try Iris.load(path: Self.repositoryRoot.appendingPathComponent("datasets/iris/iris.csv").path)
        guard case .float(let values) = iris.features else { Issue.record("iris features are not floats"); return }
        let pca = PCA(fitting: values, rows: iris.count, columns: 4, count: 2)
        let expected: [[Float]] = [[0.36138659, -0.08452251, 0.85667061, 0.35828920],
                                   [0.65658877, 0.73016143, -0.17337266, -0.07548102]]
        for (component, want) in zip(pca.components, expected) {
            for (got, value) in zip(component, want) { #expect(abs(got - value) < 1e-4, "\(component) vs \(want)") }
        }
        #expect(abs(pca.variances[0] - 4.22824171) < 1e-3)
        #expect(abs(pca.variances[1] - 0.24267075) < 1e-4)
        #expect(abs(pca.explainedVarianceRatio[0] - 0.92461872) < 1e-4)
        #expect(abs(pca.explainedVarianceRatio[1] - 0.05306648) < 1e-4)
        #expect(abs(pca.mean[0] - 5.8433333) < 1e-4)
    }

    @Test("points on a tilted line: one component along it with all the variance, the other across it")
    func line() {
        // y = 2x + 1 for x = 0…9: the direction (1, 2)/√5.
        let values = (0..<10).flatMap { x -> [Float] in [Float(x), 2 * Float(x) + 1] }
        let pca = PCA(fitting: values, rows: 10, columns: 2, count: 2)
        let root5 = Float(5).squareRoot()
        #expect(abs(pca.components[0][0] - 1 / root5) < 1e-5)
        #expect(abs(pca.components[0][1] - 2 / root5) < 1e-5)
        #expect(abs(pca.components[1][0] * pca.components[0][0] + pca.components[1][1] * pca.components[0][1]) < 1e-5)
        #expect(abs(pca.explainedVarianceRatio[0] - 1) < 1e-5)
        #expect(pca.variances[1] < 1e-4)
        // Variance along the line: var(x) × 5 = 9.1666… × 5.
        #expect(abs(pca.variances[0] - 45.833333) < 1e-3)
    }

    @Test("with every component, reconstructing a projection gives the row back")
    func roundTrip() {
        var generator = SeededGenerator(seed: 7)
        let values = (0..<(40 * 5)).map { _ in Float.random(in: -3...3, using: &generator) }
        let pca = PCA(fitting: values, rows: 40, columns: 5, count: 5)
        for row in [0, 17, 39] {
            let original = Array(values[(row * 5)..<(row * 5 + 5)])
            let back = pca.reconstruct(pca.project(original[...]))
            for (a, b) in zip(original, back) { #expect(abs(a - b) < 1e-4) }
        }
        // Sorted by variance, and they add up to the total.
        #expect(zip(pca.variances, pca.variances.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(abs(pca.variances.reduce(0, +) - pca.totalVariance) < 1e-3)
    }

    @Test("each component's largest entry is positive, so the same data always draws the same picture")
    func signs() {
        for seed in UInt64(1)...8 {
            var generator = SeededGenerator(seed: seed)
            let values = (0..<(30 * 4)).map { _ in Float.random(in: -1...1, using: &generator) }
            let pca = PCA(fitting: values, rows: 30, columns: 4, count: 4)
            for component in pca.components {
                let largest = component.max { abs($0) < abs($1) } ?? 0
                #expect(largest > 0, "seed \(seed): \(component)")
            }
        }
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
}
