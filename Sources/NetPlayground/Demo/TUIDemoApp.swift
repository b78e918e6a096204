import TUI

/// What a key does in the demo; the same table drives dispatch, hints and help.
enum DemoAction: Sendable, Equatable {
    case quit, help, closeOverlay, togglePause, focusNext, focusPrevious
    case increase, decrease, increaseCoarse, decreaseCoarse, selectUp, selectDown
    case toggleLogScale, showMessage, step
}

/// The panels focus cycles through.
enum DemoPanel: Int, CaseIterable, Sendable {
    case loss, boundary, knobs, kernels, classes, about

    var title: String {
        switch self {
        case .loss: return "Loss"
        case .boundary: return "Decision boundary"
        case .knobs: return "Knobs"
        case .kernels: return "Kernels"
        case .classes: return "Classes"
        case .about: return "About"
        }
    }
}

/// `netplayground tui-demo`: every widget of the toolkit animating with fake data.
struct TUIDemoApp: App {
    static let keys = KeyTable<DemoAction>([
        KeyBinding([.character("q"), .control("c")], "quit", action: .quit, label: "q", showsInStatusBar: true),
        KeyBinding([.character("?")], "help", action: .help, showsInStatusBar: true),
        KeyBinding([.escape], "close help or dialog", action: .closeOverlay),
        KeyBinding([.space], "pause / resume", action: .togglePause, section: "Animation", showsInStatusBar: true),
        KeyBinding([.character("s")], "one step while paused", action: .step, section: "Animation"),
        KeyBinding([.tab], "next panel", action: .focusNext, section: "Focus", showsInStatusBar: true),
        KeyBinding([.backTab], "previous panel", action: .focusPrevious, section: "Focus"),
        KeyBinding([.up, .character("k")], "previous knob / scroll up", action: .selectUp, label: "↑ k", section: "Focus"),
        KeyBinding([.down, .character("j")], "next knob / scroll down", action: .selectDown, label: "↓ j", section: "Focus"),
        KeyBinding([.character("+"), .character("=")], "raise the knob", action: .increase, label: "+", section: "Knobs", showsInStatusBar: true),
        KeyBinding([.character("-")], "lower the knob", action: .decrease, label: "-", section: "Knobs"),
        KeyBinding([.character("]")], "raise a lot", action: .increaseCoarse, section: "Knobs"),
        KeyBinding([.character("[")], "lower a lot", action: .decreaseCoarse, section: "Knobs"),
        KeyBinding([.character("l")], "log / linear loss axis", action: .toggleLogScale, section: "Views"),
        KeyBinding([.character("m")], "show a message box", action: .showMessage, section: "Views"),
    ])

    enum Overlay: Equatable { case none, help, message }

    var data = DemoData()
    var knobs: [Knob] = [
        Knob("learning rate", value: 0.1, range: 0.001...1, logarithmic: true),
        Knob("noise", value: 0.3, range: 0...1),
        Knob("speed", value: 1, range: 0.25...4, logarithmic: true),
    ]
    var selectedKnob = 0
    var focus = DemoPanel.loss
    var paused = false
    var overlay = Overlay.none
    var logarithmicLoss = true
    var aboutScroll = 0
    var size = Size.zero
    /// Fake steps owed to the animation; the speed knob makes them come faster.
    private var stepDebt = 0.0
    /// Ticks per second actually received, smoothed; shown in the header.
    private(set) var measuredFPS = 0.0

    var isAnimating: Bool { !paused }

    mutating func update(_ message: Message<Never>) -> UpdateOutcome {
        switch message {
        case .resize(let newSize):
            size = newSize
        case .tick(let seconds):
            if seconds > 0 { measuredFPS = measuredFPS == 0 ? 1 / seconds : 0.9 * measuredFPS + 0.1 / seconds }
            stepDebt += seconds * 30 * knobs[2].value
            // After a long stall, do not replay hundreds of steps at once.
            stepDebt = min(stepDebt, 10)
            while stepDebt >= 1 {
                data.advance(learningRate: knobs[0].value, noise: knobs[1].value)
                stepDebt -= 1
            }
        case .key(let key):
            guard let action = TUIDemoApp.keys.action(for: key) else { return .continue }
            return perform(action)
        case .mouse(let event):
            if event.kind == .wheelUp { aboutScroll = max(0, aboutScroll - 1) }
            if event.kind == .wheelDown { aboutScroll += 1 }
        case .posted:
            break
        }
        return .continue
    }

