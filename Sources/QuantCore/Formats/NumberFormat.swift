/// A number format that a tensor can be quantized to: its name on the command line and the
/// facts that `quantlab formats` tabulates.
///
/// Values of `Double` are exact for every fact of every format here (all are dyadic rationals
/// of at most 24 significant bits).
public protocol NumberFormat: Sendable {
    /// The name used on the command line, e.g. `fp8-e4m3`, `int8`, `nf4`.
    var name: String { get }
    /// The name used in tables and prose, e.g. `FP8 E4M3`.
    var displayName: String { get }
    /// Storage bits per value.
    var bits: Int { get }
    /// Exponent bits, for floating-point formats; `nil` otherwise.
    var exponentBits: Int? { get }
    /// Stored (explicit) mantissa bits, for floating-point formats; `nil` otherwise.
    var mantissaBits: Int? { get }
    /// The largest finite value.
    var maxFinite: Double { get }
    /// The smallest positive normal value (floating-point formats); `nil` where the notion does not apply.
    var minNormal: Double? { get }
    /// The smallest positive subnormal value (floating-point formats); `nil` where the notion does not apply.
    var minSubnormal: Double? { get }
    /// The gap between 1 and the next larger value (floating-point), or between adjacent codes
    /// (integer); `nil` for a non-uniform table such as NF4.
    var epsilon: Double? { get }
    /// How many distinct finite values the format can represent (±0 counted once).
    var distinctFiniteValues: Int { get }
}
