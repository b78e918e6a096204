import CZlib
import Foundation
import MiniNN

/// Files for the data-reader tests: a scratch folder, gzip, IDX headers, and
/// the repository's own datasets.
enum DataFiles {
    /// A fresh empty folder under the system's temporary directory.
    static func makeScratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("netplayground-data-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Writes `bytes` to `name` inside `folder` and returns the file's path.
    @discardableResult
    static func write(_ bytes: [UInt8], to name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// `bytes` compressed as one gzip member by zlib.
    static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        // 15 window bits + 16 asks zlib for a gzip header and trailer.
        let status = deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                                   Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "deflateInit2 failed: \(status)")
        defer { deflateEnd(&stream) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 32)
        let produced = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.next_in = inputBuffer.baseAddress
                stream.avail_in = UInt32(inputBuffer.count)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = UInt32(outputBuffer.count)
                let result = deflate(&stream, Z_FINISH)
                precondition(result == Z_STREAM_END, "deflate did not finish: \(result)")
                return outputBuffer.count - Int(stream.avail_out)
            }
        }
        return Array(output.prefix(produced))
    }

    /// A big-endian IDX header: `magic`, then each dimension.
    static func idxHeader(magic: UInt32, dimensions: [Int]) -> [UInt8] {
        var bytes: [UInt8] = []
        for value in [magic] + dimensions.map({ UInt32($0) }) {
            for shift: UInt32 in [24, 16, 8, 0] {
                bytes.append(UInt8((value >> shift) & 0xff))
            }
        }
        return bytes
    }

    /// A valid gzipped MNIST-style image file of `count` 28×28 images whose
    /// pixels are `(image * 31 + pixel) % 256`, and the bytes before gzip.
    static func imageFile(count: Int) -> (gzipped: [UInt8], raw: [UInt8]) {
        let pixels = (0..<count * 784).map { (index: Int) -> UInt8 in
            let image = index / 784, pixel = index % 784
            return UInt8((image * 31 + pixel) % 256)
        }
        let raw = idxHeader(magic: IDX.imagesMagic, dimensions: [count, 28, 28]) + pixels
        return (gzip(raw), raw)
    }

    /// A valid gzipped label file.
    static func labelFile(_ labels: [UInt8]) -> [UInt8] {
        gzip(idxHeader(magic: IDX.labelsMagic, dimensions: [labels.count]) + labels)
    }

    /// The repository's `datasets` folder, found from this source file's path.
    static func repositoryDatasets(filePath: String = #filePath) -> DatasetLocator {
        DatasetLocator(dataDirectory: nil, environment: [:], executablePath: nil,
                       currentDirectory: URL(fileURLWithPath: filePath).deletingLastPathComponent().path)
    }
}
