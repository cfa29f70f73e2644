/// Whether a float-format quantizer first scales values into the format's range.
public enum FloatScaling: String, Sendable, Hashable, CaseIterable {
    /// Convert the values as they are (scale 1): values beyond ±max saturate.
    case none
    /// Divide each group by `t / maxFinite`, t its calibrated absmax, so the group's largest
    /// magnitude lands on the format's largest finite value (as FP8 training recipes do).
    case absmax
}
