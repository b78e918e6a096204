import TUI

extension String {
    /// The string padded with spaces to at least `width` columns (display width).
    func padding(to width: Int) -> String {
        let used = displayWidth(of: self)
        return used >= width ? self : self + String(repeating: " ", count: width - used)
    }
}
