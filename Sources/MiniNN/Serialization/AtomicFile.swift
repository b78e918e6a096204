import Foundation
#if canImport(Glibc)
import Glibc
/// write(2), named apart from `AtomicFile.write`.
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// A file write that failed, with the path and the reason in plain words.
///
/// Whatever the failure, a file that already existed at `path` is left as it was.
public struct FileWriteError: Error, Equatable, CustomStringConvertible {
    /// The file that was to be written.
    public var path: String
    /// What went wrong, e.g. "No space left on device".
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot write \(path): \(reason)" }
}

/// Writes whole files atomically: the bytes go to a temporary file in the same
/// directory, which is flushed to disk and then renamed over the destination.
///
/// Readers see either the old file or the complete new one, never half of it,
/// and a failed write (no space, no permission, a missing directory) removes
/// its temporary file and leaves any existing file intact.
public enum AtomicFile {
    /// Writes `bytes` to `path`, replacing any file there.
    ///
    /// New files get mode 0644; a replaced file keeps its permissions.
    public static func write(_ bytes: [UInt8], to path: String) throws(FileWriteError) {
        // withUnsafeBytes rethrows as `any Error`; carry the typed error out by hand.
        var failure: FileWriteError?
        bytes.withUnsafeBytes { buffer in
            do throws(FileWriteError) { try write(buffer, to: path) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Writes the UTF-8 encoding of `text` to `path`, replacing any file there.
    public static func write(_ text: String, to path: String) throws(FileWriteError) {
        try write(Array(text.utf8), to: path)
    }

    /// Writes the bytes of `buffer` to `path`, replacing any file there.
    public static func write(_ buffer: UnsafeRawBufferPointer, to path: String) throws(FileWriteError) {
        func failure(_ what: String, _ code: Int32) -> FileWriteError {
            FileWriteError(path: path, reason: "\(what): \(String(cString: strerror(code)))")
        }
        guard !path.isEmpty else { throw FileWriteError(path: path, reason: "the path is empty") }

        // The temporary file must be on the same file system as the target for
        // rename(2) to be atomic, so it goes in the same directory.
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let prefix = directory.isEmpty ? "" : directory + "/"
        sweepStaleTemporaryFiles(in: directory.isEmpty ? "." : directory)
        var template = Array("\(prefix).\(name)\(temporaryMarker)XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw failure("cannot create a temporary file in \(directory.isEmpty ? "." : directory)", errno)
        }
        let temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var renamed = false
        var open = true
        defer {
            if open { close(descriptor) }
            if !renamed { unlink(temporaryPath) }
        }

        var written = 0
        while written < buffer.count {
            let result = systemWrite(descriptor, buffer.baseAddress! + written, buffer.count - written)
            if result < 0 {
                if errno == EINTR { continue }
                throw failure("write failed", errno)
            }
            written += result
        }
        // mkstemp creates files readable only by their owner; a model or a CSV
        // is for sharing, and a replaced file keeps the mode it had.
        var existing = stat()
        let mode: mode_t = stat(path, &existing) == 0 ? existing.st_mode & 0o7777 : 0o644
        guard fchmod(descriptor, mode) == 0 else { throw failure("cannot set permissions", errno) }
        // Without fsync a crash right after rename can leave an empty file
        // where the old one was.
        guard fsync(descriptor) == 0 else { throw failure("cannot flush to disk", errno) }
        open = false
        guard close(descriptor) == 0 else { throw failure("cannot close", errno) }
        guard rename(temporaryPath, path) == 0 else { throw failure("cannot rename into place", errno) }
        renamed = true
    }

    /// What follows the target's name in a temporary file's name: `.model.safetensors.tmp-Ab12Cd`.
    static let temporaryMarker = ".tmp-"

    /// Temporary files older than this are left over from a process that was
    /// killed mid-write (`kill -9`, a power cut): no live write takes so long.
    public static let staleAge: Double = 24 * 60 * 60

    /// Removes temporary files of this type's own naming (`.NAME.tmp-XXXXXX`,
    /// six characters from mkstemp) that are older than `age` seconds, from
    /// `directory`. Other files are never touched; failures are ignored, as
    /// the sweep is housekeeping and the write that triggered it goes on.
    public static func sweepStaleTemporaryFiles(in directory: String, olderThan age: Double = staleAge) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        let now = Date().timeIntervalSince1970
        for name in names where isTemporaryName(name) {
            let path = directory + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
                  now - Double(info.st_mtim.tv_sec) > age else { continue }
            unlink(path)
        }
    }

    /// Whether `name` is one of ours: a dot, a target name, `.tmp-`, six letters or digits.
    public static func isTemporaryName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        let marker = Array(temporaryMarker.utf8)
        let suffixLength = marker.count + 6
        guard bytes.count > 1 + suffixLength, bytes[0] == UInt8(ascii: ".") else { return false }
        let markerStart = bytes.count - suffixLength
        guard Array(bytes[markerStart ..< markerStart + marker.count]) == marker else { return false }
        return bytes[(markerStart + marker.count)...].allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
    }
}
