import Lessons
import MiniNN
import TUI

extension CanvasScreen {
    /// The drawing with its cursor, the input the network reads, the reading,
    /// the keys, and the activation maps when there is room.
    func render(into grid: inout Grid, area: Rect, mouse: Bool = false) {
        let parts = Self.layout(in: area)
        let theme = grid.theme
        let lessonName = home.lesson.id == Course.sandboxID ? "the sandbox's" : "lesson \(home.lesson.id)'s"
        let trained = home.snapshot.map { "\($0.batchesTrained.grouped) batches trained" } ?? ""
        grid.write(" Draw a digit · \(lessonName) network", x: area.x, y: area.y, style: theme.style(.title),
                   maxWidth: area.width)
        grid.write(trained + " ", x: area.maxX - displayWidth(of: trained) - 1, y: area.y, style: theme.style(.muted))

        let pen = "pen \(canvas.penWidth)" + (canvas.penDown ? " down" : " up")
        let drawingBlock = Block(title: "your drawing", rightTitle: pen, focused: true)
        grid.render(drawingBlock, in: parts.drawingBlock)
        grid.render(Heatmap(rows: DigitCanvas.side, columns: DigitCanvas.side, values: canvas.pixels.map(Double.init),
                            palette: .sequential(range: 0...1)), in: parts.drawing)
        let cursor = canvas.cursor
        let cursorGlyph: Character = canvas.penDown ? (grid.glyphs.isUnicode ? "●" : "*") : "+"
        grid.set(cursorGlyph, x: parts.drawing.x + cursor.x, y: parts.drawing.y + cursor.y / 2,
                 style: theme.style(.focus).adding(.bold), clip: parts.drawing)

        let inputBlock = Block(title: "the network reads")
        grid.render(inputBlock, in: parts.inputBlock)
        let input = reading?.input ?? sentInput ?? []
        if input.count == DigitPreprocessing.side * DigitPreprocessing.side, !canvas.isBlank {
            grid.render(Heatmap(rows: 28, columns: 28, values: input.map(Double.init), palette: .sequential(range: 0...255)),
                        in: inputBlock.inner(parts.inputBlock))
        } else {
            grid.render(Paragraph(spans: [[Span("fitted into 20×20 and centred, as MNIST's digits", role: .muted)]]),
                        in: inputBlock.inner(parts.inputBlock).inset(left: 1, right: 1))
        }

        renderReading(into: &grid, area: parts.reading)
        let help = "arrows/hjkl move · Space pen down/up · x erase · c clear · [ ] pen width"
            + (mouse ? " · click or drag paints, the right button erases" : " · the mouse paints with --mouse")
        grid.render(Paragraph(spans: [[Span(help, role: .muted)]]), in: parts.help.inset(left: 1, right: 1))
        if let maps = parts.maps, let reading, !reading.activationMaps.isEmpty {
            VisualPanel.renderFeatureMaps(reading.activationMaps, into: &grid, area: maps)
        }
        let rows = Layout.vertical([.length(1), .fill(1), .length(1), .length(1)]).split(area)
        grid.render(PlaygroundKeys.hintBar(.canvas), in: rows[3].inset(left: 1))
    }

    /// "prediction: 7 (93%)", "not sure" under the lesson's confidence
    /// threshold, and the ten probabilities as bars.
    private func renderReading(into grid: inout Grid, area: Rect) {
        let block = Block(title: "prediction")
        grid.render(block, in: area)
        let inner = block.inner(area).inset(left: 1)
        guard let reading, let best = reading.probabilities.indices.max(by: { reading.probabilities[$0] < reading.probabilities[$1] })
        else {
            let text = canvas.isBlank ? "Draw a digit: Space puts the pen down, the arrows draw."
                : "reading your drawing…"
            grid.render(Paragraph(spans: [[Span(text, role: .muted)]]), in: inner)
            return
        }
        let confidence = reading.probabilities[best]
        let name = home.snapshot?.classNames.indices.contains(best) == true ? home.snapshot?.classNames[best] ?? "\(best)" : "\(best)"
        let sure = confidence >= home.knobs.confidenceThreshold
        let percent = Int((confidence * 100).rounded()), threshold = Int((home.knobs.confidenceThreshold * 100).rounded())
        // On one line where it fits ("prediction: 7 (93%)"), else the confidence goes below.
        let whole = "prediction: \(name) (\(percent)%)"
        let lines = displayWidth(of: whole) <= inner.width ? [whole] : ["prediction: \(name)", "\(percent)% sure"]
        for (row, line) in lines.enumerated() {
            grid.write(line, x: inner.x, y: inner.y + row, style: grid.theme.style(sure ? .success : .warning).adding(.bold),
                       maxWidth: inner.width)
        }
        var top = lines.count
        if !sure {
            grid.write("not sure: <\(threshold)%", x: inner.x, y: inner.y + top, style: grid.theme.style(.warning),
                       maxWidth: inner.width)
            top += 1
        }
        let names = home.snapshot?.classNames ?? []
        let chart = BarChart(bars: reading.probabilities.enumerated().map {
            Bar(names.indices.contains($0.offset) ? names[$0.offset] : String($0.offset), Double($0.element))
        },
                             maximum: 1, highlight: best, format: .percent)
        grid.render(chart, in: inner.inset(top: top))
    }
}
