import Foundation

/// The safetensors file format (https://huggingface.co/docs/safetensors), as
/// Python's `safetensors` package reads and writes it:
///
/// ```
/// [8 bytes]  N, the header length, unsigned little-endian
/// [N bytes]  JSON header, padded with spaces to a multiple of 8 bytes:
///            { "__metadata__": { "key": "string value", … },
///              "name": { "dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end] }, … }
/// [rest]     the data buffer; offsets are relative to its start, tensors are
///            row-major little-endian and together cover it without gaps or overlaps
/// ```
///
/// This type is the parsed file: it checks everything the reference
/// implementation checks, so a file it accepts loads in Python too.
public struct Safetensors: Sendable {
    /// Element types the format defines, with their names in the header.
    public enum DType: String, Sendable, CaseIterable {
        case bool = "BOOL"
        case u8 = "U8", i8 = "I8", u16 = "U16", i16 = "I16"
        case u32 = "U32", i32 = "I32", u64 = "U64", i64 = "I64"
        case f8e4m3 = "F8_E4M3", f8e5m2 = "F8_E5M2"
        case f16 = "F16", bf16 = "BF16", f32 = "F32", f64 = "F64"

        /// Bytes per element.
        public var byteSize: Int {
            switch self {
            case .bool, .u8, .i8, .f8e4m3, .f8e5m2: 1
            case .u16, .i16, .f16, .bf16: 2
            case .u32, .i32, .f32: 4
            case .u64, .i64, .f64: 8
            }
        }
    }

    /// One tensor's header entry.
    public struct Entry: Sendable, Equatable {
        public var dtype: DType
        public var shape: [Int]
        /// Byte range within the data buffer.
        public var byteRange: Range<Int>
    }

    /// Largest header accepted, as in the reference implementation (100 MB).
    public static let maximumHeaderLength = 100_000_000

    /// Free-form string metadata (`__metadata__`).
    public var metadata: [String: String]
    /// Header entries by tensor name.
    public var entries: [String: Entry]
    /// The data buffer (everything after the header).
    public var data: [UInt8]

    /// Tensor names in the order their data appears in the file.
    public var tensorNames: [String] {
        entries.sorted { ($0.value.byteRange.lowerBound, $0.key) < ($1.value.byteRange.lowerBound, $1.key) }
            .map(\.key)
    }
}

/// Why a safetensors file was rejected.
public enum SafetensorsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Fewer than the 8 bytes of the header length.
    case tooShort(byteCount: Int)
    /// The header length is above ``Safetensors/maximumHeaderLength``.
    case headerTooLarge(declared: UInt64)
    /// The header length runs past the end of the file.
    case headerPastEnd(declared: UInt64, available: Int)
    /// The header is not a JSON object of the expected form.
    case invalidHeader(reason: String)
    /// A tensor's dtype is not one the format defines.
    case unknownDType(tensor: String, dtype: String)
    /// A negative dimension, or an element count too large to represent.
    case invalidShape(tensor: String, shape: [Int])
    /// `data_offsets` is not `[begin, end]` with 0 ≤ begin ≤ end ≤ data size.
    case offsetsOutOfBounds(tensor: String, offsets: [Int], dataSize: Int)
    /// Two tensors claim the same bytes.
    case overlappingTensors(String, String, offset: Int)
    /// Bytes of the data buffer that no tensor claims.
    case uncoveredData(range: Range<Int>)
    /// shape × dtype size differs from the tensor's byte range.
    case sizeMismatch(tensor: String, shape: [Int], dtype: String, expectedBytes: Int, actualBytes: Int)
    /// A tensor asked for by name is not in the file.
    case missingTensor(String)
    /// A tensor has a different dtype than the caller needs.
    case unexpectedDType(tensor: String, dtype: String, expected: String)

    public var description: String {
        func shapeText(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }
        switch self {
        case .tooShort(let count):
            return "file has \(count) bytes, fewer than the 8-byte header length"
        case .headerTooLarge(let declared):
            return "header length \(declared) is absurd (the limit is \(Safetensors.maximumHeaderLength) bytes)"
        case .headerPastEnd(let declared, let available):
            return "header length \(declared) runs past the end of the file (\(available) bytes follow the length)"
        case .invalidHeader(let reason):
            return "header is not valid: \(reason)"
        case .unknownDType(let tensor, let dtype):
            return "tensor '\(tensor)' has unknown dtype '\(dtype)'"
        case .invalidShape(let tensor, let shape):
            return "tensor '\(tensor)' has invalid shape \(shapeText(shape))"
        case .offsetsOutOfBounds(let tensor, let offsets, let dataSize):
            return "tensor '\(tensor)' has data_offsets \(shapeText(offsets)) outside the \(dataSize)-byte data buffer"
        case .overlappingTensors(let first, let second, let offset):
            return "tensors '\(first)' and '\(second)' overlap at byte \(offset) of the data buffer"
        case .uncoveredData(let range):
            return "bytes \(range.lowerBound)..<\(range.upperBound) of the data buffer belong to no tensor"
        case .sizeMismatch(let tensor, let shape, let dtype, let expected, let actual):
            return "tensor '\(tensor)' of shape \(shapeText(shape)) and dtype \(dtype) needs \(expected) bytes, "
                + "but its data_offsets span \(actual)"
        case .missingTensor(let name):
            return "no tensor named '\(name)'"
        case .unexpectedDType(let tensor, let dtype, let expected):
            return "tensor '\(tensor)' has dtype \(dtype), expected \(expected)"
        }
    }
}

