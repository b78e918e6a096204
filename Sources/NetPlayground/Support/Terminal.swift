import Glibc

/// One of the process's standard output streams, written with `write(2)`.
///
/// Progress goes to standard error and results to standard output, so
/// `train --json > result.json` captures exactly one JSON object while the
/// progress bar stays on the terminal.
struct OutputStream: Sendable {
    /// The file descriptor written to.
    let descriptor: Int32

    static let standardOutput = OutputStream(descriptor: STDOUT_FILENO)
    static let standardError = OutputStream(descriptor: STDERR_FILENO)

    /// Whether the stream is a terminal (and so may be redrawn in place).
    var isTerminal: Bool { isatty(descriptor) == 1 }

    /// The terminal's width in columns, or nil when it is not a terminal.
    var columns: Int? {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// Writes `text` as UTF-8, retrying short writes and interruptions.
    func write(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return  // A closed pipe: nothing more can be said.
                }
            }
        }
    }

    /// Writes `text` and a line break.
    func line(_ text: String = "") { write(text + "\n") }
}
