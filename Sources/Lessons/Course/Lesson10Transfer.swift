import MiniNN

extension Course {
    /// The digits lesson 10 learns with the reused convolutions.
    static func transferData(_ perClass: Int) -> LessonData {
        .mnistDigits(digits: TransferPlan.newDigits, perClass: perClass, validationCount: 2_000)
    }

    /// Lesson 10: the convnet trained on digits 0–4, reused for 5–9 with a few labelled images.
    public static let transfer = Lesson(
        id: 10,
        slug: "transfer",
        title: "Reuse a trained network",
        summary: "Convolutions learned on 0–4 read 5–9 from 100 labelled images: fine-tuning vs scratch.",
        learn: [
            "what fine-tuning is: keep the learned convolutions, train a new head",
            "why it needs far fewer labelled images than training from scratch",
            "why the advantage shrinks as the labelled data grows",
        ],
        text: """
        Lesson 8's convnet learned from 55,000 labelled digits. Labels are \
        the expensive part of data. This lesson has 100 of them: 20 images \
        of each of the digits 5, 6, 7, 8 and 9.

        It starts from a convnet that has never seen any of those digits: \
        lesson 8's network, trained for two epochs on the 30,596 training \
        images of 0–4 only, each shifted at random by up to 2 pixels (lesson \
        5's augmentation). The first visit trains it while you wait (about \
        ten seconds) and keeps it in your data directory for the next one. \
        Its convolutions learned strokes, edges and curves, and a 7 is made \
        of those just as a 1 is.

        Fine-tuning keeps those convolutions and freezes them: their weights \
        never change. Only a new dense head is trained: 784 × 5 weights, one \
        output for each new digit. The kernel panel shows the first layer's \
        kernels: smooth strokes from the start, and they do not move. The \
        test is every one of the 4,861 test images of 5–9.

        The convolutions knob (random) trains the same network from random \
        weights instead, every layer learning, from the same 100 images. \
        After the planned 20 epochs, fine-tuning reaches about 94% on the \
        test digits, the network from scratch about 91%. Press c to race the \
        two on one chart: the same images in the same order, the same first \
        head. Fine-tuning is also cheaper, because the backward pass stops at \
        the head: the runs table (t) shows each run's test accuracy and, on \
        a terminal 100 columns wide or more, its images a second (two to \
        three times the other's) and its seconds an epoch.

        The advantage shrinks as the labelled data grows. The images/digit \
        knob gives each run 10, 20, 100 or 1,000 images of each digit. At \
        1,000 the network from scratch has enough to learn its own \
        convolutions, and it catches up: both pass 98%.

        It opens paused: press Space to start. At 10 batches a second the \
        planned 20 epochs (100 batches of 20) take about 10 seconds, and \
        training pauses there. Press f for full speed.
        """,
        data: transferData(20),
        // The images-per-digit knob: 20, then more, then fewer (it wraps).
        alternatives: [100, 1_000, 10].map { transferData($0) },
        model: .transfer(pretrained: true),
        knobs: TransferPlan.defaultKnobs,
        panel: [.start, .perDigit, .learningRate, .optimizer, .batchSize, .weightDecay, .speed],
        experiments: [
            Experiment("Fine-tune on the 100 images for 20 epochs",
                       keys: [.pause, .words("and let it run")],
                       expect: "the test accuracy on the unseen digits 5–9 reaches about 94%, and the kernels stay exactly as they were.",
                       done: { $0.knobs.pretrained == true && $0.unchangedDuringRun(.start) && $0.epochsInRun >= 20
                           && $0.testAccuracyShown != nil }),
            Experiment("Train the same network from scratch (random convolutions)",
                       keys: [.select(.start), .press("+"), .expect(.start, "random"), .pause],
                       expect: "every layer learns from random weights: about 91% after 20 epochs, one to five points below fine-tuning.",
                       done: { $0.knobs.pretrained == false && $0.freshRun(since: .start, atLeast: 1) && $0.epochsInRun >= 20
                           && $0.testAccuracyShown != nil }),
            Experiment("Give both 1,000 images of each digit",
                       keys: [.select(.perDigit), .press("+", times: 2), .expect(.perDigit, "1,000"), .reset, .press("f"),
                              .words("for full speed"), .pause],
                       expect: "with 5,000 labelled images the network from scratch catches up: the gap is smaller than at 20 images per digit.",
                       done: { $0.display(.perDigit) == "1,000" && $0.freshRun(since: .perDigit, atLeast: 1)
                           && $0.epochsInRun >= 20 }),
        ],
        visuals: [.lossCurves, .kernels, .prediction, .confusionMatrix, .network],
        training: LessonTraining(plannedEpochs: TransferPlan().epochs),
        defaultSpeed: .perSecond(10))
}
