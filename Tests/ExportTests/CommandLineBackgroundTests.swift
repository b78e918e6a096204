import Foundation
import Testing

/// The built `netplayground` binary, from `NETPLAYGROUND_BIN` (set by `make test`).
private let binary = ProcessInfo.processInfo.environment["NETPLAYGROUND_BIN"].flatMap { $0.isEmpty ? nil : $0 }

@Suite("the command line's background option: named values, refused misspellings",
       .enabled(if: binary != nil, "set NETPLAYGROUND_BIN to the built netplayground (make test does)"))
struct CommandLineBackgroundTests {
    /// `netplayground` with `arguments` and extra environment variables (through env).
    func run(_ environment: [String], _ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        try runProcess("/usr/bin/env", environment + [try #require(binary)] + arguments)
    }

    @Test("a misspelled --background or NETPLAYGROUND_BACKGROUND exits 2 naming the value, before any screen opens",
          arguments: ["play", "draw", "tui-demo"])
    func misspelled(_ command: String) throws {
        let option = try run([], [command, "--background", "purple"])
        #expect(option.status == 2)
        #expect(option.errors.contains("'purple'") && option.errors.contains("dark") && option.errors.contains("light"),
                "\(option.errors)")
        let variable = try run(["NETPLAYGROUND_BACKGROUND=white"], [command])
        #expect(variable.status == 2)
        #expect(variable.errors.contains("NETPLAYGROUND_BACKGROUND must be light or dark, got 'white'"), "\(variable.errors)")
        // The option wins over the variable: past validation, it stops only for want of a terminal
        // (draw is left out: past validation it may train a model to draw with).
        guard command != "draw" else { return }
        let overridden = try run(["NETPLAYGROUND_BACKGROUND=white"], [command, "--background", "light"])
        #expect(!overridden.errors.contains("NETPLAYGROUND_BACKGROUND"), "\(overridden.errors)")
    }

    @Test("play --help says how to pick a light background, with an example")
    func help() throws {
        let help = try run([], ["play", "--help"])
        #expect(help.status == 0)
        #expect(help.output.contains("--background <dark|light>"))
        #expect(help.output.contains("NETPLAYGROUND_BACKGROUND=light"))
        #expect(help.output.contains("COLORFGBG"))
        #expect(help.output.contains("Example: netplayground play --background light"))
    }
}
