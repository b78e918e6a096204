import Foundation
import Testing

/// The playground (`netplayground` with no arguments) driven through tmux as
/// a learner would: open lessons, train, turn knobs, pause, step, reset,
/// export, resize, quit. Progress and exports go to a temporary XDG_DATA_HOME.
@Suite("playground end to end", .serialized, .enabled(if: EndToEnd.shouldRun, EndToEnd.skipReason))
struct AppTests {
    /// A fresh data directory for one test.
    private func temporaryDataHome() throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("netplayground-app-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Starts the playground in a fresh shell and waits for the course list.
    private func startApp(width: Int = 80, height: Int = 24, dataHome: String, noColor: Bool = false,
                          arguments: String = "") throws -> TmuxHarness {
        let binary = try #require(EndToEnd.binary, "no binary at \(EndToEnd.binaryPath)")
        let tmux = try TmuxHarness(width: width, height: height,
                                   environment: EndToEnd.terminal(noColor: noColor, extra: ["XDG_DATA_HOME": dataHome]))
        try tmux.typeLine("\(EndToEnd.quoted(binary)) \(arguments); echo \"exit=$?\"")
        return tmux
    }

    /// After quitting: exit status 0, main screen and cursor back, cooked mode with echo.
    private func expectRestored(_ tmux: TmuxHarness) throws {
        try tmux.waitFor("exit=0")
        #expect(try tmux.paneValue("alternate_on") == "0", "still on the alternate screen")
        #expect(try tmux.paneValue("cursor_flag") == "1", "cursor still hidden")
        try tmux.typeLine("stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo -e -icanon -e -echo | sort | tr '\\n' ' ' | sed 's/^/mo''des: /'; echo")
        let screen = try tmux.waitFor("modes: ")
        // The first three words of the marked row; the rest may hold older screen content.
        let modes = screen.split(separator: "\n").first { $0.hasPrefix("modes: ") }
            .map { $0.split(separator: " ").prefix(3).joined(separator: " ") }
        #expect(modes == "modes: echo icanon", "the terminal is not back in cooked mode with echo")
    }

    /// The epoch and batch of the status line: "ep 3 12/13" (narrow) or "epoch 3 batch 12/13" (wide).
    private func progress(_ screen: String) -> (epoch: Int, batch: Int)? {
        // Other rows hold "/s" too (the speed knob) and "epoch" (a chart's axis): the first that parses.
        for line in screen.split(separator: "\n") where line.contains("/s") && line.contains("ep") {
            if let found = progress(line: line) { return found }
        }
        return nil
    }

    private func progress(line: Substring) -> (epoch: Int, batch: Int)? {
        let words = line.split(separator: " ").map(String.init)
        guard let at = words.firstIndex(where: { $0 == "ep" || $0 == "epoch" }), at + 1 < words.count,
              let epoch = Int(words[at + 1]) else { return nil }
        let counterIndex = at + 2 < words.count && words[at + 2] == "batch" ? at + 3 : at + 2
        guard counterIndex < words.count else { return nil }
        let counter = words[counterIndex].split(separator: "/")
        guard counter.count == 2, let batch = Int(counter[0]) else { return nil }
        return (epoch, batch)
    }

    /// The screen's words separated by single spaces, so text wrapped over rows reads as one line.
    private func flattened(_ screen: String) -> String {
        screen.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    /// The learning rate shown in the knob panel's selected row (`◀ 0.2 ▶`).
    private func focusedKnobValue(_ screen: String) -> String? {
        // The row also starts with the selection marker ▶, so look for the ▶ after ◀.
        guard let line = screen.split(separator: "\n").first(where: { $0.contains("◀") }),
              let open = line.firstIndex(of: "◀") else { return nil }
        let rest = line[line.index(after: open)...]
        guard let close = rest.firstIndex(of: "▶") else { return nil }
        return rest[..<close].trimmingCharacters(in: .whitespaces)
    }

    @Test func twoDimensionalLessonTrainsWithLiveKnobsPauseStepResetExportAndResize() throws {
        let dataHome = try temporaryDataHome()
        defer { try? FileManager.default.removeItem(atPath: dataHome) }
        let tmux = try startApp(dataHome: dataHome)
        defer { tmux.kill() }
        try tmux.waitFor("Backpropagation and the learning rate")

        // Lesson 3 is the third row.
        try tmux.sendKeys("Down", "Down", "Enter")
        try tmux.waitFor("Lesson 3 · Backpropagation")
        // Lessons open paused on their first frame; Space starts training.
        try tmux.waitFor("press Space to start")
        try tmux.sendKeys("Space")
        try tmux.waitUntil(timeout: 20, "training to reach epoch 2") { (progress($0)?.epoch ?? 0) >= 2 }
        var screen = try tmux.waitFor("● running")
        #expect(focusedKnobValue(screen) == "0.1")
        #expect(screen.contains("lr 0.1"))

        // The learning rate is the focused knob: + moves it up the 1-2-5 ladder, live.
        try tmux.sendKeys("+")
        screen = try tmux.waitUntil(timeout: 10, "the new learning rate in the panel and in effect") {
            focusedKnobValue($0) == "0.2" && $0.contains("lr 0.2")
        }
        #expect(screen.contains("● running"), "changing a knob must not stop or reset training")

        // Pause, then one batch at a time.
        try tmux.sendKeys("Space")
        screen = try tmux.waitFor("paused")
        Thread.sleep(forTimeInterval: 0.5)
        let paused = try #require(progress(try tmux.capture()))
        Thread.sleep(forTimeInterval: 0.5)
        #expect(progress(try tmux.capture())?.batch == paused.batch, "training went on while paused")
        try tmux.sendKeys("s")
        let stepped = try tmux.waitUntil(timeout: 10, "one more batch") { screen in
            guard let now = progress(screen) else { return false }
            return now.batch == paused.batch + 1 || (now.epoch == paused.epoch + 1 && now.batch == 1)
        }
        #expect(stepped.contains("paused"))

        // A learning rate of 10 diverges; the screen says so and r recovers.
        try tmux.sendKeys("]", "]")
        try tmux.waitUntil(timeout: 10, "learning rate 10") { focusedKnobValue($0) == "10" }
        try tmux.sendKeys("Space")
        screen = try tmux.waitFor("Training diverged", timeout: 20)
        #expect(flattened(screen).contains("Training is paused"), "the diverged message does not say what happened")
        try tmux.sendKeys("[", "[", "r")
        try tmux.waitFor("seed 2")
        try tmux.sendKeys("Space")
        try tmux.waitUntil(timeout: 10, "training again after the reset") {
            $0.contains("● running") && !$0.contains("Training diverged") && focusedKnobValue($0) == "0.1"
                && $0.contains("lr 0.1 ")
        }

        // Resize while training: richer layout at 160×48, a clear message when too small.
        try tmux.resize(width: 160, height: 48)
        screen = try tmux.waitUntil(timeout: 10, "the 160×48 layout") { $0.contains("network") && $0.contains("parameters") }
        #expect(screen.contains("test") || screen.contains("ui "), "the wide status line shows more")
        try tmux.resize(width: 60, height: 20)
        try tmux.waitFor("at least 80×24")
        try tmux.resize(width: 80, height: 24)
        try tmux.waitFor("Lesson 3 · Backpropagation")

        // Export: the model file, its ONNX twin and the curve, in the directory shown.
        try tmux.sendKeys("e")
        screen = try tmux.waitFor("exported to", timeout: 20)
        let exports = dataHome + "/netplayground/exports"
        let directories = try FileManager.default.contentsOfDirectory(atPath: exports)
        #expect(directories.count == 1)
        if let directory = directories.first {
            for file in ["model.safetensors", "model.onnx", "learning-curve.csv"] {
                #expect(FileManager.default.fileExists(atPath: "\(exports)/\(directory)/\(file)"), "\(file) missing")
            }
        }

        // Back to the course: the divergence at 10 ticked lesson 3's third experiment, and only that.
        try tmux.sendKeys("Escape")
        screen = try tmux.waitFor("Lesson 3: 1 of 4 experiments tried")
        #expect(screen.contains("0 of 10 finished"))
        #expect(screen.split(separator: "\n").contains { $0.contains("Backpropagation") && $0.contains("1 of 4 tried") })
        let progressData = try Data(contentsOf: URL(fileURLWithPath: dataHome + "/netplayground/progress.json"))
        let saved = try JSONSerialization.jsonObject(with: progressData) as? [String: Any]
        #expect(saved?["version"] as? Int == 3)
        #expect(saved?["tried"] as? [String: [Int]] == ["learning-rate": [2]], "progress.json: \(String(decoding: progressData, as: UTF8.self))")
        #expect(saved?["finished"] as? [String] == [], "lesson 3 is not finished: one of four tried")
        try tmux.sendKeys("q")
        try expectRestored(tmux)
    }

    @Test func convnetKernelsChangeWhileTraining() throws {
        let dataHome = try temporaryDataHome()
        defer { try? FileManager.default.removeItem(atPath: dataHome) }
        let tmux = try startApp(width: 120, height: 36, dataHome: dataHome, arguments: "--lesson 8")
        defer { tmux.kill() }
        try tmux.waitFor("Lesson 8 · A convnet on MNIST")
        try tmux.waitFor("press Space to start", timeout: 60)
        try tmux.sendKeys("Space")
        try tmux.waitUntil(timeout: 60, "the convnet to train a few batches") { (progress($0)?.batch ?? 0) >= 3 }

        /// The rows of the kernel panel, colors included.
        func kernelPanel() throws -> String {
            let lines = try tmux.captureWithEscapes().split(separator: "\n", omittingEmptySubsequences: false)
            guard let top = lines.firstIndex(where: { $0.contains("conv kernels") }) else { return "" }
            return lines[(top + 1)..<min(lines.count, top + 10)].joined(separator: "\n")
        }
        let first = try kernelPanel()
        let start = try #require(progress(try tmux.capture()))
        #expect(!first.isEmpty)
        // Forty batches later (or in the next epoch) the kernels have moved.
        try tmux.waitUntil(timeout: 30, "forty more batches") { screen in
            guard let now = progress(screen) else { return false }
            return now.epoch > start.epoch || now.batch >= start.batch + 40
        }
        let second = try kernelPanel()
        #expect(first != second, "the kernels did not change while training")
        let screen = try tmux.capture()
        #expect(screen.contains("img/s"))
        try tmux.sendKeys("q")
        try expectRestored(tmux)
    }

    @Test func withoutColorAndWithADamagedProgressFile() throws {
        let dataHome = try temporaryDataHome()
        defer { try? FileManager.default.removeItem(atPath: dataHome) }
        try FileManager.default.createDirectory(atPath: dataHome + "/netplayground", withIntermediateDirectories: true)
        try "{ not json".write(toFile: dataHome + "/netplayground/progress.json", atomically: true, encoding: .utf8)
        let tmux = try startApp(dataHome: dataHome, noColor: true)
        defer { tmux.kill() }
        // The notice names the file and may wrap onto a second row; read it whole.
        var screen = try tmux.waitUntil(timeout: 10, "the damaged-file notice, whole") {
            flattened($0).contains("progress.json is damaged and was ignored; it will be rewritten as you tick experiments")
        }
        #expect(screen.contains("0 of 10 finished"))
        let escaped = try tmux.captureWithEscapes()
        #expect(EndToEnd.colorParameters(in: escaped).isEmpty, "NO_COLOR but colors were sent")

        // Lesson 7 trains nothing: turn the kernel and stride knobs and read the arithmetic.
        for _ in 0..<6 { try tmux.sendKeys("Down") }
        try tmux.sendKeys("Enter")
        try tmux.waitFor("Lesson 7 · Convolution")
        screen = try tmux.waitFor("so 26×26", timeout: 20)
        try tmux.sendKeys("Down", "+")
        screen = try tmux.waitFor("so 13×13")
        try tmux.sendKeys("Down", "+")
        screen = try tmux.waitFor("so 14×14")
        try tmux.sendKeys("?")
        // Wait for a line of the overlay's body, not its title: a capture can
        // land between the title and the rest being drawn (it did once in CI).
        screen = try tmux.waitFor("reset the weights")
        #expect(screen.contains("Keys"))
        try tmux.sendKeys("Escape", "q")
        try expectRestored(tmux)
    }
}
