import Foundation
import Lessons
import MiniNN
import Testing
import TUI
@testable import NetPlayground

/// Whole screens against golden files: every lesson at 80×24, 100×30, 120×40 and 160×48, the
/// course list, help, the size guard, a diverged run, the sandbox form and a
/// finished export. Lessons 1 and 2 draw a real seeded run (its probes
/// exercised); the others draw their real built model under a made-up run,
/// which fixes the layout without minutes of training.
/// `UPDATE_SNAPSHOTS=1` rewrites the files; review the diff before committing.
@Suite("Whole screens", .serialized)
struct ScreenSnapshotTests {
    static func app(opening lesson: Int? = nil) -> PlaygroundApp {
        // A directory of its own: a screen that ticks an experiment saves progress, which must not reach the next.
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("np-screens-\(getpid())-\(UUID().uuidString.prefix(8))").path
        return PlaygroundApp(progress: ProgressStore(directory: directory), exportRoot: directory,
                             mailbox: Mailbox(), openLesson: lesson, startsThreads: false)
    }

    /// The lesson's screen showing `snapshot`, at both sizes.
    static func checkLesson(_ id: Int, _ snapshot: TrainingSnapshot, name: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        var app = Self.app(opening: id)
        _ = app.update(.posted(snapshot.withFixedClock()))
        // 100×30 and 120×40 as well: the widths between the two the layout is designed for.
        for size in [Size.small, .medium, .wide, .large] {
            let grid = ScreenSnapshot.draw(&app, size)
            ScreenSnapshot.check(grid, named: "\(name)-\(size.width)x\(size.height)", sourceLocation: sourceLocation)
        }
    }

    @Test("the course list")
    func start() {
        var app = Self.app()
        ScreenSnapshot.check(ScreenSnapshot.draw(&app, .small), named: "start-80x24")
        ScreenSnapshot.check(ScreenSnapshot.draw(&app, .medium), named: "start-100x30")
        ScreenSnapshot.check(ScreenSnapshot.draw(&app, .large), named: "start-160x48")
        // LANG=C and NO_COLOR=1: ASCII glyphs, no color.
        ScreenSnapshot.check(ScreenSnapshot.draw(&app, .small, colors: .none, glyphs: .ascii), named: "start-80x24-ascii")
    }

    @Test("lesson 1 after two epochs of its real run")
    func perceptron() throws {
        let run = SeededSession(Course.perceptron)
        let trained = try run.trainEpochs(2, after: try run.built())
        Self.checkLesson(1, trained, name: "lesson01")
        // LANG=C and NO_COLOR=1: letters for the classes, words for the arrows.
        var app = Self.app(opening: 1)
        _ = app.update(.posted(trained.withFixedClock()))
        ScreenSnapshot.check(ScreenSnapshot.draw(&app, .small, colors: .none, glyphs: .ascii), named: "lesson01-80x24-ascii")
    }

    @Test("lesson 2 after three epochs of its real run")
    func hiddenLayers() throws {
        let run = SeededSession(Course.hiddenLayers)
        let trained = try run.trainEpochs(3, after: try run.built())
        Self.checkLesson(2, trained, name: "lesson02")
    }

    @Test("lessons 3–6, 8–11: the built model under a made-up run", arguments: [3, 4, 5, 6, 8, 9, 10, 11])
    func lesson(_ id: Int) throws {
        let lesson = try #require(Course.lesson(id: id))
        let run = SeededSession(lesson, pretrained: id == 10 ? try SeededSession.fixedPretrainedConvnet() : .shared)
        Self.checkLesson(id, try run.built().withMadeUpRun(), name: String(format: "lesson%02d", id))
    }

    @Test("on a light background: lessons 6 and 8 with the light theme's colors", arguments: ["mnist-mlp", "convnet"])
    func lightBackground(_ slug: String) throws {
        let lesson = try #require(Course.lesson(slug: slug))
        var app = Self.app(opening: lesson.id)
        _ = app.update(.posted(try SeededSession(lesson).built().withMadeUpRun().withFixedClock()))
        for size in [Size.small, .large] {
            ScreenSnapshot.check(ScreenSnapshot.draw(&app, size, background: .light),
                                 named: "light-\(slug)-\(size.width)x\(size.height)")
        }
        ScreenSnapshot.check(ScreenSnapshot.draw(&app, .small, colors: .sixteen, background: .light),
                             named: "light-\(slug)-80x24-16colors")
    }

