/// The interval of real values a quantizer maps onto its codes; values outside are clamped.
public struct ClippingRange: Sendable, Hashable, Codable {
    /// The smallest value mapped onto a code; below it values clamp.
    public var lower: Float
    /// The largest value mapped onto a code; above it values clamp.
    public var upper: Float

    /// - Precondition: `lower ≤ upper`.
    public init(lower: Float, upper: Float) {
        precondition(lower <= upper, "ClippingRange: lower \(lower) above upper \(upper)")
        self.lower = lower
        self.upper = upper
    }

    /// The symmetric range [−t, t].
    public init(symmetric t: Float) { self.init(lower: -t, upper: t) }

    /// The largest magnitude in the range.
    public var absMax: Float { max(lower.magnitude, upper.magnitude) }
}
