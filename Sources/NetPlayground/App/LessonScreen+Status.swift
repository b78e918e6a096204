import Foundation
import Lessons
import MiniNN
import TUI

extension LessonScreen {
    /// The status line: what the run is doing, where it is, the learning rate
    /// the last step used, training and validation figures; the test accuracy
    /// only once the planned run is over, as the final verdict. What does not
    /// fit the width is dropped, least important first (``StatusBar``).
    func renderStatus(into grid: inout Grid, area: Rect, framesPerSecond: Double?) {
        grid.render(StatusBar(segments: statusSegments(unicode: grid.glyphs.isUnicode, wide: area.width >= 110,
                                                            framesPerSecond: framesPerSecond)),
                    in: area.inset(left: 1))
    }

    /// The status line's parts, in order, each with how much it matters.
    func statusSegments(unicode: Bool, wide: Bool, framesPerSecond: Double?) -> [StatusBar.Segment] {
        typealias Segment = StatusBar.Segment
        if session == nil {
            return [Segment("nothing trains here: turn the knobs; Tab to the picture, ↑↓ for another digit", .muted)]
        }
        guard let snapshot else { return [Segment("starting…", .muted)] }
        var parts: [Segment] = []
        switch snapshot.state {
        case .loading(let what): return [Segment(what, .muted)]
        case .failed(let message): return [Segment("cannot train: \(message)", .error)]
        case .running: parts.append(Segment(unicode ? "● running" : "* running", .success))
        case .paused: parts.append(Segment(unicode ? "‖ paused" : "| paused", .warning))
        case .diverged(let report): parts.append(Segment(report.reason.isCollapse ? "collapsed" : "diverged", .error))
        }
        // Fresh weights (a reset, or nothing trained yet): no counters to show.
        if snapshot.state == .paused && snapshot.itemsSeen == 0 {
            // The lesson opens here, paused on its first frame: the one thing to know is how to start.
            parts.append(Segment(" · press Space to start", .emphasis, priority: 95))
            parts.append(Segment(" · seed \(snapshot.seed)", .muted, priority: 45))
            parts.append(Segment(" · speed \(speed.label)", .muted, priority: 40))
            return parts
        }
        if snapshot.pausedAtPlan, snapshot.state == .paused, let planned = snapshot.plannedEpochs {
            parts.append(Segment(" planned \(planned) epoch\(planned == 1 ? "" : "s") reached", .emphasis, priority: 90))
            // The test set is looked at once, when the planned run is over: the final verdict, not a target to chase.
            if let test = snapshot.epochs.last?.test {
                parts.append(Segment("  test \(percent(test.accuracy)) (final verdict)", .accuracy, priority: 95))
                parts.append(Segment("  Space continues", .muted, priority: 85))
            } else {
                parts.append(Segment(" \(unicode ? "—" : "-") Space continues ", .emphasis, priority: 90))
            }
        }
        parts.append(Segment(wide ? "  epoch \(snapshot.epoch + 1)" : " ep \(snapshot.epoch + 1)", .text, priority: 80))
        parts.append(Segment(wide ? " batch \(snapshot.batch)/\(snapshot.batchesPerEpoch)"
                                  : " \(snapshot.batch)/\(snapshot.batchesPerEpoch)", .text, priority: 79))
        // The speed the learner chose with < > (what training keeps to, not what it reaches).
        parts.append(Segment(wide ? "  speed \(speed.label)" : "  \(speed == .full ? "full" : (unicode ? "≤" : "<=") + speed.label)",
                             .muted, priority: 76))
        // A rate only while training and once measured: paused or diverged,
        // the last one would be stale; in the first half second there is none yet.
        let rate = snapshot.state == .running && snapshot.itemsPerSecond > 0
            ? NumberFormat.compact(snapshot.itemsPerSecond) : (unicode ? "—" : "-")
        parts.append(Segment(" \(rate) \(isImages ? "img" : "items")/s", .text, priority: 55,
                             short: " \(rate)/s"))
        if let inEffect = snapshot.knobsInEffect {
            // The rate the last step used: under a schedule, not the knob.
            let used = snapshot.stepLearningRate ?? inEffect.learningRate
            parts.append(Segment("  " + LearningRateReading.text(used: used, base: inEffect.learningRate,
                                                                 scheduled: snapshot.schedulesLearningRate),
                                 .muted, priority: 75))
        }
        let validation = snapshot.epochs.last?.validation
        if let point = snapshot.lossCurve.last {
            parts.append(Segment("  loss \(format(point.loss))", .trainLoss, priority: 70))
            if let validation { parts.append(Segment(" val \(format(validation.loss))", .validationLoss, priority: 69)) }
            if snapshot.regressionTarget != nil {
                // A regression has no accuracy: its validation error in the target's units, and R².
                if let figures = validation?.regression {
                    parts.append(Segment("  val RMSE \(NumberFormat.compact(Double(figures.rmse)))", .accuracy, priority: 61))
                    parts.append(Segment(" \(unicode ? "R²" : "R2") \(String(format: "%.3f", figures.r2))", .accuracy,
                                         priority: 71))  // R² says most: kept before the losses
                }
            } else if let validation {
                parts.append(Segment("  acc \(percent(point.accuracy)) val \(percent(validation.accuracy))", .accuracy,
                                     priority: 60, short: "  val acc \(percent(validation.accuracy))"))
            } else {
                parts.append(Segment("  acc \(percent(point.accuracy))", .accuracy, priority: 60))
            }
        }
        if let framesPerSecond, wide {
            parts.append(Segment("  ui \(Int(framesPerSecond.rounded())) fps", .muted, priority: 10))
        }
        return parts
    }

    private var isImages: Bool {
        lesson.dataChoices.indices.contains(knobs.dataChoice) && lesson.dataChoices[knobs.dataChoice].isMNIST
    }

    private func format(_ value: Float) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : "∞" }
        return value >= 100 ? NumberFormat.compact(Double(value)) : String(format: "%.3f", value)
    }

    private func percent(_ value: Float) -> String { String(format: "%.1f%%", value * 100) }
}
