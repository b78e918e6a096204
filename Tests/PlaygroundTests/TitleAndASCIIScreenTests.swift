import Foundation
import Lessons
import MiniNN
import Testing
import TUI
@testable import NetPlayground

/// The title line says each thing once and only what holds, and the ASCII
/// fallback (LANG=C) keeps lesson 7's formula numbers intact.
@Suite("Title line and the ASCII screen")
struct TitleAndASCIIScreenTests {
    static func lessonScreen(_ id: Int, _ snapshot: TrainingSnapshot, glyphs: GlyphSet = .braille) -> Grid {
        var app = ScreenSnapshotTests.app(opening: id)
        _ = app.update(.posted(snapshot))
        return ScreenSnapshot.draw(&app, .small, colors: .none, glyphs: glyphs)
    }

    /// Lesson 7 showing one blank digit: its formula does not depend on the picture.
    static var convolutionSnapshot: TrainingSnapshot {
        var snapshot = TrainingSnapshot(session: 1, generation: 0, seed: 0, state: .paused)
        snapshot.sampleDigits = [Array(repeating: 0, count: 784)]
        return snapshot
    }

    @Test("the sandbox's title says Sandbox once")
    func sandboxTitle() throws {
        let lesson = try #require(Course.lesson(id: Course.sandboxID))
        let grid = Self.lessonScreen(Course.sandboxID, try SeededSession(lesson).built().withMadeUpRun())
        #expect(grid.line(0).hasPrefix(" Sandbox "), "\(grid.line(0))")
        #expect(!grid.line(0).contains("Sandbox · Sandbox"), "\(grid.line(0))")
        #expect(grid.line(0).contains("seed "), "the sandbox trains, so its seed stays: \(grid.line(0))")
    }

    @Test("lesson 7, which trains nothing, shows no seed; lesson 1, which trains, does")
    func seedOnlyWhereSomethingTrains() throws {
        let convolution = Self.lessonScreen(7, Self.convolutionSnapshot)
        #expect(convolution.line(0).hasPrefix(" Lesson 7 · "), "\(convolution.line(0))")
        #expect(!convolution.line(0).contains("seed"), "\(convolution.line(0))")
        let perceptron = Self.lessonScreen(1, try SeededSession(Course.perceptron).built().withFixedClock())
        #expect(perceptron.line(0).contains("seed \(Course.perceptron.seed)"), "\(perceptron.line(0))")
    }

    @Test("lesson 7's formula in ASCII keeps its numbers: 2*0, -, 3x3, floor(…)")
    func convolutionFormulaInASCII() {
        let grid = Self.lessonScreen(7, Self.convolutionSnapshot, glyphs: .ascii)
        // The right-hand panel wraps the formula: read its rows (what is left of the
        // last border on each row) as one line of text.
        let text = grid.lines.compactMap { $0.split(separator: "|").last(where: { !$0.allSatisfy { $0 == " " } }) }
            .joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(text.contains("floor((28 + 2*0 - 3) / 1) + 1 = 26, so 26x26."), "\(grid.text)")
        #expect(text.contains("8 such 3x3 kernels: 8*(1*9 + 1) = 80"), "\(grid.text)")
        #expect(grid.lines.allSatisfy { $0.allSatisfy { $0.isASCII } }, "\(grid.text)")
    }
}
