import Foundation
import TUI

extension VisualPanel {
    /// One scale for all of a panel's pictures: the largest finite magnitude (1 if none).
    static func sharedLimit(_ pictures: [[Float]]) -> Double {
        let largest = pictures.lazy.flatMap { $0 }.filter(\.isFinite).map { abs(Double($0)) }.max() ?? 0
        return largest > 0 ? largest : 1
    }

    /// The picture ↑↓ picked, within `count`.
    func pickedIndex(count: Int) -> Int {
        guard count > 0 else { return 0 }
        return ((screen.pickedPicture % count) + count) % count
    }

    /// What `v` would switch to, or "" where there is nothing to switch (no color or no Unicode).
    static func formHint(blocks: Bool, theme: Theme, glyphs: GlyphSet) -> String {
        guard theme.hasColor && glyphs.isUnicode else { return "" }
        return blocks ? "v: ASCII" : "v: blocks"
    }
}
