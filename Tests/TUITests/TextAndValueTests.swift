import Foundation
import Testing
@testable import TUI

@Suite("Paragraph")
struct ParagraphTests {
    @Test func markupBecomesSpans() {
        let spans = Paragraph.parse("a **b** *c* `d`")
        #expect(spans.map(\.text) == ["a ", "b", " ", "c", " ", "d"])
        #expect(spans[1].attributes.contains(.bold))
        #expect(spans[3].role == .emphasis && spans[3].attributes.contains(.italic))
        #expect(spans[5].role == .keyHint)
    }

    @Test func aLoneAsteriskStaysText() {
        #expect(Paragraph.parse("2 * 3").map(\.text).joined() == "2 * 3")
    }

    @Test func wrapsAtWordsAndCountsLines() {
        let paragraph = Paragraph("one two three four")
        var grid = Grid(width: 9, height: 3)
        grid.render(paragraph, in: grid.area)
        #expect(grid.lines == ["one two  ", "three    ", "four     "])
        #expect(paragraph.wrappedLineCount(width: 9) == 3)
    }

    @Test func scrollingShowsLaterLinesAndArrows() {
        // Three rows of text ("aa bb", "cc dd", "ee") in two: a column is kept for arrows.
        var top = Grid(width: 6, height: 2)
        top.render(Paragraph("aa bb cc dd ee"), in: top.area)
        #expect(top.lines == ["aa bb ", "cc dd▼"])
        var scrolled = Grid(width: 6, height: 2)
        scrolled.render(Paragraph("aa bb cc dd ee", scroll: 1), in: scrolled.area)
        #expect(scrolled.lines == ["cc dd▲", "ee    "])
        // Scrolling past the end stops at the last row.
        var past = Grid(width: 6, height: 2)
        past.render(Paragraph("aa bb cc dd ee", scroll: 50), in: past.area)
        #expect(past.lines == scrolled.lines)
    }
}

@Suite("Numbers and knobs")
struct ValueTests {
    @Test("compact numbers", arguments: [(0.5, "0.5"), (12, "12"), (1234, "1234"), (12_345, "12.3k"), (0.0003, "3e-4"), (2.0, "2"), (-0.25, "-0.25")])
    func compact(value: Double, expected: String) {
        #expect(NumberFormat.compact(value) == expected)
    }

    @Test func nonFiniteNumbersAreNamed() {
        #expect(NumberFormat.compact(.nan) == "NaN")
        #expect(NumberFormat.compact(-.infinity) == "-∞")
    }

    @Test func ticksUseTheStepsDecimals() {
        #expect(NumberFormat.tick(0.5, step: 0.5) == "0.5")
        #expect(NumberFormat.tick(2, step: 1) == "2")
        #expect(NumberFormat.tick(0.25, step: 0.05) == "0.25")
    }

    @Test func logarithmicKnobsStepByRatio() {
        let knob = Knob("lr", value: 0.01, range: 0.001...1, logarithmic: true)
        #expect(abs(knob.position - 1.0 / 3) < 1e-9)
        let up = knob.nudged(by: 1, stepsAcross: 3)
        #expect(abs(up - 0.1) < 1e-9)
        #expect(knob.nudged(by: 100) == 1)
        #expect(knob.nudged(by: -100) == 0.001)
    }

    @Test func linearKnobsClampToTheirRange() {
        let knob = Knob("dropout", value: 0.5, range: 0...0.9)
        #expect(abs(knob.nudged(by: 2, stepsAcross: 18) - 0.6) < 1e-9)
        #expect(Knob("bad", value: .nan, range: 1...1).nudged(by: 1) .isNaN)
    }

    @Test func logTicksPreferRoundValues() {
        let ticks = LineChart.logTicks(low: log10(0.05), high: log10(3), maximumCount: 5)
        // 0.05 … 2 holds eight 1-2-5 values; thinned to the 1s and 5s they fit in five.
        #expect(ticks.map(\.label) == ["0.05", "0.1", "0.5", "1"])
        #expect(LineChart.logTicks(low: 0, high: 4, maximumCount: 5).map(\.label) == ["1", "10", "100", "1000", "10k"])
    }
}
