import Foundation
import Lessons
import MiniNN
import TUI

/// The inside of one visual panel, drawn from the lesson screen's snapshot.
struct VisualPanel: Widget {
    let visual: Visual
    let screen: LessonScreen

    private var snapshot: TrainingSnapshot? { screen.snapshot }

    func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        switch visual {
        case .lossCurves: renderLoss(into: &grid, area: area)
        case .decisionBoundary: renderBoundary(into: &grid, area: area)
        case .network: renderNetwork(into: &grid, area: area)
        case .neuronMaps: renderNeuronMaps(into: &grid, area: area)
        case .firstLayerWeights: renderWeights(into: &grid, area: area)
        case .kernels: renderKernels(into: &grid, area: area)
        case .activationMaps: renderActivationMaps(into: &grid, area: area)
        case .prediction: renderPrediction(into: &grid, area: area)
        case .confusionMatrix: renderConfusion(into: &grid, area: area)
        case .confidentMistakes: renderMistakes(into: &grid, area: area)
        case .calibration: renderCalibration(into: &grid, area: area)
        case .handConvolution: renderHandConvolution(into: &grid, area: area)
        }
    }

    private func waiting(_ text: String, into grid: inout Grid, area: Rect) {
        grid.write(text, x: area.x + 1, y: area.y, style: grid.theme.style(.muted), maxWidth: area.width - 1)
    }

    // MARK: Loss and accuracy

    private func renderLoss(into grid: inout Grid, area: Rect) {
        guard let snapshot, !snapshot.lossCurve.isEmpty else {
            return waiting("the curves start with the first batch", into: &grid, area: area)
        }
        let curve = snapshot.lossCurve
        let xs = curve.map(\.epoch)
        let epochEnds = snapshot.epochs.map { Double($0.epoch + 1) }
        var lossSeries = [Series("train loss", xs: xs, ys: curve.map { Double($0.loss) }, role: .trainLoss)]
        let validated = snapshot.epochs.compactMap { report in report.validation.map { (Double(report.epoch + 1), $0) } }
        if !validated.isEmpty {
            lossSeries.append(Series("val loss", xs: validated.map(\.0), ys: validated.map { Double($0.1.loss) },
                                     role: .validationLoss))
        }
        let xRange = 0...max(1, xs.last ?? 1)
        let marks = epochEnds.count <= 40 ? epochEnds : []
        if area.height >= 14 {
            let parts = Layout.vertical([.percentage(62), .fill(1)]).split(area)
            grid.render(LineChart(series: lossSeries, xRange: xRange, marks: marks, xLabel: "epoch"), in: parts[0])
            var accuracySeries = [Series("train acc", xs: xs, ys: curve.map { Double($0.accuracy) }, role: .trainLoss)]
            if !validated.isEmpty {
                accuracySeries.append(Series("val acc", xs: validated.map(\.0),
                                             ys: validated.map { Double($0.1.accuracy) }, role: .validationLoss))
            }
            grid.render(LineChart(series: accuracySeries, yRange: 0...1, xRange: xRange, marks: marks, xLabel: ""),
                        in: parts[1])
        } else {
            grid.render(LineChart(series: lossSeries, xRange: xRange, marks: marks, xLabel: "epoch"), in: area)
        }
    }

    // MARK: 2-D data

    private func renderBoundary(into grid: inout Grid, area: Rect) {
        guard let snapshot, let map = snapshot.decisionMap, let extent = snapshot.planeExtent else {
            return waiting("drawing the plane…", into: &grid, area: area)
        }
        let width = Double(extent.maxX - extent.minX), height = Double(extent.maxY - extent.minY)
        // Train points, at most a few hundred so the boundary stays visible.
        let step = max(1, snapshot.points.count / 300)
        let points = stride(from: 0, to: snapshot.points.count, by: step).map { index -> HeatmapPoint in
            let p = snapshot.points[index]
            return HeatmapPoint(x: Double(p.x - extent.minX) / width, y: Double(p.y - extent.minY) / height,
                                category: p.label)
        }
        var line: (x0: Double, y0: Double, x1: Double, y1: Double)?
        if let (w1, w2, b) = snapshot.perceptronLine {
            line = Self.clip(w1: Double(w1), w2: Double(w2), b: Double(b), extent: extent)
        }
        // Class 1's probability around ½: blue for class 0, red for class 1.
        let values = map.values.map { Double($0) - 0.5 }
        let heatmap = Heatmap(rows: map.rows, columns: map.columns, values: values,
                              palette: .diverging(limit: 0.5), points: points, line: line, stretches: true)
        let parts = Layout.vertical([.fill(1), .length(1)]).split(area)
        grid.render(heatmap, in: parts[0])
        let names = snapshot.classNames
        // The full sentence when it fits; shorter forms for narrow panels.
        let legends = names.count >= 2
            ? ["\(names[0]) (blue) vs \(names[1]) (red); shade = confidence",
               "\(names[0]) blue, \(names[1]) red; shade = confidence",
               "blue \(names[0]), red \(names[1]), shade = sure",
               "blue \(names[0]) · red \(names[1])"]
            : ["shade = the network's answer"]
        let room = parts[1].width - 1
        let legend = legends.first { $0.count <= room } ?? legends[legends.count - 1]
        grid.write(legend, x: parts[1].x + 1, y: parts[1].y, style: grid.theme.style(.muted), maxWidth: parts[1].width - 1)
    }

    /// The part of the line w₁x + w₂y + b = 0 inside the extent, in 0…1 coordinates.
    static func clip(w1: Double, w2: Double, b: Double, extent: PlaneExtent)
        -> (x0: Double, y0: Double, x1: Double, y1: Double)? {
        let minX = Double(extent.minX), maxX = Double(extent.maxX)
        let minY = Double(extent.minY), maxY = Double(extent.maxY)
        var hits: [(Double, Double)] = []
        if abs(w2) > 1e-9 {
            for x in [minX, maxX] {
                let y = -(w1 * x + b) / w2
                if y >= minY && y <= maxY { hits.append((x, y)) }
            }
        }
        if abs(w1) > 1e-9 {
            for y in [minY, maxY] {
                let x = -(w2 * y + b) / w1
                if x >= minX && x <= maxX { hits.append((x, y)) }
            }
        }
        guard hits.count >= 2 else { return nil }
        let (a, c) = (hits[0], hits[hits.count - 1])
        let width = maxX - minX, height = maxY - minY
        return ((a.0 - minX) / width, (a.1 - minY) / height, (c.0 - minX) / width, (c.1 - minY) / height)
    }

    private func renderNeuronMaps(into grid: inout Grid, area: Rect) {
        guard let snapshot, !snapshot.neuronMaps.isEmpty else {
            return waiting("no hidden layer to show", into: &grid, area: area)
        }
        let tiles = tileLayout(count: snapshot.neuronMaps.count, in: area, tileWidth: 12, tileHeight: 6)
        for (index, rect) in tiles.enumerated() {
            let map = snapshot.neuronMaps[index]
            grid.render(Heatmap(rows: map.rows, columns: map.columns, values: map.values.map(Double.init),
                                palette: .diverging(limit: nil), stretches: true), in: rect.inset(bottom: 0, right: 1))
        }
    }

    // MARK: Network

    private func renderNetwork(into grid: inout Grid, area: Rect) {
        guard let snapshot, !snapshot.layerSummaries.isEmpty else {
            return waiting("building…", into: &grid, area: area)
        }
        let theme = grid.theme
        func shape(_ s: [Int]) -> String { s.map(String.init).joined(separator: "×") }
        var y = area.y
        let arrow = grid.glyphs.isUnicode ? "↓" : "v"
        if let input = snapshot.layerShapes.first {
            grid.write("input \(shape(input))", x: area.x + 1, y: y, style: theme.style(.emphasis), maxWidth: area.width - 1)
            y += 1
        }
        for (index, summary) in snapshot.layerSummaries.enumerated() {
            guard y < area.maxY - 1 else { break }
            let output = snapshot.layerShapes.indices.contains(index + 1) ? shape(snapshot.layerShapes[index + 1]) : ""
            let x = area.x + 1
            let used = grid.write("\(arrow) \(summary)", x: x, y: y, style: theme.style(.text), maxWidth: area.width - 1)
            let right = "→ \(output)"
            let rightX = max(x + used + 1, area.maxX - right.count - 1)
            grid.write(right, x: rightX, y: y, style: theme.style(.muted), maxWidth: area.maxX - rightX)
            y += 1
        }
        if y < area.maxY {
            grid.write("\(snapshot.parameterCount.grouped) parameters", x: area.x + 1, y: y,
                       style: theme.style(.highlight), maxWidth: area.width - 1)
        }
    }

    // MARK: Weights and kernels

    private func renderWeights(into grid: inout Grid, area: Rect) {
        guard let snapshot, !snapshot.firstLayerWeights.isEmpty else {
            return waiting("no dense first layer", into: &grid, area: area)
        }
        let weights = snapshot.firstLayerWeights
        let side = Int(Double(weights[0].count).squareRoot())
        guard side * side == weights[0].count else {
            return waiting("the first layer's inputs are not a square image", into: &grid, area: area)
        }
        let (pictures, measure) = splitForRoughness(area)
        let tiles = tileLayout(count: weights.count, in: pictures, tileWidth: 15, tileHeight: 8)
        for (index, rect) in tiles.enumerated() {
            grid.render(Heatmap(rows: side, columns: side, values: weights[index].map(Double.init),
                                palette: .diverging(limit: nil)), in: rect.inset(right: 1))
        }
        renderRoughness(into: &grid, area: measure, what: "centre 20×20")
    }

    /// The pictures' area and, when there is room, one row under it for the roughness.
    private func splitForRoughness(_ area: Rect) -> (Rect, Rect) {
        guard snapshot?.roughness != nil, area.height >= 4 else { return (area, Rect(x: area.x, y: area.y, width: 0, height: 0)) }
        return (area.inset(bottom: 1), Rect(x: area.x, y: area.maxY - 1, width: area.width, height: 1))
    }

    /// "roughness 0.42 smooth ▇▅▃▂": how noisy the first layer's pictures are (1 is noise), over the run.
    private func renderRoughness(into grid: inout Grid, area: Rect, what: String) {
        guard let snapshot, let roughness = snapshot.roughness, !area.isEmpty else { return }
        let reading = RoughnessReading(roughness)
        var notes: [String] = []
        if snapshot.flatPictures > 0 { notes.append("\(snapshot.flatPictures) flat") }
        if area.width >= 60 { notes.append("(1 = noise, \(what))") }
        let line = TrendLine(label: "roughness", value: String(format: "%.2f", roughness), word: reading.rawValue,
                             role: reading == .smooth ? .success : (reading == .noise ? .warning : .emphasis),
                             note: notes.joined(separator: " "), history: snapshot.roughnessHistory, range: 0...1.2)
        grid.render(line, in: area.inset(left: 1))
    }

    private func renderKernels(into grid: inout Grid, area: Rect) {
        guard let snapshot, !snapshot.kernels.isEmpty, snapshot.kernelSide > 0 else {
            return waiting("no conv layer", into: &grid, area: area)
        }
        let side = snapshot.kernelSide
        // The kernel grid draws every weight as a ramp character (and a color
        // when there is one), all on one scale so kernels compare.
        let kernels = snapshot.kernels.enumerated().map { index, weights in
            Kernel(label: "\(index + 1)", rows: side, columns: side, values: weights.map(Double.init))
        }
        let (pictures, measure) = splitForRoughness(area)
        grid.render(KernelGrid(kernels: kernels), in: pictures.inset(left: 1))
        renderRoughness(into: &grid, area: measure, what: "kernels")
    }

    private func renderActivationMaps(into grid: inout Grid, area: Rect) {
        guard let snapshot, !snapshot.activationMaps.isEmpty else {
            return waiting("no conv layer", into: &grid, area: area)
        }
        let layers = snapshot.activationMaps
        var y = area.y
        let rowsPerLayer = max(3, area.height / max(1, layers.count))
        for maps in layers {
            guard y + 2 <= area.maxY else { break }
            grid.write(maps.layer, x: area.x + 1, y: y, style: grid.theme.style(.muted), maxWidth: area.width - 1)
            let band = Rect(x: area.x, y: y + 1, width: area.width, height: min(rowsPerLayer - 1, area.maxY - y - 1))
            let tileHeight = band.height
            let tileWidth = max(4, tileHeight * 2)
            let fit = min(maps.channels, max(1, band.width / (tileWidth + 1)))
            for channel in 0..<fit {
                let rect = Rect(x: band.x + channel * (tileWidth + 1), y: band.y, width: tileWidth, height: tileHeight)
                grid.render(Heatmap(rows: maps.height, columns: maps.width, values: maps.map(channel).map(Double.init),
                                    palette: .sequential(range: nil), stretches: true), in: rect)
            }
            y += rowsPerLayer
        }
    }

    // MARK: Predictions

    private func renderPrediction(into grid: inout Grid, area: Rect) {
        guard let snapshot, let digit = snapshot.digit, digit.pixels.count == 784 else {
            return waiting("waiting for a test digit", into: &grid, area: area)
        }
        let imageWidth = min(area.width / 2, max(8, area.height * 2))
        let parts = Layout.horizontal([.length(imageWidth), .fill(1)]).split(area)
        grid.render(Heatmap(rows: 28, columns: 28, values: digit.pixels.map { Double($0) },
                            palette: .sequential(range: 0...255)), in: parts[0])
        let theme = grid.theme
        let bars = parts[1].inset(left: 1)
        let correct = digit.predicted == digit.label
        grid.write("label \(digit.label), says \(digit.predicted)", x: bars.x, y: bars.y,
                   style: theme.style(correct ? .success : .error), maxWidth: bars.width)
        ProbabilityBars(probabilities: digit.probabilities, highlight: digit.predicted)
            .render(into: &grid, area: bars.inset(top: 1))
        if bars.height >= 13 && screen.focus != .visuals {
            grid.write("Tab to here, ↑↓: another digit", x: bars.x, y: bars.maxY - 1,
                       style: theme.style(.muted), maxWidth: bars.width)
        }
    }

    private func renderConfusion(into grid: inout Grid, area: Rect) {
        guard let snapshot, !snapshot.confusion.isEmpty else {
            return waiting("counted at the end of each epoch", into: &grid, area: area)
        }
        ConfusionTable(counts: snapshot.confusion, classNames: snapshot.classNames).render(into: &grid, area: area)
    }

    private func renderMistakes(into grid: inout Grid, area: Rect) {
        guard let snapshot, !snapshot.heldOutPredictions.isEmpty else {
            return waiting("the mistakes appear after the first predictions", into: &grid, area: area)
        }
        let theme = grid.theme
        let report = ConfidenceAnalysis.report(snapshot.heldOutPredictions, threshold: screen.knobs.confidenceThreshold)
        let summary = String(format: "threshold %@: answers %.1f%% of %@ digits, %.2f%% of those right; %@ not sure",
                             KnobSettings.format(report.threshold), report.coverage * 100, report.total.grouped,
                             report.accuracy * 100, report.notSure.grouped)
        let parts = Layout.vertical([.length(2), .fill(1)]).split(area)
        grid.render(Paragraph(summary, role: .emphasis), in: parts[0].inset(left: 1))
        let tiles = tileLayout(count: snapshot.mistakes.count, in: parts[1], tileWidth: 16, tileHeight: 9)
        for (index, rect) in tiles.enumerated() {
            let mistake = snapshot.mistakes[index]
            let confidence = mistake.probabilities.indices.contains(mistake.predicted)
                ? mistake.probabilities[mistake.predicted] : 0
            // A narrow tile drops the percent sign, then the figure: a clipped "100%" would read "10".
            let pair = "\(mistake.label)→\(mistake.predicted)"
            let sure = String(format: "%.0f", confidence * 100)
            let caption = [pair + " " + sure + "%", pair + " " + sure, pair].first { $0.count <= rect.width - 1 } ?? pair
            grid.write(caption, x: rect.x, y: rect.y, style: theme.style(.error), maxWidth: rect.width - 1)
            if mistake.pixels.count == 784 {
                grid.render(Heatmap(rows: 28, columns: 28, values: mistake.pixels.map { Double($0) },
                                    palette: .sequential(range: 0...255)), in: rect.inset(top: 1, right: 1))
            }
        }
    }

    /// Accuracy against confidence over the held-out digits: is 99% sure 99% right?
    private func renderCalibration(into grid: inout Grid, area: Rect) {
        guard let snapshot, let report = snapshot.calibration, report.total > 0 else {
            return waiting("measured with the first predictions", into: &grid, area: area)
        }
        let dash = grid.glyphs.isUnicode ? "–" : "-"
        let rows = report.bins.map { bin in
            ReliabilityTable.Row(label: String(format: "%.1f%@%.1f", bin.lower, dash, bin.upper), count: bin.count,
                                 confidence: bin.meanConfidence.map(Double.init), accuracy: bin.accuracy.map(Double.init))
        }
        var footer = ""
        if let sure = snapshot.verySure, let accuracy = sure.accuracy {
            footer = String(format: "said ≥%.0f%%: %@ digits, %.1f%% right", sure.lower * 100, sure.count.grouped,
                            accuracy * 100)
            if !grid.glyphs.isUnicode { footer = footer.replacingOccurrences(of: "≥", with: ">=") }
        }
        grid.render(ReliabilityTable(rows: rows, footer: footer), in: area.inset(left: 1, right: 1))
    }

    // MARK: Lesson 7

    private func renderHandConvolution(into grid: inout Grid, area: Rect) {
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
            grid.render(Heatmap(rows: result.height, columns: result.width, values: result.values.map(Double.init),
                                palette: knobs.handKernel == .verticalEdge || knobs.handKernel == .horizontalEdge
                                    ? .diverging(limit: nil) : .sequential(range: nil)),
                        in: columns[2])
        }
        let conv = ConvArithmetic.convParameters(inChannels: 1, outChannels: 8, kernel: k)
        let dense = ConvArithmetic.denseParameters(inputs: n * n, outputs: 8 * outputSide * outputSide)
        let text = """
        output side ⌊(n + 2p − k) / s⌋ + 1 = ⌊(\(n) + 2·\(knobs.padding) − \(k)) / \(knobs.stride)⌋ + 1 = \
        **\(outputSide)**, so \(outputSide)×\(outputSide).
        8 such 3×3 kernels: 8·(1·9 + 1) = **\(conv)** parameters; a dense layer making the same \
        8×\(outputSide)×\(outputSide) outputs from 784 pixels: **\(dense.grouped)**.
        """
        grid.render(Paragraph(grid.glyphs.isUnicode ? text : text.replacingOccurrences(of: "⌊", with: "floor(")
                        .replacingOccurrences(of: "⌋", with: ")").replacingOccurrences(of: "·", with: "*")
                        .replacingOccurrences(of: "−", with: "-").replacingOccurrences(of: "×", with: "x")),
                    in: rows[1].inset(left: 1))
    }

    // MARK: Helpers

    /// Up to as many `tileWidth × tileHeight` tiles as fit (and `count` at most),
    /// row by row; tiles shrink (keeping their proportions) when few fit.
    func tileLayout(count: Int, in area: Rect, tileWidth: Int, tileHeight: Int) -> [Rect] {
        guard count > 0, !area.isEmpty else { return [] }
        var width = tileWidth, height = tileHeight
        func capacity() -> Int { max(0, area.width / width) * max(0, area.height / height) }
        while capacity() < count && width > 4 && height > 2 {
            width = max(4, width * 4 / 5)
            height = max(2, height * 4 / 5)
        }
        let perRow = max(1, area.width / width)
        var rects: [Rect] = []
        for index in 0..<count {
            let row = index / perRow, column = index % perRow
            let rect = Rect(x: area.x + column * width, y: area.y + row * height, width: width, height: height)
            guard rect.maxY <= area.maxY else { break }
            rects.append(rect)
        }
        return rects
    }
}

