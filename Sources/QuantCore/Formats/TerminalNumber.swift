import Foundation

/// A measured number as printed on the terminal: 4 significant digits, enough to read and
/// compare a metric; the files (the sidecar JSON) keep every digit.
///
/// ```
/// 95.72046031505539 → 95.72    0.000123456 → 0.0001235    1234567 → 1.235e+06    +∞ → inf
/// ```
enum TerminalNumber {
    /// `value` with 4 significant digits (C's `%.4g`: trailing zeros dropped, an exponent
    /// outside 1e-4 ..< 1e4); `inf`, `-inf` and `nan` as such.
    static func text(_ value: Double) -> String {
        String(format: "%.4g", value)
    }
}
