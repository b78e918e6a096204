import Foundation
import Lessons
import MiniNN
import TUI

/// Runs one lesson's training on a background thread and posts snapshots.
///
/// The UI thread talks to it only through `send(_:)` (commands, queued under
/// a lock) and ``LiveKnobs`` (read by the trainer once per batch); it hears
/// back only through the mailbox, where each ``TrainingSnapshot`` replaces
/// the last. The model, the data and the trainer live on the session's own
/// thread and are never touched from anywhere else, and that thread never
/// touches the terminal.
///
/// This file holds the thread, its command queue and the pacing. The other
/// jobs live beside it: the commands and the run/pause/step state
/// (`+Commands`), building and training runs (`+Runs`), filling snapshots
/// from the model (`+Probes`), posting them (`+Publish`), export (`+Export`),
/// and the loss curve (``LossCurve``).
final class TrainingSession: @unchecked Sendable {
    /// Which visuals to compute (costly ones only when shown).
    let visuals: Set<Visual>
    let knobs: LiveKnobs
    let mailbox: Mailbox<TrainingSnapshot>
    /// Distinguishes this session's snapshots from an earlier one's.
    let id: Int
    /// Epochs after which free-running training pauses once (nil: never).
    let plannedEpochs: Int?
    /// Also hears every run's training events, on the session thread; set it
    /// before `start()`. Tests use it to act in the middle of a step.
    var trainerObserver: (any TrainingObserver)?

    private let condition = NSCondition()
    private var queue: [Command] = []
    /// Set by the `.stop` command, on the session thread.
    var stopped = false
    /// Set by `stop()` from the UI thread; the epoch-end evaluation and the
    /// heavy probes poll it between chunks, so a quit never waits for them.
    let stopFlag = StopFlag()

    // Everything below belongs to the session thread (the other files of the
    // session read and write it there).
    var modelChoice: LessonModel
    var dataChoice: LessonData
    let training: LessonTraining
    var labelNoise: Float = 0
    /// OpenBLAS threads for this session's model (nil: the model's own
    /// choice); a race's runners use 1 each.
    let blasThreads: Int?
    /// Where finished runs are kept (nil: nowhere, as in tests).
    let history: RunHistoryContext?
    /// A kept run the first build goes on from (its weights are the model's
    /// file; its curves and epochs come back here), then nil.
    var resuming: ResumedRun?
    /// The run last kept in the history (each is kept once).
    var archivedRunNumber = -1
    var seed: UInt64
    var run: LessonRun?
    var snapshot: TrainingSnapshot
    var running = false
    var batchesToStep = 0
    var stepUntilEpochEnd = false
    /// How fast free-running training goes, and when the next paced batch may start.
    var speed: BatchRate
    var nextBatchDue = -Double.infinity
    var lastPublish = 0.0
    var lastHeavyProbe = -Double.infinity
    /// Items trained per second, over half-second windows; steps that ended
    /// an epoch also evaluated the held-out sets, which is not training, so
    /// they are set aside (see ``RateMeter``).
    var rate = RateMeter(window: 0.5, start: 0)
    var lossCurve = LossCurve()
    var epochHistory = BoundedHistory<EpochReport>(capacity: TrainingSnapshot.epochCapacity)
    var roughnessHistory = BoundedHistory<Float>(capacity: TrainingSnapshot.curveCapacity)
    /// Where lesson 10's pretrained convnet comes from (tests give a fixed one).
    let pretrained: PretrainedConvnet
    /// Which held-out image the prediction panel shows.
    var digitIndex = 0
    /// A table's plane: its two features, or its first two principal components (nil: no table).
    var projection: PlaneProjection?

    init(id: Int, model: LessonModel, data: LessonData, knobs: LiveKnobs, seed: UInt64,
         training: LessonTraining = .plain, visuals: Set<Visual>,
         mailbox: Mailbox<TrainingSnapshot>, startRunning: Bool, plannedEpochs: Int? = nil,
         speed: BatchRate = .full, labelNoise: Float = 0, blasThreads: Int? = nil, history: RunHistoryContext? = nil,
         resuming: ResumedRun? = nil, pretrained: PretrainedConvnet = .shared) {
        self.resuming = resuming
        self.pretrained = pretrained
        self.id = id
        self.blasThreads = blasThreads
        self.history = history
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
        self.speed = speed
        self.labelNoise = labelNoise
    }

    /// Starts the session thread (once). It ends after `stop()`; quitting
    /// joins it through ``AppThreads``, and nothing keeps the session after that.
    func start() {
        AppThreads.shared.spawn(name: "np.trainer", stop: { [weak self] in self?.stop() }) { [self] in
            loop()
            archiveEndingRun()
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

    var stopRequested: Bool { stopFlag.isSet }

    // MARK: The session thread

    private func loop() {
        rebuild(reason: "preparing \(dataChoice.displayName)…")
        while true {
            condition.lock()
            // Waiting for the next paced batch is a wait on the condition, so
            // a command (pause, step, another speed) ends it at once.
            while queue.isEmpty && !stopped {
                guard wantsToTrain else { condition.wait(); continue }
                let wait = batchWait(now: MonotonicClock.seconds())
                if wait <= 0 { break }
                _ = condition.wait(until: Date(timeIntervalSinceNow: wait))
            }
            let commands = queue
            queue.removeAll()
            condition.unlock()
            for command in commands { handle(command) }
            if stopped || stopRequested { return }
            if wantsToTrain && batchWait(now: MonotonicClock.seconds()) <= 0 {
                let paced = isPaced
                let started = MonotonicClock.seconds()
                trainOneBatch()
                nextBatchDue = paced
                    ? BatchPacing.nextBatchTime(due: nextBatchDue, started: started,
                                                finished: MonotonicClock.seconds(), rate: speed)
                    : -.infinity
            }
        }
    }

    /// Free-running training, and a step to the epoch's end, keep to the
    /// speed; a step of a few batches (`s`) never waits.
    private var isPaced: Bool { running || (stepUntilEpochEnd && batchesToStep == 0) }

    /// Seconds until the next batch may start (zero or less: now).
    private func batchWait(now: Double) -> Double { isPaced ? nextBatchDue - now : 0 }

    private var wantsToTrain: Bool {
        guard run != nil else { return false }
        if case .diverged = snapshot.state { return false }
        return running || batchesToStep > 0 || stepUntilEpochEnd
    }

    var isDiverged: Bool {
        if case .diverged = snapshot.state { return true }
        return false
    }
}
