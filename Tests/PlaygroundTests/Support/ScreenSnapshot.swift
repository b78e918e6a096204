import Foundation
import Testing
import TUI
@testable import NetPlayground

/// Whole playground screens as golden files (text and style layer), kept in
/// Tests/PlaygroundTests/Snapshots; `UPDATE_SNAPSHOTS=1` rewrites them.
enum ScreenSnapshot {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Snapshots")

    /// The app drawn as the terminal would show it at `size`.
    /// With `recordingCuts`, the grid's ``Grid/silentCuts`` lists every text cut without a sign.
    static func draw(_ app: inout PlaygroundApp, _ size: Size, colors: ColorCapability = .full256,
                     glyphs: GlyphSet = .braille, background: TerminalBackground = .dark,
                     recordingCuts: Bool = false) -> Grid {
        _ = app.update(.resize(size))
        var grid = Grid(width: size.width, height: size.height, theme: Theme(capability: colors, background: background),
                        glyphs: glyphs)
        if recordingCuts { grid.silentCuts = [] }
        app.view(into: &grid)
        return grid
    }

    static func check(_ grid: Grid, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let actual = GridSnapshot.text(of: grid, styles: true)
        if let problem = GridSnapshot.compare(actual, named: name, in: directory, update: GridSnapshot.updating) {
            Issue.record(Comment(rawValue: problem), sourceLocation: sourceLocation)
        }
    }
}

extension Size {
    static let small = Size(width: 80, height: 24)
    static let large = Size(width: 160, height: 48)
    static let medium = Size(width: 100, height: 30)
    static let wide = Size(width: 120, height: 40)
}
