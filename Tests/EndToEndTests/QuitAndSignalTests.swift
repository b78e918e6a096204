import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// Quitting and signals, driven through tmux: the process leaves within a
/// second whatever training is doing, dies by the signal that ended it, and
/// always hands the terminal back in cooked mode on the main screen.
@Suite("quit and signals end to end", .serialized, .enabled(if: EndToEnd.shouldRun, EndToEnd.skipReason))
struct QuitAndSignalTests {
    private func shell(width: Int = 100, height: Int = 30) throws -> (TmuxHarness, String) {
        let binary = try #require(EndToEnd.binary, "no binary at \(EndToEnd.binaryPath)")
        let dataHome = FileManager.default.temporaryDirectory
            .appendingPathComponent("netplayground-quit-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dataHome, withIntermediateDirectories: true)
        let tmux = try TmuxHarness(width: width, height: height,
                                   environment: EndToEnd.terminal(extra: ["XDG_DATA_HOME": dataHome]))
        return (tmux, EndToEnd.quoted(binary))
    }

    /// Starts `command` and waits until the lesson trains; returns the program's pid.
    private func startTraining(_ tmux: TmuxHarness, _ command: String) throws -> Int32 {
        try tmux.typeLine("clear; \(command)")
        // Lessons open paused on their first frame; Space starts training.
        try tmux.waitFor("press Space to start", timeout: 30)
        try tmux.sendKeys("Space")
        try tmux.waitUntil(timeout: 30, "training to run") { $0.contains("● running") && $0.contains("/s") }
        return try #require(try tmux.childProcessIDs().first, "no program running in the shell")
    }

    /// Seconds from `start` until `pid` has exited (gone or a zombie), or nil after `limit`.
    private func secondsUntilExit(_ pid: Int32, since start: Date = Date(), limit: Double) -> Double? {
        while Date().timeIntervalSince(start) < limit {
            let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
            if status.isEmpty || status.contains("State:\tZ") { return Date().timeIntervalSince(start) }
            usleep(2_000)
        }
        return nil
    }

    /// The exit status the shell saw for the last command (printed under a fresh marker).
    private func lastStatus(_ tmux: TmuxHarness, marker: String) throws -> Int? {
        try tmux.typeLine("echo \"\(marker)=$?\"")
        // The typed command shows the marker too, followed by `$?`; the answer has digits.
        func status(_ screen: String) -> Int? {
            guard let range = screen.range(of: "\(marker)=", options: .backwards) else { return nil }
            return Int(screen[range.upperBound...].prefix { $0.isNumber })
        }
        return status(try tmux.waitUntil(timeout: 10, "\(marker)=…") { status($0) != nil })
    }

    /// Main screen, visible cursor, no mouse reporting, cooked mode with echo.
    private func expectTerminalRestored(_ tmux: TmuxHarness, _ what: String) throws {
        #expect(try tmux.paneValue("alternate_on") == "0", "\(what): still on the alternate screen")
        #expect(try tmux.paneValue("cursor_flag") == "1", "\(what): cursor still hidden")
        #expect(try tmux.paneValue("mouse_any_flag") == "0" && tmux.paneValue("mouse_button_flag") == "0"
                && tmux.paneValue("mouse_standard_flag") == "0", "\(what): mouse reporting still on")
        // The quotes split the marker so the typed command itself never matches it.
        try tmux.typeLine("stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo -e -icanon -e -echo | sort | tr '\\n' ' ' | sed 's/^/mo''des: /'; echo")
        let screen = try tmux.waitFor("modes: ")
        let modes = screen.split(separator: "\n").last { $0.hasPrefix("modes: ") }
            .map { $0.split(separator: " ").prefix(3).joined(separator: " ") }
        #expect(modes == "modes: echo icanon", "\(what): the terminal is not back in cooked mode with echo")
    }

    /// Twenty quits at random moments of MNIST training at full speed (lessons 6
    /// and 8, including their epoch-end evaluations): by q, Esc then q, Ctrl-C
    /// and SIGTERM. Each process is gone within a second, with the right status.
    @Test func quittingWhileTrainingNeverHangs() throws {
        let (tmux, binary) = try shell()
        var slowest = 0.0
        var generator = SystemRandomNumberGenerator()
        for run in 0..<20 {
            let lesson = run % 2 == 0 ? 6 : 8
            let how = ["q", "Escape q", "C-c", "SIGTERM"][(run / 2) % 4]
            let pid = try startTraining(tmux, "\(binary) --lesson \(lesson)")
            Thread.sleep(forTimeInterval: Double.random(in: 0...1.5, using: &generator))
            var started = Date()
            switch how {
            case "Escape q":
                try tmux.sendKeys("Escape")
                try tmux.waitUntil(timeout: 5, "the course list") { !$0.contains("Knobs") }
                started = Date()
                try tmux.sendKeys("q")
            case "SIGTERM": _ = Glibc.kill(pid, SIGTERM)
            default: try tmux.sendKeys(how)
            }
            let waited = secondsUntilExit(pid, since: started, limit: 5)
            guard let seconds = waited, seconds < 1 else {
                Issue.record("run \(run): lesson \(lesson), quit by \(how): still running after \(waited ?? 5) s")
                _ = Glibc.kill(pid, SIGKILL)
                return
            }
            slowest = max(slowest, seconds)
            let expected = how == "SIGTERM" ? 128 + Int(SIGTERM) : 0
            #expect(try lastStatus(tmux, marker: "run\(run)") == expected, "run \(run): quit by \(how)")
        }
        #expect(try tmux.paneValue("alternate_on") == "0")
        print("slowest of 20 quits while training: \(Int(slowest * 1000)) ms")
    }

