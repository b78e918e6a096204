import MiniNN

/// What the learner has done on a lesson screen, as the experiments' checks
/// read it: the knobs as they are, when each was last set, and what the
/// training did since. The playground fills it from the session's snapshots
/// and the keys; an ``Experiment``'s `isDone` is a pure function of it.
///
/// Batches are counted by the screen over its whole life (every run, every
/// reset), so "batches since a knob was set" survives a reset, while
/// ``batchesInRun`` starts over whenever the weights are fresh.
public struct LessonState: Sendable, Equatable {
    /// The knobs as the panel shows them now.
    public var knobs: KnobSettings
    /// The knob the panel selects (nil: the lesson has none).
    public var selectedKnob: KnobKind?
    /// The lesson's data sets, so the data knob reads as a name.
    public let dataChoices: [LessonData]
    /// Batches trained since the weights were last fresh: the lesson opened,
    /// `r`, or a rebuild (another activation, init scale, data of another shape).
    public var batchesInRun = 0
    /// Epochs finished in the current run.
    public var epochsInRun = 0
    /// Times `r` was pressed.
    public var resets = 0
    /// Whether training stopped because the loss stopped being a number (or collapsed).
    public var diverged = false
    /// The learning rate of the step that diverged, while the run is diverged.
    public var divergedLearningRate: Float?
    /// Whether training is paused (or has not started).
    public var paused = true
    /// The test accuracy on screen as the final verdict of a planned run (nil: not shown).
    public var testAccuracyShown: Float?
    /// Validation accuracy after the last finished epoch.
    public var validationAccuracy: Float?
    /// Whether an export succeeded since the lesson opened.
    public var exported = false
    /// The hidden layers' widths of the model training now (the sandbox's choice).
    public var hiddenWidths: [Int]
    /// Whether the model has convolution layers.
    public var convolutional: Bool
    /// Runs that ended before the current one, oldest first: on this screen
    /// (fresh weights) and, as the app hands them on, on earlier screens of the
    /// lesson in this session (the sandbox's earlier setups).
    public var earlierRuns: [RunSummary] = []
    /// The current run as last seen (nil: nothing seen since fresh weights).
    public private(set) var runSeen: RunSummary?
    /// Batches trained since the lesson opened, over all runs.
    public private(set) var batchesTrained = 0
    /// `batchesTrained` when each knob was last set by the learner.
    private var setAt: [KnobKind: Int] = [:]
    /// For each knob the learner set: the most batches trained in a row at each value (as displayed).
    private var trainedAtValue: [KnobKind: [String: Int]] = [:]

    /// The state of a lesson that just opened: its start knobs, nothing trained.
    public init(lesson: Lesson) {
        knobs = KnobSettings(lesson: lesson)
        selectedKnob = lesson.panel.first
        dataChoices = lesson.dataChoices
        let summary = lesson.model.map { ModelSpecSummary($0.spec) }
        hiddenWidths = summary?.hiddenWidths ?? []
        convolutional = summary?.convolutional ?? false
    }

    /// The learner set `knob` (the panel, or `<` `>` for the speed): `knobs` are the new values.
    public mutating func knobSet(_ knob: KnobKind, knobs: KnobSettings) {
        self.knobs = knobs
        setAt[knob] = batchesTrained
        // Known from now on, with nothing trained at it yet.
        let value = display(knob)
        if trainedAtValue[knob]?[value] == nil { trainedAtValue[knob, default: [:]][value] = 0 }
    }

    /// `count` more batches were trained.
    public mutating func addBatches(_ count: Int) {
        guard count > 0 else { return }
        batchesTrained += count
        for (knob, at) in setAt {
            let value = display(knob)
            trainedAtValue[knob, default: [:]][value] = max(trainedAtValue[knob]?[value] ?? 0, batchesTrained - at)
        }
    }

    /// The model was rebuilt with these hidden widths (and convolutions or not).
    public mutating func modelChanged(to spec: ModelSpec) {
        let summary = ModelSpecSummary(spec)
        hiddenWidths = summary.hiddenWidths
        convolutional = summary.convolutional
    }

    /// Earlier runs kept, newest last; older ones are dropped.
    static let earlierRunsKept = 50

