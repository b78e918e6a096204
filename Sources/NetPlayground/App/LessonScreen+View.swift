import Foundation
import Lessons
import MiniNN
import TUI

extension LessonScreen {
    /// Draws the lesson screen: title, text and knobs on the left, visuals on
    /// the right, status and key hints at the bottom. The layout follows the
    /// terminal size: one or two visuals at 80×24, up to four at 160×48.
    func render(into grid: inout Grid, area: Rect, framesPerSecond: Double?) {
        // The note wraps onto a second row rather than losing its end (an export's file names).
        let banner = race?.banner(width: max(1, area.width - 2), glyphs: grid.glyphs)
        let notice = (note ?? banner).map { Paragraph(spans: [[Span($0, role: .success)]]) }
        let noteRows = min(2, notice?.wrappedLineCount(width: max(1, area.width - 2), glyphs: grid.glyphs) ?? 0)
        let rows = Layout.vertical([.length(1), .fill(1), .length(1), .length(noteRows), .length(1)]).split(area)
        renderTitle(into: &grid, area: rows[0])
        let leftWidth = area.width >= 150 ? 52 : (area.width >= 110 ? 42 : 32)
        let columns = Layout.horizontal([.length(leftWidth), .fill(1)]).split(rows[1])
        let knobRows = panel.isEmpty ? 0 : panel.count + 2
        let left = Layout.vertical([.fill(1), .length(knobRows)]).split(columns[0])
        if showsTryThis { renderTryThis(into: &grid, area: left[0]) } else { renderText(into: &grid, area: left[0]) }
        if knobRows > 0 { renderKnobs(into: &grid, area: left[1]) }
        renderVisuals(into: &grid, area: columns[1])
        renderStatus(into: &grid, area: rows[2], framesPerSecond: framesPerSecond)
        if let notice { grid.render(notice, in: rows[3].inset(left: 1, right: 1)) }
        // With nothing to train, the training keys have nothing to say.
        let trains = session != nil
        let draws = CanvasScreen.opens(on: self)
        grid.render(PlaygroundKeys.hintBar(race == nil ? .lesson : .race) {
                        (trains || !["Training", "Runs"].contains($0.section)) && (draws || $0.action != .openCanvas)
                            && (!earlierRuns.isEmpty || $0.action != .openEarlierRuns)
                    },
                    in: rows[4].inset(left: 1))
    }

    private func renderTitle(into grid: inout Grid, area: Rect) {
        let theme = grid.theme
        let prefix = lesson.id == Course.sandboxID ? "Sandbox" : "Lesson \(lesson.id)"
        // The sandbox's title is its prefix; saying it twice ("Sandbox · Sandbox") says nothing.
        let heading = lesson.title == prefix ? prefix : "\(prefix) · \(lesson.title)"
        let used = grid.write(" \(heading)", x: area.x, y: area.y, style: theme.style(.title), maxWidth: area.width)
        var right: [String] = []
        if let snapshot {
            // A seed means something only where something is trained (not lesson 7's hand convolution).
            if lesson.trains { right.append("seed \(snapshot.seed)") }
            if lesson.dataChoices.indices.contains(knobs.dataChoice) {
                right.append(lesson.dataChoices[knobs.dataChoice].displayName)
            }
            if snapshot.trainCount > 0 {
                right.append("\(snapshot.trainCount.grouped) train / \(snapshot.validationCount.grouped) val")
            }
        }
        // Drop details from the right until what is left fits beside the title.
        while !right.isEmpty {
            let text = right.joined(separator: " · ") + " "
            let x = area.maxX - displayWidth(of: text)
            if x > area.x + used + 1 {
                grid.write(text, x: x, y: area.y, style: theme.style(.muted))
                break
            }
            right.removeLast()
        }
    }

    /// What you will learn and the text, as one scrollable paragraph, ending
    /// with where the experiments are (their own panel, one Tab away).
    var lessonMarkup: String {
        var parts: [String] = []
        parts.append("**What you will learn**")
        parts.append(lesson.learn.map { "• \($0)" }.joined(separator: "\n"))
        parts.append("")
        parts.append(lesson.text)
        if !lesson.experiments.isEmpty {
            parts.append("")
            parts.append("**Try this**: press `Tab` for \(lesson.experiments.count) experiments and the keys they take. "
                         + "Each is ticked once you have done it; all of them finish the lesson.")
        }
        return parts.joined(separator: "\n")
    }

    /// The experiments with their keys, as the Try-this panel lists them.
    var tryThisList: TryThisList {
        let selected = panel.indices.contains(selectedKnob) ? panel[selectedKnob] : nil
        let items = lesson.experiments.enumerated().map { index, experiment in
            TryThisList.Item(title: experiment.action, keys: experiment.keysMarkup(selected: selected),
                             outcome: Self.sentence(experiment.expectation), done: tried.contains(index))
        }
        // The checklist's state first; once it is done, where to go next.
        let note = checklistDone
            ? "All \(lesson.experiments.count) tried. " + (nextSuggestion ?? "")
            : "\(checklistSummary). Keys assume the start values."
        return TryThisList(items: items, note: note,
                           scroll: tryThisScroll, focused: focus == .tryThis,
                           hint: focus == .tryThis ? "PgDn more" : "")
    }