    @Test("lesson 5's curves: validation loss bottoms out and climbs, the best point marked; y for log")
    func overfittingCurves() throws {
        let built = try SeededSession(Course.overfitting).built()
        let run = built.withMadeUpCurves(epochs: 15, batchesPerEpoch: 32, train: MadeUpCurves.overfittingTrain,
                                         validation: MadeUpCurves.overfittingValidation)
        Self.checkLesson(5, run, name: "lesson05-overfit")
        var app = Self.app(opening: 5)
        _ = app.update(.posted(run.withFixedClock()))
        _ = app.update(.key(.character("y")))
        for size in [Size.small, .large] {
            ScreenSnapshot.check(ScreenSnapshot.draw(&app, size), named: "lesson05-overfit-log-\(size.width)x\(size.height)")
        }
    }

    @Test("lesson 4 after 300 epochs: the tail fills the axis, epoch marks every 50")
    func irisTail() throws {
        let built = try SeededSession(Course.manyClasses).built()
        let run = built.withMadeUpCurves(epochs: 300, batchesPerEpoch: 8, train: MadeUpCurves.irisTrain,
                                         validation: MadeUpCurves.irisValidation)
        Self.checkLesson(4, run, name: "lesson04-tail")
    }

    @Test("after a reset: the new run beside the old one, dimmed")
    func afterReset() throws {
        let built = try SeededSession(Course.manyClasses).built()
        let old = built.withMadeUpCurves(epochs: 20, batchesPerEpoch: 8, train: MadeUpCurves.irisTrain,
                                         validation: MadeUpCurves.irisValidation)
        var new = built.withMadeUpCurves(epochs: 6, batchesPerEpoch: 8, train: { MadeUpCurves.irisTrain($0 * 0.6) + 0.05 },
                                         validation: { MadeUpCurves.irisValidation($0) + 0.08 })
        new.seed = 2
        new.previousRun = old.asPreviousRun
        Self.checkLesson(4, new, name: "lesson04-reset")
        // Without color and in ASCII the old run stays apart: dotted, dim, its own marker.
        var app = Self.app(opening: 4)
        _ = app.update(.posted(new.withFixedClock()))
        ScreenSnapshot.check(ScreenSnapshot.draw(&app, .small, colors: .none, glyphs: .ascii), named: "lesson04-reset-80x24-ascii")
    }

    @Test("pinned runs: lr 0.1 and 0.2 dimmed and numbered beside the live run at 0.5")
    func pinnedRuns() throws {
        let built = try SeededSession(Course.learningRate).built()
        var screen = PinnedRunTests.screen()
        var current = PinnedRunTests.run(1, epochs: 8, learningRate: 0.1, built: built)
        for number in 2...3 {
            screen.receive(current)
            _ = screen.handle(.pinRun, exportRoot: "/tmp")
            _ = screen.handle(.increase, exportRoot: "/tmp")
            current = PinnedRunTests.next(after: current, number, epochs: 9 - 2 * number + 2,
                                          learningRate: screen.knobs.hyperparameters.learningRate, built: built)
        }
        screen.receive(current.withFixedClock())
        screen.note = nil
        var app = Self.app(opening: 3)
        app.screen = .lesson(screen)
        for size in [Size.small, .large] {
            ScreenSnapshot.check(ScreenSnapshot.draw(&app, size), named: "lesson03-pins-\(size.width)x\(size.height)")
        }
        ScreenSnapshot.check(ScreenSnapshot.draw(&app, .small, colors: .none, glyphs: .ascii), named: "lesson03-pins-80x24-ascii")
    }

    @Test("a race of lesson 3's three learning rates, runner 2 shown")
    func race() throws {
        let built = try SeededSession(Course.learningRate).built()
        var app = Self.app(opening: 3)
        _ = app.update(.key(.character("c")))
        _ = app.update(.key(.enter))
        _ = app.update(.key(.character("2")))
        guard case .race(var race) = app.screen else { Issue.record("c did not start a race"); return }
        // Made-up runs shaped like the three rates': a crawl, a steady fall, a fast noisy one.
        for (index, shift) in [9.0, 3.0, 0.8].enumerated() {
            var snapshot = built.withMadeUpCurves(epochs: 12, batchesPerEpoch: 10,
                                                  train: { 0.25 * exp(-$0 / shift) + 0.01 + 0.004 * sin($0 * 7 / shift) },
                                                  validation: { 0.25 * exp(-Double($0) / shift) + 0.02 })
            snapshot.session = race.runners[index].sessionID
            snapshot.knobsInEffect = race.runners[index].knobs.hyperparameters
            snapshot.state = .running
            snapshot.trainingSeconds = 1.5 + Double(index)
            snapshot.curveItems = 120 * 32
            race.receive(snapshot.withFixedClock())
        }
        app.screen = .race(race)
        for size in [Size.small, .large] {
            ScreenSnapshot.check(ScreenSnapshot.draw(&app, size), named: "race-\(size.width)x\(size.height)")
        }
        ScreenSnapshot.check(ScreenSnapshot.draw(&app, .small, colors: .none, glyphs: .ascii), named: "race-80x24-ascii")
        _ = app.update(.key(.character("t")))
        for size in [Size.small, .large] {
            ScreenSnapshot.check(ScreenSnapshot.draw(&app, size), named: "race-runs-\(size.width)x\(size.height)")
        }
        _ = app.update(.key(.character("t")))
        _ = app.update(.key(.character("?")))
        ScreenSnapshot.check(ScreenSnapshot.draw(&app, .small), named: "race-help-80x24")
    }

