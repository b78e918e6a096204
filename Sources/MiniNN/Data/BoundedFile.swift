import Foundation

/// Reads a whole user-supplied file, but never more than a limit: a file
/// whose size says it is too large is refused before any byte is read, and
/// since a device or a growing file has no trustworthy size, the bytes read
/// are counted as well.
public enum BoundedFile {
    /// The file's bytes; throws, naming the file, when it is missing, a directory or over `maximumBytes`.
    public static func read(path: String, maximumBytes: Int) throws(DatasetError) -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .missingFile(path: path)
        }
        guard !isDirectory.boolValue else { throw .unreadable(path: path, reason: "it is a directory") }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber,
           size.int64Value > Int64(maximumBytes) {
            throw .fileTooLarge(path: path, limit: maximumBytes)
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadable(path: path, reason: "permission denied or I/O error")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumBytes + 1) ?? Data()
        } catch {
            throw .unreadable(path: path, reason: "I/O error")
        }
        guard data.count <= maximumBytes else { throw .fileTooLarge(path: path, limit: maximumBytes) }
        return data
    }

    /// The 1-based number of the first line longer than `limit` bytes, or nil.
    /// Line ends are \n, \r\n or \r, as the iris and CSV readers read them.
    static func firstLongLine(_ data: Data, limit: Int) -> Int? {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Int? in
            // memchr finds the "\n"s of a large file many times faster than a
            // loop over every byte; only a file with a stretch of more than
            // `limit` bytes without one (a long line, or "\r" line ends) is
            // walked byte by byte to find and number the line.
            guard let base = bytes.baseAddress else { return nil }
            var position = 0
            var needsExactWalk = false
            while position < bytes.count {
                let rest = bytes.count - position
                guard let found = memchr(base + position, 0x0A, rest) else {
                    needsExactWalk = rest > limit
                    break
                }
                let end = base.distance(to: UnsafeRawPointer(found))
                if end - position > limit {
                    needsExactWalk = true
                    break
                }
                position = end + 1
            }
            guard needsExactWalk else { return nil }
            var line = 1
            var length = 0
            var previous: UInt8 = 0
            for byte in bytes {
                if byte == 0x0A || byte == 0x0D {
                    // "\r\n" is one line end.
                    if !(byte == 0x0A && previous == 0x0D) { line += 1 }
                    length = 0
                } else {
                    length += 1
                    if length > limit { return line }
                }
                previous = byte
            }
            return nil
        }
    }
}
