import MiniNN

extension Course {
    /// Lesson 4: softmax over three species, held-out data, confusion matrix.
    public static let manyClasses = Lesson(
        id: 4,
        slug: "many-classes",
        title: "Many classes",
        summary: "Softmax turns scores into probabilities over three iris species.",
        learn: [
            "how softmax gives one probability per class",
            "why we hold out data the network never trains on",
            "how to read a confusion matrix",
        ],
        text: """
        So far the answer was yes or no. Fisher's iris data has three species: \
        setosa, versicolor and virginica, 50 flowers each, four measurements \
        per flower. The network ends in three outputs, one score per species. \
        Softmax exponentiates the scores and divides by their sum, so they \
        become positive and add up to one: a probability for each class. The \
        loss is −log of the probability of the right species.

        A network can learn the training flowers by heart. What we want is \
        that it classifies flowers it has never seen. So 20% of the flowers \
        are set aside as a validation set: the network never trains on them, \
        so their accuracy says how it does on flowers it has not seen, and it \
        is the score to choose knobs by. Accuracy on the training set is the \
        optimistic one. (The MNIST lessons also keep a test set, looked at \
        only at the end, for the final verdict; 150 flowers are too few to \
        spare one.)

        The confusion matrix counts, for each true species (a row), which \
        species the network predicted (a column). A perfect classifier puts \
        every count on the diagonal. Setosa is easy: its petals are much \
        smaller. The mistakes, when there are any, sit between versicolor and \
        virginica, whose measurements come close: a few flowers of one sit \
        among flowers of the other, and a model trained on the rest often \
        gets them wrong.

        With only 30 validation flowers, one mistake costs 3.3 points of \
        accuracy. Small validation sets give coarse, jumpy estimates.

        It opens paused on its first frame: press Space to start. \
        It trains at 100 batches a second; < > (or the speed knob) change \
        that, f is full speed.
        """,
        data: .iris(features: [0, 1, 2, 3], species: [0, 1, 2], validationFraction: 0.2),
        model: .network(.classifier(inputs: 4, hidden: [16], classes: 3, activation: .relu)),
        knobs: Hyperparameters(learningRate: 0.05, optimizer: .sgd, batchSize: 16),
        panel: [.learningRate, .optimizer, .batchSize, .weightDecay, .speed],
        experiments: [
            Experiment("Watch the confusion matrix as it trains",
                       keys: [.reset, .words("and watch it for a few seconds")],
                       expect: "setosa is sorted out within the first few epochs; the last mistakes are versicolor ↔ virginica.",
                       done: { $0.batchesInRun >= 300 }),
            Experiment("Restart with new seeds",
                       keys: [.press("r", times: 3)],
                       expect: "new weights, but the same 30 held-out flowers: after 100 epochs validation accuracy moves by one flower at most. Which flowers are held out matters more: other splits of the same data score 93–100%.",
                       done: { $0.resets >= 3 && $0.epochsInRun >= 100 }),
            Experiment("Switch the optimizer to adam",
                       keys: [.select(.optimizer), .press("+", times: 2), .expect(.optimizer, "adam"), .reset],
                       expect: "the loss drops faster in the first epochs: after 3 it is well below plain SGD's.",
                       done: { $0.knobs.hyperparameters.optimizer == .adam && $0.freshRun(since: .optimizer, atLeast: 24) }),
        ],
        visuals: [.lossCurves, .confusionMatrix, .network],
        defaultSpeed: .perSecond(100))
}
