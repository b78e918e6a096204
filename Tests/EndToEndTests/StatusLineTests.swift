import Foundation
import Testing

/// The lesson screen's status line at 80×24: the learning rate the last step
/// used (with its base under a schedule), and the test accuracy only once the
/// planned run is over, labelled as the final verdict.
@Suite("status line end to end", .serialized, .enabled(if: EndToEnd.shouldRun, EndToEnd.skipReason))
struct StatusLineTests {
    /// Starts the playground; lessons open paused on their first frame, so this presses Space when asked to train.
    private func start(_ arguments: String, train: Bool = true) throws -> (TmuxHarness, String) {
        let binary = try #require(EndToEnd.binary, "no binary at \(EndToEnd.binaryPath)")
        let dataHome = FileManager.default.temporaryDirectory
            .appendingPathComponent("netplayground-status-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dataHome, withIntermediateDirectories: true)
        let extra = ["XDG_DATA_HOME": dataHome]
        let tmux = try TmuxHarness(width: 80, height: 24, environment: EndToEnd.terminal(extra: extra))
        try tmux.typeLine("\(EndToEnd.quoted(binary)) \(arguments)")
        try tmux.waitFor("press Space to start", timeout: 90)
        if train { try tmux.sendKeys("Space") }
        return (tmux, dataHome)
    }

    /// The status line: the row above the key hints.
    private func statusLine(_ screen: String) -> String {
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
        guard let hints = rows.lastIndex(where: { $0.contains("Space pause") }), hints > 0 else { return "" }
        return String(rows[hints - 1])
    }

    @Test func lessonNineShowsTheTestAccuracyOnlyAtThePlannedEndAsTheFinalVerdict() throws {
        let (tmux, dataHome) = try start("--lesson 9")
        defer { tmux.kill(); try? FileManager.default.removeItem(atPath: dataHome) }
        // Running in the second or third epoch: the first epoch's test accuracy exists, and is not shown.
        let running = try tmux.waitUntil(timeout: 60, "lesson 9 to train past its first epoch") {
            let line = self.statusLine($0)
            return line.contains("running") && (line.contains(" ep 2 ") || line.contains(" ep 3 ")) && line.contains("val")
        }
        #expect(!statusLine(running).contains("test"), "a live test figure: \(statusLine(running))")
        let end = try tmux.waitFor("(final verdict)", timeout: 90)
        let line = statusLine(end)
        #expect(line.contains("planned 3 epochs reached"), "\(line)")
        #expect(line.range(of: #"test 9\d\.\d% \(final verdict\)"#, options: .regularExpression) != nil, "\(line)")
        #expect(line.contains("Space continues"), "\(line)")
        // The calibration panel is on screen at 80×24, with the group the text speaks of.
        #expect(end.contains("calibration") && end.contains("said ≥99%"))
        try tmux.sendKeys("Space")
        let again = try tmux.waitUntil(timeout: 10, "training to go on") { self.statusLine($0).contains("running") }
        #expect(!statusLine(again).contains("final verdict"), "the verdict is for the planned run only")
        try tmux.sendKeys("q")
    }

    @Test func lessonEightShowsTheStepsLearningRateWithItsBase() throws {
        let (tmux, dataHome) = try start("--lesson 8", train: false)
        defer { tmux.kill(); try? FileManager.default.removeItem(atPath: dataHome) }
        try tmux.sendKeys("s")
        let first = try tmux.waitUntil(timeout: 30, "one batch") { self.statusLine($0).contains(" 1/860") }
        #expect(statusLine(first).contains("lr 0.003 of 0.003"), "\(statusLine(first))")
        // The learning rate knob is the first, focused: ] is a coarse turn up.
        try tmux.sendKeys("]")
        try tmux.sendKeys("s")
        let second = try tmux.waitUntil(timeout: 30, "a second batch") { self.statusLine($0).contains(" 2/860") }
        let line = statusLine(second)
        #expect(line.range(of: #"lr 0\.0[1-9]\d* of 0\.0[1-9]\d*"#, options: .regularExpression) != nil, "\(line)")
        #expect(!line.contains("lr 0.003"), "\(line)")
        try tmux.sendKeys("q")
    }
}
