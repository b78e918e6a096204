import Lessons
import TUI

/// The lesson's checklist: the screen folds what training did into its
/// ``LessonState`` and ticks each experiment whose check holds. Ticks stay:
/// an experiment done once is done, whatever the learner does next.
extension LessonScreen {
    /// Folds a snapshot into the state. Batches are counted per run (a new
    /// generation starts again at 0), so the screen's own count only grows.
    mutating func trackProgress(_ snapshot: TrainingSnapshot) {
        if snapshot.generation != trackedGeneration {
            // Fresh weights: the run seen so far is over.
            if trackedGeneration >= 0 { progressState.endRun() }
            trackedGeneration = snapshot.generation
            trackedRunBatches = 0
        }
        progressState.addBatches(snapshot.batchesTrained - trackedRunBatches)
        trackedRunBatches = max(trackedRunBatches, snapshot.batchesTrained)
        progressState.batchesInRun = snapshot.batchesTrained
        progressState.epochsInRun = snapshot.epochs.last.map { $0.epoch + 1 } ?? 0
        progressState.validationAccuracy = snapshot.epochs.last?.validation?.accuracy
        switch snapshot.state {
        case .diverged(let report):
            progressState.diverged = true
            progressState.divergedLearningRate = report.learningRate
            progressState.paused = true
        case .running:
            progressState.diverged = false
            progressState.divergedLearningRate = nil
            progressState.paused = false
        default:
            progressState.diverged = false
            progressState.divergedLearningRate = nil
            progressState.paused = true
        }
        // As the status line shows it: the final verdict, once the planned run is over.
        progressState.testAccuracyShown = snapshot.pausedAtPlan && snapshot.state == .paused
            ? snapshot.epochs.last?.test?.accuracy : nil
        if snapshot.exportNote?.hasPrefix("exported to") == true { progressState.exported = true }
        progressState.noteRun()
        tickExperiments()
    }

    /// Ticks every experiment whose check holds now (after a key or a snapshot).
    mutating func tickExperiments() {
        progressState.knobs = knobs
        progressState.selectedKnob = panel.indices.contains(selectedKnob) ? panel[selectedKnob] : nil
        tried.formUnion(lesson.experimentsDone(in: progressState))
    }

    /// "2 of 4 tried", for the panel titles.
    var checklistSummary: String { "\(tried.count) of \(lesson.experiments.count) tried" }
}
