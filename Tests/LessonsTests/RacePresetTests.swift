import MiniNN
import Testing
@testable import Lessons

/// Every training lesson's race (`c`) has a preset, found by the lesson's
/// slug, and each new preset makes the point it states on the lesson's own
/// settings (the runners trained headless as the race trains them). The
/// sandbox's is checked on the network its setup form opens with (RacePickerTests).
@Suite("Race presets")
struct RacePresetTests {
    @Test("every lesson that trains has a preset with a point, found by slug; lesson 7 has none")
    func everyTrainingLesson() {
        for lesson in Course.lessons where lesson.trains {
            let preset = RacePreset.preset(for: lesson.slug)
            #expect((preset?.runners.count ?? 0) >= 2, "lesson '\(lesson.slug)' has no race")
            #expect(preset?.point.isEmpty == false, "lesson '\(lesson.slug)''s race says nothing")
        }
        #expect(RacePreset.preset(for: "convolution") == nil)
        #expect(RacePreset.preset(for: "3") == nil, "presets are keyed by slug, not number")
    }

    @Test("the preset makes its lesson's point on the lesson's own settings",
          arguments: ["perceptron", "many-classes", "mnist-mlp", "mistakes"])
    func pointHolds(_ slug: String) throws {
        let result = try LessonChecks.checkRacePreset(slug: slug)
        print(result)
        #expect(result.passed, "\(result)")
    }

    @Test("suggested values: a factor of ten either side of the learning rate, every optimizer, every data set")
    func suggestions() throws {
        let lesson = try #require(Course.lesson(slug: "learning-rate"))
        let knobs = KnobSettings(lesson: lesson)
        let rates = RacePreset.suggestedValues(.learningRate, around: knobs).map { $0.display(.learningRate) }
        #expect(rates == ["0.01", "0.1", "1"], "\(rates)")
        let optimizers = RacePreset.suggestedValues(.optimizer, around: knobs).map { $0.display(.optimizer) }
        #expect(optimizers == ["sgd", "momentum", "adam"])
        let perceptron = try #require(Course.lesson(slug: "perceptron"))
        let data = RacePreset.suggestedValues(.data, around: KnobSettings(lesson: perceptron),
                                              dataChoices: perceptron.dataChoices.count)
        #expect(data.map(\.dataChoice) == [0, 1, 2, 3])
        // At the top of a ladder the values go down from it.
        var top = knobs
        top.hyperparameters.learningRate = 10
        #expect(RacePreset.suggestedValues(.learningRate, around: top).map { $0.display(.learningRate) } == ["0.1", "1", "10"])
        #expect(RacePreset.raceableKnobs(lesson.panel) == [.learningRate, .batchSize, .optimizer], "noise and speed do not race")
    }
}
