import Foundation
import Lessons
import MiniNN
import TUI

/// Runs one lesson's training on a background thread and posts snapshots.
///
/// The UI thread talks to it only through `send(_:)` (commands, queued under
/// a lock) and ``LiveKnobs`` (read by the trainer at every batch); it hears
/// back only through the mailbox, where each ``TrainingSnapshot`` replaces
/// the last. The model, the data and the trainer live on the session's own
/// thread and are never touched from anywhere else, and that thread never
/// touches the terminal.
final class TrainingSession: @unchecked Sendable {
    /// What the UI can ask for.
    enum Command: Sendable {
        case run, pause, toggle
        /// Train this many batches, then pause.
        case stepBatches(Int)
        /// Train to the end of the current epoch, then pause.
        case stepEpoch
        /// Fresh weights (and freshly drawn data for generated sets) from a new seed.
        case reset(seed: UInt64)
        /// New data (noise, validation share or another set): rebuild data and weights.
        case rebuildData(LessonData)
        /// Another model (activation changed, sandbox): rebuild weights.
        case rebuildModel(LessonModel)
        /// Save weights and export to ONNX into a directory; the result comes back in a snapshot note.
        case export(directory: String)
        /// Show this held-out image in the prediction and activation panels.
        case showDigit(Int)
        /// Replace this share of the training labels at random (the weights stay).
        case labelNoise(Float)
        case stop
    }

    /// Which visuals to compute (costly ones only when shown).
    let visuals: Set<Visual>
    let knobs: LiveKnobs
    private let mailbox: Mailbox<TrainingSnapshot>

    private let condition = NSCondition()
    private var queue: [Command] = []
    private var stopped = false
    /// Set by `stop()` from the UI thread; the epoch-end evaluation and the
    /// heavy probes poll it between chunks, so a quit never waits for them.
    private let stopFlag = StopFlag()

    // Everything below belongs to the session thread.
    private var modelChoice: LessonModel
    private var dataChoice: LessonData
    private let training: LessonTraining
    private var labelNoise: Float = 0
    private var seed: UInt64
    private var run: LessonRun?
    private var snapshot: TrainingSnapshot
    private var running = false
    private var batchesToStep = 0
    private var stepUntilEpochEnd = false
    private var lastPublish = 0.0
    private var lastHeavyProbe = -Double.infinity
    /// Items trained since the rate was last shown, and the time spent in
    /// steps that ended an epoch: those also evaluate the held-out sets,
    /// which is not training, so their time and items are left out of the
    /// wall-clock rate (unless every step ends an epoch, as on 4-point XOR).
    private var rateWindow = RateWindow(started: 0)

    private struct RateWindow {
        var started: Double
        var items = 0
        var epochEndSeconds = 0.0, epochEndItems = 0

        mutating func add(seconds: Double, items stepItems: Int, endsEpoch: Bool) {
            if endsEpoch {
                epochEndSeconds += seconds
                epochEndItems += stepItems
            } else {
                items += stepItems
            }
        }

        /// Items per wall-clock second up to `now`, or nil before any step.
        func rate(at now: Double) -> Double? {
            let elapsed = now - started
            let (count, time) = items > 0 ? (items, elapsed - epochEndSeconds) : (epochEndItems, elapsed)
            return count > 0 && time > 0 ? Double(count) / time : nil
        }
    }
    private var smoothedLoss: Float?
    private var smoothedAccuracy: Float?
    /// What the screen draws of the run, bounded however long it runs (thinned when full).
    private var curve = BoundedHistory<TrainingSnapshot.LossPoint>(capacity: TrainingSnapshot.curveCapacity)
    private var epochHistory = BoundedHistory<EpochReport>(capacity: TrainingSnapshot.epochCapacity)
    private var roughnessHistory = BoundedHistory<Float>(capacity: TrainingSnapshot.curveCapacity)
    /// Which held-out image the prediction panel shows.
    private var digitIndex = 0

    /// Distinguishes this session's snapshots from an earlier one's.
    let id: Int
    /// Epochs after which free-running training pauses once (nil: never).
    let plannedEpochs: Int?

