import Lessons
import Testing

/// Each lesson opens at a speed on the `<` `>` ladder, slow enough to watch
/// what its text describes.
@Suite("Lesson speeds")
struct LessonSpeedTests {
    @Test("every lesson's default speed is on the ladder")
    func onTheLadder() {
        for lesson in Course.lessons {
            #expect(BatchRate.ladder.contains(lesson.defaultSpeed), "lesson \(lesson.id): \(lesson.defaultSpeed)")
        }
    }

    @Test("lesson 8's first 300 batches take about 20 s; lesson 6's first epoch at least 10 s; lessons 2-3 slower than 100/s")
    func watchable() throws {
        let convnet = try #require(Course.convnet.defaultSpeed.interval)
        #expect((10...30).contains(300 * convnet), "\(300 * convnet) s")
        let mlp = try #require(Course.mnistMLP.defaultSpeed.interval)
        #expect(Double(55_000 / Course.mnistMLP.knobs.batchSize) * mlp >= 10)
        for lesson in [Course.hiddenLayers, Course.learningRate] {
            #expect((lesson.defaultSpeed.interval ?? 0) > 1.0 / 100, "lesson \(lesson.id)")
        }
    }

    @Test("the ladder steps one rung at a time and stops at its ends")
    func ladder() {
        #expect(BatchRate.full.faster == .full)
        #expect(BatchRate.full.slower == .perSecond(1_000))
        #expect(BatchRate.perSecond(10).slower == .perSecond(10))
        #expect(BatchRate.perSecond(15).faster == .perSecond(30))
        #expect(BatchRate.perSecond(50).slower == .perSecond(30), "off the ladder: the next rung down")
    }
}
