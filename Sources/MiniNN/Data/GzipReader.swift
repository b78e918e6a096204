import CZlib
import Foundation

/// Reads the decompressed bytes of a gzip file, front to back, into buffers
/// the caller owns: the IDX reader inflates 47 MB of MNIST pixels straight
/// into the array that keeps them, with no intermediate copy.
///
/// The whole compressed file is read into memory first (MNIST's largest file
/// is 10 MB); zlib then inflates it in bounded steps of at most 4 GiB each.
/// Concatenated gzip members are read as one stream, as `gunzip` does.
final class GzipReader {
    /// Largest compressed file read (MNIST's largest is 10 MB).
    static let maximumCompressedBytes = 1 << 30
    /// The file, for error messages.
    let path: String
    private let compressed: Data
    /// How many compressed bytes zlib has consumed.
    private var inputOffset = 0
    /// zlib remembers the stream's address in its state, so it must not move.
    private let stream: UnsafeMutablePointer<z_stream>
    private var streamEnded = false
    /// The input ran out before the gzip stream ended (a truncated file).
    private var inputExhausted = false

    /// Opens `path`, checks the gzip magic bytes and prepares zlib.
    convenience init(path: String) throws(DatasetError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .missingFile(path: path)
        }
        guard !isDirectory.boolValue else { throw .unreadable(path: path, reason: "it is a directory") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadable(path: path, reason: "permission denied or I/O error")
        }
        defer { try? handle.close() }
        // Counted as read, not taken from the size: /dev/zero has none and never ends.
        let contents: Data
        do {
            contents = try handle.read(upToCount: Self.maximumCompressedBytes + 1) ?? Data()
        } catch {
            throw .unreadable(path: path, reason: "I/O error")
        }
        guard contents.count <= Self.maximumCompressedBytes else {
            throw .fileTooLarge(path: path, limit: Self.maximumCompressedBytes)
        }
        try self.init(contents: contents, path: path)
    }

    /// Reads gzip bytes already in memory (the fuzzer's, without a disk);
    /// `path` names them in errors.
    init(contents: Data, path: String) throws(DatasetError) {
        self.path = path
        guard contents.count >= 2, contents[contents.startIndex] == 0x1f,
              contents[contents.startIndex + 1] == 0x8b else {
            throw .notGzip(path: path)
        }
        compressed = contents
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // 15 window bits + 16: expect a gzip header and trailer, not raw zlib.
        let status = inflateInit2_(stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw .corruptGzip(path: path, reason: "zlib could not start (status \(status))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Fills `buffer` with the next decompressed bytes and returns how many
    /// were written: fewer than `buffer.count` only when the stream ends.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(DatasetError) -> Int {
        guard let outputBase = buffer.baseAddress else { return 0 }
        var written = 0
        while written < buffer.count && !streamEnded && !inputExhausted {
            let outputChunk = min(buffer.count - written, Int(UInt32.max))
            let inputChunk = min(compressed.count - inputOffset, Int(UInt32.max))
            let status: Int32 = compressed.withUnsafeBytes { input in
                // zlib reads `next_in` only during this call, so the pointer may
                // be derived afresh each time.
                guard let inputBase = input.baseAddress else { return Z_BUF_ERROR }
                stream.pointee.next_in = UnsafeMutablePointer(
                    mutating: inputBase.assumingMemoryBound(to: Bytef.self) + inputOffset)
                stream.pointee.avail_in = UInt32(inputChunk)
                stream.pointee.next_out = (outputBase + written).assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = UInt32(outputChunk)
                return inflate(stream, Z_NO_FLUSH)
            }
            let consumed = inputChunk - Int(stream.pointee.avail_in)
            let produced = outputChunk - Int(stream.pointee.avail_out)
            inputOffset += consumed
            written += produced
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                if startsAnotherMember() {
                    inflateReset(stream)
                } else {
                    streamEnded = true
                }
            case Z_BUF_ERROR:
                // No progress was possible: with room left for output, that
                // means the compressed input is used up mid-stream.
                if consumed == 0 && produced == 0 { inputExhausted = true }
            default:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                throw .corruptGzip(path: path, reason: message)
            }
        }
        return written
    }

    /// Fills `bytes` (its whole length) as ``read(into:)-(UnsafeMutableRawBufferPointer)`` does.
    func read(into bytes: inout [UInt8]) throws(DatasetError) -> Int {
        var result: Result<Int, DatasetError> = .success(0)
        bytes.withUnsafeMutableBytes { buffer in
            do throws(DatasetError) {
                result = .success(try read(into: buffer))
            } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }

    /// Whether another gzip member follows the one that just ended.
    private func startsAnotherMember() -> Bool {
        let remaining = compressed.count - inputOffset
        guard remaining >= 2 else { return false }
        let start = compressed.startIndex + inputOffset
        return compressed[start] == 0x1f && compressed[start + 1] == 0x8b
    }

    /// Reads and discards the rest of the stream, returning how many bytes it
    /// held (at most `limit`, to bound the work on a hostile file).
    func skipToEnd(limit: Int = 1 << 30) throws(DatasetError) -> Int {
        var scratch = [UInt8](repeating: 0, count: 1 << 16)
        var total = 0
        while total < limit {
            let count = try read(into: &scratch)
            total += count
            if count < scratch.count { break }
        }
        return total
    }

    /// Throws when the file ended before the gzip stream did (a cut-off file
    /// whose decompressed bytes happened to be complete, but not its trailer).
    func checkCleanEnd() throws(DatasetError) {
        if inputExhausted && !streamEnded {
            throw .corruptGzip(path: path, reason: "the file ends in the middle of the compressed stream")
        }
    }
}
