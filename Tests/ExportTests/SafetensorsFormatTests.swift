import Foundation
import MiniNN
import Testing

@Suite("safetensors: the byte layout")
struct SafetensorsFormatTests {
    let tensors: [(name: String, tensor: Tensor)] = [
        ("layers.0.weight", Tensor(shape: [2, 3], scalars: [1, -2, 3.5, 0, .leastNonzeroMagnitude, -0.0])),
        ("layers.0.bias", Tensor(shape: [2], scalars: [0.25, .greatestFiniteMagnitude])),
    ]

    /// The header length read from the first 8 bytes, little-endian.
    func headerLength(_ bytes: [UInt8]) -> Int {
        (0..<8).reduce(0) { $0 | Int(bytes[$1]) << (8 * $1) }
    }

    @Test("the header length is little-endian and the header is padded with spaces to 8 bytes")
    func headerLayout() throws {
        let bytes = Safetensors.encode(tensors: tensors, metadata: ["note": "héllo \"quoted\"\n"])
        let length = headerLength(bytes)
        #expect(length % 8 == 0)
        let header = try #require(String(bytes: bytes[8..<(8 + length)], encoding: .utf8))
        #expect(header.hasPrefix("{"))
        let trimmed = header.replacingOccurrences(of: " +$", with: "", options: .regularExpression)
        #expect(trimmed.hasSuffix("}"))
        #expect(header.count - trimmed.count < 8)
        // 8 floats of data after the header.
        #expect(bytes.count == 8 + length + 8 * 4)
    }

    @Test("the header is JSON with dtype, shape and data_offsets per tensor and string metadata")
    func headerContents() throws {
        let bytes = Safetensors.encode(tensors: tensors, metadata: ["note": "héllo \"quoted\"\n"])
        let header = Data(bytes[8..<(8 + headerLength(bytes))])
        let json = try #require(try JSONSerialization.jsonObject(with: header) as? [String: Any])
        #expect(json["__metadata__"] as? [String: String] == ["note": "héllo \"quoted\"\n"])
        let weight = try #require(json["layers.0.weight"] as? [String: Any])
        #expect(weight["dtype"] as? String == "F32")
        #expect(weight["shape"] as? [Int] == [2, 3])
        #expect(weight["data_offsets"] as? [Int] == [0, 24])
        let bias = try #require(json["layers.0.bias"] as? [String: Any])
        #expect(bias["data_offsets"] as? [Int] == [24, 32])
    }

    @Test("the data is raw little-endian float32, tensors in the order given")
    func dataBytes() {
        let bytes = Safetensors.encode(tensors: tensors, metadata: [:])
        let start = 8 + headerLength(bytes)
        let values = tensors.flatMap(\.tensor.scalars)
        for (i, value) in values.enumerated() {
            let word = (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[start + 4 * i + $1]) << (8 * UInt32($1)) }
            #expect(word == value.bitPattern, "float \(i)")
        }
    }

    @Test("parsing what was encoded gives back the same tensors, bit for bit, and the metadata")
    func roundTrip() throws {
        let metadata = ["a": "1", "json": "{\"x\": [1, 2]}", "empty": ""]
        let file = try Safetensors(parsing: Safetensors.encode(tensors: tensors, metadata: metadata))
        #expect(file.metadata == metadata)
        #expect(file.tensorNames == tensors.map(\.name))
        for (name, tensor) in tensors {
            let read = try file.floatTensor(named: name)
            #expect(read.shape == tensor.shape)
            #expect(read.scalars.map(\.bitPattern) == tensor.scalars.map(\.bitPattern))
        }
    }

    @Test("a file with no tensors and no metadata is the 8-byte length and `{}` padded")
    func emptyFile() throws {
        let bytes = Safetensors.encode(tensors: [], metadata: [:])
        #expect(bytes == [8, 0, 0, 0, 0, 0, 0, 0] + Array("{}      ".utf8))
        let file = try Safetensors(parsing: bytes)
        #expect(file.entries.isEmpty && file.metadata.isEmpty && file.data.isEmpty)
    }

    @Test("zero-sized tensors are allowed anywhere, as in the reference implementation")
    func emptyTensor() throws {
        let bytes = Safetensors.encode(
            tensors: [("a", Tensor(shape: [0, 3])), ("b", Tensor(shape: [1], scalars: [2])), ("c", Tensor(shape: [0]))],
            metadata: [:])
        let file = try Safetensors(parsing: bytes)
        #expect(try file.floatTensor(named: "a").shape == [0, 3])
        #expect(try file.floatTensor(named: "b").scalars == [2])
    }

    @Test("asking for a tensor that is not there, or of another dtype, is an error")
    func missingOrOtherDType() throws {
        let file = try Safetensors(parsing: Safetensors.encode(tensors: tensors, metadata: [:]))
        #expect(throws: SafetensorsError.missingTensor("layers.9.weight")) {
            try file.floatTensor(named: "layers.9.weight")
        }
        let header = #"{"h":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}"#
        let half = try Safetensors(parsing: MalformedFiles.file(header: header, data: [0, 0, 0, 0]))
        #expect(throws: SafetensorsError.unexpectedDType(tensor: "h", dtype: "F16", expected: "F32")) {
            try half.floatTensor(named: "h")
        }
    }
}
