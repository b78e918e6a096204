import MiniNN

extension Course {
    /// Lesson 8: a small convnet on MNIST, kernels drawn live.
    public static let convnet = Lesson(
        id: 8,
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
        still lands in the same block, so small shifts stop mattering.

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

        The activation maps show one test digit on its way through: the first \
        layer's maps still look like the digit, lit up along different edges; \
        deeper maps are coarser and more abstract. After one epoch the test \
        accuracy is around 98–99%.
        """,
        data: .mnist(trainCount: 55_000, validationCount: 5_000, testCount: 10_000, flattened: false),
        model: .network(.lessonConvnet),
        knobs: Hyperparameters(learningRate: 0.001, optimizer: .adam, batchSize: 64),
        panel: [.learningRate, .optimizer, .batchSize, .weightDecay],
        experiments: [
            Experiment("Watch the kernel panel from the first batch",
                       expect: "random speckle becomes smooth light-to-dark gradients and strokes within about 300 batches."),
            Experiment("Train one full epoch",
                       expect: "test accuracy of about 98% or more, better than the MLP after three epochs."),
            Experiment("Press r, set the learning rate to 0.02",
                       expect: "the loss jumps around or stalls and some kernels die (stay flat): too large a step for Adam."),
        ],
        visuals: [.kernels, .lossCurves, .activationMaps, .prediction, .network])
}
