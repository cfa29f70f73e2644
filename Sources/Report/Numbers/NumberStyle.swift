/// How one kind of number is written in the report: significant digits, unit and scale.
///
/// All rules live here so that prose, tables and provenance lines agree:
///
/// - **Significant digits** (default 3) are counted after correct rounding of the binary value
///   (round half to even on the exact value, as C's `printf` does). So `9.995`, stored as
///   9.99499999999999957…, becomes `9.99`, while `9.9951` becomes `10.0`. Trailing zeros are kept
///   (`2.50`) because they carry precision, except where a style trims them (bits per weight).
///   Integer parts are never cut: `12345.6` with 3 digits is `12,346`.
/// - **Thousands separators**: a comma in every integer part of four digits or more (`4,096`).
/// - **Scientific notation** only for unitless `plain` numbers whose rounded magnitude is below
///   10⁻³ or at least 10⁶: `0.000123` → `1.23e-4`, `2.5e6` → `2.50e6`. Numbers with a unit are
///   scaled by an SI prefix instead.
/// - **Signs**: ASCII hyphen-minus (`-3.10 dB`), so numbers paste into Python and spreadsheets.
///   Zero, and negative zero, print as `0`.
/// - **Units** follow the number after one ordinary space (`41.2 s`, `12.3 %`, `3.1 dB`), except
///   `×`, which is attached (`3.52×`). Auto-scaled units pick the SI prefix that puts the rounded
///   value in [1, 1000): `0.00099996 s` is `1.00 ms`, not `1,000 µs`.
/// - **NaN and ±∞** are never printed: `format` throws.
public struct NumberStyle: Sendable, Hashable {
    /// What the number measures; fixes its unit symbol and the prefixes it may take.
    public enum Quantity: Sendable, Hashable {
        /// A unitless number.
        case plain
        /// An integer count, printed in full with separators (`4,096`); rounded to the nearest
        /// integer (ties to even).
        case count
        /// A factor such as a speedup: `3.52×`.
        case ratio
        /// A fraction shown as a percentage: 0.123 → `12.3 %`.
        case percent
        /// A level in decibels, given in dB: `-3.10 dB`.
        case decibels
        /// Storage bits per weight, overhead included: `4.125 bits/weight`.
        case bitsPerWeight
        /// A duration, given in seconds: `ns`, `µs`, `ms`, `s` (never minutes).
        case seconds
        /// A size, given in bytes: `B`, `kB`, `MB`, `GB`, `TB`, `PB` (decimal).
        case bytes
        /// A bandwidth, given in bytes per second: `GB/s`.
        case bytesPerSecond
        /// A floating-point rate, given in FLOP per second: `GFLOP/s`.
        case flopsPerSecond
        /// An integer-operation rate, given in operations per second: `GOP/s`.
        case opsPerSecond
    }

    /// What the number measures.
    public var quantity: Quantity
    /// Significant digits kept after rounding (at least 1).
    public var significantDigits: Int
    /// The fixed SI prefix of a scaled quantity, or `nil` to pick one per value.
    public var prefix: SIPrefix?
    /// Whether zeros after the decimal point are dropped (`4.125`, `16`).
    public var trimsTrailingZeros: Bool

    /// A style for `quantity`.
    /// - Parameters:
    ///   - quantity: What the number measures.
    ///   - significantDigits: Digits kept after rounding; 1 or more.
    ///   - prefix: A fixed SI prefix for scaled quantities (seconds, bytes, rates); `nil` picks
    ///     one per value. Must be one the quantity allows (`.milli` bytes is a programmer error).
    ///   - trimsTrailingZeros: Drop zeros after the decimal point.
    public init(
        _ quantity: Quantity, significantDigits: Int = 3, prefix: SIPrefix? = nil,
        trimsTrailingZeros: Bool = false
    ) {
        precondition(significantDigits >= 1, "significant digits must be at least 1")
        if let prefix {
            precondition(
                quantity.prefixes.contains(prefix),
                "prefix \(prefix) is not allowed for \(quantity)")
        }
        self.quantity = quantity
        self.significantDigits = significantDigits
        self.prefix = prefix
        self.trimsTrailingZeros = trimsTrailingZeros
    }

    /// A unitless number, 3 significant digits.
    public static let plain = NumberStyle(.plain)
    /// An integer count with separators.
    public static let count = NumberStyle(.count)
    /// A factor, `3.52×`.
    public static let ratio = NumberStyle(.ratio)
    /// A fraction shown as a percentage, `12.3 %`.
    public static let percent = NumberStyle(.percent)
    /// A level in dB, `-3.10 dB`.
    public static let decibels = NumberStyle(.decibels)
    /// Bits per weight with up to 4 significant digits, zeros trimmed: `4.125`, `16`.
    public static let bitsPerWeight = NumberStyle(.bitsPerWeight, significantDigits: 4, trimsTrailingZeros: true)
    /// A duration in seconds, auto-scaled: `41.2 s`, `120 µs`.
    public static let duration = NumberStyle(.seconds)
    /// A size in bytes, auto-scaled with decimal prefixes: `14.0 GB`.
    public static let bytes = NumberStyle(.bytes)

