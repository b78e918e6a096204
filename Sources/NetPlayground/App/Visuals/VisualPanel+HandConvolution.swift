import Foundation
import Lessons
import MiniNN
import TUI

extension VisualPanel {
    func renderHandConvolution(into grid: inout Grid, area: Rect) {
        guard let samples = snapshot?.sampleDigits, !samples.isEmpty else {
            return waiting("loading a digit…", into: &grid, area: area)
        }
        let pixels = samples[screen.digitIndex % samples.count]
        guard pixels.count == 784 else { return }
        let knobs = screen.knobs
        let image = pixels.map { Float($0) / 255 }
        let theme = grid.theme
        let rows = Layout.vertical([.fill(1), .length(5)]).split(area)
        let columns = Layout.horizontal([.percentage(40), .length(12), .fill(1)]).split(rows[0])
        grid.render(Heatmap(rows: 28, columns: 28, values: image.map(Double.init),
                            palette: .sequential(range: 0...1)), in: columns[0].inset(right: 1))
        // The kernel's nine numbers.
        let weights = knobs.handKernel.weights
        for row in 0..<3 {
            let text = (0..<3).map { column -> String in
                let value = weights[row * 3 + column]
                return value == value.rounded() ? String(format: "%3d", Int(value)) : String(format: "%.2f", value)
                    .replacingOccurrences(of: "0.", with: ".")
            }.joined(separator: "")
            grid.write(text, x: columns[1].x, y: columns[1].y + 1 + row, style: theme.style(.emphasis))
        }
        grid.write(grid.glyphs.isUnicode ? "  ∗ →" : "  * ->", x: columns[1].x, y: columns[1].y + 5,
                   style: theme.style(.muted))
        let n = 28, k = HandKernel.size
        let outputSide = ConvArithmetic.outputSize(input: n, kernel: k, stride: knobs.stride, padding: knobs.padding)
        if let result = HandConvolution(kernel: knobs.handKernel, image: image, height: n, width: n,
                                        stride: knobs.stride, padding: knobs.padding) {
            let values = result.values.map(Double.init)
            if knobs.handKernel == .verticalEdge || knobs.handKernel == .horizontalEdge {
                // An edge map is signed, and "bright" means nothing on a light background or without
                // color: the map takes the sign's colors (or -@ / +@) and its scale is drawn under it.
                let limit = max(values.lazy.filter(\.isFinite).map(abs).max() ?? 0, 1e-6)
                var map = Heatmap(rows: result.height, columns: result.width, values: values,
                                  palette: .diverging(limit: limit))
                map.signedRamp = true
                let output = columns[2].height >= 4 ? columns[2].inset(bottom: 2) : columns[2]
                grid.render(map, in: output)
                if output.height < columns[2].height {
                    // Under the kernel's column and the map's, so the scale keeps its shades at 80×24.
                    let scale = Rect(x: columns[1].x, y: columns[2].maxY - 1, width: columns[2].maxX - columns[1].x, height: 1)
                    grid.render(DivergingLegend(limit: limit, blocks: true, note: "ink starts / ends"), in: scale)
                }
            } else {
                grid.render(Heatmap(rows: result.height, columns: result.width, values: values,
                                    palette: .sequential(range: nil)), in: columns[2])
            }
        }
        let conv = ConvArithmetic.convParameters(inChannels: 1, outChannels: 8, kernel: k)
        let dense = ConvArithmetic.denseParameters(inputs: n * n, outputs: 8 * outputSide * outputSide)
        let text = """
        output side ⌊(n + 2p − k) / s⌋ + 1 = ⌊(\(n) + 2·\(knobs.padding) − \(k)) / \(knobs.stride)⌋ + 1 = \
        **\(outputSide)**, so \(outputSide)×\(outputSide).
        8 such 3×3 kernels: 8·(1·9 + 1) = **\(conv)** parameters; a dense layer making the same \
        8×\(outputSide)×\(outputSide) outputs from 784 pixels: **\(dense.grouped)**.
        """
        // An ASCII grid spells ⌊ · − × itself, after the markup is read: a "*" put in here
        // would be taken for emphasis and vanish ("2·0" shown as "20").
        grid.render(Paragraph(text), in: rows[1].inset(left: 1))
    }
}