    init(id: Int, model: LessonModel, data: LessonData, knobs: LiveKnobs, seed: UInt64,
         training: LessonTraining = .plain, visuals: Set<Visual>,
         mailbox: Mailbox<TrainingSnapshot>, startRunning: Bool, plannedEpochs: Int? = nil) {
        self.id = id
        self.plannedEpochs = plannedEpochs
        self.modelChoice = model
        self.dataChoice = data
        self.training = training
        self.knobs = knobs
        self.seed = seed
        self.visuals = visuals
        self.mailbox = mailbox
        self.snapshot = TrainingSnapshot(session: id, generation: 0, seed: seed,
                                         state: .loading("preparing \(data.displayName)…"))
        self.running = startRunning
    }

    /// Starts the session thread (once). It ends after `stop()`; quitting
    /// joins it through ``AppThreads``, and nothing keeps the session after that.
    func start() {
        AppThreads.shared.spawn(name: "np.trainer", stop: { [weak self] in self?.stop() }) { [self] in
            loop()
            // What the run derived from the data goes with the thread, not with the last snapshot reader.
            run = nil
        }
    }

    /// Queues a command; the session thread handles it before its next batch.
    func send(_ command: Command) {
        condition.lock()
        queue.append(command)
        condition.signal()
        condition.unlock()
    }

    /// Asks the thread to finish after the batch in progress, or sooner in an
    /// evaluation or probe (it does not wait).
    func stop() {
        stopFlag.set()
        send(.stop)
    }

    private var stopRequested: Bool { stopFlag.isSet }


    // MARK: The session thread

    private func loop() {
        rebuild(reason: "preparing \(dataChoice.displayName)…")
        while true {
            condition.lock()
            while queue.isEmpty && !stopped && !wantsToTrain {
                condition.wait()
            }
            let commands = queue
            queue.removeAll()
            condition.unlock()
            for command in commands { handle(command) }
            if stopped || stopRequested { return }
            if wantsToTrain {
                trainOneBatch()
                pace()
            }
        }
    }

    /// Small data trains thousands of batches a second, far too fast to
    /// watch a boundary move, so free-running training of 2-D points and
    /// iris is held to a watchable pace. MNIST runs flat out.
    private var minimumBatchInterval: Double {
        switch dataChoice {
        case .toy: 1.0 / 250
        case .iris: 1.0 / 120
        case .mnist: 0
        }
    }

    private var lastBatchTime = 0.0

    private func pace() {
        let interval = minimumBatchInterval
        guard interval > 0, running else { return }
        let now = MonotonicClock.seconds()
        let wait = lastBatchTime + interval - now
        if wait > 0 { Thread.sleep(forTimeInterval: wait) }
        lastBatchTime = max(now, lastBatchTime + interval)
    }

    private var wantsToTrain: Bool {
        guard run != nil else { return false }
        if case .diverged = snapshot.state { return false }
        return running || batchesToStep > 0 || stepUntilEpochEnd
    }

    private func handle(_ command: Command) {
        switch command {
        case .run: setRunning(true)
        case .pause: setRunning(false)
        case .toggle: setRunning(!running)
        case .stepBatches(let count):
            guard count > 0 else { return }
            running = false
            batchesToStep += count
        case .stepEpoch:
            running = false
            stepUntilEpochEnd = true
        case .reset(let newSeed):
            seed = newSeed
            resetWeights()
        case .rebuildData(let data):
            replaceData(data)
        case .rebuildModel(let model):
            modelChoice = model
            rebuild(reason: "building the network…")
        case .export(let directory):
            export(to: directory)
        case .showDigit(let index):
            digitIndex = max(0, min(index, (run?.data.heldOut.count ?? 1) - 1))
            publish(force: true, heavy: false)
        case .labelNoise(let share):
            labelNoise = share
            replaceData(dataChoice)
        case .stop:
            stopped = true
        }
    }

    private func setRunning(_ value: Bool) {
        running = value
        batchesToStep = 0
        stepUntilEpochEnd = false
        if run != nil, !isDiverged { snapshot.state = value ? .running : .paused }
        // Going on past the planned length is the learner's choice; the note has done its job.
        if value { snapshot.pausedAtPlan = false }
        rateWindow = RateWindow(started: MonotonicClock.seconds())
        publish(force: true, heavy: false)
    }