    private func renderTryThis(into grid: inout Grid, area: Rect) {
        var list = tryThisList
        list.scroll = min(tryThisScroll, list.maxScroll(for: area.size, unicode: grid.glyphs.isUnicode))
        grid.render(list, in: area)
    }

    /// An expectation as a sentence of its own: capitalised.
    private static func sentence(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    private func renderText(into grid: inout Grid, area: Rect) {
        let tryThis = lesson.experiments.isEmpty ? "" : "Tab: try this \(tried.count)/\(lesson.experiments.count)"
        let block = Block(title: "Lesson", rightTitle: focus == .text ? "↑↓ scroll" : tryThis,
                          focused: focus == .text)
        grid.render(block, in: area)
        let inner = block.inner(area).inset(left: 1)
        var markup = lessonMarkup
        if !grid.glyphs.isUnicode { markup = markup.replacingOccurrences(of: "•", with: "-") }
        let paragraph = Paragraph(markup)
        let scroll = min(textScroll, paragraph.maxScroll(for: inner.size, glyphs: grid.glyphs))
        grid.render(Paragraph(markup, scroll: scroll), in: inner)
    }

    private func renderKnobs(into grid: inout Grid, area: Rect) {
        // In Try this the knob keys work too, so the selection shows as in the knobs.
        let turns = focus == .knobs || focus == .tryThis
        let block = Block(title: "Knobs", rightTitle: turns ? "+/- turn" : "", focused: focus == .knobs)
        grid.render(block, in: area)
        grid.render(KnobPanel(knobs: panel.map(knobWidget), selectedIndex: selectedKnob, focused: turns),
                    in: block.inner(area).inset(left: 1, right: 1))
    }

    // MARK: Visuals

    /// The visuals in the order they are shown, starting at `visualOffset`.
    var orderedVisuals: [Visual] {
        let all = lesson.visuals
        guard !all.isEmpty else { return [] }
        let start = ((visualOffset % all.count) + all.count) % all.count
        return Array(all[start...] + all[..<start])
    }

    /// Rectangles for the visual panels that fit in `area`.
    static func visualSlots(in area: Rect, count: Int, main: Visual? = nil) -> [Rect] {
        guard count > 0 else { return [] }
        // Kernels and weight pictures are the lesson's subject: on a small screen they get
        // the whole column (all kernels and the picked one's numbers need ~18 rows), and
        // the weight pictures the full width on a large one.
        let pictures = main == .kernels || main == .firstLayerWeights
        if pictures && area.height < 28 { return [area] }
        if main == .firstLayerWeights && count >= 3 && area.width >= 96 {
            let halves = Layout.vertical([.percentage(58), .fill(1)]).split(area)
            return [halves[0]] + Layout.horizontal([.percentage(50), .fill(1)]).split(halves[1])
        }
        // A regression's scatter and its loss curve side by side, the rest below.
        if main == .predictedVsActual && count >= 2 && area.width >= 96 && area.height >= 28 {
            let halves = Layout.vertical([.percentage(58), .fill(1)]).split(area)
            return Layout.horizontal([.percentage(50), .fill(1)]).split(halves[0]) + (count >= 3 ? [halves[1]] : [])
        }
        if count >= 4 && area.width >= 96 && area.height >= 34 {
            let halves = Layout.vertical([.percentage(55), .fill(1)]).split(area)
            return halves.flatMap { Layout.horizontal([.percentage(50), .fill(1)]).split($0) }
        }
        if count >= 3 && area.width >= 96 && area.height >= 28 {
            let halves = Layout.vertical([.percentage(58), .fill(1)]).split(area)
            return [halves[0]] + Layout.horizontal([.percentage(50), .fill(1)]).split(halves[1])
        }
        if count >= 2 && area.height >= 18 {
            return Layout.vertical([.percentage(60), .fill(1)]).split(area)
        }
        return [area]
    }

    private func renderVisuals(into grid: inout Grid, area: Rect) {
        var area = area
        if showsRunsTable {
            let runs = race?.table ?? RunsTable(lessonScreen: self)
            let height = min(max(5, area.height / 2), runs.rows.count + 5)
            let parts = Layout.vertical([.length(height), .fill(1)]).split(area)
            let block = Block(title: "runs", rightTitle: "t closes")
            grid.render(block, in: parts[0])
            grid.render(runs.table, in: block.inner(parts[0]).inset(left: 1, right: 1))
            area = parts[1]
        }
        var sideBySide: Visual?
        if let race, let row = Self.sideBySideRow(in: area, runners: race.runners.count) {
            renderSideBySide(race, into: &grid, area: row.pictures)
            area = row.rest
            sideBySide = racePicture
        }
        // The picture drawn for every runner below is not drawn again above.
        let visuals = orderedVisuals.filter { $0 != sideBySide }
        let slots = Self.visualSlots(in: area, count: visuals.count, main: visuals.first)
        for (slot, visual) in zip(slots, visuals) {
            let hidden = visuals.count - slots.count
            let arrows = grid.glyphs.isUnicode ? "←→" : "Left/Right"
            // On the panel that takes the focus, so the keys it names act where it is written.
            let keys = focus == .visuals ? arrows : "Tab, \(arrows)"
            let more = hidden > 0 && slot == slots.first ? "\(hidden) more: \(keys)" : ""
            let block = Block(title: visual.title, rightTitle: more, focused: focus == .visuals && slot == slots.first)
            grid.render(block, in: slot)
            let inner = block.inner(slot)
            VisualPanel(visual: visual, screen: self).render(into: &grid, area: inner)
        }
        guard let snapshot else { return }
        switch snapshot.state {
        case .diverged(let report): renderDivergence(report, into: &grid, area: area)
        case .failed(let message): renderMessage("Cannot train", message, role: .error, into: &grid, area: area)
        case .loading(let what): renderMessage("Please wait", what, role: .muted, into: &grid, area: area)
        default: break
        }
    }

    /// In a race on a wide screen, a row at the bottom of the visuals with
    /// every runner's picture (decision boundary or kernels) side by side.
    static func sideBySideRow(in area: Rect, runners: Int) -> (pictures: Rect, rest: Rect)? {
        guard runners >= 2, area.width >= 30 * runners, area.height >= 34 else { return nil }
        let parts = Layout.vertical([.fill(1), .length(min(16, area.height / 2 - 2))]).split(area)
        return (parts[1], parts[0])
    }

    /// The picture a race compares: the boundary for 2-D data, else the kernels.
    var racePicture: Visual? {
        [.decisionBoundary, .kernels, .firstLayerWeights].first { lesson.visuals.contains($0) }
    }

    private func renderSideBySide(_ race: RaceView, into grid: inout Grid, area: Rect) {
        guard let picture = racePicture else { return }
        let widths = race.runners.map { _ in Constraint.fill(1) }
        for (index, (slot, runner)) in zip(Layout.horizontal(widths).split(area), race.runners).enumerated() {
            let block = Block(title: "\(picture.title) · \(index + 1) \(runner.label)", focused: index == race.selected)
            grid.render(block, in: slot)
            var shown = runner.screen
            // Each runner's own picture, without the race's rivals or tables.
            shown.race = nil
            shown.showsRunsTable = false
            VisualPanel(visual: picture, screen: shown).render(into: &grid, area: block.inner(slot))
        }
    }

    private func renderDivergence(_ report: DivergenceReport, into grid: inout Grid, area: Rect) {
        let title = report.reason.isCollapse ? "Training collapsed" : "Training diverged"
        let text = Self.divergenceText(report) + """


        Training is paused. Lower the learning rate (select it in the knobs and press - or [), \
        then press r to reset the weights and Space to train again.
        """
        renderMessage(title, text, role: .error, into: &grid, area: area)
    }

    /// What happened, in words: MiniNN only says which test tripped.
    static func divergenceText(_ report: DivergenceReport) -> String {
        let at = "At epoch \(report.epoch + 1), batch \(report.batch + 1), with learning rate "
            + "\(KnobSettings.format(report.learningRate)),"
        switch report.reason {
        case .notFinite, .aboveLimit:
            let lossText = report.loss.isNaN ? "not a number (NaN)" : report.loss.isFinite ? "too large" : "infinite"
            return "\(at) the loss became \(lossText). Each step overshot the minimum by more than the last, "
                + "until the numbers overflowed."
        case .collapsedToChance(let peak, let accuracy):
            return "\(at) accuracy fell from \(percentText(peak)) back to \(percentText(accuracy)), no better "
                + "than guessing, though the loss stayed a number. The steps were so large that they threw the "
                + "weights far from any minimum, and the network now gives almost the same answer to everything."
        case .lossAboveChance(let loss, let chanceLoss):
            return "\(at) after a whole epoch the network still guesses, and its loss is \(formatLoss(loss)): more "
                + "than the \(formatLoss(chanceLoss)) that guessing every class equally would cost. The steps are "
                + "so large that the weights bounce around instead of settling; no NaN, but nothing learned."
        }
    }

    private static func percentText(_ value: Float) -> String { String(format: "%.0f%%", value * 100) }
    private static func formatLoss(_ value: Float) -> String { String(format: "%.2f", value) }

    private func renderMessage(_ title: String, _ text: String, role: Role, into grid: inout Grid, area: Rect) {
        // No closing hint: the text says what to do, and the box goes when the run changes.
        grid.render(MessageBox(title: title, message: text, role: role, hint: "", maxWidth: 60),
                    in: area.inset(left: 1, right: 1))
    }
}


extension DivergenceReason {
    /// A run that went wrong with finite numbers (accuracy back at chance).
    var isCollapse: Bool {
        switch self {
        case .notFinite, .aboveLimit: false
        case .collapsedToChance, .lossAboveChance: true
        }
    }
}
