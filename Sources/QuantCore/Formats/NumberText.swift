/// A number typed as text (decimal, hexadecimal float like `0x1.8p-2`, `inf` or `nan`), parsed
/// to the nearest `Double`, with a notice when parsing lost it: a finite number beyond the
/// largest double becomes ±∞ (overflow), a non-zero one below half the smallest subnormal
/// becomes ±0 (underflow).
///
/// ```
/// overflow:   |x| ≥ 2¹⁰²⁴ · (1 − 2⁻⁵⁴)   → ±∞      e.g. 1e999
/// underflow:  0 < |x| ≤ 2⁻¹⁰⁷⁵            → ±0      e.g. 1e-400
/// ```
/// Parsing is the standard library's `Double(_:)`: correctly rounded, ties to even (IEEE 754).
public struct NumberText: Sendable, Equatable {
    /// The parsed value.
    public let value: Double
    /// What parsing lost, or `nil` when the value is the nearest double of a representable input:
    /// `1e999 overflows a double (largest 1.7976931348623157e+308); shown as +∞`.
    public let notice: String?

    /// Parses `text`.
    /// - Returns: `nil` when `text` is not a number.
    public init?(_ text: String) {
        guard let value = Double(text) else { return nil }
        self.value = value
        var body = Substring(text.lowercased())
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        let significand: Substring
        if body.hasPrefix("0x") {
            significand = body.dropFirst(2).prefix { $0 != "p" }
        } else {
            significand = body.prefix { $0 != "e" }
        }
        let nonZeroDigits = significand.contains { $0.isHexDigit && $0 != "0" }
        if value.isInfinite, !body.hasPrefix("inf") {
            notice = "\(text) overflows a double (largest \(Double.greatestFiniteMagnitude)); shown as \(value < 0 ? "-∞" : "+∞")"
        } else if value == 0, nonZeroDigits, !body.hasPrefix("nan") {
            notice = "\(text) underflows a double (smallest \(Double.leastNonzeroMagnitude)); shown as \(value.sign == .minus ? "-0" : "0")"
        } else {
            notice = nil
        }
    }
}
