import Foundation

/// The IDX format of the MNIST files, gzipped.
///
/// A big-endian header: a magic number 0x000008NN (0x08 = unsigned bytes,
/// NN = number of dimensions), then one 32-bit size per dimension; then the
/// bytes, row-major. Images are 0x00000803 (count, rows, columns), labels
/// 0x00000801 (count).
public enum IDX {
    /// Magic number of a 3-dimensional unsigned-byte file (images).
    public static let imagesMagic: UInt32 = 0x0000_0803
    /// Magic number of a 1-dimensional unsigned-byte file (labels).
    public static let labelsMagic: UInt32 = 0x0000_0801
    /// The largest payload accepted, so that a corrupt header announcing
    /// billions of items fails with a message instead of exhausting memory.
    /// MNIST's training images take 47 MB.
    public static let maximumDataBytes = 1 << 30

    /// The dimensions and bytes of an unsigned-byte IDX file.
    public struct ByteArray: Sendable, Equatable {
        /// Sizes from the header, outermost first, e.g. [60000, 28, 28].
        public var dimensions: [Int]
        /// `dimensions.product` bytes, row-major.
        public var bytes: [UInt8]
    }

    /// A file whose header has been read and checked, and whose data has not:
    /// callers compare headers (and their memory budget) before inflating.
    public final class OpenFile {
        /// The file, for error messages.
        public let path: String
        /// Sizes from the header, outermost first.
        public let dimensions: [Int]
        /// Bytes of data the header announces (the product of the dimensions).
        public let dataSize: Int
        private let reader: GzipReader

        fileprivate init(path: String, dimensions: [Int], dataSize: Int, reader: GzipReader) {
            self.path = path
            self.dimensions = dimensions
            self.dataSize = dataSize
            self.reader = reader
        }

        /// Inflates the data, checking that it is exactly as long as the header says.
        public func readData() throws(DatasetError) -> ByteArray {
            var failure: DatasetError?
            let bytes = [UInt8](unsafeUninitializedCapacity: dataSize) { buffer, initializedCount in
                do throws(DatasetError) {
                    initializedCount = try reader.read(into: UnsafeMutableRawBufferPointer(buffer))
                } catch {
                    failure = error
                    initializedCount = 0
                }
            }
            if let failure { throw failure }
            guard bytes.count == dataSize else {
                throw .dataLengthMismatch(path: path, expectedBytes: dataSize, actualBytes: bytes.count)
            }
            let extra = try reader.skipToEnd()
            guard extra == 0 else {
                throw .dataLengthMismatch(path: path, expectedBytes: dataSize, actualBytes: dataSize + extra)
            }
            try reader.checkCleanEnd()
            return ByteArray(dimensions: dimensions, bytes: bytes)
        }
    }

    /// Opens a gzipped unsigned-byte IDX file whose header must carry `magic`
    /// and announce at most `maximumBytes` of data; inflates only the header.
    public static func open(path: String, magic: UInt32,
                            maximumBytes: Int = maximumDataBytes) throws(DatasetError) -> OpenFile {
        try open(reader: GzipReader(path: path), magic: magic, maximumBytes: maximumBytes)
    }

    /// ``open(path:magic:maximumBytes:)`` on gzip bytes in memory.
    static func open(gzipped: [UInt8], path: String, magic: UInt32) throws(DatasetError) -> OpenFile {
        try open(reader: GzipReader(contents: Data(gzipped), path: path), magic: magic, maximumBytes: maximumDataBytes)
    }

    private static func open(reader: GzipReader, magic: UInt32, maximumBytes: Int) throws(DatasetError) -> OpenFile {
        let path = reader.path
        let rank = Int(magic & 0xff)
        let headerSize = 4 + 4 * rank

        var header = [UInt8](repeating: 0, count: headerSize)
        let headerRead = try reader.read(into: &header)
        guard headerRead >= 4 else {
            throw .truncatedHeader(path: path, expectedBytes: headerSize, actualBytes: headerRead)
        }
        let foundMagic = bigEndianUInt32(header, at: 0)
        guard foundMagic == magic else { throw .wrongMagic(path: path, expected: magic, found: foundMagic) }
        guard headerRead == headerSize else {
            throw .truncatedHeader(path: path, expectedBytes: headerSize, actualBytes: headerRead)
        }
        let dimensions = (0..<rank).map { Int(bigEndianUInt32(header, at: 4 + 4 * $0)) }

        // Sizes are at most 2³² − 1 each; multiply with overflow checks all the same.
        let limit = min(maximumBytes, maximumDataBytes)
        var dataSize = 1
        for dimension in dimensions {
            let (product, overflow) = dataSize.multipliedReportingOverflow(by: dimension)
            guard !overflow, product <= limit else {
                throw .wrongDimensions(path: path, expected: "at most \(limit) bytes of data", found: dimensions)
            }
            dataSize = product
        }
        return OpenFile(path: path, dimensions: dimensions, dataSize: dataSize, reader: reader)
    }

    /// Reads a gzipped unsigned-byte IDX file whose header must carry `magic`,
    /// checking that the data is exactly as long as the header says.
    public static func readBytes(path: String, magic: UInt32) throws(DatasetError) -> ByteArray {
        try open(path: path, magic: magic).readData()
    }

    private static func bigEndianUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
            | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }
}
