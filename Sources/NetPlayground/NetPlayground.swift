import ArgumentParser
import Foundation
import TUI

/// The `netplayground` command: the playground by default, plus headless tools.
@main
struct NetPlaygroundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "netplayground",
        abstract: "An interactive terminal course and playground for neural networks.",
        subcommands: [
            PlayCommand.self, TrainCommand.self, CompareCommand.self, BenchCommand.self, TUIDemoCommand.self,
            ExportCommand.self, InfoCommand.self, EvalCommand.self, RunsCommand.self, DrawCommand.self,
        ],
        defaultSubcommand: PlayCommand.self)

    /// Parses and runs a command. Usage errors (an unknown model, a value out
    /// of range, a misspelled option) exit with status 2, as shells expect,
    /// instead of ArgumentParser's 64 (EX_USAGE); the rest exit as it decides.
    /// Every message is passed through ``TerminalText`` on its way out.
    static func main() {
        // Past a file-size limit (ulimit -f) the kernel's default is to kill the
        // process without a word and leave a temporary file behind; ignored, the
        // write fails with EFBIG and is reported like any other write error.
        _ = signal(SIGXFSZ, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }  // --help: our own text, on standard output
            // Messages quote file contents (a species, a tensor name): escaped
            // before they reach the terminal.
            let message = TerminalText.sanitizedLines(fullMessage(for: error))
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
