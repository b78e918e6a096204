import Foundation
import MiniNN

/// A seeded mutation fuzzer: valid files are damaged in the ways real
/// damage and crafted files look (bit flips, cut-offs, spliced chunks,
/// edited header fields) and fed to a reader, which may refuse them but
/// must not trap.
///
/// `make test` runs a short pass; `make fuzz` a long one. Settings from the
/// environment:
/// - `FUZZ_CASES`: cases per reader (default 3,000);
/// - `FUZZ_SECONDS`: run each reader this long instead, as many cases as fit;
/// - `FUZZ_SEED`: the first seed (default 1); case `i` uses seed + i, so a
///   failure is replayed with `FUZZ_SEED=<seed> FUZZ_CASES=1`;
/// - `FUZZ_CRASH_DIR`: when set, each case is written there before it runs,
///   so the input that traps is left behind as `<reader>.last`.
struct Fuzzer {
    let name: String
    let cases: Int
    let seconds: Double?
    let seed: UInt64
    let crashDirectory: String?

    init(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.name = name
        cases = environment["FUZZ_CASES"].flatMap { Int($0) }.map { max(1, $0) } ?? 3_000
        seconds = environment["FUZZ_SECONDS"].flatMap { Double($0) }.flatMap { $0 > 0 ? $0 : nil }
        seed = environment["FUZZ_SEED"].flatMap { UInt64($0) } ?? 1
        crashDirectory = environment["FUZZ_CRASH_DIR"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// What a pass did, printed so `make fuzz` shows the count per reader.
    struct Tally: CustomStringConvertible {
        var name: String
        var cases = 0
        var accepted = 0
        var refused = 0
        var seed: UInt64
        var description: String {
            "fuzz \(name): \(cases) cases from seed \(seed): \(refused) refused, \(accepted) accepted, no trap"
        }
    }

    /// Runs `body` on `cases` (or `seconds` worth of) mutated inputs; `body`
    /// returns whether the reader accepted its input.
    func run(_ body: (inout Mutator) throws -> Bool) rethrows -> Tally {
        var tally = Tally(name: name, seed: seed)
        let deadline = seconds.map { Date().addingTimeInterval($0) }
        var index: UInt64 = 0
        // One file kept open and rewritten in place: creating a file per case
        // costs more than the case itself.
        let crashFile = crashDirectory.flatMap { directory -> FileHandle? in
            let path = "\(directory)/\(name).last"
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            return FileHandle(forWritingAtPath: path)
        }
        defer { try? crashFile?.close() }
        while deadline.map({ Date() < $0 }) ?? (tally.cases < cases) {
            var mutator = Mutator(seed: seed &+ index, crashFile: crashFile)
            if try body(&mutator) { tally.accepted += 1 } else { tally.refused += 1 }
            tally.cases += 1
            index += 1
        }
        print(tally)
        return tally
    }
}

/// The mutations, drawn from one case's seed.
struct Mutator {
    var random: SeededGenerator
    let crashFile: FileHandle?

    init(seed: UInt64, crashFile: FileHandle?) {
        random = SeededGenerator(seed: seed)
        self.crashFile = crashFile
    }

    mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &random) }
    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &random) < probability }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }

    /// Numbers that break size arithmetic: zero, one, negatives, powers of two
    /// around 32 and 64 bits, floats and exponents where integers belong.
    static let interestingNumbers = [
        "0", "1", "-1", "2", "3", "7", "28", "255", "256", "1024", "1025", "4096", "65536", "65537",
        "2147483647", "2147483648", "4294967295", "4294967296", "9223372036854775807", "9223372036854775808",
        "18446744073709551616", "4611686018427387904", "1e9", "1e400", "0.5", "1.0", "-0", "NaN", "\"1\"", "null",
    ]

    /// `bytes` damaged by one to four random mutations.
    mutating func mutate(_ bytes: [UInt8], splicingFrom donor: [UInt8]? = nil) -> [UInt8] {
        var result = bytes
        for _ in 0..<int(1..<5) {
            switch int(0..<8) {
            case 0, 1:  // flip one bit
                guard !result.isEmpty else { continue }
                result[int(0..<result.count)] ^= 1 << UInt8(int(0..<8))
            case 2:  // set a byte to a boundary value
                guard !result.isEmpty else { continue }
                result[int(0..<result.count)] = pick([0x00, 0x01, 0x7F, 0x80, 0xFF, 0x22, 0x2C, 0x0A, 0x5C, 0x7B])
            case 3:  // cut off the end
                result = Array(result.prefix(int(0..<(result.count + 1))))
            case 4:  // delete a run
                guard !result.isEmpty else { continue }
                let start = int(0..<result.count)
                result.removeSubrange(start..<min(result.count, start + int(1..<64)))
            case 5:  // duplicate a run elsewhere
                guard !result.isEmpty else { continue }
                let start = int(0..<result.count)
                let chunk = result[start..<min(result.count, start + int(1..<64))]
                result.insert(contentsOf: chunk, at: int(0..<(result.count + 1)))
            case 6:  // splice in a run of another valid file
                let source = donor ?? bytes
                guard !source.isEmpty else { continue }
                let start = int(0..<source.count)
                let chunk = source[start..<min(source.count, start + int(1..<256))]
                let at = int(0..<(result.count + 1))
                result.replaceSubrange(at..<min(result.count, at + chunk.count), with: chunk)
            default:  // insert random bytes
                let count = int(1..<16)
                let noise = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
                result.insert(contentsOf: noise, at: int(0..<(result.count + 1)))
            }
        }
        return result
    }

    /// `text` with one to three of its numbers (or string values) replaced by
    /// interesting ones: a header stays JSON-shaped, so the change reaches
    /// the checks behind the parser.
    mutating func editFields(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        for _ in 0..<int(1..<4) {
            let numbers = Mutator.numberRanges(in: scalars)
            guard !numbers.isEmpty else { break }
            let range = pick(numbers)
            scalars.replaceSubrange(range, with: pick(Mutator.interestingNumbers).unicodeScalars)
        }
        if chance(0.2), let quote = scalars.indices.filter({ scalars[$0] == "\"" }).randomElement(using: &random) {
            // A word from another field, or a hostile one, inside a string.
            let word = pick(["dense", "conv2d", "relu", "flatten", "maxPool2d", "__metadata__", "layers.0.weight",
                             "\u{1B}]2;x\u{07}", "F16", "inputShape"])
            scalars.insert(contentsOf: word.unicodeScalars, at: quote + 1)
        }
        return String(String.UnicodeScalarView(scalars))
    }

    /// Where the digits of each number are (with a leading minus).
    static func numberRanges(in scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var index = 0
        while index < scalars.count {
            if ("0"..."9").contains(scalars[index]) {
                var start = index
                if start > 0, scalars[start - 1] == "-" { start -= 1 }
                var end = index
                while end < scalars.count, ("0"..."9").contains(scalars[end]) || scalars[end] == "." { end += 1 }
                ranges.append(start..<end)
                index = end
            } else {
                index += 1
            }
        }
        return ranges
    }

    /// Leaves `bytes` where a trap would not erase them (`FUZZ_CRASH_DIR`).
    func record(_ bytes: [UInt8]) {
        guard let crashFile else { return }
        try? crashFile.truncate(atOffset: 0)
        try? crashFile.write(contentsOf: Data(bytes))
    }
}
