import MiniNN

extension Course {
    /// Lesson 6: real digits through a feed-forward network.
    public static let mnistMLP = Lesson(
        id: 6,
        slug: "mnist-mlp",
        title: "MNIST with a feed-forward net",
        summary: "784 pixels in, ten digits out: 97% with one hidden layer, and what it looks at.",
        learn: [
            "how an image becomes an input vector",
            "what the first layer's weights look like as pictures",
            "what flattening throws away",
        ],
        text: """
        MNIST is 70,000 handwritten digits, 28×28 grey pixels each, written \
        by American census workers and students: 60,000 to train on and \
        10,000 to test. It has been the first real benchmark of neural \
        networks since 1998. Here 55,000 train and 5,000 validate: the \
        validation score is for choosing knobs, while the 10,000 test images \
        give the final verdict once the model is trained.

        A feed-forward network wants a vector, so each image is flattened: \
        its 28 rows laid end to end make 784 numbers between 0 (paper) and 1 \
        (ink). A hidden layer of 100 neurons, each connected to all 784 \
        pixels, then ten outputs, one per digit. That is 79,510 weights.

        Each hidden neuron computes a weighted sum of all pixels, so its 784 \
        weights can be drawn back as a 28×28 picture: a template of what \
        makes it fire. Pixels in warm colors (red to orange) push the \
        neuron up when inked, blue ones push it down; without color, dense \
        marks such as @ push up and blank ones down, as the line under the \
        pictures says. At first the templates are random static. Within the \
        first epoch they turn into blotchy strokes and rings: parts of \
        digits, and places where ink tells one digit from another. The first \
        layer starts small, a tenth of the usual He size, so the random start \
        does not drown what the data teaches. The roughness under the \
        pictures measures it on the centre 20×20, where digits are inked: \
        about 1 for static, 0.5 or less once they are smooth.

        Flattening throws the picture away. The network is not told that \
        pixel 300 sits just below pixel 272; if we shuffled the pixels the \
        same way in every image, it would learn just as well. It has to \
        learn separately, for every position, what a stroke looks like, and a \
        digit shifted by three pixels is almost a new problem. Convolutional \
        networks, two lessons ahead, build that knowledge in.

        It opens paused on its first frame: press Space to start. \
        It trains at 100 batches a second, so the first epoch takes about 17 \
        seconds and you can watch the weights form. Press f for full speed \
        (f again: back to 100), < > to step the speed.
        """,
        data: .mnist(trainCount: 55_000, validationCount: 5_000, testCount: 10_000, flattened: true),
        // The first layer starts at He × 0.1: from full-size static its 784
        // weights per unit barely move in an epoch and stay noisy.
        model: .network(.classifier(inputs: 784, hidden: [100], classes: 10, activation: .relu)
            .scalingFirstLayerInit(by: 0.1)),
        knobs: Hyperparameters(learningRate: 0.001, optimizer: .adam, batchSize: 32),
        panel: [.learningRate, .optimizer, .batchSize, .weightDecay, .dropout, .speed],
        experiments: [
            Experiment("Watch the weight pictures during the first epoch",
                       keys: [.reset, .stepEpoch, .words("(it pauses at the epoch's end)")],
                       expect: "static turns into smooth blobs and strokes, most of them in the centre where digits are inked; roughness falls from about 1 to below 0.5.",
                       done: { $0.epochsInRun >= 1 }),
            Experiment("Train for three epochs",
                       keys: [.reset, .words("and let it run: it pauses after 3 epochs")],
                       expect: "test accuracy around 97%, shown as the final verdict when the run pauses at its planned three epochs.",
                       done: { $0.testAccuracyShown != nil && $0.epochsInRun >= 3 }),
            Experiment("Set L2 decay to 0.0001",
                       keys: [.select(.weightDecay), .press("]"), .press("+"), .expect(.weightDecay, "0.0001"), .reset],
                       expect: "the weight pictures get cleaner: pixels near the border, never inked, fade to zero.",
                       done: { $0.knobs.hyperparameters.weightDecay >= 0.000099 && $0.freshRun(since: .weightDecay, atLeast: 1) && $0.epochsInRun >= 1 }),
        ],
        visuals: [.firstLayerWeights, .lossCurves, .prediction, .confusionMatrix, .network],
        defaultSpeed: .perSecond(100))
}
