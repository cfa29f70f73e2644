import Foundation

/// Compact tick labels: `0.25`, `1k`, `2.5M`, `1e−3`, with a true minus sign (U+2212).
///
/// Linear axes share one number of decimals across their labels (`0.0, 0.5, 1.0`), as matplotlib
/// and ggplot2 do, so labels align and compare; magnitudes of 1000 and above take a k/M suffix and
/// magnitudes below 0.01 or from 10⁹ up are written `mantissa`e`exponent`.
public enum TickLabelFormat {
    /// The minus sign typography uses for negative numbers; the hyphen-minus is too short.
    public static let minus = "\u{2212}"

    /// Labels for the ticks of a linear axis.
    public static func linear(_ values: [Double]) -> [String] {
        let maxAbs = values.map(abs).max() ?? 0
        if maxAbs == 0 { return values.map { _ in "0" } }
        if maxAbs < 0.01 || maxAbs >= 1000 { return values.map(compact) }
        let decimals = values.map(decimalsNeeded).max() ?? 0
        return values.map { fixed($0, decimals: decimals) }
    }

    /// One value in the shortest compact form: `0`, `0.25`, `40`, `1k`, `1.5M`, `1e−3`, `2.5e9`.
    public static func compact(_ v: Double) -> String {
        let a = abs(v)
        if a == 0 { return "0" }
        if !a.isFinite { return v > 0 ? "∞" : minus + "∞" }
        if a < 0.01 || a >= 1e9 { return scientific(v) }
        if a >= 1e6 { return shortest(v / 1e6) + "M" }
        if a >= 1e3 { return shortest(v / 1e3) + "k" }
        return shortest(v)
    }

    /// A power of two on a log2 axis: decimals from 1/16 to 8192, `2ᵉ` with superscripts beyond.
    static func powerOfTwo(exponent e: Int) -> String {
        if (-4...13).contains(e) { return shortest(pow(2, Double(e))) }
        let superscripts: [Character: Character] = [
            "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻",
        ]
        return "2" + String(String(e).map { superscripts[$0] ?? $0 })
    }

    /// `mantissa e exponent` with up to three decimals in the mantissa; `1e−3` rather than `1.0e−3`.
    static func scientific(_ v: Double) -> String {
        var e = Int(log10(abs(v)).rounded(.down))
        var mantissa = v / pow(10, Double(e))
        // Rounding can leave 9.9999999 where the value was 10^e exactly.
        if abs(mantissa) >= 10 - 1e-9 {
            mantissa /= 10
            e += 1
        } else if abs(mantissa) < 1 - 1e-12 {
            mantissa *= 10
            e -= 1
        }
        let m = shortest(mantissa, maxDecimals: 3)
        return m + "e" + (e < 0 ? minus + String(-e) : String(e))
    }

    /// The fewest decimals (up to `maxDecimals`) that write `v` exactly to 1e−9 relative.
    static func shortest(_ v: Double, maxDecimals: Int = 6) -> String {
        fixed(v, decimals: min(decimalsNeeded(v), maxDecimals))
    }

    /// `v` with `decimals` digits after the point; −0 prints as 0.
    static func fixed(_ v: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", v == 0 ? 0 : v)
        let isZero = !text.contains { $0 != "-" && $0 != "0" && $0 != "." }
        let clean = isZero && text.hasPrefix("-") ? String(text.dropFirst()) : text
        return clean.replacingOccurrences(of: "-", with: minus)
    }

    static func decimalsNeeded(_ v: Double) -> Int {
        for d in 0...9 {
            let scaled = v * pow(10, Double(d))
            if abs(scaled - scaled.rounded()) <= 1e-9 * max(1, abs(scaled)) { return d }
        }
        return 9
    }
}
