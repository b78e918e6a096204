import Foundation

/// A learning curve: one row per trained batch, with the validation loss and
/// accuracy filled in on the rows where an epoch was evaluated.
///
/// It is a ``TrainingObserver``, so it can listen to a training run directly,
/// and it writes CSV that spreadsheets and pandas read:
///
/// ```
/// epoch,batch,train_loss,validation_loss,accuracy,learning_rate
/// 0,0,2.3026,,0.0938,0.01
/// …
/// 0,937,0.2811,0.2519,0.9270,0.01
/// ```
///
/// `epoch` and `batch` are 0-based as in ``BatchReport``. `accuracy` is the
/// batch's training accuracy on batch rows, replaced by the validation accuracy
/// (test accuracy when there is no validation split) on the row that ends an
/// epoch, so the column reads as "how well it does" at each point.
public final class LearningCurve: TrainingObserver, @unchecked Sendable {
    /// One line of the curve.
    public struct Row: Equatable, Sendable {
        public var epoch: Int
        public var batch: Int
        public var trainLoss: Float
        /// Present on the last batch of an evaluated epoch.
        public var validationLoss: Float?
        public var accuracy: Float
        public var learningRate: Float

        public init(epoch: Int, batch: Int, trainLoss: Float, validationLoss: Float?,
                    accuracy: Float, learningRate: Float) {
            self.epoch = epoch; self.batch = batch; self.trainLoss = trainLoss
            self.validationLoss = validationLoss; self.accuracy = accuracy
            self.learningRate = learningRate
        }
    }

    /// The column names, in order.
    public static let columns = ["epoch", "batch", "train_loss", "validation_loss", "accuracy", "learning_rate"]

    private let lock = NSLock()
    private var storage: [Row] = []

    public init(rows: [Row] = []) { storage = rows }

    /// The rows recorded so far.
    public var rows: [Row] { lock.withLock { storage } }

    /// Adds a row.
    public func append(_ row: Row) { lock.withLock { storage.append(row) } }

    public func training(_ event: TrainingEvent) {
        switch event {
        case .batchEnd(let report):
            append(Row(epoch: report.epoch, batch: report.batch, trainLoss: report.loss,
                       validationLoss: nil, accuracy: report.accuracy, learningRate: report.learningRate))
        case .epochEnd(let report):
            // Epoch results belong to the batch that ended the epoch.
            guard let held = report.validation ?? report.test else { return }
            lock.withLock {
                guard let last = storage.indices.last, storage[last].epoch == report.epoch else { return }
                storage[last].validationLoss = held.loss
                storage[last].accuracy = held.accuracy
            }
        case .diverged:
            break
        }
    }

    /// The curve as CSV text with a header line; numbers in the shortest form
    /// that reads back to the same Float.
    public var csv: String {
        var text = LearningCurve.columns.joined(separator: ",") + "\n"
        for row in rows {
            let fields = [
                String(row.epoch), String(row.batch), LearningCurve.format(row.trainLoss),
                row.validationLoss.map(LearningCurve.format) ?? "",
                LearningCurve.format(row.accuracy), LearningCurve.format(row.learningRate),
            ]
            text += fields.joined(separator: ",") + "\n"
        }
        return text
    }

    /// Writes the CSV to `path` atomically (temporary file, then rename).
    public func write(to path: String) throws(FileWriteError) {
        try AtomicFile.write(csv, to: path)
    }

    /// NaN and infinities spelled as pandas and spreadsheets read them.
    private static func format(_ value: Float) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return "\(value)"
    }
}
