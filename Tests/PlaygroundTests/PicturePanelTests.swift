import Foundation
@testable import Lessons
import MiniNN
import Testing
import TUI
@testable import NetPlayground

/// The pictures are sized from the space they have: at 80×24 every kernel of
/// lesson 8 shows at two columns by one row per weight, the picked kernel's
/// numbers under them; `v` switches the form; ↑↓ on the panel picks.
@Suite("Picture panels", .serialized)
struct PicturePanelTests {
    /// The lesson open on `snapshot`, after `keys`, drawn at `size`.
    static func screen(_ id: Int, _ snapshot: TrainingSnapshot, keys: [Key] = [], size: Size = .small,
                       colors: ColorCapability = .full256) -> (Grid, PlaygroundApp) {
        var app = ScreenSnapshotTests.app(opening: id)
        _ = app.update(.posted(snapshot))
        for key in keys { _ = app.update(.key(key)) }
        return (ScreenSnapshot.draw(&app, size, colors: colors), app)
    }

    /// The right-hand column (the visuals) of each row.
    static func visualRows(_ grid: Grid) -> [String] {
        grid.lines.map { String($0.dropFirst(32)) }
    }

    static func kernelSnapshot() throws -> TrainingSnapshot { try SeededSession(Course.convnet).built() }

    @Test("at 80×24 lesson 8 shows all 8 kernels, each weight 2 columns wide, and no \"+N more\"")
    func allKernelsAt80x24() throws {
        let snapshot = try Self.kernelSnapshot()
        #expect(snapshot.kernels.count == 8 && snapshot.kernelSide == 5)
        let (grid, _) = Self.screen(8, snapshot)
        let rows = Self.visualRows(grid)
        #expect(!rows.contains { $0.contains("+4 more") || $0.contains("+8 more") }, "\(grid.text)")
        // The label rows: 1–4 on one, 5–8 on another, a kernel (10 columns and a gap) apart.
        let labelRows = rows.filter { row in row.contains("1 ") && row.contains("4 ") || row.contains("5 ") && row.contains("8 ") }
        #expect(labelRows.count >= 2, "\(grid.text)")
        for row in rows where row.contains("▶1") {
            let characters = Array(row)
            let one = try #require(characters.firstIndex(of: "▶")), two = try #require(characters.firstIndex(of: "2"))
            #expect(two - one >= 2 * 5 + 1, "kernels 1 and 2 start \(two - one) columns apart: \(row)")
        }
        let plan = VisualPanel.kernelPlan(
            kernels: snapshot.kernels.map { Kernel(label: "1", rows: 5, columns: 5, values: $0.map(Double.init)) },
            in: Rect(x: 0, y: 0, width: 45, height: 17))
        #expect(plan.weightSize.width >= 2 && plan.weightSize.height >= 1)
        #expect(plan.detail != nil, "the picked kernel's numbers fit at 80×24")
        #expect(rows.contains { $0.contains("kernel 1 of 8") }, "\(grid.text)")
    }

    @Test("↓↓ on the kernel panel picks kernel 3 and its 25 weights are printed")
    func pickKernelThree() throws {
        let snapshot = try Self.kernelSnapshot()
        let (grid, app) = Self.screen(8, snapshot, keys: [.tab, .tab, .tab, .down, .down])
        let text = grid.lines.joined(separator: "\n")
        #expect(text.contains("kernel 3 of 8"), "\(text)")
        #expect(text.contains("▶3"), "the picked kernel's label is marked: \(text)")
        let rows = Self.visualRows(grid)
        let weights = snapshot.kernels[2].map { DivergingLegend.short(Double($0)) }
        for row in 0..<5 {
            let expected = weights[(row * 5)..<(row * 5 + 5)].joined(separator: " ")
            #expect(rows.contains { $0.contains(expected) }, "row \(row + 1) of kernel 3, \(expected): \(text)")
        }
        _ = app
    }

