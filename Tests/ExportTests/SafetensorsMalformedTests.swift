import Foundation
import MiniNN
import Testing

/// Hand-made safetensors files.
enum MalformedFiles {
    /// A file whose header is `header` (declared with its own length unless
    /// `declaredLength` says otherwise), followed by `data`.
    static func file(header: String, data: [UInt8] = [], declaredLength: UInt64? = nil) -> [UInt8] {
        let headerBytes = Array(header.utf8)
        let length = declaredLength ?? UInt64(headerBytes.count)
        return (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) } + headerBytes + data
    }

    /// A header entry for one tensor.
    static func entry(_ name: String, dtype: String = "F32", shape: String, offsets: String) -> String {
        #""\#(name)":{"dtype":"\#(dtype)","shape":\#(shape),"data_offsets":\#(offsets)}"#
    }
}

/// One crafted file and the error it must produce.
struct MalformedCase: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    var expected: @Sendable (SafetensorsError) -> Bool
    var testDescription: String { name }
}

@Suite("safetensors: malformed files are rejected with a typed error")
struct SafetensorsMalformedTests {
    static let cases: [MalformedCase] = {
        typealias F = MalformedFiles
        func header(_ entries: String...) -> String { "{" + entries.joined(separator: ",") + "}" }
        let fourBytes: [UInt8] = [0, 0, 128, 63]
        return [
            MalformedCase(name: "empty file", bytes: []) { $0 == .tooShort(byteCount: 0) },
            MalformedCase(name: "5 bytes", bytes: [1, 2, 3, 4, 5]) { $0 == .tooShort(byteCount: 5) },
            MalformedCase(name: "header length past the end",
                          bytes: F.file(header: "{}", declaredLength: 1000)) {
                $0 == .headerPastEnd(declared: 1000, available: 2)
            },
            MalformedCase(name: "absurd header length (200 MB)",
                          bytes: F.file(header: "{}", declaredLength: 200_000_000)) {
                $0 == .headerTooLarge(declared: 200_000_000)
            },
            MalformedCase(name: "header length UInt64.max", bytes: F.file(header: "{}", declaredLength: .max)) {
                $0 == .headerTooLarge(declared: .max)
            },
            MalformedCase(name: "header that is not JSON", bytes: F.file(header: "{not json at all}")) {
                if case .invalidHeader = $0 { true } else { false }
            },
            MalformedCase(name: "header that is a JSON array", bytes: F.file(header: "[1, 2]")) {
                $0 == .invalidHeader(reason: "it does not start with '{'")
            },
            MalformedCase(name: "header cut in the middle", bytes: F.file(header: #"{"a":{"dtype":"F3"#)) {
                if case .invalidHeader = $0 { true } else { false }
            },
            MalformedCase(name: "header with invalid UTF-8", bytes: F.file(header: #"{"?":1}"#).map { $0 == UInt8(ascii: "?") ? 0xFF : $0 }) {
                if case .invalidHeader = $0 { true } else { false }
            },
            MalformedCase(name: "metadata value that is not a string",
                          bytes: F.file(header: #"{"__metadata__":{"seed":1}}"#)) {
                if case .invalidHeader = $0 { true } else { false }
            },
            MalformedCase(name: "tensor entry without data_offsets",
                          bytes: F.file(header: #"{"a":{"dtype":"F32","shape":[1]}}"#, data: fourBytes)) {
                if case .invalidHeader = $0 { true } else { false }
            },
            MalformedCase(name: "fractional dimension",
                          bytes: F.file(header: header(F.entry("a", shape: "[1.5]", offsets: "[0,4]")), data: fourBytes)) {
                if case .invalidHeader = $0 { true } else { false }
            },
            MalformedCase(name: "unknown dtype",
                          bytes: F.file(header: header(F.entry("a", dtype: "F33", shape: "[1]", offsets: "[0,4]")),
                                        data: fourBytes)) {
                $0 == .unknownDType(tensor: "a", dtype: "F33")
            },
            MalformedCase(name: "negative dimension",
                          bytes: F.file(header: header(F.entry("a", shape: "[-1]", offsets: "[0,4]")), data: fourBytes)) {
                // Negative numbers are not `usize`: refused as the header is read.
                $0 == .invalidHeader(reason: "'a'.'shape'[0] is -1, not a whole number ≥ 0 written without a fraction")
            },
            MalformedCase(name: "element count that overflows",
                          bytes: F.file(header: header(F.entry("a", shape: "[4611686018427387904,4]", offsets: "[0,4]")),
                                        data: fourBytes)) {
                $0 == .invalidShape(tensor: "a", shape: [4_611_686_018_427_387_904, 4])
            },
            MalformedCase(name: "one offset instead of two",
                          bytes: F.file(header: header(F.entry("a", shape: "[1]", offsets: "[0]")), data: fourBytes)) {
                $0 == .offsetsOutOfBounds(tensor: "a", offsets: [0], dataSize: 4)
            },
            MalformedCase(name: "offsets past the end of the data",
                          bytes: F.file(header: header(F.entry("a", shape: "[2]", offsets: "[0,8]")), data: fourBytes)) {
                $0 == .offsetsOutOfBounds(tensor: "a", offsets: [0, 8], dataSize: 4)
            },
            MalformedCase(name: "offsets backwards",
                          bytes: F.file(header: header(F.entry("a", shape: "[0]", offsets: "[4,0]")), data: fourBytes)) {
                $0 == .offsetsOutOfBounds(tensor: "a", offsets: [4, 0], dataSize: 4)
            },
            MalformedCase(name: "negative offset",
                          bytes: F.file(header: header(F.entry("a", shape: "[1]", offsets: "[-4,0]")), data: fourBytes)) {
                $0 == .invalidHeader(
                    reason: "'a'.'data_offsets'[0] is -4, not a whole number ≥ 0 written without a fraction")
            },
            MalformedCase(name: "shape × dtype size differs from the byte range",
                          bytes: F.file(header: header(F.entry("a", shape: "[3]", offsets: "[0,8]")),
                                        data: fourBytes + fourBytes)) {
                $0 == .sizeMismatch(tensor: "a", shape: [3], dtype: "F32", expectedBytes: 12, actualBytes: 8)
            },
            MalformedCase(name: "overlapping tensors",
                          bytes: F.file(header: header(F.entry("a", shape: "[2]", offsets: "[0,8]"),
                                                       F.entry("b", shape: "[2]", offsets: "[4,12]")),
                                        data: fourBytes + fourBytes + fourBytes)) {
                $0 == .overlappingTensors("a", "b", offset: 4)
            },
            MalformedCase(name: "two tensors on the same bytes",
                          bytes: F.file(header: header(F.entry("a", shape: "[1]", offsets: "[0,4]"),
                                                       F.entry("b", shape: "[1]", offsets: "[0,4]")),
                                        data: fourBytes)) {
                $0 == .overlappingTensors("a", "b", offset: 0)
            },
            MalformedCase(name: "a gap between tensors",
                          bytes: F.file(header: header(F.entry("a", shape: "[1]", offsets: "[0,4]"),
                                                       F.entry("b", shape: "[1]", offsets: "[8,12]")),
                                        data: fourBytes + fourBytes + fourBytes)) {
                $0 == .uncoveredData(range: 4..<8)
            },
            MalformedCase(name: "bytes after the last tensor",
                          bytes: F.file(header: header(F.entry("a", shape: "[1]", offsets: "[0,4]")),
                                        data: fourBytes + fourBytes)) {
                $0 == .uncoveredData(range: 4..<8)
            },
            MalformedCase(name: "data but no tensors", bytes: F.file(header: "{}", data: fourBytes)) {
                $0 == .uncoveredData(range: 0..<4)
            },
        ]
    }()

    @Test("rejected with the matching error", arguments: cases)
    func rejects(_ malformed: MalformedCase) {
        do {
            let file = try Safetensors(parsing: malformed.bytes)
            Issue.record("accepted: \(file.entries.keys.sorted())")
        } catch {
            #expect(malformed.expected(error), "got \(error)")
            #expect(!error.description.isEmpty)
        }
    }

    @Test("a header padded with trailing spaces, as the reference writes it, is accepted")
    func trailingSpaces() throws {
        let header = "{" + MalformedFiles.entry("a", shape: "[1]", offsets: "[0,4]") + "}   "
        let file = try Safetensors(parsing: MalformedFiles.file(header: header, data: [0, 0, 128, 63]))
        #expect(try file.floatTensor(named: "a").scalars == [1])
    }

    @Test("no prefix and no single-byte corruption of a valid file traps")
    func truncationsAndBitFlips() {
        let valid = Safetensors.encode(
            tensors: [("w", Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])), ("b", Tensor(shape: [2], scalars: [5, 6]))],
            metadata: ["k": "v"])
        var accepted = 0
        for length in 0..<valid.count {
            if (try? Safetensors(parsing: Array(valid.prefix(length)))) != nil { accepted += 1 }
        }
        // Every proper prefix loses data bytes or header bytes.
        #expect(accepted == 0)
        for position in 0..<valid.count {
            for flip: UInt8 in [0x01, 0x80, 0xFF] {
                var corrupted = valid
                corrupted[position] ^= flip
                // Must return or throw; a trap fails the whole run.
                _ = try? Safetensors(parsing: corrupted)
            }
        }
    }
}