/// Class probabilities as horizontal bars, the predicted class highlighted.
struct ProbabilityBars: Widget {
    let probabilities: [Float]
    let highlight: Int

    func render(into grid: inout Grid, area: Rect) {
        let theme = grid.theme
        let eighths = grid.glyphs.horizontalEighths
        let barWidth = max(1, area.width - 9)
        for (index, p) in probabilities.enumerated() {
            let y = area.y + index
            guard y < area.maxY else { break }
            let style = theme.style(index == highlight ? .highlight : .text)
            var x = area.x
            x += grid.write("\(index) ", x: x, y: y, style: style, clip: area)
            let filled = Double(max(0, min(1, p))) * Double(barWidth)
            let full = Int(filled)
            for i in 0..<barWidth {
                let character: Character
                if i < full {
                    character = eighths[8]
                } else if i == full {
                    character = eighths[Int((filled - Double(full)) * 8)]
                } else {
                    character = grid.glyphs.isUnicode ? " " : "."
                }
                grid.set(character, x: x + i, y: y, style: style, clip: area)
            }
            grid.write(String(format: " %3.0f%%", p * 100), x: x + barWidth, y: y, style: style, clip: area)
        }
    }
}

/// Counts by true class (rows) and predicted class (columns); the diagonal is right.
struct ConfusionTable: Widget {
    let counts: [[Int]]
    let classNames: [String]

