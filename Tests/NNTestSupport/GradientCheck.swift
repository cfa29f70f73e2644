public import Tensor

/// Central finite differences of a scalar function of a tensor, and their agreement with an
/// analytic gradient: the check every layer, loss and fake quantizer passes in the tests.
///
/// ```
/// ĝᵢ = (f(x + hᵢ eᵢ) − f(x − hᵢ eᵢ)) / ((xᵢ + h) − (xᵢ − h))
/// relative error = ‖g − ĝ‖₂ / max(‖g‖₂, ‖ĝ‖₂)
/// ```
/// Layers compute in FP32, so the check does too, with the loss reduced in FP64 and the
/// denominator taken as the step actually represented in FP32 (xᵢ ± h round). The difference
/// quotient of a function quadratic in xᵢ (a linear layer under MSE) has no truncation error,
/// so what remains is FP32 rounding of the forward pass, about u·|f|/h with u = 2⁻²⁴: for
/// h = 10⁻² and losses of order 1 that is ~10⁻⁵, under the 10⁻⁴ the issue asks of an FP64
/// check. Norm-wise rather than element-wise error keeps tiny components from dominating.
public enum GradientCheck {
    /// ĝ for `f` at `x`, one pair of evaluations per element.
    public static func numericGradient(of f: (Tensor) -> Double, at x: Tensor, step h: Float = 1e-2) -> [Double] {
        var g = [Double](repeating: 0, count: x.count)
        var probe = x
        for i in x.storage.indices {
            let xi = x.storage[i]
            let up = xi + h, down = xi - h
            probe.storage[i] = up
            let fUp = f(probe)
            probe.storage[i] = down
            let fDown = f(probe)
            probe.storage[i] = xi
            g[i] = (fUp - fDown) / (Double(up) - Double(down))
        }
        return g
    }

    /// ‖a − n‖₂ / max(‖a‖₂, ‖n‖₂); 0 when both are zero.
    /// - Precondition: equal lengths.
    public static func relativeError(analytic a: [Float], numeric n: [Double]) -> Double {
        precondition(a.count == n.count, "GradientCheck: \(a.count) analytic and \(n.count) numeric components")
        var diff = 0.0, na = 0.0, nn = 0.0
        for i in a.indices {
            let d = Double(a[i]) - n[i]
            diff += d * d
            na += Double(a[i]) * Double(a[i])
            nn += n[i] * n[i]
        }
        let scale = max(na, nn).squareRoot()
        return scale == 0 ? 0 : diff.squareRoot() / scale
    }
}