    /// Notes the current run as it stands now (after each snapshot).
    public mutating func noteRun() {
        runSeen = RunSummary(dataName: dataName, hiddenWidths: hiddenWidths, epochs: epochsInRun)
    }

    /// The run last noted ended (fresh weights follow): it joins ``earlierRuns`` if it finished an epoch.
    public mutating func endRun() {
        if let run = runSeen, run.epochs > 0 { earlierRuns.append(run) }
        runSeen = nil
        if earlierRuns.count > Self.earlierRunsKept { earlierRuns.removeFirst(earlierRuns.count - Self.earlierRunsKept) }
    }

    /// The earlier runs and the current one: what a later screen of the lesson hands on.
    public var runsSoFar: [RunSummary] {
        earlierRuns + (runSeen.map { $0.epochs > 0 ? [$0] : [] } ?? [])
    }

    // MARK: Reading

    /// Whether a run before the current one trained on `data` with these
    /// hidden layers for at least `epochs` epochs.
    public func ranEarlier(on data: String, hiddenWidths widths: [Int], epochs: Int) -> Bool {
        earlierRuns.contains { $0.dataName == data && $0.hiddenWidths == widths && $0.epochs >= epochs }
    }

    /// The data training now, by its display name ("OR", "spirals", "MNIST (200 images)").
    public var dataName: String { knobs.display(.data, dataChoices: dataChoices) }

    /// The knob's value as the panel shows it.
    public func display(_ knob: KnobKind) -> String { knobs.display(knob, dataChoices: dataChoices) }

    /// Batches trained since the learner last set `knob` (nil: never set).
    public func batchesSinceSet(_ knob: KnobKind) -> Int? { setAt[knob].map { batchesTrained - $0 } }

    /// Whether the learner set `knob` and at least `batches` batches trained since.
    public func trained(_ batches: Int, since knob: KnobKind) -> Bool {
        (batchesSinceSet(knob) ?? -1) >= batches
    }

    /// Whether the learner set `knob` to `value` (as displayed) and at least
    /// `batches` batches trained in a row with it.
    public func trained(_ batches: Int, with knob: KnobKind, at value: String) -> Bool {
        guard let best = trainedAtValue[knob]?[value] else { return false }
        return best >= batches
    }

    /// Whether the current run started from fresh weights after `knob` was
    /// last set (so the whole run trained with its value) and has trained
    /// at least `batches` batches.
    public func freshRun(since knob: KnobKind, atLeast batches: Int) -> Bool {
        guard let since = batchesSinceSet(knob) else { return false }
        return since >= batchesInRun && batchesInRun >= batches
    }

    /// Whether `knob` kept its value through the whole current run (never set, or set before it started).
    public func unchangedDuringRun(_ knob: KnobKind) -> Bool {
        guard let since = batchesSinceSet(knob) else { return true }
        return since >= batchesInRun
    }

    /// Batches the current run had trained when `knob` was last set (nil: never set, or before the run).
    public func runBatchesWhenSet(_ knob: KnobKind) -> Int? {
        guard let since = batchesSinceSet(knob), since < batchesInRun else { return nil }
        return batchesInRun - since
    }
}

/// What one run trained: its data (as the knob panel names it), hidden layers and finished epochs.
public struct RunSummary: Sendable, Equatable {
    public var dataName: String
    public var hiddenWidths: [Int]
    public var epochs: Int

    public init(dataName: String, hiddenWidths: [Int], epochs: Int) {
        self.dataName = dataName
        self.hiddenWidths = hiddenWidths
        self.epochs = epochs
    }
}

/// What the checks need to know of a model: its hidden widths, and whether it convolves.
public struct ModelSpecSummary: Sendable, Equatable {
    public var hiddenWidths: [Int]
    public var convolutional: Bool

    public init(_ spec: ModelSpec) {
        var widths: [Int] = []
        var convolutional = false
        for layer in spec.layers {
            switch layer {
            case .dense(_, let outputs): widths.append(outputs)
            case .conv2d: convolutional = true
            default: break
            }
        }
        // The last dense layer is the output, not a hidden layer.
        if !widths.isEmpty { widths.removeLast() }
        hiddenWidths = widths
        self.convolutional = convolutional
    }
}
