/// Coefficient error of one fitting arithmetic and solver at one condition number.
public struct KappaErrorPoint: Sendable, Hashable {
    /// `fp64`, `fp32`, `bf16`, `fp16`, `bf16-acc32`, `fp16-acc32`.
    public let arithmetic: String
    /// `qr`, `normal-equations`, `gradient-descent`, `refinement`.
    public let solver: String
    /// Whether the arithmetic was emulated by rounding.
    public let emulated: Bool
    /// The condition number κ of the synthetic X.
    public let kappa: Double
    /// Median ‖ŵ − w_QR‖/‖w_QR‖ over the fits that did not fail; NaN when all failed.
    public let medianCoefficientError: Double
    /// Median test RMSE over the fits that did not fail; NaN when all failed.
    public let medianTestRMSE: Double
    /// Fits that failed (Cholesky met a non-positive pivot, or a coefficient is not finite).
    public let failures: Int
    /// Fits in all.
    public let count: Int
}
