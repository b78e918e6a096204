import Lessons
import MiniNN

/// A run pinned with `p`: it stays on the loss charts, dimmed, through
/// resets and knob changes, until `P`.
struct PinnedRun: Sendable, Equatable {
    /// Its curves: as they were when pinned, then whole once the run ends.
    var run: FinishedRun
    /// The panel's knobs it ran with (the learning rate and the other
    /// training knobs as its last batch used them).
    var knobs: KnobSettings
    /// Set for a run from the history, shown before its label ("earlier: lr 0.1").
    var origin: String?
    /// The history's id of a run pinned from it (so it is pinned once).
    var historyID: String?
}

/// A run the loss charts draw beside the live one: its number (drawn where
/// its line ends) and what sets it apart from the live run.
struct ShownPin: Sendable, Equatable {
    var number: Int
    var label: String
    var run: FinishedRun
}

extension LessonScreen {
    /// How many runs `p` keeps; a fifth drops the oldest.
    static let pinCapacity = 4

    /// `p`: the run in progress stays on the charts after the next reset or
    /// knob change. Its curves so far are kept now, and the rest when it ends.
    mutating func pinCurrentRun() {
        guard session != nil, lesson.visuals.contains(.lossCurves) else {
            note = "nothing to pin: this lesson draws no loss curves"
            return
        }
        guard let snapshot, !snapshot.lossCurve.isEmpty else {
            note = "nothing to pin yet: train a few batches first (Space)"
            return
        }
        guard !pins.contains(where: { $0.run.runNumber == snapshot.runNumber }) else {
            note = "this run is already pinned (P clears the pins)"
            return
        }
        var dropped = false
        if pins.count >= Self.pinCapacity {
            pins.removeFirst()
            dropped = true
        }
        var ranWith = knobs
        if let used = snapshot.knobsInEffect { ranWith.hyperparameters = used }
        let run = FinishedRun(snapshot, label: "seed \(snapshot.seed)")
        pins.append(PinnedRun(run: run, knobs: ranWith))
        note = "pinned run \(pins.count) of \(Self.pinCapacity)\(dropped ? " (the oldest pin dropped)" : ""): "
            + "change a knob and press r to compare; P clears"
    }

    /// `P`: no pinned runs, and the last run is no longer drawn either.
    mutating func clearPins() {
        let count = shownPins.count
        pins.removeAll()
        hiddenRunNumber = snapshot?.previousRun?.runNumber
        note = count == 0 ? "no pinned runs to clear" : "cleared \(count) pinned run\(count == 1 ? "" : "s")"
    }

    /// A kept run of the lesson (``RunHistory``) on the charts: the last one
    /// as the lesson opens, so the learner sees where they got to last time
    /// beside the new run, or one picked from the list (`o`, then `p`); P
    /// clears them. Returns why it was not pinned, or nil.
    @discardableResult
    mutating func pinEarlierRun(_ record: RunRecord) -> String? {
        guard session != nil, lesson.visuals.contains(.lossCurves) else { return "this lesson draws no loss curves" }
        guard !record.curve.isEmpty else { return "that run has no curve to draw" }
        guard !pins.contains(where: { $0.historyID == record.id }) else { return "that run is already on the charts" }
        if pins.count >= Self.pinCapacity { pins.removeFirst() }
        var run = FinishedRun(label: "earlier", curve: record.curve.map {
            TrainingSnapshot.LossPoint(epoch: $0.epoch, loss: $0.loss, accuracy: $0.accuracy)
        }, validation: record.validation.map { FinishedRun.EpochPoint(epoch: $0.epoch, loss: $0.loss, accuracy: $0.accuracy) })
        run.runNumber = -1
        run.hyperparameters = record.hyperparameters
        run.seed = record.seed
        run.trainingSeconds = record.seconds
        run.curveItems = record.items
        var ranWith = knobs
        ranWith.hyperparameters = record.hyperparameters
        // Its data by name, so a run on other data is labelled by it ("earlier: XOR").
        if let choice = lesson.dataChoices.firstIndex(where: { $0.displayName == record.data }) { ranWith.dataChoice = choice }
        pins.append(PinnedRun(run: run, knobs: ranWith, origin: "earlier", historyID: record.id))
        return nil
    }

    /// A pinned run that just ended gets its whole curves (it was pinned part way).
    mutating func completePins(from snapshot: TrainingSnapshot) {
        guard let ended = snapshot.previousRun,
              let index = pins.firstIndex(where: { $0.run.runNumber == ended.runNumber }) else { return }
        let label = pins[index].run.label
        pins[index].run = ended
        pins[index].run.label = label
    }

    /// What the loss charts draw beside the live run: the pins that are not
    /// the live run itself, then the last run unless it is pinned or cleared.
    var shownPins: [ShownPin] {
        if let race { return race.rivals }
        let live = snapshot?.runNumber
        var shown: [ShownPin] = []
        for pin in pins where pin.run.runNumber != live {
            shown.append(ShownPin(number: shown.count + 1, label: label(of: pin), run: pin.run))
        }
        if let last = snapshot?.previousRun, !last.isEmpty, last.runNumber != hiddenRunNumber,
           !pins.contains(where: { $0.run.runNumber == last.runNumber }), shown.count < Self.pinCapacity {
            var ranWith = knobs
            if let used = last.hyperparameters { ranWith.hyperparameters = used }
            let differences = differences(from: ranWith)
            shown.append(ShownPin(number: shown.count + 1,
                                  label: "last run: " + (differences.isEmpty ? last.label : differences), run: last))
        }
        return shown
    }

    /// "lr 0.1", "dropout 0.5, L2 1e-4": the panel's knobs where the pin's differ
    /// from the live ones; else its seed, or "same knobs".
    private func label(of pin: PinnedRun) -> String {
        let prefix = pin.origin.map { "\($0): " } ?? ""
        let differences = differences(from: pin.knobs)
        if !differences.isEmpty { return prefix + differences }
        return prefix + (pin.run.seed != snapshot?.seed ? "seed \(pin.run.seed)" : "same knobs")
    }

    private func differences(from other: KnobSettings) -> String {
        let choices = lesson.dataChoices
        return panel.filter(\.setsApartARun).compactMap { kind -> String? in
            let theirs = other.display(kind, dataChoices: choices)
            guard theirs != knobs.display(kind, dataChoices: choices) else { return nil }
            return kind.shortLabel.map { "\($0) \(theirs)" } ?? theirs
        }.joined(separator: ", ")
    }
}

extension KnobKind {
    /// Whether two runs that differ in it are different experiments (the
    /// speed only changes how fast one is watched).
    fileprivate var setsApartARun: Bool {
        switch self {
        case .speed, .confidenceThreshold, .handKernel, .stride, .padding: false
        default: true
        }
    }

    /// The knob's name in a pin's label; nil where the value says it ("adam", "tanh").
    fileprivate var shortLabel: String? {
        switch self {
        case .learningRate: "lr"
        case .batchSize: "batch"
        case .dropout: "dropout"
        case .weightDecay: "L2"
        case .l1: "L1"
        case .noise: "noise"
        case .validationFraction: "val"
        case .labelNoise: "label noise"
        case .shift: "shift"
        case .perDigit: "per digit"
        case .flip: "flip"
        case .optimizer, .data, .activation, .initScale, .speed, .confidenceThreshold, .handKernel, .stride, .padding,
             .start: nil
        }
    }
}
