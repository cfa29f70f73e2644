import Foundation

/// A number printed with its confidence interval, its digits set by the interval's width.
///
/// Rule: the last printed digit of the estimate and of both bounds sits one decade below the
/// leading digit of the interval's half-width (two significant digits of the uncertainty), and
/// never below what the style's significant digits would print for the estimate:
///
/// ```
/// h        = (upper − lower) / 2, in the displayed unit (after ×100 for percentages)
/// decimals = max(0, 1 − floor(log10 h)), capped at the style's own decimals for the estimate
/// ```
///
/// So `−0.00672 %` in `[−3.1 %, 2.9 %]` (h = 3.0) prints `0.0 % [-3.1, 2.9]`, not `-0.00672 %`;
/// `3.5217×` in `[3.41, 3.60]` (h = 0.095) prints `3.52× [3.41, 3.60]`. A rounded zero prints as
/// `0.0`, never `-0.0`. A zero-width interval (every repeat equal) falls back to the style.
/// Only styles printed in fixed notation qualify: percent, ratio, decibels and `plain`.
extension NumberStyle {
    /// `estimate [lower, upper]` with the unit after the estimate (`3.52× [3.41, 3.60]`), or
    /// without unit (`withUnit: false`) for a column whose header names it.
    /// - Parameters:
    ///   - estimate: The point estimate, in the quantity's base unit.
    ///   - lower: The interval's lower bound, same unit.
    ///   - upper: The upper bound, same unit; `lower ≤ upper` (a programmer error otherwise).
    ///   - withUnit: Whether the unit follows the estimate.
    /// - Returns: The text; see the type's rule.
    /// - Throws: `ReportError.nonFiniteNumber` for a NaN or ±∞ value.
    public func formatInterval(_ estimate: Double, lower: Double, upper: Double, withUnit: Bool = true) throws -> String {
        for value in [estimate, lower, upper] where !value.isFinite {
            throw ReportError.nonFiniteNumber(location: "an interval", value: value)
        }
        precondition(lower <= upper, "interval [\(lower), \(upper)] is reversed")
        precondition([.plain, .ratio, .percent, .decibels].contains(quantity), "interval digits need a fixed-notation style, not \(quantity)")
        let scale = quantity == .percent ? 100.0 : 1.0
        guard let decimals = intervalDecimals(estimate: estimate * scale, halfWidth: (upper - lower) * scale / 2) else {
            let bounds = "[\(try formatNumber(lower)), \(try formatNumber(upper))]"
            return (withUnit ? try format(estimate) : try formatNumber(estimate)) + " " + bounds
        }
        func fixed(_ value: Double) -> String { DecimalText.fixed(value * scale, decimals: decimals) }
        let unit = withUnit ? fixedUnit.map { quantity == .ratio ? $0 : " " + $0 } ?? "" : ""
        return "\(fixed(estimate))\(unit) [\(fixed(lower)), \(fixed(upper))]"
    }

    /// The estimate (with its unit) and both bounds (without), each with the digits `formatInterval`
    /// would give them, for prose that places them apart: `0.0 %`, `-3.1`, `2.9`.
    /// - Throws: `ReportError.nonFiniteNumber` for a NaN or ±∞ value.
    public func intervalParts(_ estimate: Double, lower: Double, upper: Double) throws -> (estimate: String, lower: String, upper: String) {
        let text = try formatInterval(estimate, lower: lower, upper: upper)
        guard let open = text.lastIndex(of: "["), let comma = text.lastIndex(of: ",") else { return (text, "", "") }
        let head = String(text[..<open]).trimmingCharacters(in: .whitespaces)
        let low = String(text[text.index(after: open)..<comma]).trimmingCharacters(in: .whitespaces)
        let high = String(text[text.index(after: comma)...].dropLast()).trimmingCharacters(in: .whitespaces)
        return (head, low, high)
    }

    /// Decimals for an interval of `halfWidth` around `estimate` (both in displayed units), or
    /// `nil` when the interval has no width and the style's digits apply.
    func intervalDecimals(estimate: Double, halfWidth: Double) -> Int? {
        guard halfWidth > 0 else { return nil }
        let fromInterval = max(0, 1 - Int((log10(halfWidth)).rounded(.down)))
        guard estimate != 0 else { return fromInterval }
        let exponent = DecimalText.roundedExponent(estimate, digits: significantDigits)
        let fromStyle = max(0, significantDigits - 1 - exponent)
        return min(fromInterval, fromStyle)
    }
}
