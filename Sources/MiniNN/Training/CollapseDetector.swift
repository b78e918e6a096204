import Foundation

/// Why a run was stopped as diverged.
public enum DivergenceReason: Sendable, Equatable {
    /// The batch loss was NaN or infinite.
    case notFinite
    /// The batch loss exceeded ``Trainer/divergenceLossLimit``.
    case aboveLimit
    /// Accuracy fell back to chance after it had been far above it
    /// (smoothed over batches; `peakAccuracy` is the best smoothed value seen).
    case collapsedToChance(peakAccuracy: Float, accuracy: Float)
    /// After the first epoch, accuracy sat at chance while the loss stayed well
    /// above what guessing costs (`chanceLoss`, ln of the class count).
    case lossAboveChance(loss: Float, chanceLoss: Float)
}

/// Watches smoothed batch accuracy and loss for a run that has gone wrong
/// without producing NaN: a network whose weights blew up into one saturated
/// answer keeps a finite loss (2–8 on MNIST) while guessing one class.
///
/// Both tests need `patience` consecutive batches, so one bad batch, a slow
/// start or a lesson whose model simply cannot do better than chance (a
/// linear model on XOR sits at chance with the chance loss) never trips them.
public struct CollapseDetector: Sendable {
    /// Classes the model tells apart (2 for a single sigmoid output).
    public let classes: Int
    /// ln(classes) for cross-entropy losses, nil for losses with no such scale (MSE).
    public let chanceLoss: Float?
    /// Consecutive batches a condition must hold.
    public var patience = 100
    /// Weight of a new batch in the moving averages.
    public var smoothing: Float = 0.05

    private var accuracy: Float?
    private var loss: Float?
    private var batches = 0
    private var peak: Float = 0
    private var collapsedStreak = 0
    private var highLossStreak = 0

    public init(classes: Int, loss: LossKind) {
        self.classes = max(2, classes)
        switch loss {
        case .softmaxCrossEntropy, .binaryCrossEntropy: chanceLoss = Float(Foundation.log(Double(max(2, classes))))
        case .meanSquaredError: chanceLoss = nil
        }
    }

    /// Accuracy of always guessing one class of balanced data.
    public var chanceAccuracy: Float { 1 / Float(classes) }

    /// Within a tenth of the way from chance to perfect.
    private var nearChance: Float { chanceAccuracy + 0.1 * (1 - chanceAccuracy) }
    /// Half way from chance to perfect.
    private var farAboveChance: Float { chanceAccuracy + 0.5 * (1 - chanceAccuracy) }

    /// Forgets everything (new weights).
    public mutating func reset() {
        accuracy = nil; loss = nil; batches = 0; peak = 0; collapsedStreak = 0; highLossStreak = 0
    }

    /// Takes one trained batch; returns a reason once the run has collapsed.
    /// `afterFirstEpoch` is whether at least one epoch has finished.
    public mutating func observe(loss batchLoss: Float, accuracy batchAccuracy: Float,
                                 afterFirstEpoch: Bool) -> DivergenceReason? {
        let a = accuracy.map { $0 + smoothing * (batchAccuracy - $0) } ?? batchAccuracy
        let l = loss.map { $0 + smoothing * (batchLoss - $0) } ?? batchLoss
        accuracy = a
        loss = l
        batches += 1
        // The first batches' average still leans on where it started.
        if batches >= Int(1 / smoothing) { peak = max(peak, a) }
        collapsedStreak = peak >= farAboveChance && a <= nearChance ? collapsedStreak + 1 : 0
        if collapsedStreak >= patience { return .collapsedToChance(peakAccuracy: peak, accuracy: a) }
        if let chanceLoss, afterFirstEpoch, a <= nearChance, l >= 1.05 * chanceLoss {
            highLossStreak += 1
        } else {
            highLossStreak = 0
        }
        if highLossStreak >= patience, let chanceLoss { return .lossAboveChance(loss: l, chanceLoss: chanceLoss) }
        return nil
    }
}
