import Foundation
import Lessons
import MiniNN

/// A kept run that a lesson goes on training from where it stopped: the end
/// of its last whole epoch (what came after it in a part epoch is trained
/// again), with its curves up to there and the time and items they took.
struct ResumedRun: Sendable, Equatable {
    var recordID: String
    var epochs: Int
    var curve: [TrainingSnapshot.LossPoint]
    var validation: [FinishedRun.EpochPoint]
    var seconds: Double
    var items: Int

    init(_ record: RunRecord) {
        recordID = record.id
        epochs = record.epochs
        let end = Double(record.epochs) + 1e-9
        curve = record.curve.filter { $0.epoch <= end }
            .map { TrainingSnapshot.LossPoint(epoch: $0.epoch, loss: $0.loss, accuracy: $0.accuracy) }
        validation = record.validation.filter { $0.epoch <= end }
            .map { FinishedRun.EpochPoint(epoch: $0.epoch, loss: $0.loss, accuracy: $0.accuracy) }
        // The share of the run's time and items its whole epochs took.
        let share = record.curve.last.map { $0.epoch > 0 ? min(1, Double(record.epochs) / $0.epoch) : 0 } ?? 0
        seconds = record.seconds * share
        items = Int((Double(record.items) * share).rounded())
    }
}
