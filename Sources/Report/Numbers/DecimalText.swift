import Foundation

/// Decimal text of a finite double: correct rounding by the C library, then our own layout.
///
/// `printf`'s `%e` and `%f` round the exact binary value, half to even (glibc, IEEE 754 §5.12.2),
/// so the same double always gives the same digits. Layout (separators, exponent form, trimming)
/// is done here, not by a locale.
enum DecimalText {
    /// `value` with `digits` significant digits.
    ///
    /// Fixed notation keeps `max(digits − 1 − e, 0)` decimals, where `e` is the decimal exponent of
    /// the rounded value; outside `scientificOutside` (by rounded magnitude) it writes
    /// `mantissa e exponent`, such as `1.23e-4`.
    static func significant(
        _ value: Double, digits: Int, scientificOutside fixedRange: Range<Double>? = nil, trim: Bool
    ) -> String {
        guard value != 0 else { return "0" }
        let (mantissa, exponent) = scientificParts(value, digits: digits)
        if let fixedRange {
            let magnitude = abs(Double("\(mantissa)e\(exponent)")!)
            if !fixedRange.contains(magnitude) {
                return (trim ? trimZeros(mantissa) : mantissa) + "e\(exponent)"
            }
        }
        let decimals = max(digits - 1 - exponent, 0)
        let fixed = String(format: "%.\(decimals)f", value)
        return grouped(trim ? trimZeros(fixed) : fixed)
    }

    /// `value` with exactly `decimals` digits after the point, separators in the integer part;
    /// a value that rounds to zero prints without sign (`0.0`, never `-0.0`).
    static func fixed(_ value: Double, decimals: Int) -> String {
        var text = String(format: "%.\(decimals)f", value)
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { text.removeFirst() }
        return grouped(text)
    }

    /// `value` rounded to an integer (ties to even) with thousands separators; never `-0`.
    static func integer(_ value: Double) -> String {
        let text = String(format: "%.0f", value)
        return grouped(text == "-0" ? "0" : text)
    }

    /// The decimal exponent of `value` after rounding to `digits` significant digits.
    static func roundedExponent(_ value: Double, digits: Int) -> Int {
        scientificParts(value, digits: digits).exponent
    }

    /// `%.(digits−1)e` split into mantissa text (`-1.23`) and exponent (`-4`).
    private static func scientificParts(_ value: Double, digits: Int) -> (mantissa: String, exponent: Int) {
        let text = String(format: "%.\(digits - 1)e", value)
        let pieces = text.split(separator: "e")
        return (String(pieces[0]), Int(pieces[1])!)
    }

    /// Commas between groups of three digits in the integer part.
    private static func grouped(_ text: String) -> String {
        let negative = text.hasPrefix("-")
        let unsigned = negative ? text.dropFirst() : Substring(text)
        let integerPart = unsigned.prefix { $0 != "." }
        let rest = unsigned.dropFirst(integerPart.count)
        guard integerPart.count > 3 else { return text }
        var groups: [Substring] = []
        var end = integerPart.endIndex
        while end > integerPart.startIndex {
            let start = integerPart.index(end, offsetBy: -3, limitedBy: integerPart.startIndex) ?? integerPart.startIndex
            groups.append(integerPart[start..<end])
            end = start
        }
        return (negative ? "-" : "") + groups.reversed().joined(separator: ",") + rest
    }

    /// `4.1250` → `4.125`, `16.00` → `16`; text without a decimal point is returned unchanged.
    private static func trimZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var trimmed = Substring(text)
        while trimmed.last == "0" { trimmed = trimmed.dropLast() }
        if trimmed.last == "." { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }
}
