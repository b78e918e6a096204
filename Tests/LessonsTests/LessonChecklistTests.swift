import Lessons
import MiniNN
import Testing

/// Each lesson's experiments are a checklist: each check holds only once its
/// action was taken and trained long enough to show (one batch less, the
/// wrong data, a run that did not start fresh: not done).
@Suite("Lesson checklists")
struct LessonChecklistTests {
    /// A learner on a lesson screen, as the playground reports it to the checks.
    struct Learner {
        let lesson: Lesson
        var knobs: KnobSettings
        var state: LessonState
        /// Batches in one epoch, for counting epochs.
        let perEpoch: Int

        init(_ lesson: Lesson, perEpoch: Int = 10) {
            self.lesson = lesson
            knobs = KnobSettings(lesson: lesson)
            state = LessonState(lesson: lesson)
            self.perEpoch = perEpoch
        }

        /// Turns a knob as the panel does (the data knob takes its data's defaults).
        mutating func turn(_ knob: KnobKind, _ steps: Int, coarse: Bool = false, times: Int = 1) {
            for _ in 0..<times {
                knobs.turn(knob, steps: steps, coarse: coarse, dataChoices: lesson.dataChoices.count)
                if knob == .data { knobs.adoptDataDefaults(lesson.dataChoices[knobs.dataChoice]) }
                state.knobSet(knob, knobs: knobs)
            }
        }

        mutating func train(_ batches: Int) {
            state.addBatches(batches)
            state.batchesInRun += batches
            state.epochsInRun = state.batchesInRun / perEpoch
            state.noteRun()
        }

        /// The lesson's next screen (the sandbox's next setup), opened after this one closed.
        func next(_ lesson: Lesson) -> Learner {
            var next = Learner(lesson, perEpoch: perEpoch)
            next.state.earlierRuns = state.runsSoFar
            return next
        }

        /// `r`: fresh weights.
        mutating func reset() {
            state.resets += 1
            freshWeights()
        }

        /// Fresh weights without `r` (a rebuild).
        mutating func freshWeights() {
            state.endRun()
            state.batchesInRun = 0
            state.epochsInRun = 0
        }

        func done(_ index: Int) -> Bool { lesson.experiments[index].isDone(state) }
        var doneCount: Int { lesson.experimentsDone(in: state).count }
    }

    @Test("no experiment is done when its lesson opens", arguments: Course.lessons)
    func nothingDoneAtOpening(_ lesson: Lesson) {
        #expect(!lesson.experiments.isEmpty, "lesson \(lesson.id) has no checklist")
        #expect(Learner(lesson).doneCount == 0)
    }

    @Test("lesson 1: the data switches and the noise, each trained a while")
    func perceptron() {
        var or = Learner(Course.perceptron)
        or.train(500)
        #expect(!or.done(0), "AND alone is not OR")
        or.turn(.data, 1)
        or.train(99)
        #expect(!or.done(0))
        or.train(1)
        #expect(or.done(0))

        var xor = Learner(Course.perceptron)
        xor.turn(.data, 2)
        xor.train(299)
        #expect(!xor.done(1))
        xor.train(1)
        #expect(xor.done(1))

        var noise = Learner(Course.perceptron)
        noise.turn(.noise, 1, coarse: true)
        noise.train(99)
        #expect(!noise.done(2))
        noise.train(1)
        #expect(noise.done(2))
        var noisyOR = Learner(Course.perceptron)
        noisyOR.turn(.data, 1)
        noisyOR.turn(.noise, 1, coarse: true)
        noisyOR.train(200)
        #expect(!noisyOR.done(2), "noise on OR is not noise on AND")

        var iris = Learner(Course.perceptron)
        iris.turn(.data, -1)
        iris.train(79)
        #expect(!iris.done(3))
        iris.train(1)
        #expect(iris.done(3))
    }

