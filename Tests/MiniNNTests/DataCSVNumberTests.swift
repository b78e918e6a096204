import Foundation
import Testing
@testable import MiniNN

@Suite("CSV numbers: the fast decimal reader agrees with Float(_:) and leaves the rest to it")
struct DataCSVNumberTests {
    @Test("random decimals in every common spelling read within one unit in the last place of Float(_:)")
    func agreesWithFloat() {
        var generator = SeededGenerator(seed: 16)
        for _ in 0..<20_000 {
            let magnitude = Double(generator.nextFloat(in: -8..<8))
            let value = Double(generator.nextGaussian()) * pow(10, magnitude)
            for text in [String(format: "%.4g", value), String(format: "%.9g", value), String(format: "%.6e", value),
                         String(format: "%.3f", value), "\(Float(value))"] {
                let expected = Float(text)
                let read = CSVTable.parseNumber(text)
                guard let expected, let read else {
                    Issue.record("\(text): Float gives \(String(describing: expected)), the reader \(String(describing: read))")
                    continue
                }
                let apart = abs(expected.bitPattern.distance(to: read.bitPattern))
                #expect(apart <= 1, "\(text): Float \(expected), the reader \(read)")
            }
        }
    }

    @Test("what is not a plain decimal goes to Float(_:): nan, inf, hex, huge, tiny, and words stay nil")
    func fallbacks() {
        #expect(CSVTable.parseNumber("nan")?.isNaN == true)
        #expect(CSVTable.parseNumber("-inf") == -.infinity)
        #expect(CSVTable.parseNumber("1e40") == .infinity)
        #expect(CSVTable.parseNumber("0x1p3") == 8)
        #expect(CSVTable.parseNumber("1.0000000000000000001") == 1)
        #expect(CSVTable.parseNumber("1e-30") == Float("1e-30"))
        #expect(CSVTable.parseNumber("-0")?.sign == .minus)
        #expect(CSVTable.parseNumber(".5") == 0.5 && CSVTable.parseNumber("5.") == 5 && CSVTable.parseNumber("+2") == 2)
        for word in ["", "-", ".", "e5", "1e", "1.2.3", "12a", "1_000", "--1"] {
            #expect(CSVTable.parseNumber(word) == nil, "\(word)")
        }
    }
}
