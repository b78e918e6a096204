/// The legend over a line chart: a sample, name and latest value per
/// series, then each labelled point's glyph and label.
extension LineChart {
    struct LegendEntry {
        var sample: String
        var name: String
        var value: String
        var role: Role
        var dimmed: Bool

        var width: Int { displayWidth(of: sample) + 1 + displayWidth(of: name) + displayWidth(of: value) }
    }

    /// The legend's rows for an area of this size: on one row when it fits,
    /// on two when the chart is tall enough, else shortened (values dropped,
    /// names to their first word; a point's label and a dimmed series' name
    /// stay whole) and, as a last resort, cut off after what fits.
    func legendRows(width: Int, height: Int, glyphs: GlyphSet, hasColor: Bool) -> [[LegendEntry]] {
        guard showsLegend, height >= 4, !(series.isEmpty && points.isEmpty), width > 0 else { return [] }
        let maximumRows = height >= 10 ? 2 : 1
        let full = legendEntries(glyphs: glyphs, hasColor: hasColor, shortNames: false, values: true)
        let short = legendEntries(glyphs: glyphs, hasColor: hasColor, shortNames: true, values: true)
        let bare = legendEntries(glyphs: glyphs, hasColor: hasColor, shortNames: false, values: false)
        let shortBare = legendEntries(glyphs: glyphs, hasColor: hasColor, shortNames: true, values: false)
        var attempts: [([LegendEntry], Int)] = [(full, 1), (short, 1)]
        if maximumRows > 1 { attempts += [(full, 2), (short, 2)] }
        attempts += [(bare, maximumRows), (shortBare, maximumRows)]
        for (entries, rows) in attempts {
            let wrapped = Self.wrap(entries, width: width)
            if wrapped.count <= rows { return wrapped }
        }
        return Array(Self.wrap(shortBare, width: width).prefix(maximumRows))
    }

    private func legendEntries(glyphs: GlyphSet, hasColor: Bool, shortNames: Bool, values: Bool) -> [LegendEntry] {
        // A series without a name (a finished run's second line) shares the entry before it.
        let lines = series.enumerated().filter { !$0.element.name.isEmpty }.map { index, line -> LegendEntry in
            let live = liveIndex(of: index)
            let sample: String
            if line.dimmed {
                sample = glyphs.isUnicode ? "┈┈" : String(repeating: LineChart.dimmedASCIIMarker, count: 2)
            } else if glyphs == .ascii {
                sample = String(repeating: LineChart.asciiMarkers[live % LineChart.asciiMarkers.count], count: 2)
            } else {
                sample = hasColor || live == 0 ? "━━" : "╍╍"
            }
            let name = shortNames && !line.dimmed ? Self.shortName(line.name) : line.name
            let value = values && !line.dimmed && line.drawsLine ? line.latest.map { " " + NumberFormat.compact($0) } ?? "" : ""
            return LegendEntry(sample: sample, name: name, value: value, role: line.role, dimmed: line.dimmed)
        }
        // A point without a label (a pin's number at its line's end) is named by its line.
        let marks = points.filter { !$0.label.isEmpty }.map { point in
            LegendEntry(sample: String(glyphs.isUnicode ? point.glyph : point.asciiGlyph), name: point.label,
                        value: "", role: point.role, dimmed: false)
        }
        return lines + marks
    }

    /// A series name shortened for a narrow legend: its first word ("train
    /// loss" → "train"), and a first word of more than six letters cut to five and "…".
    static func shortName(_ name: String) -> String {
        let word = name.split(separator: " ", maxSplits: 1).first.map(String.init) ?? name
        return word.count > 6 ? String(word.prefix(5)) + "…" : word
    }

    /// Greedy rows of entries two columns apart; an entry wider than the row gets a row of its own.
    private static func wrap(_ entries: [LegendEntry], width: Int) -> [[LegendEntry]] {
        var rows: [[LegendEntry]] = []
        var current: [LegendEntry] = []
        var used = 0
        for entry in entries {
            let needed = current.isEmpty ? entry.width : used + 2 + entry.width
            if needed > width && !current.isEmpty {
                rows.append(current)
                current = [entry]
                used = entry.width
            } else {
                current.append(entry)
                used = needed
            }
        }
        if !current.isEmpty { rows.append(current) }
        // An entry too wide for any row cannot be shown whole: count it as overflow.
        if entries.contains(where: { $0.width > width }) { rows.append([]) }
        return rows
    }

    func renderLegendRow(_ entries: [LegendEntry], into grid: inout Grid, row: Rect) {
        var x = row.x
        for entry in entries {
            guard x + entry.width <= row.maxX else { break }
            let style = entry.dimmed ? grid.theme.style(.muted) : grid.theme.style(entry.role)
            x += grid.write(entry.sample, x: x, y: row.y, style: style, clip: row) + 1
            x += grid.write(entry.name, x: x, y: row.y, style: entry.dimmed ? style : grid.theme.style(.text), clip: row)
            x += grid.write(entry.value, x: x, y: row.y, style: style.adding(.bold), clip: row) + 2
        }
    }
}