    private mutating func perform(_ action: DemoAction) -> UpdateOutcome {
        if overlay != .none {
            // An open overlay takes Esc, its own key and quit; other keys are ignored.
            switch action {
            case .quit: return .quit
            case .closeOverlay, .help, .showMessage: overlay = .none
            default: break
            }
            return .continue
        }
        switch action {
        case .quit: return .quit
        case .help: overlay = .help
        case .showMessage: overlay = .message
        case .closeOverlay: break
        case .togglePause: paused.toggle()
        case .step: if paused { data.advance(learningRate: knobs[0].value, noise: knobs[1].value) }
        case .focusNext: focus = DemoPanel(rawValue: (focus.rawValue + 1) % DemoPanel.allCases.count) ?? .loss
        case .focusPrevious:
            let count = DemoPanel.allCases.count
            focus = DemoPanel(rawValue: (focus.rawValue + count - 1) % count) ?? .loss
        case .selectUp:
            if focus == .about { aboutScroll = max(0, aboutScroll - 1) } else { selectedKnob = max(0, selectedKnob - 1) }
        case .selectDown:
            if focus == .about { aboutScroll += 1 } else { selectedKnob = min(knobs.count - 1, selectedKnob + 1) }
        case .increase: knobs[selectedKnob].value = knobs[selectedKnob].nudged(by: 1)
        case .decrease: knobs[selectedKnob].value = knobs[selectedKnob].nudged(by: -1)
        case .increaseCoarse: knobs[selectedKnob].value = knobs[selectedKnob].nudged(by: 5)
        case .decreaseCoarse: knobs[selectedKnob].value = knobs[selectedKnob].nudged(by: -5)
        case .toggleLogScale: logarithmicLoss.toggle()
        }
        return .continue
    }

    // MARK: View

    static let minimumSize = Size(width: 60, height: 18)

    func view(into grid: inout Grid) {
        let guardWidget = SizeGuard(minimum: TUIDemoApp.minimumSize)
        guard guardWidget.fits(grid.size) else {
            grid.render(guardWidget, in: grid.area)
            return
        }
        let rows = Layout.vertical([.length(1), .fill(1), .length(1), .length(1)]).split(grid.area)
        renderHeader(into: &grid, row: rows[0])
        let wide = grid.width >= 120 && grid.height >= 36
        if wide { renderWide(into: &grid, area: rows[1]) } else { renderCompact(into: &grid, area: rows[1]) }
        grid.render(TUI.ProgressBar(fraction: data.epochFraction, label: "epoch \(data.epoch + 1)"), in: rows[2])
        grid.render(StatusBar(hints: TUIDemoApp.keys.statusHints, message: paused ? "paused" : "",
                              messageRole: .warning, right: "\(grid.glyphs.rawValue) · \(grid.theme.capability)"), in: rows[3])
        switch overlay {
        case .none: break
        case .help: grid.render(TUI.HelpOverlay(title: "Keys", table: TUIDemoApp.keys), in: grid.area)
        case .message:
            grid.render(MessageBox(title: "A message box",
                                   message: "Dialogs like this one tell you when training **diverges** or a check passes. They clear what is under them and close with *Esc*.",
                                   role: .warning), in: grid.area)
        }
    }

    private func renderHeader(into grid: inout Grid, row: Rect) {
        grid.write(" NetPlayground · TUI demo", x: row.x, y: row.y, style: grid.theme.style(.title), clip: row)
        let state = paused ? "paused" : "\(Int(measuredFPS.rounded())) fps"
        let right = "step \(data.step) · \(state) "
        grid.write(right, x: row.maxX - displayWidth(of: right), y: row.y, style: grid.theme.style(.muted), clip: row)
    }

    /// 80×24: two rows of three panels.
    private func renderCompact(into grid: inout Grid, area: Rect) {
        let bands = Layout.vertical([.percentage(55), .fill(1)]).split(area)
        let top = Layout.horizontal([.percentage(40), .percentage(30), .fill(1)]).split(bands[0])
        let bottom = Layout.horizontal([.percentage(30), .percentage(30), .fill(1)]).split(bands[1])
        renderLoss(into: &grid, area: top[0])
        renderBoundary(into: &grid, area: top[1])
        renderKnobs(into: &grid, area: top[2])
        renderKernels(into: &grid, area: bottom[0])
        renderClasses(into: &grid, area: bottom[1])
        renderAbout(into: &grid, area: bottom[2])
    }