    func render(into grid: inout Grid, area: Rect) {
        let theme = grid.theme
        let classes = counts.count
        let largest = counts.flatMap { $0 }.max() ?? 0
        let cellWidth = max(3, String(largest).count + 1)
        let labelWidth = min(11, max(3, (classNames.map(\.count).max() ?? 1) + 1))
        let shortNames = classNames.map { String($0.prefix(cellWidth - 1)) }
        var x = area.x + labelWidth + 1
        grid.write("predicted →", x: x, y: area.y, style: theme.style(.muted), clip: area)
        for column in 0..<classes {
            grid.write(shortNames.indices.contains(column) ? shortNames[column].leftPadded(to: cellWidth) : "",
                       x: x, y: area.y + 1, style: theme.style(.muted), clip: area)
            x += cellWidth
        }
        for row in 0..<classes {
            let y = area.y + 2 + row
            guard y < area.maxY else { break }
            let name = classNames.indices.contains(row) ? String(classNames[row].prefix(labelWidth)) : "\(row)"
            grid.write(name.padding(to: labelWidth), x: area.x + 1, y: y, style: theme.style(.muted), clip: area)
            var cx = area.x + labelWidth + 1
            for column in 0..<classes {
                let count = counts[row][column]
                let role: Role = count == 0 ? .muted : (row == column ? .success : .error)
                grid.write(String(count).leftPadded(to: cellWidth), x: cx, y: y, style: theme.style(role), clip: area)
                cx += cellWidth
            }
        }
        let total = counts.flatMap { $0 }.reduce(0, +)
        let right = (0..<classes).reduce(0) { $0 + counts[$1][$1] }
        let y = area.y + 2 + classes
        if y < area.maxY, total > 0 {
            grid.write(String(format: "%d of %d right (%.1f%%); rows: true class", right, total,
                              Double(right) / Double(total) * 100),
                       x: area.x + 1, y: y, style: theme.style(.muted), maxWidth: area.width - 1)
        }
    }
}

extension String {
    /// Right-aligned in `width` columns.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
