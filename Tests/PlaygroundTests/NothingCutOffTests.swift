import Foundation
import Lessons
import MiniNN
import Testing
import TUI
@testable import NetPlayground

/// Every screen at 80×24 and the widths between it and 160×48, filled with
/// long content (100% figures, ten classes, long file names and messages):
/// whatever does not fit must wrap or end in "…". The grid records every text
/// it cut without that sign, and the list must be empty.
@Suite("Nothing cut off", .serialized)
struct NothingCutOffTests {
    static let sizes = [Size.small, .medium, .wide, .large]
    static let longDirectory = "/home/learner/projects/neural-networks-course/exports/a-rather-long-folder-name"

    /// The cuts on `app`'s screen at every size, in color and in ASCII.
    static func cuts(_ app: inout PlaygroundApp) -> [String] {
        var found: [String] = []
        for size in sizes {
            let grid = ScreenSnapshot.draw(&app, size, recordingCuts: true)
            found += (grid.silentCuts ?? []).map { "\(size.width)x\(size.height): \($0)" }
        }
        let ascii = ScreenSnapshot.draw(&app, .small, colors: .none, glyphs: .ascii, recordingCuts: true)
        found += (ascii.silentCuts ?? []).map { "80x24 ascii: \($0)" }
        return found
    }

    /// A built lesson under a finished-looking run whose figures are at their widest.
    static func crowded(_ lesson: Lesson) throws -> TrainingSnapshot {
        var snapshot = try SeededSession(lesson).built().withMadeUpRun(epochs: 120).withFixedClock()
        snapshot.epochs = snapshot.epochs.map { report in
            var report = report
            report.train = Evaluation(loss: 0.0001, accuracy: 1, count: report.train.count)
            report.validation = Evaluation(loss: 12.3456, accuracy: 1, count: report.validation?.count ?? 1)
            return report
        }
        snapshot.itemsPerSecond = 123_456
        snapshot.exportNote = "Saved \(longDirectory)/model.safetensors and \(longDirectory)/model.onnx"
        if var digit = snapshot.digit {
            digit.probabilities = digit.probabilities.indices.map { $0 == digit.label ? 1 : 0 }
            snapshot.digit = digit
        }
        snapshot.mistakes = snapshot.mistakes.map { mistake in
            var mistake = mistake
            let wrong = (mistake.label + 1) % max(1, mistake.probabilities.count)
            mistake.probabilities = mistake.probabilities.indices.map { $0 == wrong ? 1 : 0 }
            return mistake
        }
        snapshot.heldOutPredictions = snapshot.heldOutPredictions.map { example in
            var example = example
            example.confidence = 1
            return example
        }
        if !snapshot.confusion.isEmpty {
            // Every test image right: four-digit counts on the diagonal.
            let classes = snapshot.confusion.count
            snapshot.confusion = (0..<classes).map { row in (0..<classes).map { $0 == row ? 1_000 : 0 } }
        }
        return snapshot
    }

    @Test("every lesson's screen", arguments: Course.lessons.map(\.id))
    func lesson(_ id: Int) throws {
        let lesson = try #require(Course.lesson(id: id))
        var app = ScreenSnapshotTests.app(opening: id)
        if lesson.model != nil {
            _ = app.update(.posted(try Self.crowded(lesson)))
        }
        let cuts = Self.cuts(&app)
        #expect(cuts.isEmpty, "lesson \(id) cuts text silently:\n\(cuts.joined(separator: "\n"))")
    }

    @Test("the course list, the help overlay and the sandbox form")
    func chrome() {
        var start = ScreenSnapshotTests.app()
        var help = ScreenSnapshotTests.app(opening: 8)
        _ = help.update(.key(.character("?")))
        var sandbox = ScreenSnapshotTests.app()
        for _ in 0..<(Course.lessons.count - 1) { _ = sandbox.update(.key(.down)) }
        _ = sandbox.update(.key(.enter))
        var refused = sandbox
        refused.sandbox.problem = "\(Self.longDirectory)/lesson-8-convnet.safetensors: tensor 'conv1.weight' "
            + "has shape [8, 1, 5, 5] but the model takes [16, 1, 5, 5]"
        let cuts = Self.cuts(&start) + Self.cuts(&help) + Self.cuts(&sandbox) + Self.cuts(&refused)
        #expect(cuts.isEmpty, "cuts text silently:\n\(cuts.joined(separator: "\n"))")
    }

    @Test("a race of four, one runner's knobs turned: its runner line fits one row or ends in …; the race picker")
    func race() throws {
        let lesson = try #require(Course.lesson(slug: "overfitting"))
        var app = ScreenSnapshotTests.app(opening: lesson.id)
        _ = app.update(.key(.character("c")))
        var picker = app
        _ = app.update(.key(.enter))
        guard case .race(var race) = app.screen else { Issue.record("no race"); return }
        let crowded = try Self.crowded(lesson)
        for index in race.runners.indices {
            var snapshot = crowded
            snapshot.session = race.runners[index].sessionID
            snapshot.exportNote = nil
            race.receive(snapshot)
        }
        app.screen = .race(race)
        // Runner 2's L2 and dropout turned: its name grows ("L2 1e-3 → L2 0.002, dropout 0.05").
        _ = app.update(.key(.character("2")))
        for key in [Key.character("+"), .down, .character("+")] { _ = app.update(.key(key)) }
        guard case .race(let turned) = app.screen else { Issue.record("the race ended"); return }
        #expect(turned.label(of: 1).contains("→"), "runner 2's knobs did not turn: \(turned.label(of: 1))")
        var cuts = Self.cuts(&app)
        // In ASCII too, where "±2" is spelled "+/-2" and "→" "->".
        for (size, glyphs) in Self.sizes.map({ ($0, GlyphSet.braille) }) + [(Size.small, .ascii)] {
            let lines = ScreenSnapshot.draw(&app, size, colors: glyphs.isUnicode ? .full256 : .none, glyphs: glyphs).lines
            guard let row = lines.firstIndex(where: { $0.contains("race: ") }) else {
                Issue.record("\(size.width)x\(size.height): no runner line"); continue
            }
            #expect(row + 1 < lines.count && lines[row + 1].contains("end race"),
                    "\(size.width)x\(size.height): the runner line wraps:\n\(lines[row])\n\(lines[min(row + 1, lines.count - 1)])")
        }
        _ = picker.update(.key(.right))
        cuts += Self.cuts(&picker)
        #expect(cuts.isEmpty, "cuts text silently:\n\(cuts.joined(separator: "\n"))")
    }
}
