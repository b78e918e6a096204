import Lessons
import MiniNN
import TUI

/// Building runs and training them, batch by batch, on the session thread.
extension TrainingSession {
    /// Builds data and model from the current choices and seed.
    func rebuild(reason: String) {
        archiveEndingRun()
        let generation = snapshot.generation + 1, runNumber = snapshot.runNumber + 1
        let previous = finishedRun()
        snapshot = TrainingSnapshot(session: id, generation: generation, seed: seed, state: .loading(reason))
        snapshot.runNumber = runNumber
        snapshot.previousRun = previous
        snapshot.plannedEpochs = plannedEpochs
        mailbox.post(snapshot, lane: id)
        forgetHistory()
        do {
            let flag = stopFlag
            let newRun = try LessonRun(model: modelChoice, data: dataChoice, knobs: knobs, seed: seed,
                                       training: training, labelNoise: labelNoise, pretrained: pretrained,
                                       progress: pretrainingProgress(), shouldStop: { flag.isSet })
            if let blasThreads { newRun.model.blasThreads = blasThreads }
            newRun.trainer.evaluationShouldStop = { flag.isSet }
            if let trainerObserver { newRun.trainer.addObserver(trainerObserver) }
            run = newRun
            if let resuming {
                restore(resuming, into: newRun)
                self.resuming = nil
            }
        } catch {
            run = nil
            snapshot.state = .failed("\(error)")
            mailbox.post(snapshot, lane: id)
            return
        }
        snapshot.state = running ? .running : .paused
        fillStatic()
        rate.restart(at: MonotonicClock.seconds())
        publish(force: true, heavy: true)
    }

    /// Lesson 10's first visit trains the convnet it reuses: the loading
    /// message counts the share done, so the wait is seen, not guessed.
    private func pretrainingProgress() -> @Sendable (Double) -> Void {
        let loading = snapshot, mailbox = self.mailbox, lane = id
        return { share in
            var shown = loading
            shown.state = .loading("first visit: training the convnet on digits 0–4 (\(Int(share * 100))%)…")
            mailbox.post(shown, lane: lane)
        }
    }

    /// A kept run goes on: the trainer counts on from its epochs, and its
    /// curves are the chart's again. The record keeps validation per epoch
    /// but not the training split's evaluation: each epoch's training figure
    /// is the smoothed training curve at that epoch's end.
    private func restore(_ resumed: ResumedRun, into run: LessonRun) {
        run.trainer.resume(afterEpochs: resumed.epochs)
        lossCurve.restore(resumed.curve)
        for point in resumed.validation {
            let train = resumed.curve.last { $0.epoch <= point.epoch + 1e-9 }
            epochHistory.append(EpochReport(
                epoch: max(0, Int(point.epoch.rounded()) - 1),
                train: Evaluation(loss: train?.loss ?? point.loss, accuracy: train?.accuracy ?? point.accuracy,
                                  count: run.data.train.count),
                validation: Evaluation(loss: point.loss, accuracy: point.accuracy, count: run.data.validation.count),
                test: nil, seconds: 0))
        }
        snapshot.lossCurve = lossCurve.points
        snapshot.epochs = epochHistory.elements
        if let best = resumed.validation.filter({ $0.loss.isFinite }).min(by: { $0.loss < $1.loss }) {
            snapshot.bestValidation = BestEpoch(epoch: max(0, Int(best.epoch.rounded()) - 1), loss: best.loss)
        }
        snapshot.trainingSeconds = resumed.seconds
        snapshot.curveItems = resumed.items
        snapshot.itemsSeen = run.trainer.itemsSeen
        snapshot.epoch = resumed.epochs
        snapshot.batchesPerEpoch = run.trainer.batchesPerEpoch
    }

    /// New weights from the current seed, same data; the history starts over.
    func resetWeights() {
        archiveEndingRun()
        guard let run else { return rebuild(reason: "new seed \(seed)…") }
        run.reset(seed: seed)
        let previous = finishedRun(), runNumber = snapshot.runNumber + 1
        snapshot = TrainingSnapshot(session: id, generation: snapshot.generation + 1, seed: seed,
                                    state: running ? .running : .paused)
        snapshot.runNumber = runNumber
        snapshot.previousRun = previous
        snapshot.plannedEpochs = plannedEpochs
        forgetHistory()
        fillStatic()
        rate.restart(at: MonotonicClock.seconds())
        publish(force: true, heavy: true)
    }

    /// A new run's curves and epochs start empty, and a step in progress is dropped.
    private func forgetHistory() {
        forgetCurves()
        roughnessHistory.removeAll()
        batchesToStep = 0
        stepUntilEpochEnd = false
    }

