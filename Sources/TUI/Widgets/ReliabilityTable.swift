import Foundation

/// A reliability diagram as a table: predictions grouped by confidence, one
/// row per group with its count, the mean confidence the model gave and the
/// share it got right, then a bar of that share with a mark where the
/// confidence is. A calibrated model's bar ends at its mark; a bar short of
/// the mark is over-confident (drawn as a warning).
///
///     conf         n   said  right
///     0.5–0.6     21  55.1%  52.4%  ██████████▌  │
///     0.9–1.0   1804  98.9%  99.3%  ████████████████████
///
/// Rows that do not fit are left out, the smallest first (empty ones before
/// any), and a last line says how many predictions they held.
public struct ReliabilityTable: Widget, Sendable {
    /// One confidence group.
    public struct Row: Sendable, Equatable {
        /// The group's range, e.g. "0.9–1.0".
        public var label: String
        public var count: Int
        /// Mean confidence and share right, in 0…1; nil for an empty group.
        public var confidence: Double?
        public var accuracy: Double?

        public init(label: String, count: Int, confidence: Double?, accuracy: Double?) {
            self.label = label; self.count = count; self.confidence = confidence; self.accuracy = accuracy
        }
    }

    public var rows: [Row]
    /// A muted line under the table (e.g. a summary), drawn when there is room.
    public var footer: String

    public init(rows: [Row], footer: String = "") {
        self.rows = rows
        self.footer = footer
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        let theme = grid.theme
        let labelWidth = max(4, rows.map { displayWidth(of: $0.label) }.max() ?? 4)
        let countWidth = max(2, rows.map { String($0.count).count }.max() ?? 1) + 1
        let numberWidth = 7
        let header = "conf".padding(to: labelWidth) + "n".leftPadded(to: countWidth)
            + "said".leftPadded(to: numberWidth) + "right".leftPadded(to: numberWidth)
        grid.write(header, x: area.x, y: area.y, style: theme.style(.muted), maxWidth: area.width)

        let footerRows = footer.isEmpty || area.height < 4 ? 0 : 1
        let shown = visibleRows(room: area.height - 1 - footerRows)
        let barX = area.x + labelWidth + countWidth + 2 * numberWidth + 2
        let barWidth = area.maxX - barX
        var y = area.y + 1
        for index in shown {
            let row = rows[index]
            var x = area.x
            x += grid.write(row.label.padding(to: labelWidth), x: x, y: y, style: theme.style(.text), maxWidth: area.maxX - x)
            x += grid.write(String(row.count).leftPadded(to: countWidth), x: x, y: y,
                            style: theme.style(row.count == 0 ? .muted : .text), maxWidth: max(0, area.maxX - x))
            guard let confidence = row.confidence, let accuracy = row.accuracy else {
                grid.write(String(grid.glyphs.isUnicode ? "—" : "-").leftPadded(to: numberWidth), x: x, y: y,
                           style: theme.style(.muted), maxWidth: max(0, area.maxX - x))
                y += 1
                continue
            }
            let overConfident = accuracy < confidence
            x += grid.write(Self.percent(confidence).leftPadded(to: numberWidth), x: x, y: y,
                            style: theme.style(.emphasis), maxWidth: max(0, area.maxX - x))
            grid.write(Self.percent(accuracy).leftPadded(to: numberWidth), x: x, y: y,
                       style: theme.style(overConfident ? .warning : .success), maxWidth: max(0, area.maxX - x))
            if barWidth >= 6 {
                drawBar(into: &grid, x: barX, y: y, width: barWidth, confidence: confidence, accuracy: accuracy,
                        role: overConfident ? .warning : .success)
            }
            y += 1
        }
        let hidden = rows.indices.filter { !shown.contains($0) }
        if !hidden.isEmpty, y < area.maxY - footerRows {
            let count = hidden.reduce(0) { $0 + rows[$1].count }
            grid.write("+\(hidden.count) more bins, \(count) predictions", x: area.x, y: y,
                       style: theme.style(.muted), maxWidth: area.width)
        }
        if footerRows > 0 {
            grid.write(footer, x: area.x, y: area.maxY - 1, style: theme.style(.muted), maxWidth: area.width)
        }
    }

    /// The rows that fit in `room` lines, in their order: all of them, or the
    /// fullest ones with a line left to say what was dropped.
    private func visibleRows(room: Int) -> [Int] {
        guard room > 0 else { return [] }
        if rows.count <= room { return Array(rows.indices) }
        let keep = max(0, room - 1)
        let fullest = rows.indices.sorted { rows[$0].count != rows[$1].count ? rows[$0].count > rows[$1].count : $0 < $1 }
        return fullest.prefix(keep).sorted()
    }

    /// The share right as a bar from 0 to 1, with a mark where the confidence is.
    private func drawBar(into grid: inout Grid, x: Int, y: Int, width: Int, confidence: Double, accuracy: Double,
                         role: Role) {
        let theme = grid.theme
        let eighths = grid.glyphs.horizontalEighths
        let filled = max(0, min(1, accuracy)) * Double(width)
        let full = Int(filled)
        for i in 0..<width {
            let character: Character = i < full ? eighths[8] : (i == full ? eighths[Int((filled - Double(full)) * 8)] : " ")
            grid.set(character, x: x + i, y: y, style: theme.style(role))
        }
        // The mark cuts through the fill when the bar passes it (right more often than said).
        let mark = min(width - 1, Int(max(0, min(1, confidence)) * Double(width)))
        grid.set(grid.glyphs.box.vertical, x: x + mark, y: y, style: theme.style(.emphasis))
    }

    /// "98.9%", "100%" (kept to six columns).
    static func percent(_ value: Double) -> String {
        let shown = (value * 1000).rounded() / 10
        return shown >= 100 ? "100%" : String(format: "%.1f%%", shown)
    }
}

extension String {
    /// Right-aligned in `width` columns.
    fileprivate func leftPadded(to width: Int) -> String {
        let used = displayWidth(of: self)
        return used >= width ? self : String(repeating: " ", count: width - used) + self
    }

    /// Left-aligned in `width` columns.
    fileprivate func padding(to width: Int) -> String {
        let used = displayWidth(of: self)
        return used >= width ? self : self + String(repeating: " ", count: width - used)
    }
}
