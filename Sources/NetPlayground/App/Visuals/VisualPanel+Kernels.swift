import Foundation
import Lessons
import MiniNN
import TUI

extension VisualPanel {
    /// Every first-layer kernel, wrapped into rows on one shared scale, weights
    /// as large as the space allows (two columns by one row at least), and under
    /// them the picked kernel's weights as numbers beside the scale.
    func renderKernels(into grid: inout Grid, area: Rect) {
        guard let snapshot, !snapshot.kernels.isEmpty, snapshot.kernelSide > 0 else {
            return waiting("no conv layer", into: &grid, area: area)
        }
        let side = snapshot.kernelSide
        let kernels = snapshot.kernels.enumerated().map { index, weights in
            Kernel(label: "\(index + 1)", rows: side, columns: side, values: weights.map(Double.init))
        }
        let picked = pickedIndex(count: kernels.count)
        let limit = Self.sharedLimit(snapshot.kernels)
        let blocks = screen.swapsPictureForm
        var (pictures, measure) = splitForRoughness(area)
        // One row too few for a row of kernels under their labels: the kernels
        // are the panel's point, so they take the roughness line's row.
        if pictures.height < side + 1, area.height >= side + 1 {
            (pictures, measure) = (area, Rect(x: area.x, y: area.y, width: 0, height: 0))
        }
        let inner = pictures.inset(left: 1)
        let plan = Self.kernelPlan(kernels: kernels, in: inner)
        let kernelGrid = KernelGrid(kernels: kernels, limit: limit, weightSize: plan.weightSize, blocks: blocks,
                                    selected: picked)
        grid.render(kernelGrid, in: plan.grid)
        if let detail = plan.detail {
            renderKernelNumbers(kernels[picked], index: picked, count: kernels.count, limit: limit, blocks: blocks,
                                into: &grid, area: detail)
        }
        renderRoughness(into: &grid, area: measure, what: "kernels")
    }

    /// Where the kernels and the picked one's numbers go: the largest weights
    /// (2×1, 4×2 or 6×3 cells) at which all kernels and the numbers fit, else
    /// the kernels alone. Where room is left (100×30), the picked kernel is
    /// drawn again, large, beside its numbers.
    static func kernelPlan(kernels: [Kernel], in area: Rect) -> (grid: Rect, weightSize: Size, detail: Rect?) {
        let side = kernels.first?.rows ?? 0
        let sizes = [Size(width: 6, height: 3), Size(width: 4, height: 2), Size(width: 2, height: 1)]
        for withNumbers in [true, false] {
            let numbersHeight = withNumbers ? side : 0
            for size in sizes {
                let gridArea = area.inset(bottom: numbersHeight)
                let kernelGrid = KernelGrid(kernels: kernels, weightSize: size)
                guard gridArea.height > 0, kernelGrid.fitsAll(in: gridArea) else { continue }
                guard withNumbers else { return (gridArea, size, nil) }
                let used = kernelGrid.usedHeight(in: gridArea)
                // A blank row between the pictures and the numbers when there is one to spare.
                let gap = area.height - used - numbersHeight > 0 ? 1 : 0
                let room = Size(width: area.width, height: area.height - used - gap)
                let height = largePickSize(side: side, fitting: room).map { $0.height * side + 1 } ?? numbersHeight
                let detail = Rect(x: area.x, y: area.y + used + gap, width: area.width, height: height)
                return (Rect(x: area.x, y: area.y, width: area.width, height: used), size, detail)
            }
        }
        return (area, Size(width: 2, height: 1), nil)
    }

    /// The weight size of the picked kernel drawn large left of its numbers
    /// (five columns a weight): the largest of 12×6, 8×4 and 4×2 that fits `room`.
    static func largePickSize(side: Int, fitting room: Size) -> Size? {
        [Size(width: 12, height: 6), Size(width: 8, height: 4), Size(width: 4, height: 2)].first {
            room.height >= $0.height * side + 1 && room.width >= $0.width * side + 2 + 5 * side
        }
    }

    /// The picked kernel's weights, one short number each in its sign's color,
    /// and beside them which kernel it is and the panel's scale.
    func renderKernelNumbers(_ kernel: Kernel, index: Int, count: Int, limit: Double, blocks: Bool,
                             into grid: inout Grid, area: Rect) {
        let theme = grid.theme
        var area = area
        // Room for the kernel again, large, left of its numbers (the plan made the area that tall).
        var below: Rect?
        if let size = Self.largePickSize(side: kernel.rows, fitting: Size(width: area.width, height: area.height)) {
            let picture = Rect(x: area.x, y: area.y, width: size.width * kernel.columns, height: size.height * kernel.rows + 1)
            grid.render(KernelGrid(kernels: [kernel], limit: limit, weightSize: size, blocks: blocks, selected: 0),
                        in: picture)
            let rest = Rect(x: picture.maxX + 2, y: area.y + 1, width: area.maxX - picture.maxX - 2, height: area.height - 1)
            area = Rect(x: rest.x, y: rest.y, width: rest.width, height: kernel.rows)
            below = Rect(x: rest.x, y: rest.y + kernel.rows + 1, width: rest.width, height: max(0, rest.height - kernel.rows - 1))
        }
        let cellWidth = 5
        for row in 0..<min(kernel.rows, area.height) {
            for column in 0..<kernel.columns {
                let value = kernel.values.indices.contains(row * kernel.columns + column)
                    ? kernel.values[row * kernel.columns + column] : 0
                // Text in the palette's dark low end would vanish on a dark background:
                // the number already says how big, so its color only says the sign.
                let style = value == 0 ? theme.style(.muted)
                    : Style(foreground: theme.diverging(value < 0 ? -1 : 1) ?? .default)
                grid.write(DivergingLegend.short(value), x: area.x + column * cellWidth, y: area.y + row,
                           style: style, clip: area)
            }
        }
        let side = below.flatMap { $0.height >= 4 ? $0 : nil }
            ?? Rect(x: area.x + kernel.columns * cellWidth + 1, y: area.y,
                    width: area.width - kernel.columns * cellWidth - 1, height: area.height)
        guard side.width >= 8 else { return }
        let lines: [(String, Role)] = [
            ("kernel \(index + 1) of \(count)", .emphasis),
            ("", .muted),
            (screen.focus == .visuals ? "↑↓ another" : "Tab, ↑↓: pick", .muted),
            (Self.formHint(blocks: blocks, theme: theme, glyphs: grid.glyphs), .muted),
        ]
        for (offset, line) in lines.enumerated() where offset < side.height && !line.0.isEmpty {
            grid.write(line.0, x: side.x, y: side.y + offset, style: theme.style(line.1), maxWidth: side.width)
        }
        if side.height > 1 {
            grid.render(DivergingLegend(limit: limit, blocks: blocks), in: side.row(1))
        }
    }
}
