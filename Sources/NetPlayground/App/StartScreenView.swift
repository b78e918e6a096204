import Foundation
import Lessons
import TUI

/// The course list: every lesson with its checklist's progress ("2 of 4
/// tried"), its one-line summary and a mark when finished, then the sandbox.
/// The cursor starts on the next unfinished lesson (``PlaygroundApp``).
struct StartScreenView: Widget {
    let app: PlaygroundApp

    func render(into grid: inout Grid, area: Rect) {
        let theme = grid.theme
        let rows = Layout.vertical([.length(3), .fill(1), .length(2), .length(1)]).split(area)
        // Title.
        grid.write("NetPlayground", x: area.x + 2, y: rows[0].y + 1, style: theme.style(.title))
        // The longest wording that fits beside the name: a cut-off sentence reads as a defect.
        let room = max(0, area.width - 17)
        let subtitle = ["  from a single perceptron to a convnet on MNIST, trained live in your terminal",
                        "  from a perceptron to a convnet on MNIST, live in your terminal",
                        "  perceptron to convnet, live in your terminal"]
            .first { displayWidth(of: $0) <= room } ?? ""
        grid.write(subtitle, x: area.x + 15, y: rows[0].y + 1, style: theme.style(.muted), maxWidth: room)

        // The list, in a panel.
        let block = Block(title: "Course", rightTitle: "\(finishedCount) of \(Course.lessons.count - 1) finished",
                          focused: true)
        grid.render(block, in: rows[1].inset(left: 1, right: 1))
        let inner = block.inner(rows[1].inset(left: 1, right: 1)).inset(left: 1, right: 1)
        let finishedMark: Character = grid.glyphs.isUnicode ? "✓" : "*"
        let lessonCount = Course.lessons.count
        // Two rows per lesson when there is room, else one.
        let spacious = inner.height >= lessonCount * 2 + 1
        var y = inner.y
        let titleWidth = Course.lessons.map { displayWidth(of: $0.title) }.max() ?? 20
        let longestSummary = Course.lessons.map { displayWidth(of: $0.summary) }.max() ?? 60
        let progressWidth = Course.lessons.map { displayWidth(of: progressText($0, maximal: true)) }.max() ?? 0
        // Summaries beside the titles when they fit, else the selected one under the list.
        let summariesInline = inner.width >= 12 + titleWidth + progressWidth + longestSummary
        for (index, lesson) in Course.lessons.enumerated() {
            let isSandbox = lesson.id == Course.sandboxID
            if isSandbox && spacious { y += 1 }
            guard y < inner.maxY else { break }
            let selected = index == app.startSelection
            let rowStyle = selected ? theme.style(.focus) : theme.style(.text)
            if selected {
                grid.setStyle(rowStyle, in: Rect(x: inner.x, y: y, width: inner.width, height: 1))
            }
            let marker = selected ? String(grid.glyphs.focusMarker) : " "
            let mark = app.progress.isFinished(lesson.id) ? String(finishedMark) : " "
            let number = isSandbox ? "  " : (lesson.id < 10 ? " \(lesson.id)" : "\(lesson.id)")
            var x = inner.x
            x += grid.write("\(marker) \(mark) \(number)  ", x: x, y: y, style: rowStyle, clip: inner)
            let title = lesson.title + String(repeating: " ", count: max(0, titleWidth - displayWidth(of: lesson.title)))
            x += grid.write(title, x: x, y: y, style: selected ? rowStyle : theme.style(.emphasis), clip: inner)
            let progress = progressText(lesson)
            let padded = "  " + progress + String(repeating: " ", count: max(0, progressWidth - displayWidth(of: progress)))
            let progressRole: Role = app.progress.isFinished(lesson.id) ? .success : .muted
            x += grid.write(padded, x: x, y: y, style: selected ? rowStyle : theme.style(progressRole), clip: inner)
            if summariesInline {
                x += grid.write("  ", x: x, y: y, style: rowStyle, clip: inner)
                grid.write(lesson.summary, x: x, y: y, style: selected ? rowStyle : theme.style(.muted),
                           maxWidth: max(0, inner.maxX - x), clip: inner)
            }
            y += spacious ? 2 : 1
        }

        // Notice (progress file trouble, a lesson finished) or a short how-to. A notice
        // too long for one row (it may hold a file's path) takes both rows, wrapped,
        // in place of the selected lesson's summary: cut short, it would say nothing.
        let noticeArea = rows[2].inset(left: 2, right: 2)
        if let notice = app.notice, displayWidth(of: notice) > noticeArea.width {
            let paragraph = Paragraph(spans: [[Span(notice, role: app.noticeRole)]], role: app.noticeRole)
            grid.render(paragraph, in: noticeArea)
        } else {
            if !summariesInline, Course.lessons.indices.contains(app.startSelection) {
                grid.write(Course.lessons[app.startSelection].summary, x: area.x + 2, y: rows[2].y,
                           style: theme.style(.emphasis), maxWidth: max(0, area.width - 4))
            }
            let noticeRow = summariesInline ? rows[2].y : rows[2].y + 1
            let message = app.notice ?? "Lessons open paused (Space starts) and tick off experiments as you do them."
            grid.write(message, x: area.x + 2, y: noticeRow,
                       style: theme.style(app.notice == nil ? .muted : app.noticeRole), maxWidth: max(0, area.width - 4))
        }
        grid.render(PlaygroundKeys.hintBar(.courseList), in: rows[3].inset(left: 1))
    }

    /// "2 of 4 tried", "finished", or nothing before the first experiment;
    /// `maximal` gives the longest the row can show, for the column's width.
    private func progressText(_ lesson: Lesson, maximal: Bool = false) -> String {
        let count = lesson.experiments.count
        guard count > 0 else { return "" }
        if maximal { return "\(count) of \(count) tried" }
        if app.progress.isFinished(lesson.id) { return "finished" }
        let tried = app.progress.tried(lesson.id).count
        return tried == 0 ? "" : "\(tried) of \(count) tried"
    }

    private var finishedCount: Int {
        Course.lessons.filter { $0.id != Course.sandboxID && app.progress.isFinished($0.id) }.count
    }
}