    private var isDiverged: Bool {
        if case .diverged = snapshot.state { return true }
        return false
    }

    /// Builds data and model from the current choices and seed.
    private func rebuild(reason: String) {
        let generation = snapshot.generation + 1
        snapshot = TrainingSnapshot(session: id, generation: generation, seed: seed, state: .loading(reason))
        snapshot.plannedEpochs = plannedEpochs
        mailbox.post(snapshot)
        smoothedLoss = nil
        smoothedAccuracy = nil
        curve.removeAll()
        roughnessHistory.removeAll()
        epochHistory.removeAll()
        batchesToStep = 0
        stepUntilEpochEnd = false
        do {
            let newRun = try LessonRun(model: modelChoice, data: dataChoice, knobs: knobs, seed: seed,
                                       training: training, labelNoise: labelNoise)
            let flag = stopFlag
            newRun.trainer.evaluationShouldStop = { flag.isSet }
            run = newRun
        } catch {
            run = nil
            snapshot.state = .failed("\(error)")
            mailbox.post(snapshot)
            return
        }
        snapshot.state = running ? .running : .paused
        fillStatic()
        rateWindow = RateWindow(started: MonotonicClock.seconds())
        publish(force: true, heavy: true)
    }

    /// New weights from the current seed, same data; the history starts over.
    private func resetWeights() {
        guard let run else { return rebuild(reason: "new seed \(seed)…") }
        run.reset(seed: seed)
        snapshot = TrainingSnapshot(session: id, generation: snapshot.generation + 1, seed: seed,
                                    state: running ? .running : .paused)
        snapshot.plannedEpochs = plannedEpochs
        smoothedLoss = nil
        smoothedAccuracy = nil
        curve.removeAll()
        roughnessHistory.removeAll()
        epochHistory.removeAll()
        batchesToStep = 0
        stepUntilEpochEnd = false
        fillStatic()
        rateWindow = RateWindow(started: MonotonicClock.seconds())
        publish(force: true, heavy: true)
    }

    /// New points for the same network (noise, validation share, another set):
    /// the weights stay, so the learner sees the model meet the new data.
    /// Data the model cannot take (another input size) rebuilds everything.
    private func replaceData(_ data: LessonData) {
        let previous = dataChoice
        dataChoice = data
        guard let run, previous.isPlanar == data.isPlanar else { return rebuild(reason: "preparing \(data.displayName)…") }
        do {
            try run.replaceData(data, seed: seed, labelNoise: labelNoise)
        } catch {
            return rebuild(reason: "preparing \(data.displayName)…")
        }
        fillStatic()
        publish(force: true, heavy: true)
    }

    private func trainOneBatch() {
        guard let run else { return }
        let started = MonotonicClock.seconds()
        let outcome = run.trainBatch()
        let stepSeconds = MonotonicClock.seconds() - started
        switch outcome {
        case .diverged(let report):
            running = false
            batchesToStep = 0
            stepUntilEpochEnd = false
            // The status line shows the batch that diverged (1-based), as the message does.
            snapshot.epoch = report.epoch
            snapshot.batch = report.batch + 1
            snapshot.state = .diverged(report)
            publish(force: true, heavy: false)
            return
        case .trained(let report, let epochReport):
            record(report)
            recordRoughness(run)
            rateWindow.add(seconds: stepSeconds, items: report.batchSize, endsEpoch: epochReport != nil)
            if let epochReport {
                epochHistory.append(epochReport)
                snapshot.epochs = epochHistory.elements
                if stepUntilEpochEnd { stepUntilEpochEnd = false; pauseAfterStep() }
                if running, plannedLengthReached(by: epochReport) {
                    pauseAfterStep()
                    snapshot.pausedAtPlan = true
                }
            }
            if batchesToStep > 0 {
                batchesToStep -= 1
                if batchesToStep == 0 && !stepUntilEpochEnd { pauseAfterStep() }
            }
            publish(force: epochReport != nil || !running, heavy: epochReport != nil)
        }
    }

