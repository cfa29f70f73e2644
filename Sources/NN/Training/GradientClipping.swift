/// Gradient-norm clipping (Pascanu, Mikolov & Bengio 2013; PyTorch's `clip_grad_norm_`):
/// ```
/// n = √(Σ_p Σ_i g_pi²)   (over every parameter, FP64)
/// g ← g · c / n   when n > c
/// ```
/// - Parameters:
///   - maxNorm: c > 0.
///   - visit: walks the parameters (`Layer.visitParameters`, `GPT.visitParameters`).
/// - Returns: n, the norm before clipping (what training logs).
@discardableResult
public func clipGradientNorm(_ maxNorm: Double, _ visit: ((String, inout Parameter) -> Void) -> Void) -> Double {
    precondition(maxNorm > 0, "clipGradientNorm: maximum \(maxNorm)")
    var sum = 0.0
    visit { _, p in
        for g in p.gradient.storage { sum += Double(g) * Double(g) }
    }
    let norm = sum.squareRoot()
    guard norm > maxNorm else { return norm }
    let factor = Float(maxNorm / norm)
    visit { _, p in
        for i in p.gradient.storage.indices { p.gradient.storage[i] *= factor }
    }
    return norm
}
