import MiniNN

extension Course {
    /// Lesson 11: everything, chosen by the learner.
    public static let sandbox = Lesson(
        id: 11,
        slug: "sandbox",
        title: "Sandbox",
        summary: "Any dataset, any layer stack, every knob.",
        learn: [
            "choose a dataset, a layer stack, a loss and an optimizer",
            "train it live with every knob",
            "save and export what you built",
        ],
        text: """
        The sandbox has no lesson text and no right answer. Choose the data \
        (the 2-D sets, iris, MNIST or a CSV file of your own), the hidden layers and their \
        activation, or the convnet for MNIST; then the loss and the \
        optimizer. The live view is the lessons' own and every knob works; \
        it opens paused: press Space to start.

        Some questions to ask it: what is the smallest network that solves \
        the circles? Does a deeper network on circles train faster or slower \
        than a wider one? How much dropout can the MNIST MLP take before it \
        underfits? Press e to save the weights (safetensors) and an ONNX \
        export; the path is shown on screen.
        """,
        data: .toy(.spirals, count: 500, noise: 0.05, validationFraction: 0.2),
        alternatives: [
            .toy(.and, count: 200, noise: 0.15, validationFraction: 0.2),
            .toy(.or, count: 200, noise: 0.15, validationFraction: 0.2),
            .toy(.xor, count: 300, noise: 0.15, validationFraction: 0.2),
            .toy(.blobs, count: 300, noise: 0.3, validationFraction: 0.2),
            .toy(.circles, count: 400, noise: 0.1, validationFraction: 0.2),
            .iris(features: [0, 1, 2, 3], species: [0, 1, 2], validationFraction: 0.2),
            .mnist(trainCount: 55_000, validationCount: 5_000, testCount: 10_000, flattened: true),
        ],
        model: .network(.classifier(inputs: 2, hidden: [16, 16], classes: 2, activation: .tanh)),
        knobs: Hyperparameters(learningRate: 0.01, optimizer: .adam, batchSize: 32),
        panel: [.learningRate, .optimizer, .batchSize, .dropout, .weightDecay, .l1, .noise, .validationFraction, .speed],
        experiments: [
            Experiment("Train circles with hidden layers of 2, then 4",
                       keys: [.press("Esc"), .press("Enter"), .words("for the setup"), .form(row: "data", value: "circles"), .form(row: "hidden layers", value: "2"),
                              .form(row: "Start", value: ""), .press("Enter"), .words("; then the same with 4")],
                       expect: "two ReLU units make one bent boundary, a wedge: about 86% at best; with four the boundary closes around the inner circle (100% on validation).",
                       // Both halves, in order, each 20 epochs (200 batches): the 2-unit run
                       // on an earlier setup (or before fresh weights), then the 4-unit run now.
                       done: { $0.dataName == "circles" && $0.hiddenWidths == [4] && $0.epochsInRun >= 20
                           && $0.ranEarlier(on: "circles", hiddenWidths: [2], epochs: 20) }),
            Experiment("Train the convnet on MNIST and export it",
                       keys: [.press("Esc"), .press("Enter"), .words("for the setup"), .form(row: "data", value: "MNIST (55,000 images)"),
                              .form(row: "hidden layers", value: "convnet (MNIST only)"), .form(row: "Start", value: ""),
                              .press("Enter"), .press("e"), .words("to export")],
                       expect: "the export directory holds model.safetensors and model.onnx.",
                       done: { $0.convolutional && $0.exported }),
        ],
        visuals: [.lossCurves, .decisionBoundary, .network, .neuronMaps, .confusionMatrix],
        defaultSpeed: .perSecond(100))
}
