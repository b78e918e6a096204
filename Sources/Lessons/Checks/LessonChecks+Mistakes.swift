import MiniNN

/// What lesson 9's network does on the test digits after a run on the lesson's own settings.
public struct MistakesFindings: Sendable {
    /// Every test digit classified, as the mistakes panel sees them.
    public var predictions: [ClassifiedExample]
    /// Counts[true][predicted] over those digits.
    public var confusion: [[Int]]
    /// The last epoch's validation and test accuracy.
    public var validationAccuracy: Float
    public var testAccuracy: Float
    public var epochs: Int

    /// The test accuracy over the predictions (every digit answered).
    public var plainAccuracy: Float { ConfidenceAnalysis.report(predictions, threshold: 0).accuracy }

    /// The most frequent confusions, (true, predicted, count), largest first.
    public func topConfusions(_ limit: Int) -> [(label: Int, predicted: Int, count: Int)] {
        var pairs: [(label: Int, predicted: Int, count: Int)] = []
        for (label, row) in confusion.enumerated() {
            for (predicted, count) in row.enumerated() where predicted != label && count > 0 {
                pairs.append((label, predicted, count))
            }
        }
        return Array(pairs.sorted { $0.count != $1.count ? $0.count > $1.count : ($0.label, $0.predicted) < ($1.label, $1.predicted) }
            .prefix(limit))
    }

    /// How often a digit `label` is read as `predicted`.
    public func confused(_ label: Int, as predicted: Int) -> Int {
        confusion.indices.contains(label) && confusion[label].indices.contains(predicted) ? confusion[label][predicted] : 0
    }

    /// The rank of (label → predicted) among all confusions, 1 for the most frequent.
    public func rank(_ label: Int, as predicted: Int) -> Int {
        let count = confused(label, as: predicted)
        return 1 + topConfusions(90).filter { $0.count > count }.count
    }
}

extension LessonChecks {
    /// Trains lesson 9 as the playground does (its data, model, knobs and seed)
    /// for `epochs` epochs (nil: its planned length) and classifies its test digits.
    public static func mistakesRun(epochs: Int? = nil, locator: DatasetLocator = .standard) throws -> MistakesFindings {
        let lesson = Course.mistakes
        guard let model = lesson.model, let data = lesson.data else { throw CheckError("lesson 9 trains nothing") }
        let epochs = epochs ?? lesson.plannedEpochs ?? 1
        let run = try LessonRun(model: model, data: data, knobs: LiveKnobs(lesson.knobs), seed: lesson.seed,
                                training: lesson.training, locator: locator)
        let reports = run.train(epochs: epochs).reports
        guard let last = reports.last, reports.count == epochs else { throw CheckError("lesson 9 did not train") }
        let predictions = ModelProbes.classify(run.model, data: run.data.heldOut)
        return MistakesFindings(predictions: predictions,
                                confusion: ModelProbes.confusionMatrix(predictions, classes: 10),
                                validationAccuracy: last.validation?.accuracy ?? .nan,
                                testAccuracy: last.test?.accuracy ?? .nan, epochs: epochs)
    }
}

extension LessonChecks {
    /// Lesson 9's calibration claim, as the text states it: in the bins that
    /// hold almost all digits (≥ 90% of them) the net is right at least as
    /// often as it says, and of the answers given with 99% confidence or more,
    /// 99.9% are right (at least 99.8%: about 4 mistakes in 4,800).
    public static func checkCalibration(_ found: MistakesFindings) -> LessonCheckResult {
        let report = ConfidenceAnalysis.calibration(found.predictions, bins: 10)
        let honest = report.bins.filter { ($0.gap ?? -1) >= 0 }.reduce(0) { $0 + $1.count }
        let honestShare = Float(honest) / Float(max(1, report.total))
        let sure = CalibrationReport.at(least: ConfidenceAnalysis.verySure, found.predictions)
        let sureAccuracy = sure.accuracy ?? 0
        return LessonCheckResult(
            claim: "lesson 9 after \(found.epochs) epochs: bins holding ≥ 90% of the test digits are right at least as often "
                + "as they say; answers with ≥ 99% confidence are 99.9% right",
            passed: honestShare >= 0.9 && sureAccuracy >= 0.998 && sure.count >= 1_000,
            measured: "\(percent(honestShare)) of digits in bins right at least as often as said (ECE "
                + "\(format(report.expectedCalibrationError))); ≥ 99%: \(sure.count) answers, "
                + "\(String(format: "%.2f", sureAccuracy * 100))% right")
    }

    /// Lesson 9's threshold experiments: 0.99 answers about half the digits
    /// (40–60%) and gets at least 99.8% of them right; 0.5 answers about 98%
    /// (≥ 97%) at about 95.7% (95–96.5%), one point above the plain accuracy of
    /// about 94.5% (94–95%, the gap 0.5–2 points); coverage falls and accuracy rises with the threshold.
    public static func checkThresholds(_ found: MistakesFindings) -> LessonCheckResult {
        let reports = [0.5, 0.9, 0.99].map { ConfidenceAnalysis.report(found.predictions, threshold: Float($0)) }
        let (low, high) = (reports[0], reports[2])
        let plain = found.plainAccuracy
        let ranks = zip(reports, reports.dropFirst()).allSatisfy { $0.coverage > $1.coverage && $0.accuracy < $1.accuracy }
        return LessonCheckResult(
            claim: "lesson 9: threshold 0.99 answers about half at 99.9%; 0.5 answers about 98% at about 95.7%, "
                + "a point above the plain 94.5%; raising it answers fewer, more of them right",
            passed: ranks && (0.4...0.6).contains(high.coverage) && high.accuracy >= 0.998
                && low.coverage >= 0.97 && (0.95...0.965).contains(low.accuracy)
                && (0.94...0.95).contains(plain) && (0.005...0.02).contains(low.accuracy - plain),
            measured: "0.99: \(percent(high.coverage)) answered, \(String(format: "%.2f", high.accuracy * 100))% right "
                + "(\(high.answered - high.correct) wrong); 0.9: \(percent(reports[1].coverage)) at "
                + "\(percent(reports[1].accuracy)); 0.5: \(percent(low.coverage)) at \(percent(low.accuracy)); "
                + "plain \(percent(plain))")
    }

    /// Lesson 9's confusions: 5→3, 4→9, 9→4 and 7→2 are the four commonest
    /// (each in the top four), and its eight most confident mistakes are all over 95% sure.
    public static func checkConfusions(_ found: MistakesFindings) -> LessonCheckResult {
        let named = [(5, 3), (4, 9), (9, 4), (7, 2)]
        let ranks = named.map { found.rank($0.0, as: $0.1) }
        let mistakes = ConfidenceAnalysis.mostConfidentMistakes(found.predictions, limit: 8)
        let leastSure = mistakes.map(\.confidence).min() ?? 0
        return LessonCheckResult(
            claim: "lesson 9: 5→3, 4↔9 and 7→2 are its commonest confusions; its 8 most confident mistakes are over 95% sure",
            passed: ranks.allSatisfy { $0 <= 4 } && mistakes.count == 8 && leastSure > 0.95,
            measured: zip(named, ranks).map { "\($0.0)→\($0.1) \(found.confused($0.0, as: $0.1)) (#\($1))" }
                .joined(separator: ", ") + "; top: \(found.topConfusions(5).map { "\($0.label)→\($0.predicted) \($0.count)" }); "
                + "8th most confident mistake \(percent(leastSure))")
    }
}
