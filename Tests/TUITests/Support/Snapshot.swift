import Foundation
import Testing
@testable import TUI

/// Golden-file snapshots of rendered grids.
///
/// A snapshot is the grid's text, and optionally a style layer: one letter per
/// cell naming its style, with a legend of the styles (e.g. `B = fg 75, bold`).
/// Files live in Tests/TUITests/Snapshots and are read through `Bundle.module`;
/// run with `UPDATE_SNAPSHOTS=1` to rewrite them from the current rendering.
enum Snapshot {
    /// The text of a grid, and with `styles` its style layer, as stored in a golden file.
    static func render(_ grid: Grid, styles: Bool) -> String {
        var text = "size \(grid.width)x\(grid.height), \(grid.glyphs.rawValue), \(grid.theme.capability)\n"
        // A frame around the text so trailing spaces and the right edge show.
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
        let names: [(Attributes, String)] = [(.bold, "bold"), (.dim, "dim"), (.italic, "italic"), (.underline, "underline"), (.reverse, "reverse")]
        for (attribute, name) in names where style.attributes.contains(attribute) { parts.append(name) }
        return parts.joined(separator: ", ")
    }

    /// Compares a grid with the golden file `name.txt`, or rewrites it when UPDATE_SNAPSHOTS=1.
    /// Tests/TUITests/Snapshots in the source tree, where UPDATE_SNAPSHOTS=1 writes.
    static let sourceDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Snapshots")

    static func check(_ grid: Grid, named name: String, styles: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) {
        let actual = render(grid, styles: styles)
        if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1" {
            let target = sourceDirectory.appendingPathComponent("\(name).txt")
            let temporary = sourceDirectory.appendingPathComponent(".\(name).txt.tmp")
            do {
                // Written beside the target, then renamed over it, so a golden file is never half-written.
                try Data(actual.utf8).write(to: temporary)
                guard rename(temporary.path, target.path) == 0 else {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
                }
            } catch {
                Issue.record("could not write snapshot \(target.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Snapshots"),
              let expected = try? String(contentsOf: url, encoding: .utf8)
        else {
            Issue.record("no snapshot \(name).txt; run with UPDATE_SNAPSHOTS=1 to record it\n\(actual)", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            Issue.record("snapshot \(name) differs (UPDATE_SNAPSHOTS=1 rewrites it)\nexpected:\n\(expected)\nactual:\n\(actual)", sourceLocation: sourceLocation)
        }
    }
}

extension Grid {
    /// A grid for tests with a color capability and glyph set.
    static func testing(_ width: Int, _ height: Int, colors: ColorCapability = .none, glyphs: GlyphSet = .braille) -> Grid {
        Grid(width: width, height: height, theme: Theme(capability: colors), glyphs: glyphs)
    }
}
