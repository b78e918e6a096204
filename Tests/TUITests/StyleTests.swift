import Testing
@testable import TUI

@Suite("Colors, themes and glyphs")
struct StyleTests {
    @Test func noColorTurnsColorOff() {
        #expect(ColorCapability.detect(hasColors: true, colorCount: 256, environment: ["NO_COLOR": "1"]) == .none)
        // An empty NO_COLOR does not count (no-color.org).
        #expect(ColorCapability.detect(hasColors: true, colorCount: 256, environment: ["NO_COLOR": ""]) == .full256)
    }

    @Test("capability from the color count", arguments: [(0, ColorCapability.none), (8, .eight), (16, .sixteen), (88, .sixteen), (256, .full256), (16_777_216, .full256)])
    func capabilityFromCount(count: Int, expected: ColorCapability) {
        #expect(ColorCapability.detect(hasColors: count > 0, colorCount: count, environment: [:]) == expected)
    }

    @Test func themesOnlyHandOutColorsTheTerminalHas() {
        for capability in ColorCapability.allCases {
            let theme = Theme(capability: capability)
            let roles: [Role] = [.text, .muted, .title, .focus, .warning, .trainLoss, .validationLoss, .positiveWeight, .negativeWeight, .category(7)]
            var colors = roles.map { theme.style($0).foreground }
            colors += stride(from: -1.0, through: 1, by: 0.1).compactMap { theme.diverging($0) }
            colors += stride(from: 0.0, through: 1, by: 0.1).compactMap { theme.sequential($0) }
            for color in colors {
                if case .indexed(let index) = color { #expect(Int(index) < capability.rawValue, "\(capability) got \(index)") }
            }
        }
    }

    @Test func monochromeKeepsRolesApartWithAttributes() {
        let theme = Theme.monochrome
        #expect(theme.style(.focus).attributes.contains(.reverse))
        #expect(theme.style(.title).attributes.contains(.bold))
        #expect(theme.style(.muted).attributes.contains(.dim))
        #expect(theme.diverging(0.5) == nil)
        #expect(theme.sequential(0.5) == nil)
    }

    @Test func divergingPaletteShowsSign() {
        let theme = Theme(capability: .sixteen)
        #expect(theme.diverging(-1) == .brightBlue)
        #expect(theme.diverging(1) == .brightRed)
        #expect(theme.diverging(0) == .black)
        #expect(theme.diverging(.nan) == .black)
    }

    @Test func clampingMapsTheCubeToBasicColors() {
        #expect(ColorCapability.eight.clamp(.cube(5, 0, 0)) == .red)
        #expect(ColorCapability.sixteen.clamp(.cube(5, 0, 0)) == .brightRed)
        #expect(ColorCapability.eight.clamp(.brightBlue) == .blue)
        #expect(ColorCapability.none.clamp(.red) == .default)
    }

    @Test func glyphSetSelection() {
        #expect(GlyphSet.detect(environment: [:], localeIsUTF8: true) == .braille)
        #expect(GlyphSet.detect(environment: ["NETPLAYGROUND_GLYPHS": "ASCII"], localeIsUTF8: true) == .ascii)
        #expect(GlyphSet.detect(environment: ["NETPLAYGROUND_GLYPHS": "blocks"], localeIsUTF8: true) == .blocks)
        #expect(GlyphSet.detect(environment: ["NETPLAYGROUND_GLYPHS": "nonsense"], localeIsUTF8: true) == .braille)
        #expect(GlyphSet.detect(explicit: .blocks, environment: ["NETPLAYGROUND_GLYPHS": "ascii"], localeIsUTF8: true) == .blocks)
        // Without a UTF-8 locale nothing but ASCII can be shown, whatever was asked for.
        #expect(GlyphSet.detect(explicit: .braille, environment: [:], localeIsUTF8: false) == .ascii)
    }

    @Test func asciiGlyphsAreSevenBit() {
        let grid = Grid.testing(1, 1, glyphs: .ascii)
        let glyphs = grid.glyphs
        var characters: [Character] = glyphs.horizontalEighths + glyphs.verticalEighths
        characters += [glyphs.barFull, glyphs.barTrack, glyphs.point, glyphs.up, glyphs.down, glyphs.focusMarker, glyphs.ellipsis]
        let box = glyphs.box
        characters += [box.horizontal, box.vertical, box.topLeft, box.topRight, box.bottomLeft, box.bottomRight, box.cross]
        #expect(characters.allSatisfy { $0.isASCII })
    }
}

@Suite("Color pairs")
struct ColorPairCacheTests {
    @Test func defaultColorsNeedNoPair() {
        var cache = ColorPairCache(capacity: 4)
        let assignment = cache.pair(foreground: .default, background: .default) { _, _, _ in Issue.record("defined a pair") }
        #expect(assignment.pair == 0)
    }

    @Test func pairsAreCachedAndReused() {
        var cache = ColorPairCache(capacity: 4)
        var definitions = 0
        let first = cache.pair(foreground: .red, background: .default) { _, _, _ in definitions += 1 }
        let again = cache.pair(foreground: .red, background: .default) { _, _, _ in definitions += 1 }
        #expect(first.pair == again.pair)
        #expect(definitions == 1)
    }

    @Test func aFullTableEvictsTheLeastRecentlyUsedPairFromAnEarlierFrame() {
        var cache = ColorPairCache(capacity: 2)
        cache.beginFrame()
        let red = cache.pair(foreground: .red, background: .default) { _, _, _ in }
        cache.beginFrame()
        let green = cache.pair(foreground: .green, background: .default) { _, _, _ in }
        cache.beginFrame()
        _ = cache.pair(foreground: .green, background: .default) { _, _, _ in }
        var redefined: (Int, Color, Color)?
        let blue = cache.pair(foreground: .blue, background: .default) { redefined = ($0, $1, $2) }
        #expect(blue.pair == red.pair)
        #expect(blue.evicted?.foreground == .red)
        #expect(redefined?.0 == red.pair && redefined?.1 == .blue)
        #expect(blue.pair != green.pair)
        #expect(cache.count == 2)
    }

    @Test func whenEveryPairIsOnScreenRequestsDegradeInsteadOfFailing() {
        var cache = ColorPairCache(capacity: 2)
        cache.beginFrame()
        let red = cache.pair(foreground: .red, background: .default) { _, _, _ in }
        _ = cache.pair(foreground: .green, background: .default) { _, _, _ in }
        let redOnBlue = cache.pair(foreground: .red, background: .blue) { _, _, _ in Issue.record("evicted a pair in use") }
        #expect(redOnBlue.pair == red.pair)
        let blue = cache.pair(foreground: .blue, background: .default) { _, _, _ in Issue.record("evicted a pair in use") }
        #expect(blue.pair == 0)
    }

    @Test func zeroCapacityAlwaysFallsBack() {
        var cache = ColorPairCache(capacity: 0)
        #expect(cache.pair(foreground: .red, background: .blue) { _, _, _ in }.pair == 0)
    }
}