    /// A duration given in seconds, shown in a fixed unit (`.milli` → `ms`) or auto-scaled.
    public static func seconds(in prefix: SIPrefix? = nil) -> NumberStyle { NumberStyle(.seconds, prefix: prefix) }
    /// A size given in bytes, shown in a fixed unit (`.giga` → `GB`) or auto-scaled.
    public static func bytes(in prefix: SIPrefix? = nil) -> NumberStyle { NumberStyle(.bytes, prefix: prefix) }
    /// A bandwidth given in bytes per second, shown in `GB/s` unless another prefix is asked for.
    public static func bytesPerSecond(in prefix: SIPrefix? = .giga) -> NumberStyle {
        NumberStyle(.bytesPerSecond, prefix: prefix)
    }
    /// A rate given in FLOP per second, shown in `GFLOP/s` unless another prefix is asked for.
    public static func flopsPerSecond(in prefix: SIPrefix? = .giga) -> NumberStyle {
        NumberStyle(.flopsPerSecond, prefix: prefix)
    }
    /// A rate given in operations per second, shown in `GOP/s` unless another prefix is asked for.
    public static func opsPerSecond(in prefix: SIPrefix? = .giga) -> NumberStyle {
        NumberStyle(.opsPerSecond, prefix: prefix)
    }

    /// This style with `digits` significant digits.
    public func digits(_ digits: Int) -> NumberStyle {
        NumberStyle(quantity, significantDigits: digits, prefix: prefix, trimsTrailingZeros: trimsTrailingZeros)
    }

    /// The unit every value of this style is shown in, for a table header (`ms`, `%`, `×`), or
    /// `nil` when the style has no unit or picks a prefix per value.
    public var fixedUnit: String? {
        switch quantity {
        case .plain, .count: nil
        case .ratio: "×"
        case .percent: "%"
        case .decibels: "dB"
        case .bitsPerWeight: "bits/weight"
        case .seconds, .bytes, .bytesPerSecond, .flopsPerSecond, .opsPerSecond:
            prefix.map { $0.symbol + quantity.baseSymbol }
        }
    }

    /// `value` with its unit: `41.2 s`, `3.52×`, `12.3 %`.
    /// - Parameter value: The number in the quantity's base unit (seconds, bytes, a fraction for
    ///   percentages, a factor for ratios).
    /// - Returns: The text; see the type's rules.
    /// - Throws: `ReportError.nonFiniteNumber` for NaN or ±∞.
    public func format(_ value: Double) throws -> String {
        let (number, unit) = try parts(value)
        guard let unit else { return number }
        return quantity == .ratio ? number + unit : number + " " + unit
    }

    /// `value` without its unit, for a table cell under a header that names `fixedUnit`.
    /// - Parameter value: As for `format`.
    /// - Returns: The number alone: `41.2` for `seconds(in: .none)`.
    /// - Throws: `ReportError.nonFiniteNumber` for NaN or ±∞.
    public func formatNumber(_ value: Double) throws -> String {
        try parts(value).number
    }

    /// The number and the unit symbol (`nil` when unitless) of `value`.
    private func parts(_ value: Double) throws -> (number: String, unit: String?) {
        guard value.isFinite else { throw ReportError.nonFiniteNumber(location: "a number", value: value) }
        switch quantity {
        case .plain:
            return (DecimalText.significant(value, digits: significantDigits, scientificOutside: 1e-3..<1e6, trim: trimsTrailingZeros), nil)
        case .count:
            return (DecimalText.integer(value), nil)
        case .ratio, .decibels, .bitsPerWeight, .percent:
            let shown = quantity == .percent ? value * 100 : value
            return (DecimalText.significant(shown, digits: significantDigits, trim: trimsTrailingZeros), fixedUnit)
        case .seconds, .bytes, .bytesPerSecond, .flopsPerSecond, .opsPerSecond:
            let chosen = prefix ?? autoPrefix(for: value)
            let number = DecimalText.significant(chosen.scale(value), digits: significantDigits, trim: trimsTrailingZeros)
            return (number, chosen.symbol + quantity.baseSymbol)
        }
    }

    /// The allowed prefix that puts `value`, rounded, in [1, 1000), or the nearest allowed one.
    private func autoPrefix(for value: Double) -> SIPrefix {
        guard value != 0 else { return .none }
        let exponent = DecimalText.roundedExponent(value, digits: significantDigits)
        let wanted = Int((Double(exponent) / 3).rounded(.down)) * 3
        let allowed = quantity.prefixes
        return allowed.last { $0.exponent <= wanted } ?? allowed[0]
    }
}

extension NumberStyle.Quantity {
    /// The unit symbol without prefix.
    var baseSymbol: String {
        switch self {
        case .seconds: "s"
        case .bytes: "B"
        case .bytesPerSecond: "B/s"
        case .flopsPerSecond: "FLOP/s"
        case .opsPerSecond: "OP/s"
        case .plain, .count, .ratio, .percent, .decibels, .bitsPerWeight: ""
        }
    }

    /// The prefixes the quantity may take, smallest first; durations stop at seconds because a
    /// run is reported in seconds however long it takes.
    var prefixes: [SIPrefix] {
        switch self {
        case .seconds: [.nano, .micro, .milli, .none]
        case .bytes, .bytesPerSecond, .flopsPerSecond, .opsPerSecond: [.none, .kilo, .mega, .giga, .tera, .peta]
        case .plain, .count, .ratio, .percent, .decibels, .bitsPerWeight: [.none]
        }
    }
}
