import MiniNN

extension Course {
    /// Lesson 8: a small convnet on MNIST, kernels drawn live.
    public static let convnet = Lesson(
        id: 8,
        slug: "convnet",
        title: "A convnet on MNIST",
        summary: "Conv, ReLU, pool, twice, then dense: 98% in one epoch, kernels learned live.",
        learn: [
            "how conv and pooling layers stack into a network",
            "what learned kernels look like as they converge",
            "what each layer's activation maps show",
        ],
        text: """
        Now the kernels are learned. The network is conv → ReLU → max-pool → \
        conv → ReLU → max-pool → dense. The first conv layer has eight 5×5 \
        kernels; each turns the digit into a 28×28 feature map. ReLU keeps \
        the positive responses. Max-pooling keeps the largest value of each \
        2×2 block, halving the maps to 14×14: a feature that moves by a pixel \
        still lands in the same block, so small shifts matter less.

        The second conv layer sees all eight maps at once: each of its 16 \
        kernels is 8×5×5, so it combines first-layer features (this edge \
        next to that curve) into larger ones. After the second pooling, 16 \
        maps of 7×7 = 784 numbers go to a dense layer with ten outputs. The \
        whole network has about 11,000 weights, seven times fewer than the \
        MLP of lesson 6, and does better.

        Backpropagation treats a kernel like any other weights: each weight's \
        gradient is summed over every position the kernel visited. Watch the \
        first layer's kernels: they start as random noise and within a few \
        hundred batches become smooth strokes: edges at different angles, \
        light-dark blobs. Nobody designed them. Gradient descent found that \
        edge detectors, like the hand-made ones of the last lesson, are what \
        it needs to tell digits apart.

        The line under the kernels measures it: roughness is how much \
        neighbouring weights differ (the mean squared difference, over twice \
        the mean squared weight, each kernel's mean taken away). Random noise \
        scores about 1, a smooth stroke 0.5 or less; the sparkline shows it \
        over the run, and a kernel gone flat (dead) is counted, not scored. \
        The kernels start small, a tenth of the usual He size (the init scale \
        knob): from a full-size random start a 25-weight kernel barely moves, \
        and the noise it started with drowns what it learned.

        Noisy kernels are a diagnosis: too little data, noisy labels, a step \
        too large, or too little training. The experiments below try each.

        The run is what `netplayground train mnist-cnn --epochs 1` trains: \
        Adam, pixels standardized, a learning rate starting at the knob's \
        0.003 and falling along half a cosine to zero at the end of the one \
        planned epoch (so the last batches settle, and a second epoch learns \
        nothing more; press r to start over). 55,000 images train, 5,000 \
        validate, and the 10,000 test images give the final verdict.

        The activation maps show one test digit on its way through: the first \
        layer's maps still look like the digit, lit up along different edges; \
        deeper maps are coarser and more abstract. After one epoch the test \
        accuracy is about 98.5%.

        It opens paused on its first frame: press Space to start. \
        It trains at 15 batches a second: the first 300 batches take about \
        20 seconds, enough to watch the kernels sharpen. Press f for full \
        speed (f again: back to 15), < > to step the speed.
        """,
        data: .mnist(trainCount: 55_000, validationCount: 5_000, testCount: 10_000, flattened: false),
        // The data knob: fewer training digits (the same 5,000 validate).
        alternatives: [5_000, 500, 200].map {
            .mnist(trainCount: $0, validationCount: 5_000, testCount: 10_000, flattened: false)
        },
        model: .network(.lessonConvnet),
        knobs: Hyperparameters(learningRate: 0.003, optimizer: .adam, batchSize: 64),
        panel: [.learningRate, .initScale, .data, .labelNoise, .optimizer, .batchSize, .weightDecay, .speed],
        experiments: [
            Experiment("Watch the kernel panel from the first batch",
                       keys: [.stepBatch, .words("to pause"), .reset, .stepBatch, .words("to step")],
                       expect: "random speckle becomes smooth strokes and light-dark blobs: roughness falls from about 1.1 to about 0.4 within 300 batches and stays there.",
                       done: { $0.batchesInRun >= 300 }),
            Experiment("Train one full epoch",
                       keys: [.reset, .stepEpoch],
                       expect: "test accuracy of about 98.5% (98% or more on seeds 1–3), better than lesson 6's MLP after its three epochs (about 97%).",
                       done: { $0.testAccuracyShown != nil && $0.epochsInRun >= 1 }),
            Experiment("Start from full-size random kernels",
                       keys: [.select(.initScale), .press("+", times: 2), .expect(.initScale, "He ×1"), .reset],
                       expect: "the kernels stay salt and pepper: roughness stays at noise level (0.9 or more) through the first 300 batches. The big random start drowns the signal.",
                       done: { $0.knobs.initScale >= 0.99 && $0.freshRun(since: .initScale, atLeast: 300) }),
            Experiment("Train on 200 digits",
                       keys: [.select(.data), .press("-"), .expect(.data, "MNIST (200 images)"), .reset],
                       expect: "200 digits, seen over and over (the rate still decays over 860 batches): the kernels smooth less, about 0.52 after 300 batches against 0.45 on all digits.",
                       done: { $0.dataName == "MNIST (200 images)" && $0.freshRun(since: .data, atLeast: 300) }),
            Experiment("Give half the digits a wrong label",
                       keys: [.select(.labelNoise), .press("+", times: 2), .expect(.labelNoise, "50%"), .reset],
                       expect: "half the labels lie: after 300 batches roughness is still above 0.6 (near 0.7) instead of falling to 0.4.",
                       done: { $0.knobs.labelNoise >= 0.49 && $0.freshRun(since: .labelNoise, atLeast: 300) }),
            Experiment("Make the learning rate ten times larger",
                       keys: [.select(.learningRate), .press("]"), .expect(.learningRate, "0.02"), .reset],
                       expect: "each step is about seven times larger: after 300 batches roughness is still above 0.5 (near 0.55) instead of falling to 0.4.",
                       done: { $0.knobs.hyperparameters.learningRate >= 0.0199 && $0.freshRun(since: .learningRate, atLeast: 300) }),
            Experiment("Stop early: ten batches",
                       keys: [.stepBatch, .words("to pause"), .reset, .press("s", times: 10)],
                       expect: "after ten batches roughness is still above 0.7 (about 0.95): the kernels are mostly noise. Too little training is the fourth cause.",
                       done: { $0.paused && (10...12).contains($0.batchesInRun) }),
        ],
        visuals: [.kernels, .lossCurves, .activationMaps, .prediction, .network],
        training: LessonTraining(schedule: .cosine(floor: 0), plannedEpochs: 1, epochItems: 55_000,
                                 standardizesPixels: true),
        defaultSpeed: .perSecond(15))
}