    /// Whether this epoch's end is where the lesson's planned run ends: its
    /// planned epochs or, when the plan counts items (lesson 8's data knob picks
    /// fewer digits that train as long), the first epoch end past those items.
    private func plannedLengthReached(by report: EpochReport) -> Bool {
        guard let plannedEpochs else { return false }
        guard let epochItems = training.epochItems else { return report.epoch + 1 == plannedEpochs }
        let plannedItems = plannedEpochs * epochItems
        return snapshot.itemsSeen >= plannedItems && snapshot.itemsSeen - snapshot.trainCount < plannedItems
    }

    private func pauseAfterStep() {
        running = false
        snapshot.state = .paused
    }

    private func record(_ report: BatchReport) {
        snapshot.epoch = report.epoch
        snapshot.batch = report.batch + 1
        snapshot.batchesPerEpoch = report.batchesPerEpoch
        snapshot.itemsSeen = report.itemsSeen
        snapshot.knobsInEffect = run?.lastKnobs
        snapshot.stepLearningRate = report.learningRate
        // An exponential moving average keeps the curve readable at batch size 1.
        let weight: Float = 0.1
        var loss = smoothedLoss.map { $0 + weight * (report.loss - $0) } ?? report.loss
        // A loss decaying to zero would otherwise crawl through subnormal numbers (5.6e-45).
        if abs(loss) < 1e-12 { loss = 0 }
        let accuracy = smoothedAccuracy.map { $0 + weight * (report.accuracy - $0) } ?? report.accuracy
        smoothedLoss = loss
        smoothedAccuracy = accuracy
        let position = Double(report.epoch) + Double(report.batch + 1) / Double(max(1, report.batchesPerEpoch))
        curve.append(.init(epoch: position, loss: loss, accuracy: accuracy))
        snapshot.lossCurve = curve.elements
    }

    /// The first layer's roughness after this batch, for the kernel and weight panels.
    private func recordRoughness(_ run: LessonRun) {
        guard visuals.contains(.kernels) || visuals.contains(.firstLayerWeights),
              let roughness = ModelProbes.firstLayerRoughness(run.model) else { return }
        snapshot.roughness = roughness.mean
        snapshot.flatPictures = roughness.flatCount
        if let mean = roughness.mean {
            roughnessHistory.append(mean)
            snapshot.roughnessHistory = roughnessHistory.elements
        }
    }

    // MARK: Snapshots

    /// What does not change while training: sizes, layer list, points.
    private func fillStatic() {
        guard let run else { return }
        let model = run.model
        snapshot.layerSummaries = model.layers.map(\.summary)
        snapshot.layerShapes = model.shapes
        snapshot.parameterCount = model.parameterCount
        snapshot.trainCount = run.data.train.count
        snapshot.validationCount = run.data.validation.count
        snapshot.classNames = run.data.train.classNames
        snapshot.schedulesLearningRate = training.schedule != nil
        if dataChoice.isPlanar {
            let extent = PlaneExtent(covering: [run.data.train, run.data.validation])
            snapshot.planeExtent = extent
            snapshot.points = planePoints(run.data.train)
        }
        digitIndex = min(digitIndex, max(0, run.data.heldOut.count - 1))
        if snapshot.roughnessHistory.isEmpty { recordRoughness(run) }
    }

    private func planePoints(_ data: Dataset) -> [PlanePoint] {
        guard case .float(let values) = data.features, data.itemSize == 2 else { return [] }
        return (0..<data.count).map { PlanePoint(x: values[2 * $0], y: values[2 * $0 + 1], label: Int(data.labels[$0])) }
    }

    /// Posts the snapshot at most ~30 times a second (always when forced);
    /// recomputes the costly visuals at most a few times a second.
    private func publish(force: Bool, heavy: Bool) {
        let now = MonotonicClock.seconds()
        updateRate(now)
        guard force || now - lastPublish >= 1.0 / 30 else { return }
        if let run, !stopRequested {
            probeLight(run)
            if heavy || now - lastHeavyProbe >= heavyProbeInterval {
                probeHeavy(run)
                lastHeavyProbe = now
            }
        }
        lastPublish = now
        mailbox.post(snapshot)
    }

    /// Seconds between recomputations of confusion matrices and held-out predictions.
    private var heavyProbeInterval: Double { dataChoice.isMNIST ? 3 : 0.5 }

    private func updateRate(_ now: Double) {
        guard now - rateWindow.started >= 0.5 else { return }
        if running, let rate = rateWindow.rate(at: now) { snapshot.itemsPerSecond = rate }
        rateWindow = RateWindow(started: now)
    }