    @Test("lesson 2: fresh XOR, spirals, two activations each trained, identity")
    func hiddenLayers() {
        var xor = Learner(Course.hiddenLayers, perEpoch: 15)
        xor.train(74)
        #expect(!xor.done(0))
        xor.train(1)
        #expect(xor.done(0))
        var circles = Learner(Course.hiddenLayers, perEpoch: 15)
        circles.turn(.data, 1)
        circles.train(100)
        #expect(!circles.done(0))

        var spirals = Learner(Course.hiddenLayers)
        spirals.turn(.data, 2)
        spirals.train(199)
        #expect(!spirals.done(1))
        spirals.train(1)
        #expect(spirals.done(1))

        var activations = Learner(Course.hiddenLayers)
        activations.turn(.activation, 1)
        activations.train(50)
        #expect(!activations.done(2), "ReLU alone")
        activations.turn(.activation, -1, times: 2)
        #expect(activations.knobs.activation == .sigmoid)
        activations.train(49)
        #expect(!activations.done(2))
        activations.train(1)
        #expect(activations.done(2))

        var identity = Learner(Course.hiddenLayers)
        identity.turn(.activation, 2)
        identity.train(74)
        #expect(!identity.done(3))
        identity.train(1)
        #expect(identity.done(3))
    }

    @Test("lesson 3: 0.001 and 0.5 trained a while, 10 diverges, batch sizes 1 and 128")
    func learningRate() {
        var small = Learner(Course.learningRate)
        small.turn(.learningRate, -1, coarse: true, times: 2)
        #expect(small.knobs.display(.learningRate) == "0.001")
        small.train(149)
        #expect(!small.done(0))
        small.train(1)
        #expect(small.done(0))

        var half = Learner(Course.learningRate)
        half.turn(.learningRate, 1, times: 2)
        half.train(99)
        #expect(!half.done(1))
        half.train(1)
        #expect(half.done(1))

        var ten = Learner(Course.learningRate)
        ten.turn(.learningRate, 1, coarse: true, times: 2)
        ten.train(10)
        #expect(!ten.done(2), "set but not diverged")
        ten.state.diverged = true
        ten.state.divergedLearningRate = 2
        #expect(!ten.done(2), "a divergence at 2 is not the one at 10")
        ten.state.divergedLearningRate = 10
        #expect(ten.done(2))

        var batches = Learner(Course.learningRate)
        batches.turn(.batchSize, -1, coarse: true, times: 3)
        #expect(batches.knobs.display(.batchSize) == "1")
        batches.train(99)
        batches.turn(.batchSize, 1, coarse: true, times: 3)
        batches.turn(.batchSize, 1)
        #expect(batches.knobs.display(.batchSize) == "128")
        batches.train(30)
        #expect(!batches.done(3), "99 batches of 1 are too few")
        var both = Learner(Course.learningRate)
        both.turn(.batchSize, -1, coarse: true, times: 3)
        both.train(100)
        both.turn(.batchSize, 1, coarse: true, times: 3)
        both.turn(.batchSize, 1)
        both.train(29)
        #expect(!both.done(3))
        both.train(1)
        #expect(both.done(3))
    }

    @Test("lesson 4: watching, three new seeds over 100 epochs, adam from fresh weights")
    func manyClasses() {
        var watch = Learner(Course.manyClasses, perEpoch: 8)
        watch.train(299)
        #expect(!watch.done(0))
        watch.train(1)
        #expect(watch.done(0))

        var seeds = Learner(Course.manyClasses, perEpoch: 8)
        seeds.train(1000)
        #expect(!seeds.done(1), "no new seed")
        seeds.reset(); seeds.reset(); seeds.reset()
        seeds.train(799)
        #expect(!seeds.done(1))
        seeds.train(1)
        #expect(seeds.done(1))

        var adam = Learner(Course.manyClasses, perEpoch: 8)
        adam.train(10)
        adam.turn(.optimizer, 2)
        #expect(adam.knobs.hyperparameters.optimizer == .adam)
        adam.train(40)
        #expect(!adam.done(2), "adam on weights sgd trained is not a fresh start")
        adam.reset()
        adam.train(23)
        #expect(!adam.done(2))
        adam.train(1)
        #expect(adam.done(2))
    }

