/// A complete description of how to quantize a tensor: the target format, symmetric or
/// asymmetric integer grid, granularity, calibration and float scaling.
///
/// Defaults: symmetric, per tensor, min-max, no float scaling. For NF4 use `.nf4()`, which
/// sets the QLoRA block size of 64 along the last axis.
public struct QuantizationScheme: Sendable, Hashable {
    /// What the codes are.
    public enum Target: Sendable, Hashable {
        /// Affine integer codes of 2...16 bits.
        case integer(bits: Int)
        /// Bit patterns of a float format.
        case float(FloatFormat)
        /// Indices into a lookup table (NF4), with absmax scaling per group.
        case table(LookupTableFormat)
    }

    /// The code format.
    public var target: Target
    /// Symmetric integer grid (zero point 0); ignored for float and table targets, which are symmetric.
    public var symmetric: Bool
    /// Which elements share a scale.
    public var granularity: Granularity
    /// How each group's clipping range is chosen.
    public var calibration: Calibration
    /// Float targets only: convert as is, or scale each group into the format's range.
    public var floatScaling: FloatScaling

    /// - Precondition: integer bits in 2...16.
    public init(
        target: Target, symmetric: Bool = true, granularity: Granularity = .perTensor,
        calibration: Calibration = .minMax, floatScaling: FloatScaling = .none
    ) {
        if case .integer(let bits) = target {
            precondition((2...16).contains(bits), "QuantizationScheme: bits \(bits) outside 2...16")
        }
        self.target = target
        self.symmetric = symmetric
        self.granularity = granularity
        self.calibration = calibration
        self.floatScaling = floatScaling
    }

    /// NF4 with absmax blocks of `blockSize` (QLoRA's 64 by default) along the last axis.
    public static func nf4(blockSize: Int = 64, calibration: Calibration = .minMax) -> QuantizationScheme {
        QuantizationScheme(
            target: .table(.nf4), granularity: .perGroup(axis: -1, size: blockSize),
            calibration: calibration)
    }

    /// Bits per stored code.
    public var codeBits: Int {
        switch target {
        case .integer(let bits): return bits
        case .float(let format): return format.bits
        case .table(let format): return format.bits
        }
    }

    /// Whether the codes carry one scale per group (false only for unscaled float conversion).
    public var hasScales: Bool {
        if case .float = target { return floatScaling == .absmax }
        return true
    }

    /// Whether the codes carry a zero point per group.
    public var hasZeroPoints: Bool {
        if case .integer = target { return !symmetric }
        return false
    }
}
