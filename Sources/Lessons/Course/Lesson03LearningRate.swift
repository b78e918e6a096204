import MiniNN

extension Course {
    /// Lesson 3: gradient descent and its step size.
    public static let learningRate = Lesson(
        id: 3,
        slug: "learning-rate",
        title: "Backpropagation and the learning rate",
        summary: "Gradients say which way is downhill; the learning rate says how far to step.",
        learn: [
            "what the loss measures and what its gradient tells you",
            "how backpropagation gets every weight's gradient in one pass",
            "why a learning rate too small crawls and one too large diverges",
        ],
        text: """
        Training needs a number that says how wrong the network is: the loss. \
        Here it is the quadratic cost, the mean squared error: the network \
        gives one score per class, the target is 1 for the right class and 0 \
        for the other, and the loss averages the squared differences. It is \
        zero only when every score hits its target.

        The loss depends on every weight. Its gradient is the list of partial \
        derivatives ∂loss/∂w: for each weight, how much the loss would rise if \
        that weight grew a little. Gradient descent steps every weight a little \
        against its derivative, w ← w − η · ∂loss/∂w. The step size η is the \
        learning rate.

        Backpropagation computes all those derivatives at once with the chain \
        rule. The forward pass keeps each layer's input. The backward pass \
        starts from the loss's gradient with respect to the output and walks \
        back: each layer turns the gradient of its output into the gradient of \
        its input, and on the way adds up the gradient of its own weights. One \
        backward pass costs about as much as two forward passes, whatever the \
        number of weights.

        The gradient is only a local slope. A tiny learning rate follows it \
        faithfully but takes thousands of steps. A larger one gets there \
        faster, until the steps overshoot the bottom of the valley and land \
        higher on the other side. Then each step overshoots more than the \
        last, the weights grow without bound, and the loss becomes infinite, \
        then not a number at all. The playground stops when that happens and \
        says so. Mini-batches make each step cheap but noisy: the gradient of \
        32 examples only estimates the gradient of all of them. A batch (or \
        mini-batch) is those few examples, averaged into one step; an epoch \
        is one pass over every training example, so the 320 training points \
        here make 10 batches of 32 per epoch.

        It opens paused on its first frame: press Space to start. \
        It trains at 30 batches a second, so you see each learning rate's \
        steps. Press > for faster, < for slower, f for full speed. To \
        compare two learning rates, press p to pin the run, change the \
        rate and press r: the pinned run stays on the loss chart, dimmed, \
        numbered and named by its rate ("1 lr 0.1"). P clears the pins.
        """,
        data: .toy(.circles, count: 400, noise: 0.1, validationFraction: 0.2),
        model: .network(.classifier(inputs: 2, hidden: [16], classes: 2, activation: .tanh,
                                    loss: .meanSquaredError)),
        knobs: Hyperparameters(learningRate: 0.1, optimizer: .sgd, batchSize: 32),
        panel: [.learningRate, .batchSize, .optimizer, .noise, .speed],
        experiments: [
            Experiment("Set the learning rate to 0.001",
                       keys: [.select(.learningRate), .press("[", times: 2), .expect(.learningRate, "0.001")],
                       expect: "the loss only creeps down and validation accuracy stays near chance (under 65%) for 100 epochs: each step is correct but tiny.",
                       done: { $0.knobs.hyperparameters.learningRate <= 0.0011 && $0.trained(150, since: .learningRate) }),
            Experiment("Set it to 0.5",
                       keys: [.select(.learningRate), .press("+", times: 2), .expect(.learningRate, "0.5")],
                       expect: "faster: validation accuracy passes 90% within 30 epochs, where 0.1 needs up to 100. At 1 the loss jumps back up now and then; at 2 it diverges.",
                       done: { abs($0.knobs.hyperparameters.learningRate - 0.5) < 0.01 && $0.trained(100, since: .learningRate) }),
            Experiment("Set it to 10",
                       keys: [.select(.learningRate), .press("]", times: 2), .expect(.learningRate, "10")],
                       expect: "the loss explodes: within 15 batches it is no longer a number, and training stops and says it diverged. Lower the learning rate, then press r to start again.",
                       done: { ($0.divergedLearningRate ?? 0) >= 5 }),
            Experiment("Set the batch size to 1, then 128",
                       keys: [.select(.batchSize), .press("[", times: 3), .expect(.batchSize, "1"), .press("]", times: 3), .press("+"), .expect(.batchSize, "128")],
                       expect: "batch 1 gives a ragged curve (noisy gradients, 320 steps per epoch), 128 a far smoother one with 3 steps per epoch.",
                       done: { $0.trained(100, with: .batchSize, at: "1") && $0.trained(30, with: .batchSize, at: "128") }),
        ],
        visuals: [.lossCurves, .decisionBoundary, .network],
        defaultSpeed: .perSecond(30))
}
