import MiniNN

extension Course {
    /// Lesson 5: a big network on little data, and what reins it in.
    public static let overfitting = Lesson(
        id: 5,
        slug: "overfitting",
        title: "Overfitting and regularization",
        summary: "A big network memorises 1,000 digits; decay, dropout and shifted digits narrow the gap.",
        learn: [
            "how to read underfitting and overfitting from two curves",
            "what L2 and L1 weight decay do to the weights",
            "why dropout stops neurons from relying on each other",
            "how shifting the images makes more data, and why mirroring digits does not",
        ],
        text: """
        Give a network with 270,000 weights only 1,000 handwritten digits and \
        it can learn each one by heart, noise and quirks included. The \
        training loss keeps falling towards zero. The validation loss, on \
        digits it has not seen, falls at first and then turns and rises: the \
        network is now learning things that are true of these 1,000 digits \
        and of no others. That is overfitting, and the gap between the two \
        curves measures it.

        The other failure looks different. When both curves are high and \
        close together, the network is underfitting: too small, too little \
        trained, or a learning rate too low. More capacity or more training \
        helps there; regularization would make it worse.

        L2 weight decay adds λ·w to every weight's gradient, so each step \
        also shrinks the weights a little towards zero. A weight survives only \
        if the data keeps pushing it up. Large weights make sharp, wiggly \
        functions; small ones make smooth functions that generalise better. \
        L1 decay adds λ·sign(w) instead: it pulls every weight by the same \
        amount, so the weights the data does not need (those of the blank \
        border pixels, say) shrink to near zero and jitter there, not exactly \
        at zero. Try 0.0001.

        Dropout switches off each hidden neuron at random, with probability \
        p, on every training step (and scales the survivors by 1/(1−p), so \
        nothing changes at test time, when all neurons are on). No neuron can \
        count on a particular partner being there, so each has to be useful \
        on its own; it is like training many thinner networks and averaging \
        them. The training curve is measured with dropout on, so it sits \
        higher than the network's real training loss; the validation curve \
        runs with every neuron on.

        At the values named here, each lowers the best validation \
        loss; on 1,000 digits validation accuracy moves by a point or so at \
        most (about 90%). The honest way to pick λ or p is by the validation \
        curve.

        The third cure changes the data, not the network: make more of it. \
        A digit moved a pixel or two is still the same digit, so the shift \
        knob moves every training image by up to that many pixels each way, \
        drawn afresh every batch: the network never sees the same picture \
        twice, and cannot learn the 1,000 by heart. At ±2 px the lowest \
        validation loss falls from about 0.40 to about 0.25, and validation \
        accuracy rises to about 92%. The flip knob mirrors half the images \
        left to right. Those are new pictures too, but not new digits: a \
        mirrored 2, 3 or 7 is no digit at all, and the lowest validation loss \
        gets worse (about 0.49), with accuracy a couple of points lower. A \
        change helps only when it keeps the label true. Both knobs turn live, \
        like the others, and the "what the network sees" panel draws one \
        training digit as the batches show it (on a small screen, press Tab \
        until the loss panel is framed, then → twice).

        It opens paused on its first frame: press Space to start. \
        It trains at 30 batches a second, about one epoch a second, so you can \
        watch the validation loss turn. Press f for full speed, < > to step.
        """,
        data: .mnist(trainCount: 1_000, validationCount: 1_000, testCount: 1_000, flattened: true),
        model: .network(.classifier(inputs: 784, hidden: [256, 256], classes: 10, activation: .relu,
                                    dropout: true)),
        knobs: Hyperparameters(learningRate: 0.001, optimizer: .adam, batchSize: 32),
        panel: [.dropout, .weightDecay, .l1, .shift, .flip, .learningRate, .batchSize, .speed],
        experiments: [
            Experiment("Train with no regularization for 15 epochs",
                       keys: [.reset, .words("and let it run")],
                       expect: "training loss heads to zero while validation loss bottoms out and climbs: the gap opens.",
                       done: { $0.epochsInRun >= 15 && $0.knobs.hyperparameters.dropout == 0 && $0.knobs.hyperparameters.weightDecay == 0 && $0.knobs.hyperparameters.l1 == 0 && $0.knobs.hyperparameters.augmentation.isNone && [.dropout, .weightDecay, .l1, .shift, .flip].allSatisfy($0.unchangedDuringRun) }),
            Experiment("Set dropout to 0.5 and train again",
                       keys: [.select(.dropout), .press("]", times: 2), .expect(.dropout, "0.5"), .reset],
                       expect: "training loss stays higher, validation loss stays lower: the gap narrows.",
                       done: { $0.knobs.hyperparameters.dropout >= 0.5 && $0.freshRun(since: .dropout, atLeast: 1) && $0.epochsInRun >= 10 }),
            Experiment("Set L2 decay to 0.001 instead (dropout 0)",
                       keys: [.select(.weightDecay), .press("]", times: 2), .press("+"), .expect(.weightDecay, "0.001"), .reset],
                       expect: "a smaller effect: the gap narrows a little and the lowest validation loss dips. At 0.01 the gap narrows more, but the lowest validation loss is worse than with no decay: it underfits.",
                       done: { $0.knobs.hyperparameters.weightDecay >= 0.00099 && $0.knobs.hyperparameters.dropout == 0 && $0.unchangedDuringRun(.dropout) && $0.freshRun(since: .weightDecay, atLeast: 1) && $0.epochsInRun >= 10 }),
            Experiment("Shift the digits by up to 2 pixels (dropout and decay 0)",
                       keys: [.select(.shift), .press("+", times: 2), .expect(.shift, "±2 px"), .reset],
                       expect: "the training loss stays well above zero and the lowest validation loss falls to about 0.25, against about 0.40 without: the gap is less than half as wide.",
                       done: { $0.knobs.hyperparameters.augmentation.maxShift >= 2 && $0.knobs.hyperparameters.dropout == 0 && $0.knobs.hyperparameters.weightDecay == 0 && $0.freshRun(since: .shift, atLeast: 1) && $0.epochsInRun >= 12 }),
            Experiment("Mirror half the digits instead (shift off)",
                       keys: [.select(.shift), .press("-", times: 2), .select(.flip), .press("+"), .expect(.flip, "on"), .reset],
                       expect: "worse, not better: the lowest validation loss rises to about 0.49. A mirrored digit is not the same digit.",
                       done: { $0.knobs.hyperparameters.augmentation.flipsHorizontally && $0.knobs.hyperparameters.augmentation.maxShift == 0 && $0.freshRun(since: .flip, atLeast: 1) && $0.epochsInRun >= 10 }),
            Experiment("Turn dropout up while the gap is open",
                       keys: [.select(.dropout), .press("]", times: 2), .expect(.dropout, "0.5")],
                       expect: "no reset needed: the training loss jumps up and the curves start to close.",
                       done: { $0.knobs.hyperparameters.dropout >= 0.5 && ($0.runBatchesWhenSet(.dropout) ?? 0) >= 300 && $0.trained(64, since: .dropout) }),
        ],
        visuals: [.lossCurves, .firstLayerWeights, .augmentedDigits, .network],
        defaultSpeed: .perSecond(30))
}