    /// Every catchable signal that ends the process restores the terminal and
    /// ends it by that signal: the shell's `$?` is 128 + signo.
    @Test(arguments: [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGXCPU, SIGVTALRM, SIGPROF, SIGPIPE])
    func aSignalRestoresTheTerminalAndEndsTheProcessByIt(signal: Int32) throws {
        let (tmux, binary) = try shell()
        let pid = try startTraining(tmux, "\(binary) --lesson 3")
        _ = Glibc.kill(pid, signal)
        #expect(secondsUntilExit(pid, limit: 5) != nil, "signal \(signal): the process did not end")
        #expect(try lastStatus(tmux, marker: "sig\(signal)") == 128 + Int(signal))
        try expectTerminalRestored(tmux, "signal \(signal)")
    }

    /// With mouse reporting on (the demo's --mouse), a signal turns it off too.
    @Test func aSignalTurnsMouseReportingOff() throws {
        let (tmux, binary) = try shell()
        try tmux.typeLine("\(binary) tui-demo --mouse")
        try tmux.waitFor(TUIDemoTests.title)
        #expect(try tmux.paneValue("mouse_any_flag") != "0" || tmux.paneValue("mouse_button_flag") != "0"
                || tmux.paneValue("mouse_standard_flag") != "0", "the demo did not turn mouse reporting on")
        let pid = try #require(try tmux.childProcessIDs().first)
        _ = Glibc.kill(pid, SIGUSR1)
        #expect(secondsUntilExit(pid, limit: 5) != nil)
        #expect(try lastStatus(tmux, marker: "usr1") == 128 + Int(SIGUSR1))
        try expectTerminalRestored(tmux, "SIGUSR1 with the mouse on")
    }

    /// Ctrl-Z (and SIGTSTP from outside) gives the shell a cooked terminal;
    /// `fg` brings the whole screen back, with training paused.
    @Test(arguments: ["C-z", "SIGTSTP"])
    func suspendingRestoresTheTerminalAndResumingRedrawsPaused(how: String) throws {
        let (tmux, binary) = try shell()
        let pid = try startTraining(tmux, "\(binary) --lesson 3")
        if how == "SIGTSTP" { _ = Glibc.kill(pid, SIGTSTP) } else { try tmux.sendKeys(how) }
        try tmux.waitFor("Stopped")
        try expectTerminalRestored(tmux, "after \(how)")
        try tmux.typeLine("clear; fg")
        let screen = try tmux.waitUntil(timeout: 10, "the lesson screen, paused") {
            $0.contains("Lesson 3") && $0.contains("paused") && $0.contains("Knobs")
        }
        #expect(!screen.contains("● running"))
        #expect(try tmux.paneValue("alternate_on") == "1")
        try tmux.sendKeys("q")
        #expect(secondsUntilExit(pid, limit: 5) != nil)
        #expect(try lastStatus(tmux, marker: "fg") == 0)
    }

    /// A parent can start us with SIGTSTP blocked (a test runner's worker
    /// thread does, which made the test above flaky): the playground unblocks
    /// the signals it handles, so the signal is not left pending for ever.
    @Test func aSuspendSignalBlockedByTheParentStillSuspends() throws {
        let (tmux, binary) = try shell()
        let blockThenRun = "import os, signal, sys; signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGTSTP]); "
            + "os.execv(sys.argv[1], sys.argv[1:])"
        let pid = try startTraining(tmux, "python3 -c '\(blockThenRun)' \(binary) --lesson 3")
        _ = Glibc.kill(pid, SIGTSTP)
        try tmux.waitFor("Stopped")
        try expectTerminalRestored(tmux, "after a SIGTSTP the parent had blocked")
        try tmux.typeLine("clear; fg")
        try tmux.waitUntil(timeout: 10, "the lesson screen, paused") { $0.contains("Lesson 3") && $0.contains("paused") }
        try tmux.sendKeys("q")
        #expect(secondsUntilExit(pid, limit: 5) != nil)
    }
}
