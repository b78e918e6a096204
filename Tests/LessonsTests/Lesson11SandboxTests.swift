import MiniNN
import Testing
@testable import Lessons

/// Lesson 11's experiment, on the sandbox's own circles (400 points, noise
/// 0.1, 20% validation) and knobs (Adam 0.01, batch 32), ReLU as it starts.
@Suite("Lesson 11: sandbox")
struct Lesson10SandboxTests {
    static func circles(hidden: [Int], epochs: Int = 150) throws -> Float {
        let lesson = Course.sandbox
        let data = try #require(lesson.dataChoices.first { $0.fileName == "circles" })
        let model = LessonModel.network(.classifier(inputs: 2, hidden: hidden, classes: 2, activation: .relu))
        let run = try LessonRun(model: model, data: data, knobs: LiveKnobs(lesson.knobs), seed: lesson.seed)
        let reports = run.train(epochs: epochs).reports
        return reports.map { $0.validation?.accuracy ?? 0 }.max() ?? 0
    }

    @Test("two ReLU units reach about 86% on circles at best; four close the boundary (100%)")
    func hiddenWidthOnCircles() throws {
        let two = try Self.circles(hidden: [2])
        let four = try Self.circles(hidden: [4])
        print("sandbox circles: best validation accuracy with 2 ReLU units \(two), with 4 \(four)")
        #expect(two <= 0.9, "two units: \(two)")
        #expect(four >= 0.98, "four units: \(four)")
        #expect(Course.sandbox.experiments.contains { $0.expectation.contains("about 86% at best") })
    }
}
