import Foundation
import Testing
@testable import TUI

/// Golden-file snapshots of rendered grids (see ``GridSnapshot``), kept in
/// Tests/TUITests/Snapshots; run with `UPDATE_SNAPSHOTS=1` to rewrite them.
enum Snapshot {
    static let sourceDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Snapshots")

    static func render(_ grid: Grid, styles: Bool) -> String { GridSnapshot.text(of: grid, styles: styles) }

    static func check(_ grid: Grid, named name: String, styles: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) {
        let actual = GridSnapshot.text(of: grid, styles: styles)
        if let problem = GridSnapshot.compare(actual, named: name, in: sourceDirectory, update: GridSnapshot.updating) {
            Issue.record(Comment(rawValue: problem), sourceLocation: sourceLocation)
        }
    }
}

extension Grid {
    /// A grid for tests with a color capability and glyph set.
    static func testing(_ width: Int, _ height: Int, colors: ColorCapability = .none, glyphs: GlyphSet = .braille) -> Grid {
        Grid(width: width, height: height, theme: Theme(capability: colors), glyphs: glyphs)
    }
}
