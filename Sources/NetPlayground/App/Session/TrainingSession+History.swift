import Foundation
import Lessons
import MiniNN

/// Where a session keeps its runs, and which lesson they belong to.
struct RunHistoryContext: Sendable {
    var store: RunHistory
    var lesson: Int
    var lessonTitle: String
    /// The lesson's stable name, kept in each record.
    var slug: String? = nil
}

extension TrainingSession {
    /// Keeps the run that is ending (a reset, new data or model, the lesson
    /// closing) in the history with its weights, once, if it trained at all.
    /// Called before anything replaces its weights.
    func archiveEndingRun() {
        guard let history, let run, snapshot.curveItems > 0, archivedRunNumber != snapshot.runNumber else { return }
        archivedRunNumber = snapshot.runNumber
        let ending = FinishedRun(snapshot, label: "")
        let knobs = snapshot.knobsInEffect ?? self.knobs.value
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let now = Date()
        let record = RunRecord(
            id: RunRecord.makeID(date: formatter.string(from: now), lesson: history.lesson,
                                 process: Int(getpid()), session: id, run: snapshot.runNumber),
            ended: ISO8601DateFormatter().string(from: now), lesson: history.lesson, slug: history.slug,
            lessonTitle: history.lessonTitle,
            data: dataChoice.displayName, model: run.model.layers.map(\.summary).joined(separator: ", "),
            hyperparameters: knobs, seed: snapshot.seed, labelNoise: run.labelNoise,
            seconds: snapshot.trainingSeconds, items: snapshot.curveItems, epochs: snapshot.epochs.count,
            curve: RunRecord.thinned(ending.curve.map { .init(epoch: $0.epoch, loss: $0.loss, accuracy: $0.accuracy) }),
            validation: RunRecord.thinned(ending.validation.map { .init(epoch: $0.epoch, loss: $0.loss, accuracy: $0.accuracy) }),
            weights: nil)
        let last = snapshot.epochs.last
        let metrics = ModelMetrics(epochs: snapshot.epochs.count, itemsSeen: snapshot.itemsSeen, train: last?.train,
                                   validation: last?.validation, test: last?.test)
        let info = ModelExport.fileInfo(run: run, spec: modelChoice.spec, knobs: knobs, seed: snapshot.seed, metrics: metrics)
        _ = history.store.save(record, model: run.model, info: info)
    }
}
