import Foundation
import Glibc
import MiniNN
import Testing

/// The built `netplayground` binary, from `NETPLAYGROUND_BIN` (set by `make test`).
private let binary = ProcessInfo.processInfo.environment["NETPLAYGROUND_BIN"].flatMap { $0.isEmpty ? nil : $0 }

/// `train` stopped by a signal keeps what it trained; a file-size limit is a write error.
@Suite("train interrupted on the command line", .serialized,
       .enabled(if: binary != nil, "set NETPLAYGROUND_BIN to the built netplayground (make test does)"))
struct CommandLineInterruptTests {
    /// A long `train mlp-xor` run writing a model and a curve into `folder`,
    /// started and left running until its knobs line shows that training began.
    private func startLongRun(in folder: URL) throws -> (process: Process, errors: URL) {
        let errors = folder.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(binary))
        process.arguments = ["train", "mlp-xor", "--epochs", "100000000",
                             "--save", folder.appendingPathComponent("m.safetensors").path,
                             "--curve", folder.appendingPathComponent("c.csv").path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        let deadline = Date(timeIntervalSinceNow: 20)
        while Date() < deadline, !(try String(contentsOf: errors, encoding: .utf8)).contains("knobs:") {
            Thread.sleep(forTimeInterval: 0.02)
        }
        Thread.sleep(forTimeInterval: 0.3)  // some batches trained
        return (process, errors)
    }

    private func waitForExit(_ process: Process, within seconds: Double) -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning { process.terminate(); process.waitUntilExit(); return false }
        process.waitUntilExit()
        return true
    }

    @Test("the first SIGINT, SIGTERM or SIGHUP stops at the batch's end, saves what was trained, exits 128+N",
          arguments: [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP")])
    func firstSignalKeepsTheTraining(signal: Int32, name: String) throws {
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let (process, errors) = try startLongRun(in: folder)
        kill(process.processIdentifier, signal)
        #expect(waitForExit(process, within: 5), "still training 5 s after \(name)")
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 128 + signal)
        let log = try String(contentsOf: errors, encoding: .utf8)
        #expect(log.contains("stopped by \(name) after"), "\(log)")
        #expect(log.contains("wrote \(folder.appendingPathComponent("m.safetensors").path)"), "\(log)")
        let loaded = try ModelFile.load(from: folder.appendingPathComponent("m.safetensors").path)
        #expect(loaded.info.metrics.itemsSeen > 0)
        let curve = try String(contentsOf: folder.appendingPathComponent("c.csv"), encoding: .utf8)
        #expect(curve.split(separator: "\n").count > 2, "the curve holds the batches trained")
        #expect(try ExportFixtures.contents(of: folder) == ["c.csv", "m.safetensors", "stderr.txt"])
    }

    @Test("a second signal exits at once, before anything is written")
    func secondSignalExitsAtOnce() throws {
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let (process, _) = try startLongRun(in: folder)
        // Stopped, the process holds both signals pending; on SIGCONT both are
        // delivered before any of its own code runs again (the kernel stacks the
        // two handlers, so which one counts as first is the kernel's choice).
        let pid = process.processIdentifier
        kill(pid, SIGSTOP)
        kill(pid, SIGINT)
        kill(pid, SIGTERM)
        kill(pid, SIGCONT)
        #expect(waitForExit(process, within: 5))
        #expect(process.terminationReason == .exit)
        #expect([128 + SIGINT, 128 + SIGTERM].contains(process.terminationStatus))
        // One signal alone saves (the test above): nothing saved means the second one cut the run short.
        #expect(try ExportFixtures.contents(of: folder) == ["stderr.txt"], "nothing saved after the second signal")
    }

    @Test("past a file-size limit (ulimit -f) the write fails with a message and leaves no temporary file")
    func fileSizeLimitIsAWriteError() throws {
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let curve = folder.appendingPathComponent("c.csv").path
        // No `trap '' XFSZ` here: the program itself must not be killed by SIGXFSZ.
        let result = try runProcess("/bin/bash", ["-c", #"ulimit -f 1; exec "$0" train mlp-xor --epochs 400 --curve "$1""#,
                                                  try #require(binary), curve])
        #expect(result.status == 1, "\(result.errors)")
        #expect(result.errors.contains("cannot write \(curve): write failed: File too large"), "\(result.errors)")
        #expect(try ExportFixtures.contents(of: folder) == [], "no temporary file is left")
    }
}
