import Foundation

/// Short number formats for axis ticks, legends and knobs.
public enum NumberFormat {
    /// A compact rendering that fits in about 6 columns: `0.5`, `12`, `1.2k`, `3e-4`, `NaN`.
    public static func compact(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "-∞") }
        let magnitude = abs(value)
        if magnitude == 0 { return "0" }
        if magnitude >= 1e6 || magnitude < 1e-3 { return exponent(value) }
        if magnitude >= 1e4 { return trimmed(String(format: "%.1f", value / 1000)) + "k" }
        if magnitude >= 100 { return String(format: "%.0f", value) }
        if magnitude >= 10 { return trimmed(String(format: "%.1f", value)) }
        if magnitude >= 1 { return trimmed(String(format: "%.2f", value)) }
        return trimmed(String(format: "%.3f", value))
    }

    /// A value with a fixed number of decimals, e.g. for a knob: `0.030`.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return compact(value) }
        return String(format: "%.\(max(0, min(10, decimals)))f", value)
    }

    /// A tick label for `value` on an axis whose ticks are `step` apart.
    public static func tick(_ value: Double, step: Double) -> String {
        guard value.isFinite, step.isFinite, step > 0 else { return compact(value) }
        let magnitude = max(abs(value), step)
        if magnitude >= 1e5 || step < 1e-3 { return exponent(value) }
        let decimals = max(0, Int(-floor(log10(step) + 1e-9)))
        let rounded = abs(value) < step / 1e6 ? 0 : value
        return String(format: "%.\(min(6, decimals))f", rounded)
    }

    /// A percentage with no decimals: `42%`.
    public static func percent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return compact(fraction) }
        return String(format: "%.0f%%", fraction * 100)
    }

    private static func exponent(_ value: Double) -> String {
        // "1.2e-04" → "1.2e-4": terminal columns are precious.
        let text = String(format: "%.1e", value)
        guard let e = text.firstIndex(of: "e") else { return text }
        var mantissa = String(text[..<e])
        if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
        var exponentPart = String(text[text.index(after: e)...])
        let sign = exponentPart.first == "-" ? "-" : ""
        exponentPart = exponentPart.trimmingCharacters(in: CharacterSet(charactersIn: "+-"))
        while exponentPart.count > 1 && exponentPart.first == "0" { exponentPart.removeFirst() }
        return "\(mantissa)e\(sign)\(exponentPart)"
    }

    private static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var result = text
        while result.hasSuffix("0") { result.removeLast() }
        if result.hasSuffix(".") { result.removeLast() }
        return result
    }
}

/// The value drawn at full strength: `explicit` when it is positive and finite,
/// else the largest finite value, else 1 (so a scale is never zero or NaN).
func fullScale(explicit: Double?, values: [Double]) -> Double {
    if let explicit, explicit.isFinite, explicit > 0 { return explicit }
    var largest = 0.0
    for value in values where value.isFinite && value > largest { largest = value }
    return largest > 0 ? largest : 1
}

/// `value` rounded to an integer inside `range`; NaN gives the lower bound.
/// Converting an unchecked Double to Int traps when it is huge, so every
/// data-derived position goes through here.
func clampedIndex(_ value: Double, within range: ClosedRange<Int>) -> Int {
    guard !value.isNaN else { return range.lowerBound }
    let rounded = value.rounded()
    if rounded <= Double(range.lowerBound) { return range.lowerBound }
    if rounded >= Double(range.upperBound) { return range.upperBound }
    return Int(rounded)
}
