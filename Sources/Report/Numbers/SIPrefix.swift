/// A decimal SI prefix (BIPM, *The International System of Units*, 9th ed., table 7).
///
/// Bytes use these decimal prefixes too (1 GB = 10⁹ B), as disk and memory vendors and model cards
/// do; the report never uses the binary prefixes (KiB, GiB).
public enum SIPrefix: Int, Sendable, Hashable, CaseIterable {
    case nano = -9
    case micro = -6
    case milli = -3
    case none = 0
    case kilo = 3
    case mega = 6
    case giga = 9
    case tera = 12
    case peta = 15

    /// The power of ten the prefix stands for.
    public var exponent: Int { rawValue }

    /// The symbol written before the unit: `n`, `µ` (U+00B5), `m`, ``, `k`, `M`, `G`, `T`, `P`.
    public var symbol: String {
        switch self {
        case .nano: "n"
        case .micro: "µ"
        case .milli: "m"
        case .none: ""
        case .kilo: "k"
        case .mega: "M"
        case .giga: "G"
        case .tera: "T"
        case .peta: "P"
        }
    }

    /// `value` expressed in this prefix's unit, with one rounding.
    ///
    /// ```
    /// scaled = value / 10^exponent
    /// ```
    /// Both 10ⁿ (n ≤ 15) and the quotient's operands are exact doubles, so the result is the
    /// correctly rounded quotient: deterministic on every IEEE 754 machine.
    func scale(_ value: Double) -> Double {
        let power = (0..<abs(exponent)).reduce(1.0) { product, _ in product * 10 }
        return exponent >= 0 ? value / power : value * power
    }
}