    /// Cheap looks: boundary, weights, kernels, one digit.
    private func probeLight(_ run: LessonRun) {
        let model = run.model
        let normalization = run.data.train.normalization
        if let extent = snapshot.planeExtent {
            if visuals.contains(.decisionBoundary) {
                snapshot.decisionMap = ModelProbes.decisionMap(model, normalization: normalization, extent: extent,
                                                               columns: 64, rows: 40)
                snapshot.perceptronLine = run.perceptronLine
            }
            if visuals.contains(.neuronMaps) {
                snapshot.neuronMaps = ModelProbes.neuronMaps(model, normalization: normalization, extent: extent,
                                                             columns: 20, rows: 12, limit: 16)
            }
            if visuals.contains(.network) {
                snapshot.network = ModelProbes.networkPicture(model, normalization: normalization, extent: extent, side: 12)
            }
        }
        if visuals.contains(.firstLayerWeights) {
            snapshot.firstLayerWeights = ModelProbes.firstLayerWeights(model, limit: 24)
        }
        if visuals.contains(.kernels), let kernels = ModelProbes.firstConvKernels(model) {
            snapshot.kernelSide = kernels.side
            snapshot.kernels = kernels.kernels
        }
        let heldOut = run.data.heldOut
        if (visuals.contains(.prediction) || visuals.contains(.activationMaps)), heldOut.count > 0 {
            let index = min(digitIndex, heldOut.count - 1)
            let batch = heldOut.batch([index])
            if visuals.contains(.activationMaps) {
                snapshot.activationMaps = ModelProbes.activationMaps(model, image: batch.inputs)
            }
            let output = model.forward(batch.inputs, training: false)
            snapshot.digit = DigitPrediction(index: index, pixels: pixels(of: heldOut, index),
                                             label: batch.labels[0],
                                             probabilities: ModelProbes.probabilitiesOf(output.scalars))
        }
    }

    /// Costly looks over many examples: confusion matrix, predictions, mistakes.
    private func probeHeavy(_ run: LessonRun) {
        let wantsConfusion = visuals.contains(.confusionMatrix)
        let wantsMistakes = visuals.contains(.confidentMistakes) || visuals.contains(.calibration)
        guard wantsConfusion || wantsMistakes else { return }
        let heldOut = run.data.heldOut
        let limit = dataChoice.isMNIST && !wantsMistakes ? 2_000 : heldOut.count
        let flag = stopFlag
        guard let predictions = ModelProbes.classify(run.model, data: heldOut, limit: limit, until: { flag.isSet })
        else { return }
        snapshot.confusion = ModelProbes.confusionMatrix(predictions, classes: max(2, heldOut.classCount))
        if wantsMistakes {
            snapshot.heldOutPredictions = predictions
            if visuals.contains(.calibration) {
                snapshot.calibration = ConfidenceAnalysis.calibration(predictions, bins: 10)
                snapshot.verySure = CalibrationReport.at(least: ConfidenceAnalysis.verySure, predictions)
            }
            snapshot.mistakes = ConfidenceAnalysis.mostConfidentMistakes(predictions, limit: 8).map { example in
                let batch = heldOut.batch([example.index])
                let output = run.model.forward(batch.inputs, training: false)
                return DigitPrediction(index: example.index, pixels: pixels(of: heldOut, example.index),
                                       label: example.label, probabilities: ModelProbes.probabilitiesOf(output.scalars))
            }
        }
    }

    private func pixels(of data: Dataset, _ index: Int) -> [UInt8] {
        guard case .bytes(let bytes) = data.features, index < data.count else { return [] }
        let size = data.itemSize
        return Array(bytes[index * size ..< (index + 1) * size])
    }

    // MARK: Export

    private func export(to directory: String) {
        guard let run else { return }
        snapshot.exportNote = ModelExport.export(
            model: run.model, spec: modelChoice.spec, knobs: knobs.value, seed: seed, data: run.data,
            dataName: dataChoice.fileName, epochs: snapshot.epochs, itemsSeen: snapshot.itemsSeen,
            curve: snapshot.lossCurve, directory: directory)
        publish(force: true, heavy: false)
    }
}
