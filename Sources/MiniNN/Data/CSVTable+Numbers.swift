extension CSVTable {
    /// A field as a number, or nil. Accepts what `Float` accepts, "nan" and "inf" included.
    ///
    /// Plain decimals ("-12.5", "3e-4", up to 15 significant digits and
    /// powers of ten up to 22) are read by ``plainDecimal(_:)``, the rest by
    /// `Float(_:)`: a million-row table has tens of millions of fields, and
    /// `Float(_:)` (strtof) took most of the time of reading one.
    public static func parseNumber(_ field: String) -> Float? {
        var text = field
        return text.withUTF8 { parseNumber(bytes: $0) }
    }

    /// ``parseNumber(_:)`` on a field's UTF-8 bytes: only a field that is not
    /// a plain decimal is made a `String`, for `Float(_:)`.
    public static func parseNumber(bytes: UnsafeBufferPointer<UInt8>) -> Float? {
        guard !bytes.isEmpty else { return nil }
        if let value = plainDecimal(bytes) { return value }
        return Float(String(decoding: bytes, as: UTF8.self))
    }

    /// Powers of ten a Double holds exactly.
    private static let exactPowersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// `[+-]digits[.digits][(e|E)[+-]digits]` as a Float, or nil for anything
    /// else (left to `Float(_:)`). The significand (at most 15 digits, so it is
    /// exact in a Double) times an exact power of ten is one correctly rounded
    /// Double operation; rounding that Double to Float can differ from
    /// strtof's single rounding by one unit in the last place, far below what
    /// a feature's standardization notices.
    static func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Float? {
        let count = bytes.count
        var index = 0
        var negative = false
        if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var significand: UInt64 = 0
        var significantDigits = 0
        var exponent = 0
        var sawDigit = false
        while index < count, bytes[index] &- 0x30 < 10 {
            let digit = UInt64(bytes[index] &- 0x30)
            if significand != 0 || digit != 0 {
                guard significantDigits < 15 else { return nil }
                significand = significand * 10 + digit
                significantDigits += 1
            }
            sawDigit = true
            index += 1
        }
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < count, bytes[index] &- 0x30 < 10 {
                let digit = UInt64(bytes[index] &- 0x30)
                if significand != 0 || digit != 0 {
                    guard significantDigits < 15 else { return nil }
                    significand = significand * 10 + digit
                    significantDigits += 1
                }
                exponent -= 1
                sawDigit = true
                index += 1
            }
        }
        guard sawDigit else { return nil }
        if index < count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var exponentNegative = false
            if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var written = 0
            var digits = 0
            while index < count, bytes[index] &- 0x30 < 10, digits < 4 {
                written = written * 10 + Int(bytes[index] &- 0x30)
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            exponent += exponentNegative ? -written : written
        }
        guard index == count else { return nil }
        var value = Double(significand)
        if significand != 0 {
            if exponent >= 0 {
                guard exponent < exactPowersOfTen.count else { return nil }
                value *= exactPowersOfTen[exponent]
            } else {
                guard -exponent < exactPowersOfTen.count else { return nil }
                value /= exactPowersOfTen[-exponent]
            }
        }
        return Float(negative ? -value : value)
    }
}
