/// Predictions whose confidence fell in one range: how sure the model was on
/// average, and how often it was right.
public struct CalibrationBin: Sendable, Equatable {
    /// The confidences the bin holds: `lower` ≤ c < `upper` (the top bin includes 1).
    public var lower: Float
    public var upper: Float
    /// Predictions in the bin, and how many of them are right.
    public var count: Int
    public var correct: Int
    /// Sum of the predictions' confidences (mean = sum / count).
    public var confidenceSum: Double

    /// Share right in the bin; nil when it is empty.
    public var accuracy: Float? { count == 0 ? nil : Float(correct) / Float(count) }
    /// Mean confidence in the bin; nil when it is empty.
    public var meanConfidence: Float? { count == 0 ? nil : Float(confidenceSum / Double(count)) }
    /// Accuracy minus mean confidence: negative when over-confident.
    public var gap: Float? {
        guard let accuracy, let meanConfidence else { return nil }
        return accuracy - meanConfidence
    }
}

/// A reliability table: predictions grouped by confidence, accuracy against
/// mean confidence in each group. A calibrated model is right 90% of the
/// time when it says 90%.
public struct CalibrationReport: Sendable, Equatable {
    public var bins: [CalibrationBin]

    /// Predictions counted.
    public var total: Int { bins.reduce(0) { $0 + $1.count } }
    /// Mean |accuracy − confidence| over the bins, weighted by their counts
    /// (the expected calibration error); 0 when there are no predictions.
    public var expectedCalibrationError: Float {
        let total = self.total
        guard total > 0 else { return 0 }
        let sum = bins.reduce(Float(0)) { $0 + Float($1.count) * abs($1.gap ?? 0) }
        return sum / Float(total)
    }

    /// The predictions made with at least `confidence`, as one bin (not
    /// limited to the table's bin edges): "of the answers given with 99%
    /// confidence or more, this many are right".
    public static func at(least confidence: Float, _ predictions: [ClassifiedExample]) -> CalibrationBin {
        var bin = CalibrationBin(lower: confidence, upper: 1, count: 0, correct: 0, confidenceSum: 0)
        for prediction in predictions where prediction.confidence >= confidence {
            bin.count += 1
            if prediction.isCorrect { bin.correct += 1 }
            bin.confidenceSum += Double(prediction.confidence)
        }
        return bin
    }
}

extension ConfidenceAnalysis {
    /// The confidence lesson 9's text speaks of: "answers given with 99% confidence or more".
    public static let verySure: Float = 0.99

    /// The reliability table over `predictions`: the confidence range from
    /// `lowest` to 1 cut into `bins` equal bins (a confidence below `lowest`
    /// counts in the first bin, a non-finite one is left out).
    public static func calibration(_ predictions: [ClassifiedExample], bins binCount: Int = 10,
                                   from lowest: Float = 0) -> CalibrationReport {
        let count = max(1, binCount)
        let low = lowest.isFinite ? min(max(0, lowest), 0.99) : 0
        let width = (1 - low) / Float(count)
        var bins = (0..<count).map { index in
            CalibrationBin(lower: low + Float(index) * width, upper: index == count - 1 ? 1 : low + Float(index + 1) * width,
                           count: 0, correct: 0, confidenceSum: 0)
        }
        for prediction in predictions where prediction.confidence.isFinite {
            let position = (prediction.confidence - low) / width
            let index = min(count - 1, max(0, Int(position.rounded(.down))))
            bins[index].count += 1
            if prediction.isCorrect { bins[index].correct += 1 }
            bins[index].confidenceSum += Double(prediction.confidence)
        }
        return CalibrationReport(bins: bins)
    }
}
