import Foundation
import MiniNN

/// The command line's view of training: an observer of ``TrainingEvent``s
/// that draws a progress bar on standard error.
///
/// On a terminal the bar is redrawn in place (at most ten times a second):
///
///     epoch 2/3 [=========>          ] 412/938  18,230 img/s  ETA 0:25  loss 0.1234  acc 96.1%
///
/// Otherwise (a pipe or a file) it writes plain lines: a quarter-way line
/// inside long epochs, and one line per finished epoch. Runs of many short
/// epochs print about twenty epoch lines, not hundreds.
final class ProgressBar: TrainingObserver {
    private let output: OutputStream
    private let interactive: Bool
    private let totalEpochs: Int
    /// Epoch lines are printed for every `epochLineStride`-th epoch and the last.
    private let epochLineStride: Int

    private let start = ContinuousClock.now
    private var lastDraw: ContinuousClock.Instant?
    /// Images per second within the epoch: one window, reopened at each epoch's first batch.
    private var epochRate = RateMeter(window: .infinity)
    private var batchesDone = 0
    private var itemsInEpoch = 0
    private var lossSum: Double = 0
    private var correctSum: Double = 0
    private var nextQuarter = 1
    private var lineIsOpen = false

    /// A bar for a run of `epochs` epochs, on `output` (redrawn in place when it is a terminal).
    init(output: OutputStream = .standardError, epochs: Int) {
        self.output = output
        interactive = output.isTerminal
        totalEpochs = max(1, epochs)
        epochLineStride = max(1, totalEpochs / 20)
    }

    func training(_ event: TrainingEvent) {
        switch event {
        case .batchEnd(let report): batchEnded(report)
        case .epochEnd(let report): epochEnded(report)
        case .diverged(let report): diverged(report)
        }
    }

    private func batchEnded(_ report: BatchReport) {
        let now = ContinuousClock.now
        if report.batch == 0 {
            epochRate.restart(at: seconds(now - start))
            itemsInEpoch = 0
            lossSum = 0
            correctSum = 0
            nextQuarter = 1
        }
        batchesDone += 1
        itemsInEpoch += report.batchSize
        epochRate.add(report.batchSize, at: seconds(now - start))
        lossSum += Double(report.loss) * Double(report.batchSize)
        correctSum += Double(report.accuracy) * Double(report.batchSize)

        let finishedEpoch = report.batch + 1 == report.batchesPerEpoch
        if interactive {
            let due = lastDraw.map { now - $0 >= .milliseconds(100) } ?? true
            if due || finishedEpoch {
                lastDraw = now
                redraw(progressLine(report, now: now))
            }
        } else if report.batchesPerEpoch >= 200 && !finishedEpoch
                    && (report.batch + 1) * 4 >= nextQuarter * report.batchesPerEpoch {
            nextQuarter += 1
            output.line(progressLine(report, now: now))
        }
    }

    private func epochEnded(_ report: EpochReport) {
        let epochNumber = report.epoch + 1
        guard epochNumber % epochLineStride == 0 || epochNumber >= totalEpochs else { return }
        var parts = ["epoch \(epochNumber)/\(totalEpochs)",
                     "train loss \(Format.loss(report.train.loss)) acc \(Format.percent(report.train.accuracy))"]
        if let validation = report.validation {
            parts.append("validation loss \(Format.loss(validation.loss)) acc \(Format.percent(validation.accuracy))")
        }
        if let test = report.test {
            parts.append("test loss \(Format.loss(test.loss)) acc \(Format.percent(test.accuracy))")
        }
        parts.append(Format.seconds(report.seconds))
        if report.seconds > 0 {
            parts.append("\(Int(Double(itemsInEpoch) / report.seconds).grouped) img/s")
        }
        finishLine(parts.joined(separator: "  "))
    }

    private func diverged(_ report: DivergenceReport) {
        finishLine("epoch \(report.epoch + 1), batch \(report.batch + 1): the loss became \(report.loss) "
                   + "at learning rate \(Format.knob(report.learningRate)); training stopped")
    }

    /// The bar: epoch, bar, batches, rate, ETA, running loss and accuracy.
    private func progressLine(_ report: BatchReport, now: ContinuousClock.Instant) -> String {
        // The ETA uses wall-clock time since the start, so evaluation counts too.
        let elapsed = seconds(now - start)
        let rate = epochRate.rateSoFar(at: elapsed) ?? 0
        let totalBatches = report.batchesPerEpoch * totalEpochs
        let remainingBatches = max(0, totalBatches - (report.epoch * report.batchesPerEpoch + report.batch + 1))
        let eta = batchesDone > 0 ? elapsed / Double(batchesDone) * Double(remainingBatches) : .nan
        let items = Double(max(1, itemsInEpoch))

        let counter = "\(report.batch + 1)/\(report.batchesPerEpoch)"
        // The first batch of an epoch has no duration yet to measure a rate with.
        let rateText = rate > 0 ? Int(rate).grouped : "–"
        let tail = "\(counter)  \(rateText) img/s  ETA \(Format.clock(eta))  "
            + "loss \(Format.loss(Float(lossSum / items)))  acc \(Format.percent(Float(correctSum / items)))"
        let head = "epoch \(report.epoch + 1)/\(totalEpochs)"
        let columns = (interactive ? output.columns : nil) ?? 100
        // The width depends on the terminal only, so the bar does not jitter as the numbers change length.
        let barWidth = min(30, columns - head.count - 78)
        guard barWidth >= 5 else { return "\(head) \(tail)" }
        let filled = min(barWidth, (report.batch + 1) * barWidth / max(1, report.batchesPerEpoch))
        // "=====>    " while running, "==========" when the epoch is done.
        let arrow = filled > 0 && filled < barWidth ? ">" : ""
        let bar = String(repeating: "=", count: filled - arrow.count) + arrow
            + String(repeating: " ", count: barWidth - filled)
        return "\(head) [\(bar)] \(tail)"
    }

    /// Replaces the bar on the terminal line.
    private func redraw(_ text: String) {
        let columns = output.columns ?? 100
        // Clipped to the width so the line never wraps (a wrapped line cannot be redrawn with \r).
        let clipped = text.count >= columns ? String(text.prefix(columns - 1)) : text
        output.write("\r\u{1B}[K" + clipped)
        lineIsOpen = true
    }

    /// Prints a permanent line, clearing the bar first on a terminal.
    private func finishLine(_ text: String) {
        if interactive && lineIsOpen { output.write("\r\u{1B}[K") }
        lineIsOpen = false
        output.line(text)
    }

    /// Clears a bar left on the terminal (after cancellation, say).
    func close() {
        if interactive && lineIsOpen { output.write("\r\u{1B}[K") }
        lineIsOpen = false
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
