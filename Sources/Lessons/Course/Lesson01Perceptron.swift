import MiniNN

extension Course {
    /// Lesson 1: one neuron, a straight line, and the problem it cannot solve.
    public static let perceptron = Lesson(
        id: 1,
        slug: "perceptron",
        title: "The perceptron",
        summary: "One neuron draws one straight line: AND and OR yes, XOR never.",
        learn: [
            "what a single artificial neuron computes",
            "how Rosenblatt's rule nudges the line after every mistake",
            "why no line can separate XOR, however long you train",
        ],
        text: """
        A perceptron takes a few numbers x₁, x₂, … and answers yes or no. It \
        multiplies each input by a weight, adds a bias, and says yes when the \
        sum w₁x₁ + w₂x₂ + b is at least zero. That is all: one weighted vote \
        and a threshold.

        In the plane, the points where w₁x₁ + w₂x₂ + b = 0 form a straight \
        line. Everything on one side is "yes", everything on the other "no". \
        The weights set the line's direction, the bias slides it. So a \
        perceptron can only ever tell apart two groups that some straight line \
        separates: the groups must be linearly separable.

        Learning is Rosenblatt's rule, from 1958. Show the perceptron one \
        example. If it answers right, change nothing. If it says "no" where \
        the answer was "yes", add the input (times the learning rate) to the \
        weights; if it says "yes" wrongly, subtract it. Each correction tips \
        the line towards the misclassified point. When the two groups are \
        separable, the perceptron convergence theorem guarantees that this \
        stops after finitely many mistakes, with every point on its side.

        AND (yes only when both inputs are on) and OR (yes when either is) \
        are separable: watch the line settle. XOR (yes when exactly one is on) \
        puts the "yes" corners diagonally opposite each other. Any line that \
        puts both of them on one side takes at least one "no" corner with \
        them: no line gets all four corners, and the best line misclassifies \
        a whole corner. The rule then never settles: it keeps fixing one \
        mistake by making another.

        The same neuron works on real measurements. Iris setosa and \
        versicolor flowers differ so clearly in petal length and width that \
        one line splits them: this is the kind of data perceptrons were built \
        for.

        It opens paused on its first frame: press Space to start. \
        It trains at 100 points a second; < > (or the speed knob) change \
        that, f is full speed.
        """,
        data: .toy(.and, count: 200, noise: 0.15, validationFraction: 0.2),
        alternatives: [
            .toy(.or, count: 200, noise: 0.15, validationFraction: 0.2),
            .toy(.xor, count: 200, noise: 0.15, validationFraction: 0.2),
            .iris(features: [2, 3], species: [0, 1], validationFraction: 0.2),
        ],
        model: .perceptron(inputs: 2),
        knobs: Hyperparameters(learningRate: 0.1, optimizer: .sgd, batchSize: 1),
        panel: [.data, .learningRate, .noise, .validationFraction, .speed],
        experiments: [
            Experiment("Train on AND, then switch the data to OR",
                       keys: [.select(.data), .press("+"), .expect(.data, "OR")],
                       expect: "the line moves until every point is on its side; accuracy reaches 100%.",
                       done: { $0.dataName == "OR" && $0.trained(100, since: .data) }),
            Experiment("Switch the data to XOR and let it run",
                       keys: [.select(.data), .press("+", times: 2), .expect(.data, "XOR")],
                       expect: "the line keeps jumping and never settles: no line gets all four corners, and validation accuracy never beats the best line, which misclassifies a whole corner (77–85% here, by seed).",
                       done: { $0.dataName == "XOR" && $0.trained(300, since: .data) }),
            Experiment("Raise the noise to 0.4 on AND",
                       keys: [.select(.noise), .press("]"), .expect(.noise, "0.4")],
                       expect: "the corner clouds grow towards the line: points land close to it and the rule needs many more corrections to settle; for some draws of the points no line separates them all, and it never settles.",
                       done: { $0.dataName == "AND" && $0.knobs.noise >= 0.399 && $0.trained(100, since: .noise) }),
            Experiment("Switch to iris (petal length and width)",
                       keys: [.select(.data), .press("-"), .expect(.data, "iris, 2 species")],
                       expect: "real flowers, one clean line between setosa and versicolor.",
                       done: { $0.dataName == "iris, 2 species" && $0.trained(80, since: .data) }),
        ],
        visuals: [.decisionBoundary, .lossCurves, .network],
        defaultSpeed: .perSecond(100))
}
