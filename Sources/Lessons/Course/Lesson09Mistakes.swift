import MiniNN

extension Course {
    /// Lesson 9: confidence, mistakes, and knowing when not to answer.
    public static let mistakes = Lesson(
        id: 9,
        slug: "mistakes",
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

        Look at the test digits it gets wrong, sorted by how sure it was, and \
        judge each one: would you have read it right? Where you would not, \
        the digit or its label is ambiguous; where you would at a glance, the \
        mistake shows what the network has not learned. The confusion matrix shows \
        which digits it mixes up: after the planned three epochs the commonest \
        mistakes are a 5 read as a 3, a 4 and a 9 taken for each other, and a \
        7 read as a 2.

        Is the confidence an honest estimate? The calibration panel groups \
        the test digits by the confidence given and shows, for each group, \
        the mean confidence (said) against the share that is right (right). \
        A calibrated network is right 90% of the time when it says 90%. \
        Cross-entropy rewards confidence, so you might expect this one to \
        claim too much. Measured after its planned three epochs, it errs the \
        other way: in the groups that hold almost all digits it is right a \
        little more often than it says, and of the answers given with 99% \
        confidence or more, 99.9% are right.

        And confidence ranks answers well. Choose a threshold: below it, \
        the network says "not sure" and hands the digit to a person. Raise \
        the threshold and the network answers fewer digits, but gets more of \
        those right. The panel shows both numbers: the share of test digits \
        answered (coverage) and the accuracy on them. Where to set the \
        threshold depends on what a mistake costs compared to asking.

        It opens paused on its first frame: press Space to start. \
        It trains at full speed; < (or the speed knob) slows it down.
        """,
        data: .mnist(trainCount: 20_000, validationCount: 2_000, testCount: 10_000, flattened: true),
        model: .network(.classifier(inputs: 784, hidden: [64], classes: 10, activation: .relu)),
        knobs: Hyperparameters(learningRate: 0.1, optimizer: .sgd, batchSize: 32),
        panel: [.confidenceThreshold, .learningRate, .batchSize, .speed],
        experiments: [
            Experiment("Let the run reach its planned three epochs, then look at the mistakes panel",
                       keys: [.reset, .words("and let it run: it pauses after 3 epochs")],
                       expect: "the eight most confident mistakes are all given with over 95% confidence; would you have read them right?",
                       done: { $0.testAccuracyShown != nil && $0.epochsInRun >= 3 }),
            Experiment("Raise the threshold to 0.99",
                       keys: [.select(.confidenceThreshold), .press("]"), .expect(.confidenceThreshold, "0.99")],
                       expect: "coverage drops to about half the digits, and 99.9% of those answered are right (about 4 mistakes in 4,800).",
                       done: { $0.knobs.confidenceThreshold >= 0.989 && $0.epochsInRun >= 1 }),
            Experiment("Lower the threshold to 0.5",
                       keys: [.select(.confidenceThreshold), .press("[", times: 2), .expect(.confidenceThreshold, "0.5")],
                       expect: "about 98% of the digits are answered, at about 95.7% accuracy: a point above the plain test accuracy of 94.5%.",
                       done: { $0.knobs.confidenceThreshold <= 0.501 && $0.epochsInRun >= 1 }),
        ],
        visuals: [.confidentMistakes, .calibration, .prediction, .lossCurves, .confusionMatrix],
        defaultSpeed: .full)
}
