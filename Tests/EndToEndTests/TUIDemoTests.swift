import Foundation
import Testing

/// `netplayground tui-demo` driven through tmux: what a user sees after keys,
/// colors on and off, resizes, and a terminal left in normal mode afterwards.
@Suite("tui-demo end to end", .serialized, .enabled(if: EndToEnd.shouldRun, EndToEnd.skipReason))
struct TUIDemoTests {
    static let title = "NetPlayground · TUI demo"

    /// Starts the demo in a fresh shell and waits for its first frame.
    private func startDemo(
        width: Int, height: Int, noColor: Bool = false, arguments: String = "", extra: [String: String] = [:]
    ) throws -> TmuxHarness {
        let binary = try #require(EndToEnd.binary, "no binary at \(EndToEnd.binaryPath)")
        let tmux = try TmuxHarness(width: width, height: height, environment: EndToEnd.terminal(noColor: noColor, extra: extra))
        try tmux.typeLine("\(EndToEnd.quoted(binary)) tui-demo \(arguments); echo \"exit=$?\"")
        try tmux.waitFor(TUIDemoTests.title)
        return tmux
    }

    /// After the demo has ended: the shell reports `exitCode`, the main screen and
    /// the cursor are back, and the terminal is in cooked mode with echo.
    private func expectRestored(_ tmux: TmuxHarness, exitCode: String = "exit=0") throws {
        try tmux.waitFor(exitCode)
        #expect(try tmux.paneValue("alternate_on") == "0", "still on the alternate screen")
        #expect(try tmux.paneValue("cursor_flag") == "1", "cursor still hidden")
        // The quotes split the marker so the typed command itself never matches it.
        try tmux.typeLine("stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo -e -icanon -e -echo | sort | tr '\\n' ' ' | sed 's/^/mo''des: /'; echo")
        let screen = try tmux.waitFor("modes: ")
        // The first two words after the marker; the rest of the row may hold older screen content.
        let modes = screen.split(separator: "\n").first { $0.hasPrefix("modes: ") }.map { $0.split(separator: " ").prefix(3).joined(separator: " ") }
        #expect(modes == "modes: echo icanon", "the terminal is not back in cooked mode with echo")
    }

    /// The screen once two captures a moment apart show the same layout: a capture
    /// can catch tmux half-way through a large frame (e.g. the full repaint after a resize).
    private func settledLayout(_ tmux: TmuxHarness) throws -> String {
        var previous = try tmux.capture()
        for _ in 0..<20 {
            Thread.sleep(forTimeInterval: 0.2)
            let current = try tmux.capture()
            if skeleton(current) == skeleton(previous) { return current }
            previous = current
        }
        return previous
    }