    @Test("the race picker: lesson 1's preset and its point; lesson 3's batch size at four values")
    func racePicker() throws {
        var perceptron = Self.app(opening: 1)
        _ = perceptron.update(.posted(try SeededSession(Course.perceptron).built().withFixedClock()))
        _ = perceptron.update(.key(.character("c")))
        for size in [Size.small, .large] {
            ScreenSnapshot.check(ScreenSnapshot.draw(&perceptron, size), named: "race-picker-preset-\(size.width)x\(size.height)")
        }
        var app = Self.app(opening: 3)
        _ = app.update(.posted(try SeededSession(Course.learningRate).built().withFixedClock()))
        _ = app.update(.key(.character("c")))
        for key in [Key.right, .right, .down, .character("-"), .character("a")] { _ = app.update(.key(key)) }
        for size in [Size.small, .large] {
            ScreenSnapshot.check(ScreenSnapshot.draw(&app, size), named: "race-picker-\(size.width)x\(size.height)")
        }
        ScreenSnapshot.check(ScreenSnapshot.draw(&app, .small, colors: .none, glyphs: .ascii), named: "race-picker-80x24-ascii")
        _ = app.update(.key(.character("?")))
        ScreenSnapshot.check(ScreenSnapshot.draw(&app, .small), named: "race-picker-help-80x24")
    }

    @Test("the canvas over lesson 8: a keyboard stroke, what the network reads, its reading and activation maps")
    func canvas() throws {
        let session = SeededSession(Course.convnet)
        let built = try session.built()
        var app = Self.app(opening: 8)
        _ = app.update(.posted(built.withFixedClock()))
        _ = app.update(.key(.character("d")))
        guard case .canvas(var canvas) = app.screen else { Issue.record("d did not open the canvas"); return }
        let commands = CanvasTests.draw(CanvasTests.stroke, on: &canvas)
        guard case .readDrawing(let input)? = commands.last else { Issue.record("nothing to read"); return }
        // The real (untrained, seeded) network's reading: its maps are deterministic.
        let read = try session.send(.readDrawing(input), awaiting: "the reading") { $0.drawing?.input == input }
        canvas.home.receive(read.withFixedClock())
        app.screen = .canvas(canvas)
        for size in [Size.small, .large] {
            ScreenSnapshot.check(ScreenSnapshot.draw(&app, size), named: "canvas-\(size.width)x\(size.height)")
        }
        ScreenSnapshot.check(ScreenSnapshot.draw(&app, .small, colors: .none, glyphs: .ascii), named: "canvas-80x24-ascii")
    }

    @Test("lesson 7 convolves real test digits")
    func convolution() throws {
        let test = try DatasetCache.shared.mnist(locator: .standard).test
        guard case .bytes(let bytes) = test.features else { Issue.record("MNIST test images are not bytes"); return }
        var snapshot = TrainingSnapshot(session: 1, generation: 0, seed: 0, state: .paused)
        snapshot.sampleDigits = (0..<20).map { Array(bytes[$0 * test.itemSize ..< ($0 + 1) * test.itemSize]) }
        Self.checkLesson(7, snapshot, name: "lesson07")
    }

    @Test("the help overlay over a lesson")
    func help() throws {
        var app = Self.app(opening: 3)
        _ = app.update(.key(.character("?")))
        ScreenSnapshot.check(ScreenSnapshot.draw(&app, .small), named: "help-80x24")
        ScreenSnapshot.check(ScreenSnapshot.draw(&app, .large), named: "help-160x48")
    }

    @Test("a run whose loss stopped being a number")
    func diverged() throws {
        let run = SeededSession(Course.learningRate)
        var snapshot = try run.built().withMadeUpRun(epochs: 0)
        let report = DivergenceReport(epoch: 0, batch: 11, loss: .nan, learningRate: 10)
        snapshot.state = .diverged(report)
        snapshot.epoch = 0
        snapshot.batch = 12
        var app = Self.app(opening: 3)
        _ = app.update(.posted(snapshot.withFixedClock()))
        ScreenSnapshot.check(ScreenSnapshot.draw(&app, .small), named: "diverged-80x24")
    }

