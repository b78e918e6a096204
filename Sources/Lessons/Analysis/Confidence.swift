/// One classified example: the true class, the predicted class, and the
/// probability the model gave its prediction.
public struct ClassifiedExample: Sendable, Equatable {
    /// Index of the example in its data set (to draw it).
    public var index: Int
    public var label: Int
    public var predicted: Int
    /// Softmax probability of `predicted`, in [0, 1].
    public var confidence: Float

    public init(index: Int, label: Int, predicted: Int, confidence: Float) {
        self.index = index; self.label = label; self.predicted = predicted; self.confidence = confidence
    }

    /// Whether the prediction is right.
    public var isCorrect: Bool { label == predicted }

    /// The prediction for one row of class probabilities: the most probable
    /// class (the lowest index on ties) and its probability.
    public init(index: Int, label: Int, probabilities: some Collection<Float>) {
        var best = 0, bestValue = -Float.infinity
        for (position, value) in probabilities.enumerated() where value > bestValue {
            best = position
            bestValue = value
        }
        self.init(index: index, label: label, predicted: best, confidence: bestValue)
    }
}

/// How a "not sure below this confidence" rule fares on a set of predictions.
public struct ThresholdReport: Sendable, Equatable {
    /// The confidence at or above which the model answers.
    public var threshold: Float
    /// Examples considered.
    public var total: Int
    /// Examples answered (confidence ≥ threshold).
    public var answered: Int
    /// Answered examples that are right.
    public var correct: Int

    /// Share of examples answered, in [0, 1]; 0 when there are none.
    public var coverage: Float { total == 0 ? 0 : Float(answered) / Float(total) }
    /// Accuracy on the answered examples; 1 when none were answered (no mistakes made).
    public var accuracy: Float { answered == 0 ? 1 : Float(correct) / Float(answered) }
    /// Examples handed to a person.
    public var notSure: Int { total - answered }
}

/// Lesson 9's logic: answering only when confident, and the worst mistakes.
public enum ConfidenceAnalysis {
    /// Counts answers, and right answers, when the model only answers with
    /// confidence at or above `threshold`.
    public static func report(_ predictions: [ClassifiedExample], threshold: Float) -> ThresholdReport {
        var answered = 0, correct = 0
        for prediction in predictions where prediction.confidence >= threshold {
            answered += 1
            if prediction.isCorrect { correct += 1 }
        }
        return ThresholdReport(threshold: threshold, total: predictions.count, answered: answered, correct: correct)
    }

    /// The `limit` wrong predictions with the highest confidence, most confident first
    /// (ties keep data-set order).
    public static func mostConfidentMistakes(_ predictions: [ClassifiedExample], limit: Int) -> [ClassifiedExample] {
        let mistakes = predictions.filter { !$0.isCorrect }
        let sorted = mistakes.enumerated().sorted { lhs, rhs in
            lhs.element.confidence != rhs.element.confidence
                ? lhs.element.confidence > rhs.element.confidence
                : lhs.offset < rhs.offset
        }
        return sorted.prefix(max(0, limit)).map(\.element)
    }
}
