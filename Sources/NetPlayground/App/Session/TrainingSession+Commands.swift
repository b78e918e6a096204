import Lessons
import MiniNN
import TUI

extension TrainingSession {
    /// What the UI can ask for.
    enum Command: Sendable {
        case run, pause, toggle
        /// Train this many batches, then pause.
        case stepBatches(Int)
        /// Train to the end of the current epoch, then pause.
        case stepEpoch
        /// Fresh weights and batch order from a new seed; the data stays
        /// (the same points, so the learner compares runs on them).
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
        /// Read a drawn digit (28×28 bytes, already preprocessed) with the model as it is now.
        case readDrawing([UInt8])
        /// Keep free-running training to this speed (a single step never waits).
        case speed(BatchRate)
        case stop
    }

    // MARK: On the session thread

    /// Changes the run/pause/step state, or hands the command to the job that does it.
    func handle(_ command: Command) {
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
        case .readDrawing(let pixels):
            readDrawing(pixels)
        case .speed(let rate):
            speed = rate
            // A wait planned at the old speed must not hold back the new one.
            nextBatchDue = -.infinity
        case .stop:
            stopped = true
        }
    }

    func setRunning(_ value: Bool) {
        running = value
        batchesToStep = 0
        stepUntilEpochEnd = false
        if run != nil, !isDiverged { snapshot.state = value ? .running : .paused }
        // Going on past the planned length is the learner's choice; the note has done its job.
        if value { snapshot.pausedAtPlan = false }
        rate.restart(at: MonotonicClock.seconds())
        publish(force: true, heavy: false)
    }
}
