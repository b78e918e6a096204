import Foundation
import MiniNN
import Testing

@Suite("atomic writes: temporary file, then rename")
struct AtomicFileTests {
    @Test("a new file gets the bytes and mode 0644, and nothing else is left in the folder")
    func newFile() throws {
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let path = folder.appendingPathComponent("out.csv").path
        try AtomicFile.write([1, 2, 3], to: path)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == [1, 2, 3])
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o644)
        #expect(try ExportFixtures.contents(of: folder) == ["out.csv"])
    }

    @Test("replacing a file keeps its permissions")
    func replaceKeepsMode() throws {
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let path = folder.appendingPathComponent("model.onnx").path
        try AtomicFile.write("old", to: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        try AtomicFile.write("new", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
    }

    @Test("a relative path writes in the current directory's terms")
    func emptyPath() {
        #expect(throws: FileWriteError(path: "", reason: "the path is empty")) { try AtomicFile.write("x", to: "") }
    }

    // Root ignores permission bits, so these failures are ones that stop root too.
    @Test("a path whose folder is a regular file fails, saying why, and creates nothing")
    func parentIsAFile() throws {
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let file = folder.appendingPathComponent("plain").path
        try AtomicFile.write("I am a file", to: file)
        let target = file + "/model.safetensors"
        do {
            try AtomicFile.write("data", to: target)
            Issue.record("wrote into a regular file")
        } catch {
            #expect(error.path == target)
            #expect(error.description.contains("Not a directory"), "\(error)")
        }
        #expect(try ExportFixtures.contents(of: folder) == ["plain"])
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "I am a file")
    }

    @Test("a folder where no file can be created (/proc) fails with the reason")
    func procFolder() {
        #expect(throws: FileWriteError.self) { try AtomicFile.write("data", to: "/proc/self/model.safetensors") }
    }

    @Test("when the final rename fails, the existing entry is untouched and the temporary file is removed")
    func renameFails() throws {
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        // A non-empty directory where the file should go: the data is written
        // and flushed, then rename(2) refuses to replace the directory.
        let target = folder.appendingPathComponent("model.onnx")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        try AtomicFile.write("keep me", to: target.appendingPathComponent("inside").path)
        do {
            try AtomicFile.write("data", to: target.path)
            Issue.record("replaced a directory")
        } catch {
            #expect(error.description.contains("cannot rename into place"), "\(error)")
        }
        #expect(try ExportFixtures.contents(of: folder) == ["model.onnx"])
        #expect(try String(contentsOfFile: target.appendingPathComponent("inside").path, encoding: .utf8) == "keep me")
    }
}

@Suite("atomic writes: leftovers of killed writes are swept")
struct AtomicFileSweepTests {
    /// Creates `name` in `folder`, last modified `age` seconds ago.
    private func touch(_ name: String, in folder: URL, age: Double) throws -> String {
        let path = folder.appendingPathComponent(name).path
        #expect(FileManager.default.createFile(atPath: path, contents: Data("x".utf8)))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -age)], ofItemAtPath: path)
        return path
    }

    @Test("a write removes our own temporary files older than a day, and nothing else")
    func sweepsStaleTemporaryFiles() throws {
        let folder = try ExportFixtures.makeScratchFolder()
        defer { ExportFixtures.remove(folder) }
        let day = AtomicFile.staleAge
        _ = try touch(".old.safetensors.tmp-Ab12Cd", in: folder, age: 2 * day)   // a kill -9 mid-fsync
        _ = try touch(".fresh.csv.tmp-Zz9Yy8", in: folder, age: 60)             // maybe a live write
        _ = try touch(".notes.tmp-1", in: folder, age: 2 * day)                  // not our naming
        _ = try touch("results.tmp-Ab12Cd", in: folder, age: 2 * day)            // not hidden: not ours
        _ = try touch(".x.tmp-Ab12C!", in: folder, age: 2 * day)                 // not mkstemp's letters
        try AtomicFile.write("new", to: folder.appendingPathComponent("model.safetensors").path)
        #expect(try ExportFixtures.contents(of: folder).sorted() == [
            ".fresh.csv.tmp-Zz9Yy8", ".notes.tmp-1", ".x.tmp-Ab12C!", "model.safetensors", "results.tmp-Ab12Cd",
        ])
    }

    @Test("the names the sweep takes for its own")
    func temporaryNames() {
        #expect(AtomicFile.isTemporaryName(".m.safetensors.tmp-a1B2c3"))
        #expect(!AtomicFile.isTemporaryName(".tmp-a1B2c3"))
        #expect(!AtomicFile.isTemporaryName(".m.safetensors.tmp-a1B2c"))
        #expect(!AtomicFile.isTemporaryName("m.safetensors"))
    }
}
