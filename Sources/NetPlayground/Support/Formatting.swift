import Foundation

/// Number and duration formats shared by the command-line tools.
enum Format {
    /// 0.97713 → "97.71%".
    static func percent(_ fraction: Float) -> String {
        String(format: "%.2f%%", Double(fraction) * 100)
    }

    /// A loss with four significant digits, e.g. "0.07123" or "2.303".
    static func loss(_ value: Float) -> String {
        String(format: "%.4g", Double(value))
    }

    /// Seconds as "0.42 s", "12.3 s" or "2:05".
    static func seconds(_ value: Double) -> String {
        guard value.isFinite, value >= 0 else { return "?" }
        if value < 10 { return String(format: "%.2f s", value) }
        if value < 60 { return String(format: "%.1f s", value) }
        return clock(value)
    }

    /// Seconds as "m:ss" or "h:mm:ss" (an ETA).
    static func clock(_ value: Double) -> String {
        guard value.isFinite, value >= 0 else { return "--:--" }
        let total = Int(value.rounded())
        let hours = total / 3600, minutes = total / 60 % 60, seconds = total % 60
        return hours > 0
            ? String(format: "%d:%02d:%02d", hours, minutes, seconds)
            : String(format: "%d:%02d", minutes, seconds)
    }

    /// A learning rate or decay as written on the command line: "0.002", "1e-05".
    static func knob(_ value: Float) -> String {
        String(format: "%g", Double(value))
    }

    /// Rows under a header, each column as wide as its widest entry, two spaces apart.
    static func table(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, text in
                text + String(repeating: " ", count: max(0, (column < widths.count ? widths[column] : 0) - text.count))
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }
}
