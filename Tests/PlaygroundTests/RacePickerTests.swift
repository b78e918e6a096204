import Foundation
import Lessons
import MiniNN
import Testing
import TUI
@testable import NetPlayground

/// `c` opens the race picker: the lesson's preset, or a knob of the lesson
/// that trains differently at two to four values the learner turns with the
/// knob's own steps; Enter starts a race whose runners have exactly those settings.
@Suite("Race picker", .serialized)
struct RacePickerTests {
    static func picker(_ app: PlaygroundApp) -> RacePicker? {
        if case .racePicker(let picker) = app.screen { return picker }
        return nil
    }

    @Test("choose the batch size, set four values, start: the runners have exactly those settings")
    func chooseKnobAndValues() throws {
        var app = ScreenSnapshotTests.app(opening: 3)
        guard case .lesson(let home) = app.screen else { Issue.record("lesson 3 did not open"); return }
        _ = app.update(.key(.character("c")))
        var picker = try #require(Self.picker(app), "c did not open the picker")
        #expect(picker.knob == nil && picker.race == RacePreset.preset(for: "learning-rate"), "the preset comes first")
        // → twice: from the preset past the learning rate to the batch size; values around 32.
        _ = app.update(.key(.right))
        _ = app.update(.key(.right))
        picker = try #require(Self.picker(app))
        #expect(picker.knob == .batchSize && picker.runnerLabels == ["batch 16", "batch 32", "batch 64"])
        // Runner 1 one step down (the knob's own step: half), then a fourth runner past the last.
        _ = app.update(.key(.down))
        _ = app.update(.key(.character("-")))
        _ = app.update(.key(.character("a")))
        picker = try #require(Self.picker(app))
        #expect(picker.runnerLabels == ["batch 8", "batch 32", "batch 64", "batch 128"])
        #expect(picker.selectedRunner == 3, "the new runner is selected")
        _ = app.update(.key(.enter))
        guard case .race(let race) = app.screen else { Issue.record("Enter did not start the race"); return }
        #expect(race.runners.map(\.knobs.hyperparameters.batchSize) == [8, 32, 64, 128])
        for runner in race.runners {
            var expected = home.knobs
            expected.hyperparameters.batchSize = runner.knobs.hyperparameters.batchSize
            #expect(runner.knobs == expected, "only the batch size differs from the lesson's knobs")
            #expect(runner.seed == home.seed)
        }
        #expect(race.startLabels == ["batch 8", "batch 32", "batch 64", "batch 128"])
    }

    @Test("x removes the selected runner but two stay; the preset's runners are fixed; Esc goes back without a race")
    func removeAndBack() throws {
        var app = ScreenSnapshotTests.app(opening: 3)
        _ = app.update(.key(.character("c")))
        _ = app.update(.key(.character("a")))
        #expect(Self.picker(app)?.note?.contains("preset's runners are fixed") == true)
        _ = app.update(.key(.right))
        #expect(Self.picker(app)?.runnerLabels == ["lr 0.01", "lr 0.1", "lr 1"])
        _ = app.update(.key(.down))
        _ = app.update(.key(.character("]")))
        #expect(Self.picker(app)?.runnerLabels == ["lr 0.1", "lr 0.1", "lr 1"], "] turns runner 1 up tenfold")
        _ = app.update(.key(.character("x")))
        #expect(Self.picker(app)?.runnerLabels == ["lr 0.1", "lr 1"])
        _ = app.update(.key(.character("x")))
        #expect(Self.picker(app)?.runnerLabels == ["lr 0.1", "lr 1"] && Self.picker(app)?.note == "a race needs two runners")
        _ = app.update(.key(.escape))
        guard case .lesson(let back) = app.screen else { Issue.record("Esc did not go back to the lesson"); return }
        #expect(back.knobs.display(.learningRate) == "0.1" && back.note == nil)
    }

    @Test("the sandbox's preset makes its point on the network its setup form opens with")
    func sandboxPreset() throws {
        guard case .success(let sandbox) = SandboxSetup().lesson(exportRoot: NSTemporaryDirectory()) else {
            Issue.record("the sandbox's first choices build nothing"); return
        }
        let result = try LessonChecks.checkRacePreset(slug: "sandbox", built: sandbox)
        print(result)
        #expect(result.passed, "\(result)")
    }

    @Test("the picker's keys come from the key table: its hints and its help")
    func hintsAndHelp() throws {
        var app = ScreenSnapshotTests.app(opening: 1)
        _ = app.update(.key(.character("c")))
        var grid = Grid(width: 80, height: 24, theme: Theme(capability: .none), glyphs: .braille)
        app.view(into: &grid)
        let text = grid.lines.joined(separator: "\n")
        #expect(text.contains("Race: train side by side") && text.contains("Start the race"), "\(text)")
        #expect(text.contains("AND and OR are linearly separable"), "the preset's point is said: \(text)")
        #expect(grid.lines.last?.contains("Enter start") == true, "\(grid.lines.last ?? "")")
        _ = app.update(.key(.character("?")))
        var help = Grid(width: 160, height: 48, theme: Theme(capability: .none), glyphs: .braille)
        app.view(into: &help)
        let helpText = help.lines.joined(separator: "\n")
        #expect(helpText.contains("add a runner") && helpText.contains("remove the selected runner"), "\(helpText)")
    }
}