    @Test("lesson 5: 15 plain epochs, dropout and L2 from fresh weights, dropout while the gap is open")
    func overfitting() {
        var plain = Learner(Course.overfitting, perEpoch: 32)
        plain.train(32 * 15 - 1)
        #expect(!plain.done(0))
        plain.train(1)
        #expect(plain.done(0))
        var touched = Learner(Course.overfitting, perEpoch: 32)
        touched.train(100)
        touched.turn(.dropout, 1)
        touched.turn(.dropout, -1)
        touched.train(500)
        #expect(!touched.done(0), "dropout changed during the run")

        var dropout = Learner(Course.overfitting, perEpoch: 32)
        dropout.train(10)
        dropout.turn(.dropout, 1, coarse: true, times: 2)
        #expect(dropout.knobs.display(.dropout) == "0.5")
        dropout.train(400)
        #expect(!dropout.done(1), "not trained again from fresh weights")
        dropout.reset()
        dropout.train(319)
        #expect(!dropout.done(1))
        dropout.train(1)
        #expect(dropout.done(1))

        var decay = Learner(Course.overfitting, perEpoch: 32)
        decay.turn(.weightDecay, 1, coarse: true, times: 2)
        decay.turn(.weightDecay, 1)
        #expect(decay.knobs.display(.weightDecay) == "0.001")
        decay.reset()
        decay.train(319)
        #expect(!decay.done(2))
        decay.train(1)
        #expect(decay.done(2))

        var late = Learner(Course.overfitting, perEpoch: 32)
        late.train(100)
        late.turn(.dropout, 1, coarse: true, times: 2)
        late.train(200)
        #expect(!late.done(5), "the gap was not open yet")
        var open = Learner(Course.overfitting, perEpoch: 32)
        open.train(300)
        open.turn(.dropout, 1, coarse: true, times: 2)
        open.train(63)
        #expect(!open.done(5))
        open.train(1)
        #expect(open.done(5))

        var shifted = Learner(Course.overfitting, perEpoch: 32)
        shifted.train(100)
        shifted.turn(.shift, 1, times: 2)
        #expect(shifted.knobs.display(.shift) == "±2 px")
        shifted.train(400)
        #expect(!shifted.done(3), "shifted during the run, not from fresh weights")
        shifted.reset()
        shifted.train(12 * 32 - 1)
        #expect(!shifted.done(3))
        shifted.train(1)
        #expect(shifted.done(3))
        #expect(!shifted.done(0), "a shifted run is not the plain one")

        var mirrored = Learner(Course.overfitting, perEpoch: 32)
        mirrored.turn(.flip, 1)
        #expect(mirrored.knobs.display(.flip) == "on")
        mirrored.reset()
        mirrored.train(10 * 32)
        #expect(mirrored.done(4))
        mirrored.turn(.shift, 1)
        #expect(!mirrored.done(4), "shift must be off")
    }

    @Test("lesson 6: the first epoch, the planned three with the verdict, L2 from fresh weights")
    func mnistMLP() {
        var first = Learner(Course.mnistMLP, perEpoch: 1719)
        first.train(1718)
        #expect(!first.done(0))
        first.train(1)
        #expect(first.done(0))

        var three = Learner(Course.mnistMLP, perEpoch: 1719)
        three.train(3 * 1719)
        #expect(!three.done(1), "the verdict is not on screen")
        three.state.testAccuracyShown = 0.97
        #expect(three.done(1))

        var decay = Learner(Course.mnistMLP, perEpoch: 1719)
        decay.train(10)
        decay.turn(.weightDecay, 1, coarse: true)
        decay.turn(.weightDecay, 1)
        #expect(decay.knobs.display(.weightDecay) == "0.0001")
        decay.train(2000)
        #expect(!decay.done(2))
        decay.reset()
        decay.train(1718)
        #expect(!decay.done(2))
        decay.train(1)
        #expect(decay.done(2))
    }

    @Test("lesson 7: the other edge kernel, sharpen, stride 2 with padding 1")
    func convolution() {
        var edges = Learner(Course.convolution)
        #expect(!edges.done(0))
        edges.turn(.handKernel, 1)
        #expect(edges.done(0))

        var sharpen = Learner(Course.convolution)
        sharpen.turn(.handKernel, 1)
        #expect(!sharpen.done(1))
        sharpen.turn(.handKernel, 1)
        #expect(sharpen.done(1))

        var size = Learner(Course.convolution)
        size.turn(.stride, 1)
        #expect(!size.done(2))
        size.turn(.padding, 1)
        #expect(size.done(2))
    }