    /// The loss and validation curves start over (the snapshot's too): a
    /// chart never joins two runs' points into one line.
    private func forgetCurves() {
        lossCurve.removeAll()
        epochHistory.removeAll()
        snapshot.lossCurve = []
        snapshot.epochs = []
        snapshot.bestValidation = nil
        snapshot.trainingSeconds = 0
        snapshot.curveItems = 0
    }

    /// The run that is ending, as the chart keeps it beside the next one; a
    /// run that trained nothing keeps the one before it instead.
    private func finishedRun() -> FinishedRun? {
        let ending = FinishedRun(snapshot, label: finishedRunLabel())
        return ending.isEmpty ? snapshot.previousRun : ending
    }

    /// What set the ending run apart from the next: its seed, unless the
    /// model, the data or the label noise change now.
    private func finishedRunLabel() -> String {
        let seedLabel = "seed \(snapshot.seed)"
        guard let run else { return seedLabel }
        if run.modelChoice != modelChoice { return "old model" }
        if run.dataChoice != dataChoice { return "old data" }
        if abs(run.labelNoise - min(1, max(0, labelNoise))) > 1e-6 {
            return "label noise \(Int((run.labelNoise * 100).rounded()))%"
        }
        return seedLabel
    }

    /// New points for the same network (noise, validation share, another set):
    /// the weights stay, so the learner sees the model meet the new data.
    /// Data the model cannot take (another input size) rebuilds everything.
    func replaceData(_ data: LessonData) {
        let previous = dataChoice
        dataChoice = data
        guard let run, previous.isPlanar == data.isPlanar else { return rebuild(reason: "preparing \(data.displayName)…") }
        archiveEndingRun()
        let previousRun = finishedRun()
        do {
            try run.replaceData(data, seed: seed, labelNoise: labelNoise)
        } catch {
            return rebuild(reason: "preparing \(data.displayName)…")
        }
        // New data starts a new curve, where the old one ended (the weights go on).
        forgetCurves()
        snapshot.runNumber += 1
        snapshot.previousRun = previousRun
        fillStatic()
        publish(force: true, heavy: true)
    }

    func trainOneBatch() {
        guard let run else { return }
        let started = MonotonicClock.seconds()
        let outcome = run.trainBatch()
        let ended = MonotonicClock.seconds()
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
            // Training alone: an epoch's end also evaluates, which is not what images a second measure.
            snapshot.trainingSeconds += run.trainer.lastStepSeconds
            snapshot.curveItems += report.batchSize
            recordRoughness(run)
            if epochReport != nil {
                rate.setAside(report.batchSize, seconds: ended - started, at: ended)
            } else {
                rate.add(report.batchSize, at: ended)
            }
            if let epochReport {
                epochHistory.append(epochReport)
                snapshot.epochs = epochHistory.elements
                if let validation = epochReport.validation, validation.loss.isFinite,
                   validation.loss < snapshot.bestValidation?.loss ?? .infinity {
                    snapshot.bestValidation = BestEpoch(epoch: epochReport.epoch, loss: validation.loss)
                }
                if stepUntilEpochEnd { stepUntilEpochEnd = false; pauseAfterStep() }
                if running, let plannedEpochs,
                   training.plannedLengthReached(plannedEpochs: plannedEpochs, endedEpoch: epochReport.epoch,
                                                 itemsSeen: report.itemsSeen, trainCount: run.data.train.count) {
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

    private func pauseAfterStep() {
        running = false
        snapshot.state = .paused
    }

    /// Copies what the batch did into the snapshot. The knobs and the learning
    /// rate come from the batch's report, never from the live knobs: the
    /// status line shows what this step used, even if a knob turned meanwhile.
    private func record(_ report: BatchReport) {
        snapshot.epoch = report.epoch
        snapshot.batch = report.batch + 1
        snapshot.batchesPerEpoch = report.batchesPerEpoch
        snapshot.itemsSeen = report.itemsSeen
        snapshot.batchesTrained += 1
        snapshot.knobsInEffect = report.hyperparameters
        snapshot.stepLearningRate = report.learningRate
        lossCurve.add(report)
        snapshot.lossCurve = lossCurve.points
    }

    /// The first layer's roughness after this batch, for the kernel and weight panels.
    func recordRoughness(_ run: LessonRun) {
        guard visuals.contains(.kernels) || visuals.contains(.firstLayerWeights),
              let roughness = ModelProbes.firstLayerRoughness(run.model) else { return }
        snapshot.roughness = roughness.mean
        snapshot.flatPictures = roughness.flatCount
        if let mean = roughness.mean {
            roughnessHistory.append(mean)
            snapshot.roughnessHistory = roughnessHistory.elements
        }
    }
}