// MARK: - Reading

extension Safetensors {
    /// Parses and checks a whole file's bytes.
    public init(parsing bytes: [UInt8]) throws(SafetensorsError) {
        guard bytes.count >= 8 else { throw .tooShort(byteCount: bytes.count) }
        var declared: UInt64 = 0
        for i in 0..<8 { declared |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard declared <= UInt64(Safetensors.maximumHeaderLength) else { throw .headerTooLarge(declared: declared) }
        let headerLength = Int(declared)
        guard headerLength <= bytes.count - 8 else {
            throw .headerPastEnd(declared: declared, available: bytes.count - 8)
        }
        let headerBytes = bytes[8..<(8 + headerLength)]
        // The reference implementation insists on an object; checking the first
        // byte also gives a clearer message than the JSON parser would.
        guard headerBytes.first == UInt8(ascii: "{") else {
            throw .invalidHeader(reason: "it does not start with '{'")
        }
        let header = try RawHeader(headerBytes)
        let dataSize = bytes.count - 8 - headerLength
        var entries: [String: Entry] = [:]
        for (name, raw) in header.tensors {
            guard let dtype = DType(rawValue: raw.dtype) else {
                throw .unknownDType(tensor: name, dtype: raw.dtype)
            }
            guard raw.shape.allSatisfy({ $0 >= 0 }),
                  let elementCount = Safetensors.checkedProduct(raw.shape),
                  case (let byteCount, false) = elementCount.multipliedReportingOverflow(by: dtype.byteSize)
            else { throw .invalidShape(tensor: name, shape: raw.shape) }
            guard raw.offsets.count == 2, raw.offsets[0] >= 0, raw.offsets[0] <= raw.offsets[1],
                  raw.offsets[1] <= dataSize
            else { throw .offsetsOutOfBounds(tensor: name, offsets: raw.offsets, dataSize: dataSize) }
            let range = raw.offsets[0]..<raw.offsets[1]
            guard range.count == byteCount else {
                throw .sizeMismatch(tensor: name, shape: raw.shape, dtype: raw.dtype,
                                    expectedBytes: byteCount, actualBytes: range.count)
            }
            entries[name] = Entry(dtype: dtype, shape: raw.shape, byteRange: range)
        }

        // Tensors must tile the buffer exactly: sorted by offset, each starts
        // where the previous one ended and the last ends at the end.
        var end = 0
        var previousName = ""
        let ordered = entries.sorted {
            ($0.value.byteRange.lowerBound, $0.value.byteRange.upperBound, $0.key)
                < ($1.value.byteRange.lowerBound, $1.value.byteRange.upperBound, $1.key)
        }
        for (name, entry) in ordered {
            let start = entry.byteRange.lowerBound
            if start < end { throw .overlappingTensors(previousName, name, offset: start) }
            if start > end { throw .uncoveredData(range: end..<start) }
            // An empty tensor does not move the end, and must not be named as
            // the neighbour of a later overlap.
            if !entry.byteRange.isEmpty { previousName = name }
            end = entry.byteRange.upperBound
        }
        if end != dataSize { throw .uncoveredData(range: end..<dataSize) }

        self.metadata = header.metadata
        self.entries = entries
        self.data = Array(bytes[(8 + headerLength)...])
    }

    /// Reads a tensor of dtype F32.
    public func floatTensor(named name: String) throws(SafetensorsError) -> Tensor {
        guard let entry = entries[name] else { throw .missingTensor(name) }
        guard entry.dtype == .f32 else {
            throw .unexpectedDType(tensor: name, dtype: entry.dtype.rawValue, expected: DType.f32.rawValue)
        }
        let count = entry.byteRange.count / 4
        var scalars = [Float](repeating: 0, count: count)
        data.withUnsafeBytes { source in
            scalars.withUnsafeMutableBytes { target in
                target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[entry.byteRange]))
            }
        }
        #if _endian(big)
        for i in scalars.indices { scalars[i] = Float(bitPattern: UInt32(littleEndian: scalars[i].bitPattern)) }
        #endif
        return Tensor(shape: entry.shape, scalars: scalars)
    }

    private static func checkedProduct(_ shape: [Int]) -> Int? {
        var product = 1
        for dimension in shape {
            let (next, overflow) = product.multipliedReportingOverflow(by: dimension)
            if overflow { return nil }
            product = next
        }
        return product
    }
}

