import Lessons
import MiniNN

/// The training-loss curve the screen draws: each batch's loss and accuracy,
/// smoothed, at its position in epochs, bounded however long the run goes.
///
/// Batch losses jump about (wildly at batch size 1), so each point is an
/// exponential moving average, `s ← s + w·(x − s)` with ``weight``. When the
/// curve holds ``TrainingSnapshot/curveCapacity`` points, every other old
/// point is dropped (``BoundedHistory``), so a frame at epoch 345 draws as
/// many points as one at epoch 1.
struct LossCurve {
    /// How much a new batch moves the average: about the last ten batches count.
    static let weight: Float = 0.1

    private(set) var smoothedLoss: Float?
    private(set) var smoothedAccuracy: Float?
    private var history: BoundedHistory<TrainingSnapshot.LossPoint>

    init(capacity: Int = TrainingSnapshot.curveCapacity) {
        history = BoundedHistory(capacity: capacity)
    }

    /// The points, oldest first.
    var points: [TrainingSnapshot.LossPoint] { history.elements }

    /// Adds a point for this trained batch.
    mutating func add(_ report: BatchReport) {
        let weight = Self.weight
        var loss = smoothedLoss.map { $0 + weight * (report.loss - $0) } ?? report.loss
        // A loss decaying to zero would otherwise crawl through subnormal numbers (5.6e-45).
        if abs(loss) < 1e-12 { loss = 0 }
        let accuracy = smoothedAccuracy.map { $0 + weight * (report.accuracy - $0) } ?? report.accuracy
        smoothedLoss = loss
        smoothedAccuracy = accuracy
        // The batch's end: batch 3 of 4 in epoch 0 sits at 0.75.
        let position = Double(report.epoch) + Double(report.batch + 1) / Double(max(1, report.batchesPerEpoch))
        history.append(.init(epoch: position, loss: loss, accuracy: accuracy))
    }

    /// Takes up a kept run's curve: its points, and its last point as the
    /// average the next batches move.
    mutating func restore(_ points: [TrainingSnapshot.LossPoint]) {
        removeAll()
        for point in points { history.append(point) }
        smoothedLoss = points.last?.loss
        smoothedAccuracy = points.last?.accuracy
    }

    /// Forgets the run (a reset or a new run starts the curve and its average over).
    mutating func removeAll() {
        smoothedLoss = nil
        smoothedAccuracy = nil
        history.removeAll()
    }
}