    @Test("the picked kernel's numbers take their sign's strong color, readable on any background")
    func kernelNumbersReadable() throws {
        let snapshot = try Self.kernelSnapshot()
        let (grid, _) = Self.screen(8, snapshot)
        let theme = Theme(capability: .full256)
        let (negative, positive) = (theme.diverging(-1), theme.diverging(1))
        var seen = (negative: 0, positive: 0)
        // The legend's row ("-.20 @* 0 *@ +.20") is muted text, not the kernel's numbers.
        for y in 0..<grid.height where !grid.lines[y].contains(" 0 ") {
            for x in 32..<grid.width where grid[x, y].character == "." {
                // The "." of a number like "-.04": the cell before it is the sign.
                let sign = grid[x - 1, y].character
                guard sign == "-" || sign == "+" else { continue }
                let color = grid[x, y].style.foreground
                if sign == "-" { #expect(color == negative); seen.negative += 1 }
                if sign == "+" { #expect(color == positive); seen.positive += 1 }
            }
        }
        #expect(seen.negative > 0 && seen.positive > 0, "\(grid.lines.joined(separator: "\n"))")
    }

    @Test("one shared scale: the legend's ends are the largest weight of all the kernels")
    func sharedKernelScale() throws {
        let snapshot = try Self.kernelSnapshot()
        let largest = snapshot.kernels.flatMap { $0 }.map { abs(Double($0)) }.max() ?? 0
        let (grid, _) = Self.screen(8, snapshot)
        let legend = "\(DivergingLegend.short(-largest)) "
        #expect(Self.visualRows(grid).contains { $0.contains(legend) && $0.contains(DivergingLegend.short(largest)) },
                "\(grid.text)")
    }

    @Test("v switches lesson 6's weights from half blocks to the ASCII heatmap, and back")
    func vSwitchesWeights() throws {
        let snapshot = try SeededSession(Course.mnistMLP).built()
        let (blocks, _) = Self.screen(6, snapshot)
        #expect(Self.visualRows(blocks).contains { $0.contains("▀") }, "\(blocks.text)")
        let (ascii, _) = Self.screen(6, snapshot, keys: [.character("v")])
        #expect(!Self.visualRows(ascii).contains { $0.contains("▀") }, "\(ascii.text)")
        #expect(Self.visualRows(ascii).contains { $0.contains("v: blocks") }, "\(ascii.text)")
        let (again, _) = Self.screen(6, snapshot, keys: [.character("v"), .character("v")])
        #expect(Self.visualRows(again).contains { $0.contains("▀") }, "\(again.text)")
    }

    @Test("without color, negative weights are drawn with their own character: -@ strong negative, +@ positive")
    func signWithoutColor() {
        var heatmap = Heatmap(rows: 1, columns: 3, values: [-1, 0, 1], palette: .diverging(limit: 1))
        heatmap.signedRamp = true
        var grid = Grid(width: 6, height: 1, theme: .monochrome, glyphs: .ascii)
        grid.render(heatmap, in: Rect(x: 0, y: 0, width: 6, height: 1))
        #expect(grid.line(0) == "-@  +@")
    }

    @Test("lesson 6's picked neuron is 28×14 cells and the others 14×7, at 80×24 and 160×48")
    func weightPictureSizes() throws {
        // The inner areas the panel gets at the two sizes (one column at 80×24, the full width at 160×48).
        for (area, others) in [(Rect(x: 0, y: 0, width: 45, height: 17), 2), (Rect(x: 0, y: 0, width: 105, height: 22), 10)] {
            let plan = VisualPanel.weightPlan(count: 24, in: area)
            let large = try #require(plan.large)
            #expect(large.width >= 28 && large.height >= 14)
            #expect(plan.small.count >= others, "\(plan.small.count) small pictures in \(area)")
            #expect(plan.small.allSatisfy { $0.width >= 14 && $0.height >= 7 && $0.intersection(large).isEmpty })
        }
        let snapshot = try SeededSession(Course.mnistMLP).built()
        let (grid, _) = Self.screen(6, snapshot, size: .large)
        #expect(grid.lines.contains { $0.contains("neuron 1 of \(snapshot.firstLayerWeights.count)") }, "\(grid.text)")
    }
}

/// Lesson 8's activation maps take the panel's room: every map of every layer
/// drawn, the larger maps of the earlier layers grown first, and a layer cut to
/// one row says how many of its maps it shows.
@Suite("Activation map tiles")
struct ActivationMapTileTests {
    /// Lesson 8's four layers: 8 maps of 28×28, 8 of 14×14, 16 of 14×14, 16 of 7×7.
    static let layers = [("Conv2D 1→8", 8, 28), ("MaxPool2D a", 8, 14), ("Conv2D 8→16", 16, 14), ("MaxPool2D b", 16, 7)]
        .map { name, channels, side in
            FeatureMaps(layer: name, channels: channels, height: side, width: side,
                        values: (0..<channels * side * side).map { Float($0 % 7) / 6 })
        }

    /// Per layer, from its label down to the next: the half-block cells drawn and
    /// the width of the first tile.
    static func drawn(in area: Size) -> [(label: String, cells: Int, tileWidth: Int)] {
        var grid = Grid(size: area, theme: Theme(capability: .full256), glyphs: .braille)
        VisualPanel.renderFeatureMaps(layers, into: &grid, area: Rect(x: 0, y: 0, width: area.width, height: area.height))
        let lines = grid.lines
        let labelRows = lines.indices.filter { lines[$0].contains("Conv2D") || lines[$0].contains("MaxPool2D") }
        return labelRows.enumerated().map { index, row in
            let end = index + 1 < labelRows.count ? labelRows[index + 1] : lines.count
            let body = lines[(row + 1)..<end]
            let cells = body.reduce(0) { $0 + $1.filter { $0 == "▀" }.count }
            let firstRun = body.first.map { String($0.drop { $0 == " " }.prefix { $0 == "▀" }).count } ?? 0
            return (lines[row].trimmingCharacters(in: .whitespaces), cells, firstRun)
        }
    }

    @Test("at 160×48 (a 52×21 panel) all 48 maps are drawn, the first two layers' 5 columns wide")
    func largePanel() {
        let layers = Self.drawn(in: Size(width: 52, height: 21))
        #expect(layers.count == 4)
        for (drawn, maps) in zip(layers, Self.layers) {
            #expect(drawn.cells == maps.channels * drawn.tileWidth * ((drawn.tileWidth + 1) / 2),
                    "\(drawn.label): \(drawn.cells) cells for \(maps.channels) maps \(drawn.tileWidth) wide")
        }
        #expect(layers.prefix(2).allSatisfy { $0.tileWidth >= 5 }, "\(layers)")
        #expect(layers.allSatisfy { $0.tileWidth >= 4 }, "\(layers)")
    }

    @Test("a panel too short for every map shows one row a layer and says \"6 of 16\"")
    func shortPanel() {
        let layers = Self.drawn(in: Size(width: 30, height: 12))
        #expect(layers.count == 4, "\(layers)")
        let cut = layers.filter { $0.label.contains(" of 16") }
        #expect(cut.count == 2, "\(layers)")
        for drawn in cut {
            let tail = drawn.label.split(separator: "·").last.map(String.init) ?? ""
            let shown = Int(tail.split(separator: " ").first.map(String.init) ?? "") ?? -1
            #expect(drawn.cells == shown * drawn.tileWidth * ((drawn.tileWidth + 1) / 2), "\(drawn)")
        }
    }
}
