#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A measured number as printed on the terminal: 4 significant digits, enough to read and
/// compare a metric; the files (the sidecar JSON, the result store) keep every digit. Used by
/// every terminal line that shows a computed number: `quantize`'s SQNR, `explain`'s rounding
/// error, the report's floor verdicts.
///
/// ```
/// 95.72046031505539 → 95.72    0.000123456 → 0.0001235    1234567 → 1.235e+06    +∞ → inf
/// ```
public enum TerminalNumber {
    /// `value` with 4 significant digits (C's `%.4g`: trailing zeros dropped, an exponent
    /// outside 1e-4 ..< 1e4); `inf`, `-inf` and `nan` as such.
    ///
    /// C's formatter directly, not Foundation's `String(format:)`: QuantCore stays free of
    /// Foundation. 16 bytes hold the longest result, `-1.235e+308`.
    public static func text(_ value: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 16)
        let count = withVaList([value]) { vsnprintf(&buffer, buffer.count, "%.4g", $0) }
        return String(decoding: buffer.prefix(Int(max(0, count))).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
