/// Exact storage of a quantized tensor: codes plus the per-group scales and zero points.
///
/// ```
/// total bits      = n · b + groups · (scale bits + zero-point bits)
/// bits per weight = total bits / n
/// ```
/// e.g. INT4 in groups of 128 with one FP16 scale each: 4 + 16/128 = 4.125 bits per weight.
public struct StorageCost: Sendable, Hashable, Codable {
    /// Number of coded elements n.
    public let elements: Int
    /// Bits per code b.
    public let codeBits: Int
    /// Number of groups, each with one scale (and zero point).
    public let groups: Int
    /// Bits per stored scale (16 for FP16, 32 for FP32).
    public let scaleBits: Int
    /// Bits per stored zero point (0 when symmetric).
    public let zeroPointBits: Int

    /// - Precondition: no negative count or width; `codeBits > 0`.
    public init(elements: Int, codeBits: Int, groups: Int, scaleBits: Int, zeroPointBits: Int = 0) {
        precondition(elements >= 0 && codeBits > 0 && groups >= 0 && scaleBits >= 0 && zeroPointBits >= 0,
                     "StorageCost: negative count or width")
        self.elements = elements
        self.codeBits = codeBits
        self.groups = groups
        self.scaleBits = scaleBits
        self.zeroPointBits = zeroPointBits
    }

    /// All bits stored.
    public var totalBits: Int { elements * codeBits + groups * (scaleBits + zeroPointBits) }
    /// Bytes when codes are packed without padding between them (rounded up once at the end).
    public var totalBytes: Int { (totalBits + 7) / 8 }
    /// Average bits per element, overhead included; 0 for an empty tensor.
    public var bitsPerWeight: Double { elements == 0 ? 0 : Double(totalBits) / Double(elements) }
}
