import Testing
@testable import TUI

@Suite("Grid")
struct GridTests {
    @Test func writesAreClippedToTheGridAndClip() {
        var grid = Grid(width: 5, height: 2)
        let used = grid.write("hello world", x: 2, y: 0)
        #expect(grid.line(0) == "  hel")
        #expect(used == 11)  // columns consumed, even the clipped ones
        grid.write("abc", x: 0, y: 1, clip: Rect(x: 1, y: 1, width: 1, height: 1))
        #expect(grid.line(1) == " b   ")
        grid.write("x", x: -1, y: 7)
        #expect(grid.text == "  hel\n b")
    }

    @Test func silentCutsAreRecordedOnlyWhenAPrintedCharacterIsLostWithoutASign() {
        var grid = Grid(width: 10, height: 2)
        grid.write("hello world", x: 0, y: 0)              // cut by the grid edge
        #expect(grid.silentCuts == nil, "recording is off unless switched on")
        grid.silentCuts = []
        grid.write("hello world", x: 0, y: 0)              // cut by the grid edge
        grid.write("hello world", x: 0, y: 1, maxWidth: 5) // cut by maxWidth
        grid.write(truncated("hello world", toWidth: 6), x: 0, y: 1)
        grid.write("fits   ", x: 5, y: 0)                   // only spaces lost
        grid.write("off the grid", x: 20, y: 5)            // neither its row nor its column is there
        #expect(grid.silentCuts?.map(\.shown) == ["hello worl", "hello"])
        grid.write("a list's next row", x: 0, y: 2)        // the row below the grid: a vertical cut
        grid.write("a row below the clip", x: 1, y: 1, clip: Rect(x: 0, y: 0, width: 10, height: 1))
        #expect(grid.silentCuts?.map(\.shown) == ["hello worl", "hello", "", ""])
        grid = Grid(width: 10, height: 1, glyphs: .ascii)
        grid.silentCuts = []
        grid.write(truncated("x₁ → x₂ → y", toWidth: 10), x: 0, y: 0) // "…" spelled "..." grows the text
        #expect(grid.silentCuts?.count == 1)
    }

    @Test func wideCharactersTakeTwoCells() {
        var grid = Grid(width: 6, height: 1)
        grid.write("a漢b", x: 0, y: 0)
        #expect(grid[1, 0].width == 2)
        #expect(grid[2, 0].isContinuation)
        #expect(grid.line(0) == "a漢b  ")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var grid = Grid(width: 4, height: 1)
        grid.write("漢", x: 1, y: 0)
        grid.set("x", x: 2, y: 0)
        #expect(grid.line(0) == "  x ")
        grid.write("漢", x: 0, y: 0)
        grid.set("y", x: 0, y: 0)
        #expect(grid[1, 0] == .blank)
    }

    @Test func wideCharacterAtTheEdgeBecomesASpace() {
        var grid = Grid(width: 3, height: 1)
        grid.write("ab漢", x: 0, y: 0)
        #expect(grid.line(0) == "ab ")
        #expect(!grid[2, 0].isContinuation)
    }

    @Test func changesListOnlyDifferingCells() {
        var before = Grid(width: 4, height: 2)
        before.write("abcd", x: 0, y: 0)
        var after = before
        after.set("X", x: 2, y: 1)
        after.set("a", x: 0, y: 0)  // same as before: not a change
        let changes = after.changes(since: before)
        #expect(changes == [CellChange(x: 2, y: 1, cell: Cell("X"))])
        #expect(after.changes(since: nil).count == 8)
        #expect(Grid(width: 2, height: 2).changes(since: before).count == 4)
    }

    @Test func displayWidths() {
        #expect(displayWidth(of: "abc") == 3)
        #expect(displayWidth(of: "漢字") == 4)
        #expect(displayWidth(of: "⣿") == 1)
        #expect(displayWidth(of: "🎉") == 2)
        #expect(displayWidth(of: Character("e\u{301}")) == 1)
        #expect(displayWidth(of: Character("\u{7}")) == 0)
    }
}
