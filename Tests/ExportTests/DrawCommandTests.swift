import Foundation
import Testing

/// The built `netplayground` binary, from `NETPLAYGROUND_BIN` (set by `make test`).
private let binary = ProcessInfo.processInfo.environment["NETPLAYGROUND_BIN"].flatMap { $0.isEmpty ? nil : $0 }

/// `draw MODEL` refuses, by name and with status 1, what it cannot draw with
/// (the canvas itself is tested end to end in a terminal).
@Suite("draw: models it refuses", .enabled(if: binary != nil, "set NETPLAYGROUND_BIN to the built netplayground (make test does)"))
struct DrawCommandTests {
    @Test("a missing file, a file that is not a model, and a model that does not read digits")
    func refusals() throws {
        let binary = try #require(binary)
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let missing = try runProcess(binary, ["draw", folder.appendingPathComponent("none.safetensors").path])
        #expect(missing.status == 1 && missing.errors.contains("no such file"), "\(missing.errors)")
        let text = folder.appendingPathComponent("notes.safetensors").path
        try "not a model".write(toFile: text, atomically: true, encoding: .utf8)
        let garbage = try runProcess(binary, ["draw", text])
        #expect(garbage.status == 1 && garbage.errors.contains("not a valid safetensors file"), "\(garbage.errors)")
        let spirals = folder.appendingPathComponent("spirals.safetensors").path
        let trained = try runProcess(binary, ["train", "mlp-spirals", "--epochs", "1", "--save", spirals])
        try #require(trained.status == 0, "\(trained.errors)")
        let wrong = try runProcess(binary, ["draw", spirals])
        #expect(wrong.status == 1 && wrong.errors.contains("not 28×28 digits"), "\(wrong.errors)")
    }
}
