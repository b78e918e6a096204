import Foundation

/// The learning rate a step used, as the status line shows it: the rate
/// itself, and when a schedule scales the knob, the knob's base beside it
/// ("lr 0.0012 of 0.003"), so a cosine run near its end does not claim 0.003.
public enum LearningRateReading {
    /// "lr 0.1", or "lr 0.0012 of 0.003" when `scheduled`.
    public static func text(used: Float, base: Float, scheduled: Bool) -> String {
        scheduled ? "lr \(significant(used)) of \(KnobSettings.format(base))" : "lr \(KnobSettings.format(used))"
    }

    /// Two significant digits, short: 0.0012, 0.03, 2.9e-5, 0.
    public static func significant(_ value: Float) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : "∞" }
        guard value != 0 else { return "0" }
        let magnitude = abs(Double(value))
        let exponent = Int(log10(magnitude).rounded(.down))
        if exponent < -4 {
            let mantissa = Double(value) / pow(10, Double(exponent))
            return String(format: "%.1fe%d", mantissa, exponent).replacingOccurrences(of: ".0e", with: "e")
        }
        var text = String(format: "%.\(max(0, 1 - exponent))f", Double(value))
        while text.contains(".") && (text.hasSuffix("0") || text.hasSuffix(".")) { text.removeLast() }
        return text
    }
}
