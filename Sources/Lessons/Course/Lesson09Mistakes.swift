import MiniNN

extension Course {
    /// Lesson 9: confidence, mistakes, and knowing when not to answer.
    public static let mistakes = Lesson(
        id: 9,
        title: "When the network is wrong",
        summary: "Confidences, the most confident mistakes, and a threshold for \"not sure\".",
        learn: [
            "what a softmax probability does and does not tell you",
            "what the network's worst mistakes look like",
            "how a confidence threshold trades answers for accuracy",
        ],
        text: """
        A trained network answers every question, even a scribble that is no \
        digit at all. Softmax always picks a class and always produces \
        probabilities that sum to one. The largest one, the confidence, is \
        the network's own estimate of how likely it is to be right.

        Look at the test digits it gets wrong, sorted by how sure it was. \
        Some mistakes are forgivable: a 4 with a closed top that is a 9 to \
        any reader, a 7 with a bar that reads as a 2. Some labels are \
        arguably wrong. Others are confident and wrong about a digit any \
        person reads at a glance: those show what the network has not learned.

        Cross-entropy rewards confidence on the training set, so networks \
        tend to be over-confident on new data: of the answers given with 99% \
        confidence, fewer than 99% are right.

        Still, confidence ranks answers well. Choose a threshold: below it, \
        the network says "not sure" and hands the digit to a person. Raise \
        the threshold and the network answers fewer digits, but gets more of \
        those right. The panel shows both numbers: the share of test digits \
        answered (coverage) and the accuracy on them. Where to set the \
        threshold depends on what a mistake costs compared to asking.
        """,
        data: .mnist(trainCount: 20_000, validationCount: 2_000, testCount: 10_000, flattened: true),
        model: .network(.classifier(inputs: 784, hidden: [64], classes: 10, activation: .relu)),
        knobs: Hyperparameters(learningRate: 0.1, optimizer: .sgd, batchSize: 32),
        panel: [.confidenceThreshold, .learningRate, .batchSize],
        experiments: [
            Experiment("Train two epochs, then look at the mistakes panel",
                       keys: [.reset, .stepEpoch, .stepEpoch, .words("again once it pauses")],
                       expect: "the top mistakes are often given with over 90% confidence; several are ambiguous digits."),
            Experiment("Raise the threshold to 0.99",
                       keys: [.select(.confidenceThreshold), .press("]"), .expect(.confidenceThreshold, "0.99")],
                       expect: "coverage drops (more \"not sure\"), accuracy on the answered digits rises towards 99.5%+."),
            Experiment("Lower the threshold to 0.5",
                       keys: [.select(.confidenceThreshold), .press("[", times: 2), .expect(.confidenceThreshold, "0.5")],
                       expect: "almost everything is answered, and accuracy falls back to the plain test accuracy."),
        ],
        visuals: [.confidentMistakes, .prediction, .lossCurves, .confusionMatrix])
}
