import Testing
@testable import TUI

@Suite("Paragraph wrap cache: the lesson text is wrapped once per text and width, not every frame")
struct ParagraphWrapCacheTests {
    private let paragraph = Paragraph("""
        **Convolutions** share weights: a `5×5` kernel slides over the picture → one map per kernel.
        A word longer than any row, supercalifragilisticexpialidocious-and-then-some, is broken.

        • *emphasis* across   several spaces, and a line that ends in spaces   
        """)

    @Test("cached rows are the uncached rows at every width from 1 to 120, in colour, monochrome and ASCII")
    func cachedRowsMatchUncached() {
        for theme in [Theme.monochrome, Theme(capability: .full256), Theme(capability: .full256, background: .light)] {
            for glyphs in [GlyphSet.braille, .ascii] {
                for width in 1...120 {
                    let reference = paragraph.uncachedWrap(width: width, theme: theme, glyphs: glyphs)
                    let first = paragraph.wrap(width: width, theme: theme, glyphs: glyphs)
                    let again = paragraph.wrap(width: width, theme: theme, glyphs: glyphs)
                    #expect(first == reference, "width \(width), \(glyphs)")
                    #expect(again == reference, "width \(width), \(glyphs), from the cache")
                }
            }
        }
    }

    @Test("another text at the same width is wrapped anew, and the drawn text follows it")
    func anotherTextIsWrappedAnew() {
        var before = Grid(size: Size(width: 12, height: 3))
        before.render(Paragraph("aaa bbb ccc ddd"), in: before.area)
        var after = Grid(size: Size(width: 12, height: 3))
        after.render(Paragraph("xxx yyy zzz www"), in: after.area)
        #expect(before.contains("aaa bbb ccc"))
        #expect(after.contains("xxx yyy zzz"))
        #expect(!after.contains("aaa"))
    }

    @Test("a full cache drops the least recently used entry")
    func dropsLeastRecentlyUsed() {
        let cache = ParagraphWrapCache(capacity: 2)
        func key(_ text: String) -> ParagraphWrapCache.Key {
            ParagraphWrapCache.Key(lines: [[Span(text)]], width: 10, theme: .monochrome, glyphs: .braille)
        }
        let rows = [[Paragraph.StyledCharacter(character: "a", style: Style())]]
        cache.store(rows, for: key("one"))
        cache.store(rows, for: key("two"))
        #expect(cache.rows(for: key("one")) == rows)  // "one" is now the most recent
        cache.store(rows, for: key("three"))
        #expect(cache.count == 2)
        #expect(cache.rows(for: key("two")) == nil)
        #expect(cache.rows(for: key("one")) == rows)
        #expect(cache.rows(for: key("three")) == rows)
    }
}