    @Test("the sandbox form")
    func sandboxSetup() {
        var app = Self.app()
        for _ in 0..<(Course.lessons.count - 1) { _ = app.update(.key(.down)) }
        _ = app.update(.key(.enter))
        guard case .sandboxSetup = app.screen else { Issue.record("Enter on the last row did not open the sandbox form"); return }
        ScreenSnapshot.check(ScreenSnapshot.draw(&app, .small), named: "sandbox-setup-80x24")
        ScreenSnapshot.check(ScreenSnapshot.draw(&app, .large), named: "sandbox-setup-160x48")
    }

    @Test("an export that finished: the note names the files")
    func exportDone() throws {
        let run = SeededSession(Course.perceptron)
        let trained = try run.trainEpochs(1, after: try run.built())
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("np-screens-export").path
        try? FileManager.default.removeItem(atPath: directory)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var exported = try run.export(to: directory)
        #expect(FileManager.default.fileExists(atPath: directory + "/model.safetensors"))
        // The note names the directory; a fixed name keeps the golden file the same on every machine.
        exported.exportNote = exported.exportNote?.replacingOccurrences(of: directory, with: "/tmp/lesson-1-export")
        var app = Self.app(opening: 1)
        _ = app.update(.posted(trained.withFixedClock()))
        _ = app.update(.posted(exported.withFixedClock()))
        ScreenSnapshot.check(ScreenSnapshot.draw(&app, .small), named: "export-done-80x24")
    }

    @Test("a lesson opens paused on its first frame: press Space to start, no batch trained")
    func pausedOpening() throws {
        var app = Self.app(opening: 3)
        guard case .lesson(let screen) = app.screen else { Issue.record("lesson 3 did not open"); return }
        #expect(screen.session?.running == false, "the session was built to start running")
        let run = SeededSession(Course.learningRate)
        _ = app.update(.posted(try run.built().withFixedClock()))
        let grid = ScreenSnapshot.draw(&app, .small)
        let status = grid.lines[grid.lines.count - 2]
        #expect(status.contains("paused") && status.contains("press Space to start"), "\(status)")
        #expect(!status.contains(" ep "), "batches counted before Space: \(status)")
        ScreenSnapshot.check(grid, named: "lesson03-opening-80x24")
    }

    @Test("the checklist on the lesson screen, one experiment ticked by doing it")
    func checklist() throws {
        var app = Self.app(opening: 3)
        // Learning rate 0.001 ([ twice on the selected knob), then 150 batches: the first experiment.
        _ = app.update(.key(.character("[")))
        _ = app.update(.key(.character("[")))
        let run = SeededSession(Course.learningRate)
        var snapshot = try run.built().withMadeUpRun()
        snapshot.batchesTrained = 149
        _ = app.update(.posted(snapshot.withFixedClock()))
        #expect(app.progress.tried(3).isEmpty, "149 batches are one too few")
        snapshot.batchesTrained = 150
        _ = app.update(.posted(snapshot.withFixedClock()))
        #expect(app.progress.tried(3) == [0])
        _ = app.update(.key(.tab))
        for size in [Size.small, .large] {
            let grid = ScreenSnapshot.draw(&app, size)
            let text = grid.lines.joined(separator: "\n")
            #expect(text.contains("1 of 4 tried"))
            #expect(text.contains("1. ✓ Set the learning rate") && !text.contains("2. ✓"), "\(text)")
            ScreenSnapshot.check(grid, named: "lesson03-checklist-\(size.width)x\(size.height)")
        }
    }

    @Test("the course list with progress: finished lessons, a checklist begun, the cursor on the next")
    func startWithProgress() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("np-screens-progress-\(getpid())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(FileManager.default.createFile(atPath: directory + "/progress.json",
                                               contents: Data(#"{"version": 2, "finished": [1, 2], "tried": {"3": [0, 2]}}"#.utf8)))
        var app = PlaygroundApp(progress: ProgressStore(directory: directory), exportRoot: directory, mailbox: Mailbox(),
                                startsThreads: false)
        ScreenSnapshot.check(ScreenSnapshot.draw(&app, .small), named: "start-progress-80x24")
        ScreenSnapshot.check(ScreenSnapshot.draw(&app, .large), named: "start-progress-160x48")
    }

    @Test("a window smaller than 80×24 gets the size guard")
    func sizeGuard() {
        var app = Self.app(opening: 1)
        ScreenSnapshot.check(ScreenSnapshot.draw(&app, Size(width: 60, height: 20)), named: "size-guard-60x20")
    }
}