    @Test("lesson 8: 300 batches of each condition from fresh weights, one epoch's verdict, ten batches")
    func convnet() {
        var watch = Learner(Course.convnet, perEpoch: 860)
        watch.train(299)
        #expect(!watch.done(0))
        watch.train(1)
        #expect(watch.done(0))

        var epoch = Learner(Course.convnet, perEpoch: 860)
        epoch.train(860)
        #expect(!epoch.done(1))
        epoch.state.testAccuracyShown = 0.985
        #expect(epoch.done(1))

        // Each condition: set, then 300 batches from fresh weights.
        let conditions: [(Int, KnobKind, Int, Bool, String)] = [
            (2, .initScale, 2, false, "He ×1"), (3, .data, -1, false, "MNIST (200 images)"),
            (4, .labelNoise, 2, false, "50%"), (5, .learningRate, 1, true, "0.02"),
        ]
        for (index, knob, steps, coarse, shown) in conditions {
            var learner = Learner(Course.convnet, perEpoch: 860)
            learner.train(100)
            learner.turn(knob, steps, coarse: coarse)
            #expect(learner.knobs.display(knob, dataChoices: Course.convnet.dataChoices) == shown)
            learner.train(400)
            #expect(!learner.done(index), "experiment \(index + 1): the run began before the change")
            learner.reset()
            learner.train(299)
            #expect(!learner.done(index), "experiment \(index + 1)")
            learner.train(1)
            #expect(learner.done(index), "experiment \(index + 1)")
        }

        var early = Learner(Course.convnet, perEpoch: 860)
        early.state.paused = false
        early.train(10)
        #expect(!early.done(6), "still training")
        early.state.paused = true
        #expect(early.done(6))
        var later = Learner(Course.convnet, perEpoch: 860)
        later.train(40)
        #expect(!later.done(6), "forty batches is not stopping early")
    }

    @Test("lesson 9: the planned run's verdict, then thresholds 0.99 and 0.5 on a trained model")
    func mistakes() {
        var run = Learner(Course.mistakes, perEpoch: 625)
        run.train(3 * 625)
        #expect(!run.done(0))
        run.state.testAccuracyShown = 0.945
        #expect(run.done(0))

        var high = Learner(Course.mistakes, perEpoch: 625)
        high.turn(.confidenceThreshold, 1, coarse: true)
        #expect(high.knobs.display(.confidenceThreshold) == "0.99")
        #expect(!high.done(1), "nothing trained to threshold")
        high.train(625)
        #expect(high.done(1))

        var low = Learner(Course.mistakes, perEpoch: 625)
        low.train(625)
        #expect(!low.done(2))
        low.turn(.confidenceThreshold, -1, coarse: true, times: 2)
        #expect(low.knobs.display(.confidenceThreshold) == "0.5")
        #expect(low.done(2))
    }

    @Test("lesson 10: the planned fine-tuning run with its verdict; random convolutions from fresh weights; 1,000 per digit")
    func transfer() {
        var fineTuned = Learner(Course.transfer, perEpoch: 5)
        fineTuned.train(20 * 5)
        #expect(!fineTuned.done(0), "the verdict is not on screen")
        fineTuned.state.testAccuracyShown = 0.94
        #expect(fineTuned.done(0))
        #expect(!fineTuned.done(1), "fine-tuning is not the run from scratch")

        var scratch = Learner(Course.transfer, perEpoch: 5)
        scratch.turn(.start, 1)
        #expect(scratch.knobs.display(.start) == "random")
        scratch.freshWeights()
        scratch.train(20 * 5 - 1)
        scratch.state.testAccuracyShown = 0.91
        #expect(!scratch.done(1), "one batch short of the planned 20 epochs")
        scratch.train(1)
        #expect(scratch.done(1))
        #expect(!scratch.done(0), "random convolutions are not fine-tuning")

        var plenty = Learner(Course.transfer, perEpoch: 250)
        plenty.turn(.perDigit, 1, times: 2)
        #expect(plenty.knobs.display(.perDigit, dataChoices: Course.transfer.dataChoices) == "1,000")
        plenty.train(10)
        #expect(!plenty.done(2), "the run did not start fresh after the change")
        plenty.reset()
        plenty.train(20 * 250)
        #expect(plenty.done(2))
        plenty.turn(.perDigit, 1)
        #expect(!plenty.done(2), "10 per digit is not 1,000")
    }