    /// Only the panel corners of a screen: the layout, without the animated content
    /// (chart axes move with their tick labels, so lines are left out).
    private func skeleton(_ screen: String) -> [String] {
        let boxes = Set("┌┐└┘┏┓┗┛")
        return screen.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line.map { boxes.contains($0) ? $0 : " " })
        }
    }

    @Test func compactScreenRespondsToKeys() throws {
        let tmux = try startDemo(width: 80, height: 24)
        defer { tmux.kill() }
        let screen = try tmux.waitFor("Kernels")
        for title in ["Loss", "Decision boundary", "Knobs", "Classes", "About", "q quit", "? help"] {
            #expect(screen.contains(title), "missing \(title)")
        }
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count >= 24)
        #expect(lines[23].hasPrefix("q quit"))

        // Color: the 256-color palette is in use.
        #expect(try tmux.captureWithEscapes().contains("38;5;"))

        // Help lists the same keys the demo dispatches; Esc closes it.
        try tmux.sendKeys("?")
        try tmux.waitFor("previous panel")
        try tmux.sendKeys("Escape")
        try tmux.waitUntil(timeout: 5, "help to close") { !$0.contains("previous panel") }

        // + turns the learning-rate knob up from 0.1.
        try tmux.sendKeys("+")
        try tmux.waitUntil(timeout: 5, "the knob to change") { screen in
            screen.split(separator: "\n").contains { $0.contains("learning rate") && !$0.contains("0.1 ") && !$0.hasSuffix("0.1") }
        }

        // Tab moves the heavy focus border from Loss to Decision boundary.
        #expect(try tmux.capture().contains("┏ Loss"))
        try tmux.sendKeys("Tab")
        try tmux.waitFor("┏ Decision boundary")

        // Space pauses: the step counter stops.
        try tmux.sendKeys("Space")
        let paused = try tmux.waitFor("paused")
        Thread.sleep(forTimeInterval: 0.5)
        let stepLine = { (text: String) in text.split(separator: "\n").first.map(String.init) ?? "" }
        #expect(stepLine(try tmux.capture()) == stepLine(paused))

        try tmux.sendKeys("q")
        try expectRestored(tmux)
    }

    @Test func noColorSendsNoColors() throws {
        let tmux = try startDemo(width: 80, height: 24, noColor: true)
        defer { tmux.kill() }
        try tmux.waitFor("no color")
        let escaped = try tmux.captureWithEscapes()
        #expect(EndToEnd.colorParameters(in: escaped).isEmpty, "color escapes with NO_COLOR=1: \(EndToEnd.colorParameters(in: escaped))")
        // Without color the heatmap falls back to the ASCII ramp and points become letters.
        let screen = try tmux.capture()
        #expect(screen.contains("@") || screen.contains("%"))
        try tmux.sendKeys("C-c")
        try expectRestored(tmux)
    }

    @Test func wideScreenShowsMore() throws {
        let tmux = try startDemo(width: 160, height: 48)
        defer { tmux.kill() }
        let screen = try tmux.waitFor("Weights 28×28")
        #expect(screen.contains("validation"))
        try tmux.sendKeys("q")
        try expectRestored(tmux)
    }

    @Test func resizeRedrawsTheLayoutOfAFreshStart() throws {
        let tmux = try startDemo(width: 80, height: 24)
        defer { tmux.kill() }
        try tmux.resize(width: 160, height: 48)
        try tmux.waitFor("Weights 28×28")
        let grown = try settledLayout(tmux)
        try tmux.resize(width: 100, height: 30)
        try tmux.waitUntil(timeout: 10, "the 100×30 layout") { !$0.contains("Weights") && $0.contains("Kernels") }
        let shrunk = try settledLayout(tmux)

        // A fresh start at each size must have exactly the same borders.
        for (screen, size) in [(grown, (160, 48)), (shrunk, (100, 30))] {
            let fresh = try startDemo(width: size.0, height: size.1)
            defer { fresh.kill() }
            try fresh.waitFor("Kernels")
            let reference = try settledLayout(fresh)
            #expect(skeleton(screen) == skeleton(reference), "garbage after resizing to \(size.0)×\(size.1)")
        }
        try tmux.sendKeys("q")
        try expectRestored(tmux)
    }

    @Test func tooSmallWindowAsksForMore() throws {
        let tmux = try startDemo(width: 80, height: 24)
        defer { tmux.kill() }
        try tmux.resize(width: 40, height: 10)
        try tmux.waitFor("Make it at least")
        try tmux.resize(width: 80, height: 24)
        try tmux.waitFor("Kernels")
        try tmux.sendKeys("q")
        try expectRestored(tmux)
    }

    @Test("signals restore the terminal", arguments: ["TERM", "SEGV", "ABRT"])
    func signalsRestoreTheTerminal(signal: String) throws {
        // Swift's crash backtracer (on by default) would print a long report after the
        // restore and take many seconds; the restore itself is what is tested here.
        let tmux = try startDemo(width: 80, height: 24, extra: ["SWIFT_BACKTRACE": "enable=no"])
        defer { tmux.kill() }
        let children = try tmux.childProcessIDs()
        let pid = try #require(children.first, "no demo process under the shell")
        let result = try Subprocess.run("/bin/kill", ["-\(signal)", String(pid)])
        #expect(result.status == 0, "kill -\(signal) \(pid): \(result.output)")
        // The shell reports death by signal as 128 + its number; any non-zero status will do.
        let screen = try tmux.waitUntil(timeout: 40, "the shell to report the exit") { $0.contains("exit=1") }
        #expect(!screen.contains("exit=0"))
        try expectRestored(tmux, exitCode: "exit=1")
    }
}
