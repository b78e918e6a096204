import Foundation
import Lessons
import MiniNN
@testable import NetPlayground

extension TrainingSnapshot {
    /// A made-up run of `epochs` epochs with the given training curve (per
    /// position in epochs) and validation loss (per 1-based epoch end), laid
    /// over a built model's snapshot; the best validation point is kept as
    /// the session keeps it.
    func withMadeUpCurves(epochs: Int, batchesPerEpoch: Int, startingAt start: Int = 0,
                          train: (Double) -> Double, validation: (Int) -> Double) -> TrainingSnapshot {
        var snapshot = self
        snapshot.lossCurve = (0..<(epochs * batchesPerEpoch)).map { step in
            let t = Double(start) + Double(step + 1) / Double(batchesPerEpoch)
            let loss = train(t)
            return LossPoint(epoch: t, loss: Float(loss), accuracy: Float(max(0, min(1, 1 - loss / 2))))
        }
        let count = max(1, snapshot.trainCount)
        snapshot.epochs = (start..<(start + epochs)).map { epoch in
            let t = Double(epoch + 1)
            let loss = Float(validation(epoch + 1))
            return EpochReport(epoch: epoch, train: Evaluation(loss: Float(train(t)), accuracy: 0.9, count: count),
                               validation: Evaluation(loss: loss, accuracy: max(0, 1 - loss / 2),
                                                      count: max(1, snapshot.validationCount)),
                               test: nil, seconds: 1.5)
        }
        snapshot.bestValidation = nil
        for report in snapshot.epochs {
            if let loss = report.validation?.loss, loss < snapshot.bestValidation?.loss ?? .infinity {
                snapshot.bestValidation = BestEpoch(epoch: report.epoch, loss: loss)
            }
        }
        snapshot.epoch = start + epochs
        snapshot.batch = 0
        snapshot.batchesPerEpoch = batchesPerEpoch
        snapshot.itemsSeen = (start + epochs) * count
        snapshot.state = .paused
        return snapshot
    }

    /// This snapshot's run kept as the previous one, as a reset keeps it.
    var asPreviousRun: FinishedRun {
        FinishedRun(label: "seed \(seed)", curve: lossCurve,
                    validation: epochs.compactMap { report in
                        report.validation.map { .init(epoch: Double(report.epoch + 1), loss: $0.loss, accuracy: $0.accuracy) }
                    })
    }
}

/// Curves shaped like the lessons' own runs.
enum MadeUpCurves {
    /// Lesson 5 without regularization: training loss towards zero, validation
    /// loss bottoming out at epoch 5 and climbing.
    static func overfittingTrain(_ t: Double) -> Double { 2.3 * exp(-1.6 * t) + 0.004 + 0.003 * sin(t * 9) }
    static func overfittingValidation(_ epoch: Int) -> Double {
        let e = Double(epoch)
        return 0.26 + 0.35 * exp(-(e - 1) / 1.2) + 0.015 * max(0, e - 4)
    }

    /// Lesson 4 after 300 epochs: a steep start and a slow tail.
    static func irisTrain(_ t: Double) -> Double { 0.04 + 1.0 * exp(-t / 8) + 0.04 * exp(-t / 120) + 0.001 * sin(t * 3) }
    static func irisValidation(_ epoch: Int) -> Double {
        let e = Double(epoch)
        return 0.05 + 1.0 * exp(-e / 8) + 0.03 * exp(-e / 90) + 0.00004 * max(0, e - 150)
    }
}