    /// The sandbox as its setup opens it: `data` on one hidden layer of `width` ReLU units.
    static func sandbox(_ data: LessonData = .toy(.circles, count: 400, noise: 0.1, validationFraction: 0.2),
                        width: Int) throws -> Lesson {
        var lesson = try #require(Course.lesson(slug: "sandbox"))
        lesson.dataChoices = [data]
        lesson.model = .network(.classifier(inputs: 2, hidden: [width], classes: 2, activation: .relu))
        return lesson
    }

    @Test("sandbox: circles on two hidden units for 20 epochs, then on four for 20; the convnet exported")
    func sandbox() throws {
        let two = try Self.sandbox(width: 2), four = try Self.sandbox(width: 4)
        // Both halves, each 20 epochs of 10 batches, in order.
        var first = Learner(two)
        first.train(199)
        var early = first.next(four)
        early.train(1000)
        #expect(!early.done(0), "the 2-unit run stopped one batch short of 20 epochs")
        first.train(1)
        #expect(!first.done(0), "2 units alone")
        var second = first.next(four)
        second.train(199)
        #expect(!second.done(0))
        second.train(1)
        #expect(second.done(0))

        var fourAlone = Learner(four)
        fourAlone.train(1000)
        #expect(!fourAlone.done(0), "4 units without the 2-unit run")
        var backwards = fourAlone.next(two)
        backwards.train(1000)
        #expect(!backwards.done(0), "4 then 2 is not 2 then 4")
        var spirals = Learner(try Self.sandbox(.toy(.spirals, count: 500, noise: 0.05, validationFraction: 0.2), width: 2))
        spirals.train(1000)
        var afterSpirals = spirals.next(four)
        afterSpirals.train(1000)
        #expect(!afterSpirals.done(0), "2 units on spirals, not circles")
        // Fresh weights on one screen end a run too: it counts as earlier, its epochs as they were.
        var reset = Learner(four)
        reset.state.earlierRuns = [RunSummary(dataName: "circles", hiddenWidths: [2], epochs: 25)]
        reset.train(150)
        reset.reset()
        reset.train(150)
        #expect(!reset.done(0), "15 epochs on 4 units at a time")
        #expect(reset.state.earlierRuns.last == RunSummary(dataName: "circles", hiddenWidths: [4], epochs: 15))
        var wide = Learner(Course.sandbox)
        wide.train(1000)
        #expect(!wide.done(0), "spirals on 16 → 16")

        var convnet = Course.sandbox
        convnet.dataChoices = [.mnist(trainCount: 55_000, validationCount: 5_000, testCount: 10_000, flattened: false)]
        convnet.model = .network(.lessonConvnet)
        var export = Learner(convnet)
        export.train(100)
        #expect(!export.done(1))
        export.state.exported = true
        #expect(export.done(1))
        var dense = Learner(Course.sandbox)
        dense.state.exported = true
        #expect(!dense.done(1), "an export of a dense network")
    }

    @Test("the state counts batches since a knob was set across runs, and the longest stretch at each value")
    func stateCounting() {
        var state = LessonState(lesson: Course.learningRate)
        #expect(state.batchesSinceSet(.learningRate) == nil)
        state.addBatches(5)
        var knobs = state.knobs
        knobs.turn(.learningRate, steps: 1)
        state.knobSet(.learningRate, knobs: knobs)
        #expect(state.batchesSinceSet(.learningRate) == 0)
        state.addBatches(7)
        #expect(state.batchesSinceSet(.learningRate) == 7)
        #expect(state.trained(7, with: .learningRate, at: "0.2"))
        knobs.turn(.learningRate, steps: -1)
        state.knobSet(.learningRate, knobs: knobs)
        state.addBatches(3)
        #expect(state.trained(7, with: .learningRate, at: "0.2"), "a value's stretch is kept")
        #expect(state.trained(3, with: .learningRate, at: "0.1") && !state.trained(4, with: .learningRate, at: "0.1"))
        state.addBatches(-4)
        #expect(state.batchesTrained == 15, "a negative count adds nothing")
    }
}
