import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// Runs programs inside a detached tmux session, for end-to-end tests of the
/// terminal UI: start a shell at W×H with a chosen environment, type into it,
/// read the screen (plain or with color escapes), wait for text, resize, kill.
///
/// Each harness uses its own tmux server socket, so tests never touch the
/// user's tmux sessions or each other's.
final class TmuxHarness {
    /// Why a session could not be started or used.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let width: Int
    let height: Int
    private let socket: String
    private let session = "e2e"
    private var alive = true

    /// The prompt the session's shell prints; after a program exits it shows again.
    static let prompt = "e2e$ "

    /// Whether tmux is installed.
    static var isAvailable: Bool { TmuxHarness.locate("tmux") != nil }

    /// Starts a POSIX shell in a new tmux session of `width`×`height` cells.
    ///
    /// - Parameter environment: variables for the shell (e.g. TERM, LANG, NO_COLOR);
    ///   NO_COLOR is removed unless given here, so the caller decides.
    init(width: Int, height: Int, environment: [String: String]) throws {
        self.width = width
        self.height = height
        socket = "netplayground-e2e-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        var arguments = ["new-session", "-d", "-s", session, "-x", String(width), "-y", String(height)]
        var variables = environment
        variables["PS1"] = TmuxHarness.prompt
        // The variables go on the shell's command line through env(1): tmux's own
        // `-e` does not reach the first process reliably. `-u NO_COLOR` keeps the
        // caller's NO_COLOR from leaking in when the test did not ask for it.
        var command = ["env"]
        if environment["NO_COLOR"] == nil { command += ["-u", "NO_COLOR"] }
        command += variables.sorted(by: { $0.key < $1.key }).map { EndToEnd.quoted("\($0.key)=\($0.value)") }
        command += ["sh"]
        arguments.append(command.joined(separator: " "))
        // The server may be running even when a later step throws, and a throwing
        // initializer never reaches `deinit`: end it here or it outlives the test.
        do {
            try run(arguments)
            // Keep the pane size fixed to what the test asked for, whatever clients exist.
            _ = try? run(["set-option", "-t", session, "window-size", "manual"])
            _ = try waitFor(TmuxHarness.prompt.trimmingCharacters(in: .whitespaces), timeout: 10)
        } catch {
            kill()
            throw error
        }
    }

    deinit { kill() }

    /// Types a line into the shell and presses Enter.
    func typeLine(_ line: String) throws {
        try run(["send-keys", "-t", session, "-l", line])
        try run(["send-keys", "-t", session, "Enter"])
    }

    /// Sends keys by tmux name: "q", "Tab", "BTab", "Space", "Escape", "C-c", "Up", "F1".
    func sendKeys(_ keys: String...) throws {
        try sendKeys(keys)
    }

    /// The keys of a list, in order, as tmux names them.
    func sendKeys(_ keys: [String]) throws {
        try run(["send-keys", "-t", session] + keys)
    }

    /// The screen as plain text, one line per row.
    func capture() throws -> String {
        try run(["capture-pane", "-t", session, "-p"])
    }

    /// The screen with SGR escapes for colors and attributes (tmux's `capture-pane -e`).
    func captureWithEscapes() throws -> String {
        try run(["capture-pane", "-t", session, "-p", "-e"])
    }

    /// A tmux format value for the pane, e.g. "alternate_on" or "cursor_flag".
    func paneValue(_ name: String) throws -> String {
        try run(["display-message", "-t", session, "-p", "#{\(name)}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Changes the window size; the program inside gets SIGWINCH.
    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", session, "-x", String(width), "-y", String(height)])
    }

    /// Polls the screen until `predicate` holds; returns that screen, or throws
    /// with the last screen after `timeout` seconds.
    @discardableResult
    func waitUntil(timeout: Double, _ what: String, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while true {
            screen = try capture()
            if predicate(screen) { return screen }
            if Date() > deadline { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw Failure(description: "timed out after \(timeout)s waiting for \(what); the screen was:\n\(screen)")
    }

    /// Waits until `text` is on screen.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 10) throws -> String {
        try waitUntil(timeout: timeout, "\"\(text)\"") { $0.contains(text) }
    }

    /// The process ids of the shell's children (the program started from it).
    func childProcessIDs() throws -> [Int32] {
        let shell = try paneValue("pane_pid")
        let path = "/proc/\(shell)/task/\(shell)/children"
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: " ").compactMap { Int32($0) }
    }

    /// Ends the program under test, the session and its tmux server.
    ///
    /// The program is sent SIGKILL first: `kill-server` only hangs up the pane,
    /// and a program that survives SIGHUP (or is stuck) would outlive the test.
    func kill() {
        guard alive else { return }
        if let children = try? childProcessIDs() {
            for child in children { _ = Glibc.kill(child, SIGKILL) }
        }
        alive = false
        _ = try? run(["kill-server"])
        // tmux leaves its socket file behind; remove it when it is in the default place.
        if ProcessInfo.processInfo.environment["TMUX_TMPDIR"] == nil {
            unlink("/tmp/tmux-\(getuid())/\(socket)")
        }
    }

    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        guard let tmux = TmuxHarness.locate("tmux") else { throw Failure(description: "tmux is not installed") }
        let result = try Subprocess.run(tmux, ["-L", socket] + arguments)
        guard result.status == 0 else {
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.output)")
        }
        return result.output
    }

