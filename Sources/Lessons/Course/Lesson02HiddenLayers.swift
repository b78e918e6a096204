import MiniNN

extension Course {
    /// Lesson 2: hidden layers bend the boundary.
    public static let hiddenLayers = Lesson(
        id: 2,
        slug: "hidden-layers",
        title: "Hidden layers and activations",
        summary: "Stack neurons with a nonlinearity between them and the boundary bends.",
        learn: [
            "why a hidden layer lets a network solve XOR",
            "why the activation function must be nonlinear",
            "how sigmoid, tanh and ReLU shape the boundary",
        ],
        text: """
        One neuron draws one line. Put several neurons side by side and each \
        draws its own line; feed their outputs into another neuron and it can \
        combine them: "above this line and below that one". Two lines are \
        enough for XOR. Those middle neurons are a hidden layer, hidden because \
        nobody tells them what to compute: training finds out.

        Between the layers sits an activation function. It has to be \
        nonlinear. A linear function of a linear function is still linear, so \
        without the bend a stack of a hundred layers draws the same straight \
        line as one neuron. With it, each layer can fold and stretch the plane \
        before the next one cuts it.

        The step function of the perceptron gives no hint which way to move a \
        weight: its slope is zero everywhere. So here we use smooth ones. The \
        sigmoid squashes any number into (0, 1); tanh into (−1, 1), centred \
        on zero, which usually trains faster. ReLU, max(0, x), is a hinge: \
        zero on one side, the identity on the other. Networks of ReLUs build \
        boundaries out of straight pieces; sigmoid and tanh give smooth \
        curves. The output layer gives one score per class, and softmax turns \
        the scores into probabilities.

        The heatmap shows the network's answer at every point of the plane, \
        with the training points on top. Watch it start as a blur, then bend \
        around the data. The small maps show what each hidden neuron computes \
        on its own: each one is a soft line, and the output mixes them.

        The optimizer turns gradients into steps. Plain SGD steps straight \
        down the gradient, times the learning rate. Momentum keeps a running \
        average of past gradients, so steps speed up along a steady slope and \
        zigzags cancel. Adam, used here, also divides each weight's step by a \
        running average of its gradient's size, so every weight moves at \
        about the learning rate, whatever the scale of its gradient.

        Each step averages the gradients of a mini-batch: as many points as \
        the batch size knob says (16 here). An epoch is one pass over all the \
        training points: XOR's 240 make 15 batches.

        It opens paused on its first frame: press Space to start. \
        It trains at 10 batches a second, slow enough to watch the boundary \
        bend (the status line shows the speed). Press > for faster, < for \
        slower, f for full speed.
        """,
        data: .toy(.xor, count: 300, noise: 0.15, validationFraction: 0.2),
        alternatives: [
            .toy(.circles, count: 400, noise: 0.1, validationFraction: 0.2),
            .toy(.spirals, count: 500, noise: 0.05, validationFraction: 0.2),
        ],
        model: .network(.classifier(inputs: 2, hidden: [32, 32], classes: 2, activation: .tanh)),
        knobs: Hyperparameters(learningRate: 0.01, optimizer: .adam, batchSize: 16),
        panel: [.data, .activation, .learningRate, .optimizer, .noise, .batchSize, .speed],
        experiments: [
            Experiment("Train on XOR from fresh weights",
                       keys: [.reset, .words("and watch")],
                       expect: "the boundary bends into two stripes; validation accuracy passes 95% within a few epochs, where no straight line gets all four corners.",
                       done: { $0.dataName == "XOR" && $0.batchesInRun >= 75 }),
            Experiment("Switch the data to spirals",
                       keys: [.select(.data), .press("+", times: 2), .expect(.data, "spirals")],
                       expect: "far harder. From the weights XOR left, tanh needs 40–100 epochs to wind the boundary along both arms (90%); press r for fresh weights and it stalls below 70% for 100 epochs. Switch the activation to ReLU (a fresh network) and it passes 90% within 50.",
                       done: { $0.dataName == "spirals" && $0.trained(200, since: .data) }),
            Experiment("Change the activation to ReLU, then to sigmoid",
                       keys: [.select(.activation), .press("+"), .expect(.activation, "relu"), .press("-", times: 2), .expect(.activation, "sigmoid")],
                       expect: "ReLU boundaries are made of straight segments; sigmoid trains more slowly than tanh: on XOR it needs over twice as many epochs to pass 95%.",
                       done: { $0.trained(50, with: .activation, at: "relu") && $0.trained(50, with: .activation, at: "sigmoid") }),
            Experiment("Set the activation to identity",
                       keys: [.select(.activation), .press("+", times: 2), .expect(.activation, "identity")],
                       expect: "the network is linear again: on XOR it does no better than the best straight line (under 80%), like the perceptron.",
                       done: { $0.knobs.activation == .identity && $0.trained(75, since: .activation) }),
        ],
        visuals: [.decisionBoundary, .lossCurves, .neuronMaps, .network],
        defaultSpeed: .perSecond(10))
}
