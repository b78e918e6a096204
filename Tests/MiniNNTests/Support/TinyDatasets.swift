import Foundation
@testable import MiniNN

/// Small datasets built inside the tests, so trainer tests depend on no reader or generator.
enum TinyDatasets {
    /// The four corners of the unit square labelled by a truth table (x₁, x₂) ↦ label.
    static func truthTable(_ name: String, _ labels: [UInt8]) -> Dataset {
        Dataset(name: name, itemShape: [2], classNames: ["0", "1"],
                features: .float([0, 0, 0, 1, 1, 0, 1, 1]), labels: labels)
    }
    static let and = truthTable("AND", [0, 0, 0, 1])
    static let or = truthTable("OR", [0, 1, 1, 1])
    static let xor = truthTable("XOR", [0, 1, 1, 0])

    /// `count` points from `classes` Gaussian blobs around the unit circle (2-D, std 0.4).
    static func blobs(count: Int, classes: Int, seed: UInt64) -> Dataset {
        var generator = SeededGenerator(seed: seed)
        var features: [Float] = []
        var labels: [UInt8] = []
        for i in 0..<count {
            let label = i % classes
            let angle = 2 * Float.pi * Float(label) / Float(classes)
            features.append(cosf(angle) * 1.5 + generator.nextGaussian(std: 0.4))
            features.append(sinf(angle) * 1.5 + generator.nextGaussian(std: 0.4))
            labels.append(UInt8(label))
        }
        return Dataset(name: "blobs", itemShape: [2], classNames: (0..<classes).map { "class \($0)" },
                       features: .float(features), labels: labels)
    }
}

/// Records every event, for assertions.
final class EventRecorder: TrainingObserver {
    var events: [TrainingEvent] = []
    var onEvent: (TrainingEvent) -> Void = { _ in }
    func training(_ event: TrainingEvent) {
        events.append(event)
        onEvent(event)
    }
    var batches: [BatchReport] {
        events.compactMap { if case .batchEnd(let report) = $0 { report } else { nil } }
    }
    var epochs: [EpochReport] {
        events.compactMap { if case .epochEnd(let report) = $0 { report } else { nil } }
    }
    var divergences: [DivergenceReport] {
        events.compactMap { if case .diverged(let report) = $0 { report } else { nil } }
    }
}
