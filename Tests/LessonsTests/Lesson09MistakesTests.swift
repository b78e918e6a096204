import MiniNN
import Testing
@testable import Lessons

/// Lesson 9's claims on its own settings: 20,000 digits, the 784→64→10 ReLU
/// net, SGD 0.1, batch 32, seed 1, its planned three epochs, all 10,000 test
/// digits (what the mistakes and calibration panels show at the planned end).
@Suite("Lesson 9: confidence and mistakes")
struct Lesson09MistakesTests {
    /// One run shared by the tests (about 2 s in release).
    static let found = Result { try LessonChecks.mistakesRun() }

    @Test("lesson 9 plans three epochs, as the text says")
    func plannedLength() {
        #expect(Course.mistakes.plannedEpochs == 3)
        #expect(Course.mistakes.text.contains("planned three epochs"))
    }

    @Test("calibration: right at least as often as it says in the bins holding ≥ 90% of digits; ≥ 99% sure is 99.9% right")
    func calibration() throws {
        let result = LessonChecks.checkCalibration(try Self.found.get())
        print(result)
        #expect(result.passed, "\(result)")
        #expect(Course.mistakes.text.contains("of the answers given with 99% confidence or more, 99.9% are right"))
        #expect(!Course.mistakes.text.contains("fewer than 99% are right"))
    }

    @Test("threshold 0.99 answers about half at 99.9%; 0.5 about 98% at 95.7%, a point above plain")
    func thresholds() throws {
        let result = LessonChecks.checkThresholds(try Self.found.get())
        print(result)
        #expect(result.passed, "\(result)")
    }

    @Test("the commonest confusions are 5→3, 4↔9 and 7→2; the most confident mistakes are over 95% sure")
    func confusions() throws {
        let result = LessonChecks.checkConfusions(try Self.found.get())
        print(result)
        #expect(result.passed, "\(result)")
        #expect(!Course.mistakes.text.contains("a 7 with a bar"))
    }

    @Test("the calibration table counts every prediction once, in the bin of its confidence")
    func calibrationBins() {
        let predictions = [
            ClassifiedExample(index: 0, label: 1, predicted: 1, confidence: 0.95),
            ClassifiedExample(index: 1, label: 1, predicted: 2, confidence: 0.91),
            ClassifiedExample(index: 2, label: 3, predicted: 3, confidence: 1.0),
            ClassifiedExample(index: 3, label: 3, predicted: 3, confidence: 0.55),
            ClassifiedExample(index: 4, label: 3, predicted: 3, confidence: .nan),
        ]
        let report = ConfidenceAnalysis.calibration(predictions, bins: 10)
        #expect(report.total == 4, "a NaN confidence is left out")
        #expect(report.bins[9].count == 3 && report.bins[9].correct == 2, "0.91, 0.95 and 1.0 share the top bin")
        #expect(abs((report.bins[9].meanConfidence ?? 0) - Float((0.95 + 0.91 + 1.0) / 3)) < 1e-6)
        #expect(report.bins[5].count == 1 && report.bins[5].accuracy == 1)
        #expect(report.bins[0].accuracy == nil && report.bins[0].gap == nil)
        let sure = CalibrationReport.at(least: 0.95, predictions)
        #expect(sure.count == 2 && sure.correct == 2)
        // Top bin: 2/3 right at 0.953 said; 0.55 bin: 1 right at 0.55.
        let expected = (3 * abs(Float(2) / 3 - Float((0.95 + 0.91 + 1.0) / 3)) + 1 * 0.45) / 4
        #expect(abs(report.expectedCalibrationError - expected) < 1e-5)
    }
}