/// The header's content, checked field by field as the format defines it:
/// `__metadata__` an object of strings (or null), every other key a tensor
/// with exactly `dtype` (a string), `shape` and `data_offsets` (whole numbers ≥ 0).
private struct RawHeader {
    struct TensorInfo {
        var dtype: String
        var shape: [Int]
        var offsets: [Int]
    }

    var metadata: [String: String] = [:]
    /// In header order, so that the first problem reported is the first in the file.
    var tensors: [(name: String, info: TensorInfo)] = []

    init(_ bytes: ArraySlice<UInt8>) throws(SafetensorsError) {
        // Checked first: the parser below would otherwise replace bad bytes quietly.
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw .invalidHeader(reason: "it is not valid UTF-8")
        }
        let json: HeaderJSON
        do {
            json = try HeaderJSON.parse(bytes)
        } catch {
            throw .invalidHeader(reason: "not valid JSON at byte \(error.offset): \(error.reason)")
        }
        guard case .object(let members) = json else { throw .invalidHeader(reason: "it is not a JSON object") }
        for (key, value) in members {
            if key == "__metadata__" {
                if value == .null { continue }
                guard case .object(let pairs) = value else {
                    throw .invalidHeader(reason: "'__metadata__' is \(value.kind), not an object of strings")
                }
                for (name, text) in pairs {
                    guard case .string(let string) = text else {
                        throw .invalidHeader(reason: "'__metadata__'.'\(name)' is \(text.kind), not a string")
                    }
                    metadata[name] = string
                }
            } else {
                tensors.append((key, try Self.tensorInfo(value, name: key)))
            }
        }
    }

    private static func tensorInfo(_ value: HeaderJSON, name: String) throws(SafetensorsError) -> TensorInfo {
        guard case .object(let fields) = value else {
            throw .invalidHeader(reason: "'\(name)' is \(value.kind), not a tensor entry")
        }
        var dtype: String?
        var shape: [Int]?
        var offsets: [Int]?
        for (field, content) in fields {
            switch field {
            case "dtype":
                guard case .string(let text) = content else {
                    throw .invalidHeader(reason: "'\(name)'.'dtype' is \(content.kind), not a string")
                }
                dtype = text
            case "shape", "data_offsets":
                guard case .array(let elements) = content else {
                    throw .invalidHeader(reason: "'\(name)'.'\(field)' is \(content.kind), not an array")
                }
                var numbers: [Int] = []
                for (index, element) in elements.enumerated() {
                    guard let number = element.unsignedInteger else {
                        let shown = if case .number(let text) = element { text } else { element.kind }
                        throw .invalidHeader(
                            reason: "'\(name)'.'\(field)'[\(index)] is \(shown), not a whole number ≥ 0 written without a fraction")
                    }
                    numbers.append(number)
                }
                if field == "shape" { shape = numbers } else { offsets = numbers }
            default:
                throw .invalidHeader(reason: "'\(name)' has an unknown field '\(field)'")
            }
        }
        guard let dtype else { throw .invalidHeader(reason: "'\(name)' has no 'dtype'") }
        guard let shape else { throw .invalidHeader(reason: "'\(name)' has no 'shape'") }
        guard let offsets else { throw .invalidHeader(reason: "'\(name)' has no 'data_offsets'") }
        return TensorInfo(dtype: dtype, shape: shape, offsets: offsets)
    }
}

// MARK: - Writing

extension Safetensors {
    /// Encodes F32 tensors and string metadata as a safetensors file.
    ///
    /// Tensors are stored in the order given; names must be unique.
    public static func encode(tensors: [(name: String, tensor: Tensor)], metadata: [String: String]) -> [UInt8] {
        precondition(Set(tensors.map(\.name)).count == tensors.count, "duplicate tensor names")
        var header = "{"
        var fields: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.sorted { $0.key < $1.key }
                .map { "\(JSONText.quoted($0.key)):\(JSONText.quoted($0.value))" }
            fields.append("\"__metadata__\":{" + pairs.joined(separator: ",") + "}")
        }
        var offset = 0
        for (name, tensor) in tensors {
            let byteCount = tensor.count * 4
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            fields.append("\(JSONText.quoted(name)):{\"dtype\":\"F32\",\"shape\":[\(shape)],"
                          + "\"data_offsets\":[\(offset),\(offset + byteCount)]}")
            offset += byteCount
        }
        header += fields.joined(separator: ",") + "}"

        var headerBytes = Array(header.utf8)
        // The reference pads with spaces so the data starts 8-byte aligned.
        headerBytes += [UInt8](repeating: UInt8(ascii: " "), count: (8 - headerBytes.count % 8) % 8)

        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + headerBytes.count + offset)
        let length = UInt64(headerBytes.count)
        for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: length >> (8 * UInt64(i)))) }
        bytes += headerBytes
        for (_, tensor) in tensors {
            #if _endian(little)
            tensor.scalars.withUnsafeBytes { bytes.append(contentsOf: $0) }
            #else
            for value in tensor.scalars {
                withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            }
            #endif
        }
        return bytes
    }
}
