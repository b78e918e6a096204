import Foundation
import Lessons
import MiniNN
import Testing
import TUI
@testable import NetPlayground

/// The loss panel shows the lesson: lesson 5's validation loss turning up is
/// visible at 80×24, the best validation point is marked where it is, and a
/// reset, new data or a new model start a new curve with the old one kept
/// dimmed beside it, never joined to it.
@Suite("Loss charts", .serialized)
struct LossChartTests {
    /// The inside of the panel titled `title` on a drawn screen.
    static func panelInner(_ grid: Grid, title: String) -> Rect? {
        let lines = grid.lines.map { Array($0) }
        for (y, line) in lines.enumerated() {
            let text = String(line)
            guard let found = text.range(of: "┌ \(title) ") ?? text.range(of: "┏ \(title) ") else { continue }
            let x = text.distance(from: text.startIndex, to: found.lowerBound)
            guard let right = line[(x + 1)...].firstIndex(where: { $0 == "┐" || $0 == "┓" }) else { continue }
            var bottom = y + 1
            while bottom < lines.count, lines[bottom].count > x, !["└", "┗"].contains(lines[bottom][x]) { bottom += 1 }
            return Rect(x: x + 1, y: y + 1, width: right - x - 1, height: bottom - y - 1)
        }
        return nil
    }

    static func screen(_ lesson: Int, _ snapshot: TrainingSnapshot, _ size: Size) -> Grid {
        var app = ScreenSnapshotTests.app(opening: lesson)
        _ = app.update(.posted(snapshot.withFixedClock()))
        return ScreenSnapshot.draw(&app, size)
    }

    /// Its planned length: after 15 epochs the validation loss has risen
    /// only ~10% above its minimum, too little to span two rows of a 6-row
    /// chart that also holds the training loss near zero.
    @Test("lesson 5 at its own settings: the validation minimum is marked and the rise after it spans rows at 80×24")
    func overfittingVisible() throws {
        let lesson = Course.overfitting
        let epochs = try #require(lesson.plannedEpochs)
        let run = SeededSession(lesson)
        let trained = try run.trainEpochs(epochs, after: try run.built())
        let losses = trained.epochs.compactMap { $0.validation?.loss }
        try #require(losses.count == epochs)
        print("lesson 5 validation losses: \(losses.map { String(format: "%.3f", $0) }.joined(separator: " "))")
        let argmin = losses.indices.min { losses[$0] < losses[$1] } ?? 0
        let best = try #require(trained.bestValidation)
        #expect(best.epoch == trained.epochs[argmin].epoch && best.loss == losses[argmin], "the true argmin")
        let last = losses[epochs - 1]
        #expect(argmin < epochs / 2 && last > losses[argmin] * 1.2,
                "lesson 5 overfits: min \(losses[argmin]) at epoch \(argmin + 1), last \(last)")