    /// 160×48 and up: bigger charts and a weight image beside the boundary.
    private func renderWide(into grid: inout Grid, area: Rect) {
        let bands = Layout.vertical([.percentage(55), .fill(1)]).split(area)
        let top = Layout.horizontal([.percentage(45), .percentage(30), .fill(1)]).split(bands[0])
        let bottom = Layout.horizontal([.percentage(35), .percentage(35), .fill(1)]).split(bands[1])
        renderLoss(into: &grid, area: top[0])
        renderBoundary(into: &grid, area: top[1])
        let weightsBlock = Block(title: "Weights 28×28", rightTitle: "diverging")
        grid.render(weightsBlock, in: top[2])
        grid.render(Heatmap(rows: 28, columns: 28, values: data.weightImage(), palette: .diverging(limit: nil), showsLegend: true),
                    in: weightsBlock.inner(top[2]))
        renderKernels(into: &grid, area: bottom[0], count: 16)
        let middle = Layout.vertical([.length(knobs.count + 2), .fill(1)]).split(bottom[1])
        renderKnobs(into: &grid, area: middle[0])
        renderAbout(into: &grid, area: middle[1])
        renderClasses(into: &grid, area: bottom[2])
    }

    private func panel(_ panel: DemoPanel, _ area: Rect, into grid: inout Grid, right: String = "") -> Rect {
        let block = Block(title: panel.title, rightTitle: right, focused: focus == panel)
        grid.render(block, in: area)
        return block.inner(area)
    }

    private func renderLoss(into grid: inout Grid, area: Rect) {
        let inner = panel(.loss, area, into: &grid, right: logarithmicLoss ? "log" : "linear")
        let first = Double(data.firstStep)
        let train = Series("train", xs: data.trainLoss.indices.map { (first + Double($0)) / Double(DemoData.stepsPerEpoch) },
                           ys: data.trainLoss, role: .trainLoss)
        let validation = Series("validation", xs: data.validationX.map { $0 / Double(DemoData.stepsPerEpoch) },
                                ys: data.validationLoss, role: .validationLoss)
        let lastEpoch = data.epoch
        let firstEpoch = Int(first / Double(DemoData.stepsPerEpoch)) + 1
        let marks = firstEpoch <= lastEpoch ? (firstEpoch...lastEpoch).map(Double.init) : []
        grid.render(LineChart(series: [train, validation], logarithmicY: logarithmicLoss, marks: marks, xLabel: "epoch"), in: inner)
    }

    private func renderBoundary(into grid: inout Grid, area: Rect) {
        let inner = panel(.boundary, area, into: &grid)
        let mapArea = inner.inset(bottom: 1)
        // Sample the surface at exactly the pixels the area can show.
        let available = Heatmap.pixelSize(for: mapArea, grid: grid)
        let side = min(available.width, available.height)
        let pixels = Size(width: side, height: side)
        let heatmap = Heatmap(rows: pixels.height, columns: pixels.width, values: data.boundary(size: pixels),
                              palette: .diverging(limit: 1), points: data.points, line: data.boundaryLine, showsLegend: true)
        grid.render(heatmap, in: inner)
    }

    private func renderKnobs(into grid: inout Grid, area: Rect) {
        let inner = panel(.knobs, area, into: &grid)
        grid.render(KnobPanel(knobs: knobs, focusedIndex: focus == .knobs || overlay == .none ? selectedKnob : nil), in: inner)
        if inner.height > knobs.count + 1 {
            let note = Paragraph("`+` `-` turn the marked knob, `↑` `↓` pick one.", role: .muted)
            grid.render(note, in: inner.inset(top: knobs.count + 1))
        }
    }

    private func renderKernels(into grid: inout Grid, area: Rect, count: Int = 8) {
        let inner = panel(.kernels, area, into: &grid, right: "shared scale")
        grid.render(KernelGrid(kernels: data.kernels(count: count)), in: inner)
    }

    private func renderClasses(into grid: inout Grid, area: Rect) {
        let inner = panel(.classes, area, into: &grid)
        let names = ["setosa", "versicolor", "virginica"]
        let probabilities = data.probabilities()
        let bars = zip(names, probabilities).map { Bar($0, $1) }
        // A blank line between bars and table only when there is room for all three table rows.
        let gap = inner.height >= 3 + 1 + 5 ? 1 : 0
        let parts = Layout.vertical([.length(3), .length(gap), .fill(1)]).split(inner)
        grid.render(BarChart(bars: bars, maximum: 1, role: .accuracy, format: .percent), in: parts[0])
        grid.render(Table.confusionMatrix(counts: data.confusion(), labels: ["set", "ver", "vir"]), in: parts[2])
    }

    private func renderAbout(into grid: inout Grid, area: Rect) {
        let inner = panel(.about, area, into: &grid)
        let text = """
            Every widget here draws **fake data**, animated: a braille *line chart*, a half-block *heatmap* \
            with points and a line, *kernels*, *bars*, a confusion *table* and *knobs*.
            Press `Tab` to move the focus, `Space` to pause, `?` for help, `m` for a dialog.
            Without color (NO_COLOR=1) heatmaps switch to the ramp `.:-=+*#%@` and kernels show their sign.
            """
        grid.render(Paragraph(text, scroll: aboutScroll), in: inner)
    }
}
