import Foundation
import TUI

/// Fake training data for the TUI demo: loss curves, a decision boundary,
/// kernels and class probabilities that move like a real run, from a seed.
struct DemoData: Sendable {
    /// A small deterministic generator (SplitMix64) so the demo looks the same every run.
    struct Random: Sendable {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        /// Uniform in [-1, 1).
        mutating func signedUnit() -> Double { Double(next() >> 11) / Double(1 << 53) * 2 - 1 }
    }

    static let stepsPerEpoch = 60
    static let historyLength = 600

    private(set) var step = 0
    private(set) var trainLoss: [Double] = []
    private(set) var validationLoss: [Double] = []
    private(set) var validationX: [Double] = []
    private(set) var points: [HeatmapPoint] = []
    private var random = Random(state: 42)
    private var loss = 2.3
    /// The slowly turning angle of the fake decision boundary.
    private(set) var angle = 0.3

    init() {
        for _ in 0..<24 {
            let x = (random.signedUnit() + 1) / 2, y = (random.signedUnit() + 1) / 2
            // The "true" classes are split by the diagonal, with a little label noise.
            let category = (x - 0.5) * 0.8 + (y - 0.5) > 0.05 * random.signedUnit() ? 1 : 0
            points.append(HeatmapPoint(x: x, y: y, category: category))
        }
    }

    var epoch: Int { step / DemoData.stepsPerEpoch }
    var epochFraction: Double { Double(step % DemoData.stepsPerEpoch) / Double(DemoData.stepsPerEpoch) }

    /// One fake training step: the loss falls at a speed set by the learning rate, with noise.
    mutating func advance(learningRate: Double, noise: Double) {
        step += 1
        let target = 0.05
        loss += (target - loss) * min(0.5, learningRate * 0.2) + noise * 0.15 * random.signedUnit() * loss
        loss = max(0.01, loss)
        trainLoss.append(loss)
        if step % (DemoData.stepsPerEpoch / 4) == 0 {
            // Validation loss follows, then creeps up late in the run: overfitting, on cue.
            let overfit = max(0, Double(step - 400)) * 0.0008
            validationX.append(Double(step))
            validationLoss.append(loss * 1.15 + overfit + 0.02 * random.signedUnit())
        }
        if trainLoss.count > DemoData.historyLength {
            trainLoss.removeFirst(trainLoss.count - DemoData.historyLength)
        }
        while let first = validationX.first, first < Double(step - DemoData.historyLength) {
            validationX.removeFirst()
            validationLoss.removeFirst()
        }
        angle += 0.01 * learningRate * 10
    }

    /// The x of the first kept training-loss value.
    var firstStep: Int { step - trainLoss.count + 1 }

    /// A decision surface sampled at `size` (rows top to bottom): 2p - 1 for the
    /// probability p of class 1, so -1 is surely class 0 and 1 surely class 1.
    func boundary(size: Size) -> [Double] {
        guard size.width > 0, size.height > 0 else { return [] }
        let (c, s) = (cos(angle), sin(angle))
        let sharpness = 4 + min(20, Double(step) / 30)
        var values: [Double] = []
        values.reserveCapacity(size.width * size.height)
        for row in 0..<size.height {
            let y = 1 - (Double(row) + 0.5) / Double(size.height)
            for column in 0..<size.width {
                let x = (Double(column) + 0.5) / Double(size.width)
                let z = (x - 0.5) * c + (y - 0.5) * s + 0.08 * sin(6 * x + Double(step) / 40)
                values.append(2 / (1 + exp(-sharpness * z)) - 1)
            }
        }
        return values
    }

    /// The fake boundary's straight part, as a line across the unit square.
    var boundaryLine: (x0: Double, y0: Double, x1: Double, y1: Double) {
        let (c, s) = (cos(angle), sin(angle))
        // Points where (x-.5)c + (y-.5)s = 0, at x = 0 and x = 1 (or y = 0, 1 when steep).
        if abs(s) > abs(c) {
            return (0, 0.5 + 0.5 * c / s, 1, 0.5 - 0.5 * c / s)
        }
        return (0.5 + 0.5 * s / c, 0, 0.5 - 0.5 * s / c, 1)
    }

    /// Eight 3×3 kernels that drift from noise toward edge detectors.
    func kernels(count: Int = 8) -> [Kernel] {
        let progress = min(1, Double(step) / 400)
        let templates: [[Double]] = [
            [-1, 0, 1, -2, 0, 2, -1, 0, 1], [-1, -2, -1, 0, 0, 0, 1, 2, 1], [0, -1, 0, -1, 4, -1, 0, -1, 0],
            [1, 1, 1, 1, 1, 1, 1, 1, 1], [2, 1, 0, 1, 0, -1, 0, -1, -2], [0, 1, 2, -1, 0, 1, -2, -1, 0],
            [-1, -1, -1, 2, 2, 2, -1, -1, -1], [1, -1, 1, -1, 1, -1, 1, -1, 1],
        ]
        var noise = Random(state: 7)
        return (0..<count).map { index in
            let template = templates[index % templates.count]
            let wobble = 0.3 * sin(Double(step) / 25 + Double(index))
            let values = template.map { weight in
                (1 - progress) * 1.5 * noise.signedUnit() + progress * (weight / 2) + wobble * (1 - progress)
            }
            return Kernel(label: "k\(index + 1)", rows: 3, columns: 3, values: values)
        }
    }

    /// A 28×28 "first-layer weight" image: a digit-like blob that sharpens.
    func weightImage() -> [Double] {
        let progress = min(1, Double(step) / 500)
        var values: [Double] = []
        values.reserveCapacity(28 * 28)
        for row in 0..<28 {
            for column in 0..<28 {
                let dx = Double(column) - 13.5, dy = Double(row) - 13.5
                let ring = exp(-pow(sqrt(dx * dx + dy * dy) - 8, 2) / 6)
                let hole = exp(-(dx * dx + dy * dy) / 12)
                let stripe = sin(Double(column + row) / 2 + Double(step) / 20) * (1 - progress)
                values.append(progress * (ring - hole) + 0.6 * stripe)
            }
        }
        return values
    }

    /// Softmax probabilities of three classes that sway back and forth.
    func probabilities() -> [Double] {
        let t = Double(step) / 30
        let logits = [2 * sin(t), 2 * sin(t + 2.1), 2 * sin(t + 4.2) + 0.5]
        let peak = logits.max() ?? 0
        let exps = logits.map { exp($0 - peak) }
        let total = exps.reduce(0, +)
        return exps.map { $0 / total }
    }

    /// A 3×3 confusion matrix whose diagonal grows as the fake model learns.
    func confusion() -> [[Int]] {
        let learned = min(1, Double(step) / 500)
        var counts: [[Int]] = []
        for row in 0..<3 {
            var line: [Int] = []
            for column in 0..<3 {
                let confusions = Double(8 + 3 * ((row + 2 * column) % 3))
                line.append(row == column ? Int(10 + 40 * learned) : Int((1 - learned) * confusions))
            }
            counts.append(line)
        }
        return counts
    }
}