    /// The full path of an executable on PATH.
    static func locate(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// Finding the binary under test, and deciding whether to run at all.
enum EndToEnd {
    /// SGR parameters that set a color (30–37, 40–47, 90–97, 100–107, 38, 48) in
    /// escaped text; attributes such as bold (1) or italic (3) do not count.
    static func colorParameters(in text: String) -> [String] {
        var found: [String] = []
        for piece in text.components(separatedBy: "\u{1B}[").dropFirst() {
            guard let end = piece.firstIndex(where: { !"0123456789;".contains($0) }), piece[end] == "m" else { continue }
            for parameter in piece[..<end].split(separator: ";") {
                guard let value = Int(parameter) else { continue }
                if (30...37).contains(value) || (40...47).contains(value) || (90...97).contains(value)
                    || (100...107).contains(value) || value == 38 || value == 48 {
                    found.append(String(piece[..<end]))
                }
            }
        }
        return found
    }

    /// The package root, from this file's location (Tests/EndToEndTests/Support/).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// NETPLAYGROUND_BIN, else .build/release/netplayground in the package.
    static var binaryPath: String {
        if let path = ProcessInfo.processInfo.environment["NETPLAYGROUND_BIN"], !path.isEmpty { return path }
        return packageRoot.appendingPathComponent(".build/release/netplayground").path
    }

    /// The binary, when it exists.
    static var binary: String? {
        FileManager.default.isExecutableFile(atPath: binaryPath) ? binaryPath : nil
    }

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Run when the binary and tmux exist, and always under CI, where a missing
    /// binary or tmux must fail the run instead of silently skipping it.
    static var shouldRun: Bool { isCI || (binary != nil && TmuxHarness.isAvailable) }

    static let skipReason: Comment = "end-to-end tests need tmux and a built binary (make test, or set NETPLAYGROUND_BIN)"

    /// The environment of a modern terminal: 256 colors and UTF-8.
    static func terminal(noColor: Bool = false, extra: [String: String] = [:]) -> [String: String] {
        var environment = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"]
        if noColor { environment["NO_COLOR"] = "1" }
        return environment.merging(extra) { $1 }
    }

    /// A terminal of `width`×`height` with its own empty data directory (no
    /// progress, no runs kept from elsewhere), running `netplayground arguments`.
    static func playground(width: Int, height: Int, _ arguments: String = "", name: String) throws -> TmuxHarness {
        guard let binary else { throw TmuxHarness.Failure(description: "no binary at \(binaryPath)") }
        let dataHome = FileManager.default.temporaryDirectory
            .appendingPathComponent("netplayground-\(name)-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dataHome, withIntermediateDirectories: true)
        let tmux = try TmuxHarness(width: width, height: height, environment: terminal(extra: ["XDG_DATA_HOME": dataHome]))
        try tmux.typeLine(quoted(binary) + (arguments.isEmpty ? "" : " " + arguments))
        return tmux
    }

    /// Single-quotes a path for the shell.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// Runs a command to completion with posix_spawn and waitpid.
///
/// Foundation's `Process` waits on pipes and its own child monitoring; tmux's
/// `new-session` forks a server that inherits descriptors and outlives the
/// client, which can leave `Process` waiting forever. Output goes to a
/// temporary file instead of a pipe, and the exit is collected with waitpid.
enum Subprocess {
    static func run(_ executable: String, _ arguments: [String], timeout: Double = 10) throws -> (status: Int32, output: String) {
        let outputPath = NSTemporaryDirectory() + "tmux-e2e-\(UUID().uuidString).out"
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // `new-session` forks the tmux server from this child, so the server
        // inherits what the child has. Open descriptors would include the test
        // runner's output pipe, which then never reaches end-of-file and swift
        // test waits forever: close everything above stderr. (glibc's
        // addclosefrom_np is not visible to Swift; a close action for a
        // descriptor another thread closed meanwhile is ignored by glibc.)
        let inherited = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? [])
            .compactMap { Int32($0) }.filter { $0 > 2 }
        for descriptor in inherited { posix_spawn_file_actions_addclose(&actions, descriptor) }
        // The test runner's threads block most signals; a server inheriting that
        // mask never sees SIGCHLD and so never exits on `kill-server`. Start
        // with no signal blocked and default handlers.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard spawned == 0 else {
            throw TmuxHarness.Failure(description: "could not start \(executable): error \(spawned)")
        }
        // A tmux client never needs long; one that hangs must not hang the test run.
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            if reaped == -1 && errno != EINTR {
                throw TmuxHarness.Failure(description: "lost track of \(executable) (errno \(errno))")
            }
            if Date() > deadline {
                _ = Glibc.kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                throw TmuxHarness.Failure(description: "\(executable) \(arguments.joined(separator: " ")) took over \(timeout)s")
            }
            usleep(5_000)
        }
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        // WEXITSTATUS: the exit code sits in bits 8–15 when the process exited normally.
        let exitCode = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (exitCode, output)
    }
}
