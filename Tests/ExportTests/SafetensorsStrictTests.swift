import Foundation
import MiniNN
import Testing

/// The header rules other parsers let through: Foundation's JSON decoder
/// reads `256.0` as 256 and keeps the last of two equal keys.
@Suite("safetensors: the header is strict JSON of exactly the format's fields")
struct SafetensorsStrictTests {
    typealias F = MalformedFiles
    static let fourBytes: [UInt8] = [0, 0, 128, 63]

    /// The reason a header is refused with, or nil when it is accepted.
    static func headerRefusal(_ header: String, data: [UInt8] = fourBytes) -> String? {
        do {
            _ = try Safetensors(parsing: F.file(header: header, data: data))
            return nil
        } catch {
            guard case .invalidHeader(let reason) = error else { return "other error: \(error)" }
            return reason
        }
    }

    static let refused: [(name: String, header: String, reason: String)] = [
        ("duplicate tensor key",
         "{" + F.entry("a", shape: "[1]", offsets: "[0,4]") + "," + F.entry("a", shape: "[1]", offsets: "[0,4]") + "}",
         #"not valid JSON at byte 54: the key "a" appears twice in one object"#),
        ("duplicate metadata key",
         #"{"__metadata__":{"k":"1","k":"2"},"# + F.entry("a", shape: "[1]", offsets: "[0,4]") + "}",
         #"not valid JSON at byte 25: the key "k" appears twice in one object"#),
        ("duplicate field in a tensor entry",
         #"{"a":{"dtype":"F32","dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#,
         #"not valid JSON at byte 20: the key "dtype" appears twice in one object"#),
        ("float offsets [0.0, 4.0]", "{" + F.entry("a", shape: "[1]", offsets: "[0.0,4.0]") + "}",
         "'a'.'data_offsets'[0] is 0.0, not a whole number ≥ 0 written without a fraction"),
        ("offset with an exponent", "{" + F.entry("a", shape: "[1]", offsets: "[0,4e0]") + "}",
         "'a'.'data_offsets'[1] is 4e0, not a whole number ≥ 0 written without a fraction"),
        ("float dimension", "{" + F.entry("a", shape: "[1.0]", offsets: "[0,4]") + "}",
         "'a'.'shape'[0] is 1.0, not a whole number ≥ 0 written without a fraction"),
        ("negative zero offset", "{" + F.entry("a", shape: "[1]", offsets: "[-0,4]") + "}",
         "'a'.'data_offsets'[0] is -0, not a whole number ≥ 0 written without a fraction"),
        ("offset as a string", "{" + F.entry("a", shape: "[1]", offsets: #"["0",4]"#) + "}",
         "'a'.'data_offsets'[0] is a string, not a whole number ≥ 0 written without a fraction"),
        ("offset beyond 64 bits", "{" + F.entry("a", shape: "[1]", offsets: "[0,18446744073709551620]") + "}",
         "'a'.'data_offsets'[1] is 18446744073709551620, not a whole number ≥ 0 written without a fraction"),
        ("unknown field", #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"extra":1}}"#,
         "'a' has an unknown field 'extra'"),
        ("missing dtype", #"{"a":{"shape":[1],"data_offsets":[0,4]}}"#, "'a' has no 'dtype'"),
        ("tensor entry that is a number", #"{"a":5}"#, "'a' is a number, not a tensor entry"),
        ("metadata value that is a number", #"{"__metadata__":{"k":1},"# + F.entry("a", shape: "[1]", offsets: "[0,4]") + "}",
         "'__metadata__'.'k' is a number, not a string"),
        ("metadata that is an array", #"{"__metadata__":[],"# + F.entry("a", shape: "[1]", offsets: "[0,4]") + "}",
         "'__metadata__' is an array, not an object of strings"),
        ("text after the object", "{" + F.entry("a", shape: "[1]", offsets: "[0,4]") + "}x",
         "not valid JSON at byte 54: unexpected text after the JSON value"),
        ("two objects", "{}{}", "not valid JSON at byte 2: unexpected text after the JSON value"),
        ("trailing comma", "{" + F.entry("a", shape: "[1]", offsets: "[0,4]") + ",}",
         "not valid JSON at byte 54: expected a key in double quotes"),
        ("raw newline in a key", "{\"a\nb\":1}", "not valid JSON at byte 3: a string holds a raw control character (0xa)"),
        ("lone surrogate escape", #"{"\ud800":1}"#, "not valid JSON at byte 8: a lone surrogate escape"),
        ("nesting 40 deep", #"{"a":"# + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "}",
         "not valid JSON at byte 37: nested deeper than 32 levels"),
        ("single quotes", "{'a':1}", "not valid JSON at byte 1: expected a key in double quotes"),
    ]

    @Test("refused with the rule it breaks", arguments: refused.indices)
    func refusedHeaders(index: Int) {
        let (name, header, reason) = Self.refused[index]
        #expect(Self.headerRefusal(header) == reason, "\(name)")
    }

    @Test("a million [ is refused, not a stack overflow")
    func deepNesting() {
        let header = #"{"a":"# + String(repeating: "[", count: 1_000_000)
        #expect(Self.headerRefusal(header)?.contains("nested deeper than 32 levels") == true)
    }

    @Test("what the format allows still loads: escapes, null metadata, any key order, empty tensors, spaces")
    func accepted() throws {
        let header = #"{ "__metadata__" : null , "b\u00e9\n" : {"data_offsets":[0,4],"shape":[1],"dtype":"F32"},"#
            + F.entry("empty", shape: "[0, 3]", offsets: "[4, 4]") + "}    "
        #expect(Self.headerRefusal(header) == nil)
        let file = try Safetensors(parsing: F.file(header: header, data: Self.fourBytes))
        #expect(file.entries.keys.sorted() == ["bé\n", "empty"])
        #expect(try file.floatTensor(named: "bé\n").scalars == [1])
        // Metadata escapes decode as JSON says, including a surrogate pair.
        let withMetadata = #"{"__metadata__":{"k":"a\"b\\c\/\ud83d\ude00"}}"#
        #expect(try Safetensors(parsing: F.file(header: withMetadata)).metadata == ["k": "a\"b\\c/😀"])
    }

    @Test("a header starting with a space is refused, as the reference refuses it")
    func leadingSpace() throws {
        #expect(throws: SafetensorsError.invalidHeader(reason: "it does not start with '{'")) {
            try Safetensors(parsing: F.file(header: " {}"))
        }
    }

    @Test("files this code writes read back with every tensor and metadata string")
    func roundTrip() throws {
        let tensors: [(name: String, tensor: Tensor)] = [("w", Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])),
                                                         ("b\"q", Tensor(shape: [2], scalars: [5, 6]))]
        let metadata = ["k": "line\nbreak \u{1B}[2J \\ \"quoted\" é"]
        let file = try Safetensors(parsing: Safetensors.encode(tensors: tensors, metadata: metadata))
        #expect(file.metadata == metadata)
        #expect(try file.floatTensor(named: "b\"q").scalars == [5, 6])
        #expect(file.tensorNames == ["w", "b\"q"])
    }
}
