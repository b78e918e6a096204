import Foundation

/// Golden-file snapshots of rendered grids, shared by the toolkit's and the
/// playground's tests.
///
/// A snapshot is the grid's text in a frame (so trailing spaces and the right
/// edge show), and optionally a style layer: one letter per cell naming its
/// style, with a legend of the styles (`B = fg 75, bg default, bold`).
public enum GridSnapshot {
    /// The text of a grid, and with `styles` its style layer, as stored in a golden file.
    public static func text(of grid: Grid, styles: Bool) -> String {
        // Dark is the default and unsaid, so older golden files keep their first line.
        let background = grid.theme.background == .light ? ", light background" : ""
        var text = "size \(grid.width)x\(grid.height), \(grid.glyphs.rawValue), \(grid.theme.capability)\(background)\n"
        let edge = "+" + String(repeating: "-", count: grid.width) + "+"
        text += edge + "\n"
        for line in grid.lines { text += "|" + line + "|\n" }
        text += edge + "\n"
        guard styles else { return text }
        var letters: [Style: Character] = [Style.plain: "."]
        var legend: [(Character, Style)] = []
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        text += "styles:\n"
        for y in 0..<grid.height {
            var row = ""
            for x in 0..<grid.width {
                let style = grid[x, y].style
                if letters[style] == nil {
                    let letter = legend.count < alphabet.count ? alphabet[legend.count] : "?"
                    letters[style] = letter
                    legend.append((letter, style))
                }
                row.append(letters[style] ?? "?")
            }
            text += row + "\n"
        }
        for (letter, style) in legend { text += "\(letter) = \(describe(style))\n" }
        return text
    }

    static func describe(_ style: Style) -> String {
        var parts = ["fg \(style.foreground.code)", "bg \(style.background.code)"]
        let names: [(Attributes, String)] = [(.bold, "bold"), (.dim, "dim"), (.italic, "italic"),
                                              (.underline, "underline"), (.reverse, "reverse")]
        for (attribute, name) in names where style.attributes.contains(attribute) { parts.append(name) }
        return parts.joined(separator: ", ")
    }

    /// Compares `actual` with the golden file `directory/name.txt`; with
    /// `update` it rewrites the file instead. Returns what went wrong, or nil.
    ///
    /// The golden files are read from the source tree (where `update` writes),
    /// so a test run always compares with what the checkout holds.
    public static func compare(_ actual: String, named name: String, in directory: URL, update: Bool) -> String? {
        let target = directory.appendingPathComponent("\(name).txt")
        if update {
            let temporary = directory.appendingPathComponent(".\(name).txt.tmp")
            do {
                // Written beside the target, then renamed over it, so a golden file is never half-written.
                try Data(actual.utf8).write(to: temporary)
                guard rename(temporary.path, target.path) == 0 else {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
                }
                return nil
            } catch {
                return "could not write snapshot \(target.path): \(error)"
            }
        }
        guard let expected = try? String(contentsOf: target, encoding: .utf8) else {
            return "no snapshot \(target.path); run with UPDATE_SNAPSHOTS=1 to record it\n\(actual)"
        }
        guard expected != actual else { return nil }
        return "snapshot \(name) differs (UPDATE_SNAPSHOTS=1 rewrites it)\n\(firstDifference(expected, actual))"
            + "\nexpected:\n\(expected)\nactual:\n\(actual)"
    }

    /// Whether the environment asks for golden files to be rewritten.
    public static var updating: Bool { ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1" }

    /// "line 12: expected … / actual …", so a failure says where before it dumps both.
    static func firstDifference(_ expected: String, _ actual: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(old.count, new.count) {
            let a = index < old.count ? String(old[index]) : "(none)"
            let b = index < new.count ? String(new[index]) : "(none)"
            if a != b { return "first difference at line \(index + 1):\n  expected \(a)\n  actual   \(b)" }
        }
        return "no line differs (line endings?)"
    }
}
