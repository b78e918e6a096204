import Testing
@testable import TUI

@Suite("TryThisList")
struct TryThisListTests {
    static let list = TryThisList(
        items: [
            .init(title: "Set the learning rate to 10", keys: "`↓` to learning rate, then `]` twice (→ 10)",
                  outcome: "The loss explodes within a few batches."),
            .init(title: "Watch from the first batch", keys: "press `Space`, then `r`, then `s` to step",
                  outcome: "Speckle becomes strokes."),
        ],
        note: "Keys count from the opening values.", focused: true, hint: "PgDn more")

    @Test func headingItemsAndKeysInTheColorLayer() {
        var grid = Grid.testing(34, 14, colors: .full256)
        grid.render(Self.list, in: grid.area)
        Snapshot.check(grid, named: "tryThis-256", styles: true)
        #expect(grid.lines[0].contains("Try this"))
        // A key is reversed in the key-hint color; the words around it are not.
        let keysRow = grid.lines.firstIndex { $0.contains("to learning rate") } ?? 0
        let arrow = Array(grid.lines[keysRow]).firstIndex(of: "↓") ?? 0
        #expect(grid[arrow, keysRow].style.attributes.contains(.reverse))
        #expect(!grid[arrow + 2, keysRow].style.attributes.contains(.reverse))
    }

    @Test func withoutColorKeysStayDistinctAndASCIISpellsTheArrows() {
        var grid = Grid.testing(34, 14, glyphs: .ascii)
        grid.render(Self.list, in: grid.area)
        Snapshot.check(grid, named: "tryThis-ascii-mono", styles: true)
        let text = grid.lines.joined(separator: "\n")
        #expect(text.contains("Down to learning rate"))
        #expect(text.contains("(-> 10)"))
        #expect(!text.unicodeScalars.contains { !$0.isASCII })
    }

    @Test func scrollingShowsTheLaterItemsAndTinyAreasDoNotTrap() {
        let size = Size(width: 34, height: 8)
        let maxScroll = Self.list.maxScroll(for: size)
        #expect(maxScroll > 0)
        var list = Self.list
        list.scroll = maxScroll
        var grid = Grid.testing(size.width, size.height)
        grid.render(list, in: grid.area)
        #expect(grid.lines.joined().contains("Speckle becomes strokes."))
        for (width, height) in [(0, 0), (1, 1), (3, 2), (10, 3)] {
            var tiny = Grid.testing(max(1, width), max(1, height))
            tiny.render(Self.list, in: Rect(x: 0, y: 0, width: width, height: height))
        }
    }
}
