import Testing
@testable import TUI

/// A two-class map's legend names what the screen shows, in every color mode,
/// and the data points keep the map's colors around them.
@Suite("Heatmap class legend and points")
struct HeatmapLegendTests {
    /// Class 0 sure on the left half, class 1 sure on the right; a point of each class on its own side.
    static let map = Heatmap(rows: 2, columns: 4, values: [-0.5, -0.5, 0.5, 0.5, -0.5, -0.5, 0.5, 0.5],
                             palette: .diverging(limit: 0.5),
                             points: [HeatmapPoint(x: 0.1, y: 0.5, category: 0), HeatmapPoint(x: 0.9, y: 0.5, category: 1)],
                             stretches: true)

    static let modes: [(ColorCapability, GlyphSet)] = [
        (.full256, .braille), (.sixteen, .braille), (.eight, .braille), (.full256, .ascii), (.eight, .ascii),
        (.none, .braille), (.none, .ascii),
    ]

    @Test("the legend's color words and letters are those drawn", arguments: 0..<modes.count)
    func legendMatchesScreen(_ mode: Int) throws {
        let (colors, glyphs) = Self.modes[mode]
        var grid = Grid.testing(8, 4, colors: colors, glyphs: glyphs)
        grid.render(Self.map, in: grid.area)
        let legend = try #require(Heatmap.classLegends(names: ["A", "B"], theme: grid.theme, glyphs: glyphs).first)
        // A cell away from the points on each side.
        let left = grid[0, 0], right = grid[grid.width - 1, 0]
        if colors == .none {
            #expect(left.character == " " && right.character == "@")
            #expect(legend.contains("o A on blank") && legend.contains("x B on @"), "\(legend)")
        } else {
            let leftName = try #require(left.style.foreground.name), rightName = try #require(right.style.foreground.name)
            #expect(leftName != rightName)
            if glyphs.isUnicode {
                #expect(legend.hasPrefix("A \(leftName), B \(rightName)"), "\(legend) vs \(leftName), \(rightName)")
            } else {
                #expect(legend.hasPrefix("o A on \(leftName), x B on \(rightName)"), "\(legend) vs \(leftName), \(rightName)")
            }
        }
        // Without half blocks the points are the letters the legend names.
        if !Heatmap.usesHalfBlocks(theme: grid.theme, glyphs: glyphs) {
            let characters = grid.lines.joined()
            #expect(characters.contains("o") && characters.contains("x"))
        }
    }

    @Test("the diverging ends are blue and orange at 256 colors, blue and red at 8 and 16")
    func paletteNames() {
        #expect(Theme(capability: .full256).divergingNames! == ("blue", "orange"))
        #expect(Theme(capability: .sixteen).divergingNames! == ("blue", "red"))
        #expect(Theme(capability: .eight).divergingNames! == ("blue", "red"))
        #expect(Theme(capability: .none).divergingNames == nil)
        // The old ends, 81 and 220, are what the screen showed: cyan and gold (yellow).
        #expect(Color.indexed(81).name == "cyan" && Color.indexed(220).name == "yellow")
    }

    @Test("a point is drawn on the map's color under it, in a color that differs from it",
          arguments: [ColorCapability.eight, .sixteen, .full256])
    func pointsKeepTheMap(_ colors: ColorCapability) {
        var grid = Grid.testing(8, 4, colors: colors)
        grid.render(Self.map, in: grid.area)
        var points = 0
        for y in 0..<grid.height {
            for x in 0..<grid.width where grid[x, y].character == grid.glyphs.point {
                let style = grid[x, y].style
                #expect(style.background != .default, "a point punches a hole at \(x),\(y)")
                #expect(style.foreground != style.background)
                // The map's own color at that pixel.
                let neighbour = grid[x < grid.width / 2 ? 1 : grid.width - 2, y].style.foreground
                #expect(style.background == neighbour)
                points += 1
            }
        }
        #expect(points == 2)
    }

    @Test("a map keeps its extent's proportions: a square plane is drawn square and centred")
    func aspectRatio() {
        var grid = Grid.testing(40, 10, colors: .full256)
        let map = Heatmap(rows: 40, columns: 64, values: Array(repeating: 1, count: 64 * 40), aspectRatio: 1)
        grid.render(map, in: grid.area)
        let drawn = (0..<grid.width).filter { grid[$0, 5].style != .plain }
        // 10 rows are 20 half-block pixels tall, so 20 columns wide, in the middle.
        #expect(drawn.count == 20 && drawn.first == 10)
    }
}
