import MiniNN
import Testing
@testable import Lessons

/// The course as data: every lesson complete, consistent and trainable as described.
@Suite("Lesson content")
struct LessonContentTests {
    @Test("the course has the eleven lessons, numbered in order, the sandbox last")
    func elevenLessonsInOrder() {
        #expect(Course.lessons.count == 11)
        #expect(Course.lessons.map(\.id) == Array(1...11))
        #expect(Course.lesson(id: Course.sandboxID)?.title == "Sandbox")
        #expect(Course.lesson(id: 10)?.slug == "transfer")
        #expect(Course.lesson(id: 12) == nil)
    }

    @Test("every lesson has a title, a summary, what you will learn, text and 2–7 experiments",
          arguments: Course.lessons)
    func lessonIsComplete(_ lesson: Lesson) {
        #expect(!lesson.title.isEmpty)
        #expect(!lesson.summary.isEmpty && !lesson.summary.contains("\n"))
        #expect(lesson.summary.count <= 90, "the summary must fit one line of the course list")
        #expect(!lesson.learn.isEmpty)
        #expect(lesson.text.split(separator: " ").count >= 80, "lesson \(lesson.id) text is too short to teach")
        // Lesson 8 has the most: four of them are the noisy-kernel diagnosis.
        #expect((2...7).contains(lesson.experiments.count))
        for experiment in lesson.experiments {
            #expect(!experiment.action.isEmpty && !experiment.expectation.isEmpty)
        }
        #expect(!lesson.visuals.isEmpty)
        #expect(lesson.knobs.validationError == nil)
    }

    /// The sandbox builds its model from the setup form, so only the lessons' own models are checked.
    @Test("every training lesson's model fits its data and builds",
          arguments: Course.lessons.filter { $0.trains && $0.id != Course.sandboxID })
    func modelsFitData(_ lesson: Lesson) throws {
        let spec = try #require(lesson.model).spec
        let model = try ModelBuilder.build(spec, seed: 1)
        for data in lesson.dataChoices {
            let inputs: Int, classes: Int
            switch data {
            case .toy: (inputs, classes) = (2, 2)
            case .iris(let features, let species, _): (inputs, classes) = (features.count, species.count)
            case .mnist: (inputs, classes) = (784, 10)
            case .mnistDigits(let digits, _, _): (inputs, classes) = (784, digits.count)
            case .csv: continue  // the learner's own table: the sandbox sizes the network for it
            }
            #expect(Tensor.elementCount(of: model.inputShape) == inputs, "lesson \(lesson.id): \(data)")
            let width = Tensor.elementCount(of: model.outputShape)
            #expect((width == 1 ? 2 : width) >= classes, "lesson \(lesson.id): \(data)")
        }
    }

    @Test("lesson texts state the parameter counts their models really have")
    func parameterCountsInTextsAreRight() throws {
        let mlp = try ModelBuilder.build(try #require(Course.mnistMLP.model).spec, seed: 1)
        #expect(mlp.parameterCount == 79_510)
        #expect(Course.mnistMLP.text.contains("79,510"))
        let convnet = try ModelBuilder.build(ModelSpec.lessonConvnet, seed: 1)
        #expect((11_000..<11_500).contains(convnet.parameterCount))
        #expect(Course.convnet.text.contains("about 11,000"))
        let big = try ModelBuilder.build(try #require(Course.overfitting.model).spec, seed: 1)
        #expect((265_000..<275_000).contains(big.parameterCount))
        #expect(Course.overfitting.text.contains("270,000"))
        // Lesson 10's new head: 784 inputs to 5 outputs, with a bias each.
        let transfer = try ModelBuilder.build(TransferLearning.spec, seed: 1)
        let head = try #require(transfer.layers[TransferLearning.headIndex] as? Dense)
        #expect(head.weight.value.count == 784 * 5)
        #expect(Course.transfer.text.contains("784 × 5 weights"))
    }

    @Test("the knob panels only offer knobs that apply to the lesson", arguments: Course.lessons)
    func panelsFitLessons(_ lesson: Lesson) {
        let planar = lesson.dataChoices.contains { $0.isPlanar }
        for knob in lesson.panel {
            switch knob {
            case .noise, .validationFraction: #expect(planar, "lesson \(lesson.id) has no 2-D data for \(knob)")
            case .data: #expect(lesson.dataChoices.count > 1)
            case .dropout:
                let hasDropout = lesson.model?.spec.layers.contains { if case .dropout = $0 { true } else { false } }
                #expect(hasDropout == true || lesson.id == Course.sandboxID || lesson.id == 6,
                        "lesson \(lesson.id) shows dropout but its model has no dropout layer")
            case .handKernel, .stride, .padding: #expect(!lesson.trains)
            default: break
            }
        }
    }
}

extension Lesson: CustomTestStringConvertible {
    public var testDescription: String { "lesson \(id)" }
}

/// Lesson 8's claim (98% on MNIST test after one epoch) is proved by the
/// mnist-cnn recipe's slow test, which trains the very same network; this
/// keeps the two from drifting apart without training it twice.
@Suite("Lesson 8 and the mnist-cnn recipe")
struct LessonConvnetRecipeTests {
    @Test("the convnet lesson trains the mnist-cnn recipe's network")
    func sameNetwork() throws {
        let recipe = try #require(RecipeCatalog.recipe(named: "mnist-cnn"))
        #expect(recipe.model == ModelSpec.lessonConvnet)
        #expect(Course.convnet.model == .network(recipe.model))
        #expect(Course.convnet.knobs.optimizer == recipe.hyperparameters.optimizer)
        #expect(Course.convnet.knobs.batchSize == recipe.hyperparameters.batchSize)
        #expect(Course.convnet.knobs.learningRate == recipe.hyperparameters.learningRate)
        #expect(Course.convnet.knobs.weightDecay == recipe.hyperparameters.weightDecay)
        #expect(Course.convnet.training.schedule == recipe.schedule)
        #expect(Course.convnet.training.standardizesPixels, "the recipe standardizes MNIST pixels")
        #expect(recipe.model.firstLayerInitScale == 0.1)
    }
}