        let grid = Self.screen(5, trained, .small)
        let inner = try #require(Self.panelInner(grid, title: "loss"))
        let chart = LossCharts(trained.withFixedClock(), logarithmic: false).loss
        let bestCell = try #require(chart.cell(x: best.position, y: Double(best.loss), in: inner, glyphs: .braille),
                                    "the minimum is on the plot")
        let lastCell = try #require(chart.cell(x: Double(epochs), y: Double(last), in: inner, glyphs: .braille),
                                    "the last validation loss is on the plot")
        #expect(grid[bestCell.column, bestCell.row].character == "◆", "\(grid.lines.joined(separator: "\n"))")
        #expect(bestCell.row - lastCell.row >= 2, "the rise spans \(bestCell.row - lastCell.row) rows")
        print("lesson 5, \(epochs) epochs: val min \(losses[argmin]) at epoch \(argmin + 1), last \(last); "
              + "rows \(bestCell.row) → \(lastCell.row)")
        let label = "best val \(NumberFormat.compact(Double(best.loss))) (ep \(best.epoch + 1))"
        #expect(grid.lines.contains { $0.contains(label) }, "the legend names \(label)")
    }

    @Test("a reset keeps the run dimmed beside the new one, as its own lines; the next reset replaces it")
    func resetKeepsPreviousRun() throws {
        let run = SeededSession(Course.manyClasses)
        let first = try run.trainEpochs(3, after: try run.built())
        let reset = try run.send(.reset(seed: 2), awaiting: "the reset") { $0.seed == 2 && $0.state == .paused }
        #expect(reset.lossCurve.isEmpty && reset.epochs.isEmpty && reset.bestValidation == nil)
        let previous = try #require(reset.previousRun)
        #expect(previous.label == "seed 1")
        #expect(previous.curve == first.lossCurve)
        #expect(previous.validation.map(\.loss) == first.epochs.compactMap { $0.validation?.loss })

        let second = try run.trainEpochs(1, after: reset)
        let chart = LossCharts(second, logarithmic: false).loss
        let dimmed = chart.series.filter(\.dimmed), live = chart.series.filter { !$0.dimmed }
        #expect(dimmed.count == 2 && dimmed[0].xs == first.lossCurve.map(\.epoch))
        let train = try #require(live.first { $0.name == "train loss" })
        #expect(train.xs == second.lossCurve.map(\.epoch), "the new line holds only the new run's points")
        #expect((train.xs.max() ?? 9) <= 1 && (dimmed[0].xs.max() ?? 0) == 3)

        // On screen: the old run's end (epoch 3) is drawn dim; nothing live lies past the new run's end.
        let grid = Self.screen(4, second, .small)
        let inner = try #require(Self.panelInner(grid, title: "loss"))
        let oldEnd = try #require(first.lossCurve.last)
        let cell = try #require(chart.cell(x: oldEnd.epoch, y: Double(oldEnd.loss), in: inner, glyphs: .braille))
        // Its end carries its number, dim (bold), as the legend names it.
        #expect(grid[cell.column, cell.row].character == "1")
        #expect(grid[cell.column, cell.row].style == grid.theme.style(.muted).adding(.bold))
        #expect(grid.lines.contains { $0.contains("1 last run: seed 1") })

        let again = try run.send(.reset(seed: 3), awaiting: "the second reset") { $0.seed == 3 && $0.state == .paused }
        #expect(again.previousRun?.label == "seed 2" && again.previousRun?.curve == second.lossCurve)
    }

    @Test("label noise, new data and a new model each start a new curve, the old one kept apart")
    func otherPathsStartNewCurves() throws {
        let run = SeededSession(Course.manyClasses)
        let first = try run.trainEpochs(2, after: try run.built())
        let noisy = try run.send(.labelNoise(0.2), awaiting: "label noise") { $0.previousRun != nil }
        #expect(noisy.lossCurve.isEmpty && noisy.epochs.isEmpty)
        #expect(noisy.previousRun?.label == "label noise 0%" && noisy.previousRun?.curve == first.lossCurve)
        // The weights go on, so the new curve starts where the old one ended, beside it.
        let after = try run.trainEpochs(1, after: noisy)
        #expect((after.lossCurve.map(\.epoch).min() ?? 0) > 2)
        let chart = LossCharts(after, logarithmic: false).loss
        #expect(chart.series.first { !$0.dimmed }?.xs == after.lossCurve.map(\.epoch))

        let smaller = ModelSpec.classifier(inputs: 4, hidden: [8], classes: 3, activation: .relu)
        let rebuilt = try run.send(.rebuildModel(.network(smaller)), awaiting: "the new model") {
            $0.state == .paused && $0.previousRun?.label == "old model"
        }
        #expect(rebuilt.lossCurve.isEmpty && rebuilt.previousRun?.curve == after.lossCurve)

        guard let data = Course.manyClasses.dataChoices.first,
              case .iris(let features, let species, _) = data else { Issue.record("lesson 4 is not iris"); return }
        let more = try run.trainEpochs(1, after: rebuilt)
        let moved = try run.send(.rebuildData(.iris(features: features, species: species, validationFraction: 0.3)),
                                 awaiting: "new data") { $0.previousRun?.label == "old data" }
        #expect(moved.lossCurve.isEmpty && moved.epochs.isEmpty && moved.previousRun?.curve == more.lossCurve)
        // Nothing trained since: a second change keeps the run that did train.
        let twice = try run.send(.labelNoise(0.1), awaiting: "noise again") { $0.generation == moved.generation && $0.trainCount > 0 }
        #expect(twice.previousRun?.curve == more.lossCurve)
    }

    @Test("y turns the loss axis logarithmic and back; the hint and help come from the key table")
    func logKey() {
        var screen = LessonScreen(lesson: Course.overfitting, sessionID: 1, mailbox: Mailbox(), startsThreads: false)
        #expect(PlaygroundKeys.table.action(for: .character("y"), in: .lesson) == .toggleLogScale)
        #expect(!screen.logarithmicLoss)
        _ = screen.handle(.toggleLogScale, exportRoot: "/x")
        #expect(screen.logarithmicLoss && screen.note?.contains("log") == true)
        _ = screen.handle(.toggleLogScale, exportRoot: "/x")
        #expect(!screen.logarithmicLoss)
        var study = LessonScreen(lesson: Course.convolution, sessionID: 2, mailbox: Mailbox(), startsThreads: false)
        _ = study.handle(.toggleLogScale, exportRoot: "/x")
        #expect(!study.logarithmicLoss && study.note == "no loss chart in this lesson")
    }
}
