public import Tensor

/// The entry distribution of the input matrices A and B.
public enum MatmulDistribution: String, Codable, Sendable, CaseIterable {
    /// Independent N(0, 1) entries (Box–Muller, `nextNormal()`).
    case normal
    /// The same N(0, 1) draws with a fraction of the entries (0.1 % by default, chosen uniformly
    /// by `nextIndex(below:)`) multiplied by a factor (50 by default): rare large outliers, as in
    /// LLM activations (Dettmers et al., "LLM.int8()", 2022). Reusing the normal draws isolates
    /// what the outliers alone do to each format.
    case outliers
}

/// The two input matrices of one product, both `n × n`, row-major FP32.
public struct MatmulInputs: Sendable {
    /// The left factor A.
    public let a: Tensor
    /// The right factor B.
    public let b: Tensor

    /// Draws A then B for `size` from `rng`, each entry N(0, 1); for `.outliers`, then picks
    /// `max(1, round(fraction · n²))` positions of A and then of B (with replacement) and multiplies
    /// each by `scale` (a position drawn twice is scaled once more).
    /// - Precondition: `size ≥ 1`, `0 ≤ fraction ≤ 1`.
    public init(
        size: Int, distribution: MatmulDistribution, outlierFraction: Double, outlierScale: Float,
        using rng: inout some RandomNumberGenerator
    ) {
        precondition(size >= 1, "matmul inputs: size \(size) must be ≥ 1")
        precondition((0...1).contains(outlierFraction), "matmul inputs: outlier fraction \(outlierFraction) outside [0, 1]")
        var a = Tensor.normal(shape: [size, size], using: &rng)
        var b = Tensor.normal(shape: [size, size], using: &rng)
        if distribution == .outliers {
            let count = max(1, Int((outlierFraction * Double(size * size)).rounded()))
            for _ in 0..<count { a.storage[rng.nextIndex(below: size * size)] *= outlierScale }
            for _ in 0..<count { b.storage[rng.nextIndex(below: size * size)] *= outlierScale }
        }
        self.a = a
        self.b = b
    }

    /// Wraps given factors.
    /// - Precondition: both are square `n × n` of the same n.
    public init(a: Tensor, b: Tensor) {
        precondition(a.shape.count == 2 && a.shape == b.shape && a.shape[0] == a.shape[1],
                     "matmul inputs: need two square matrices of one size, got \(a.shape) and \(b.shape)")
        self.a = a
        self.b = b
    }

    /// The common size n.
    public var size: Int { a.shape[0] }
}
