public import Tensor

/// The entry distribution of the input matrices A and B.
public enum MatmulDistribution: String, Codable, Sendable, CaseIterable {
    /// Independent N(0, 1) entries (Box–Muller, `nextNormal()`).
    case normal
    /// The same N(0, 1) draws with a fraction of the entries of A and of B (0.1 % by default,
    /// chosen uniformly by `nextIndex(below:)`) multiplied by a factor (50 by default): rare large
    /// values at random positions. Reusing the normal draws isolates what the outliers alone do.
    case outliers
    /// The same N(0, 1) draws with a few whole columns of A (0.2 % of them, at least one)
    /// multiplied by a factor (20 by default): outliers as they sit in LLM activations, in a few
    /// feature dimensions along the inner dimension of the product (Dettmers et al.,
    /// "LLM.int8()", 2022), where a scale per row of A cannot separate them. B is left normal.
    case channels
}

/// Where and how large the outliers of the non-normal distributions are.
public struct MatmulOutliers: Codable, Sendable, Equatable {
    /// Fraction of the entries of A and of B scaled by `.outliers`: `round(fraction · n²)`
    /// entries each (none at sizes where that rounds to 0).
    public var scatteredFraction: Double
    /// Factor of the scattered outliers.
    public var scatteredScale: Float
    /// Fraction of the columns of A scaled by `.channels`: `max(1, round(fraction · n))` columns.
    public var channelFraction: Double
    /// Factor of the outlier columns.
    public var channelScale: Float

    /// The outliers as given.
    public init(scatteredFraction: Double, scatteredScale: Float, channelFraction: Double, channelScale: Float) {
        precondition((0...1).contains(scatteredFraction) && (0...1).contains(channelFraction),
                     "matmul outliers: fractions \(scatteredFraction), \(channelFraction) outside [0, 1]")
        (self.scatteredFraction, self.scatteredScale) = (scatteredFraction, scatteredScale)
        (self.channelFraction, self.channelScale) = (channelFraction, channelScale)
    }

    /// Scattered outlier entries per matrix at size n.
    public func scatteredCount(size n: Int) -> Int { Int((scatteredFraction * Double(n * n)).rounded()) }
    /// Outlier columns of A at size n.
    public func channelCount(size n: Int) -> Int { min(n, max(1, Int((channelFraction * Double(n)).rounded()))) }
}

/// The two input matrices of one product, both `n × n`, row-major FP32.
public struct MatmulInputs: Sendable {
    /// The left factor A (the activations).
    public let a: Tensor
    /// The right factor B (the weights).
    public let b: Tensor
    /// Whether each entry of A was made an outlier (row-major; all false for `.normal`).
    public let outlierMask: [Bool]

    /// Draws A then B for `size` from `rng`, each entry N(0, 1); then for `.outliers` picks
    /// `outliers.scatteredCount(size:)` positions of A and then of B (with replacement) and
    /// multiplies each by the scattered factor (a position drawn twice is scaled once more);
    /// for `.channels` multiplies the columns `channelColumns` of A by the channel factor.
    /// - Precondition: `size ≥ 1`; channel columns lie in 0..<size.
    public init(
        size: Int, distribution: MatmulDistribution, outliers: MatmulOutliers, channelColumns: [Int],
        using rng: inout some RandomNumberGenerator
    ) {
        precondition(size >= 1, "matmul inputs: size \(size) must be ≥ 1")
        var a = Tensor.normal(shape: [size, size], using: &rng)
        var b = Tensor.normal(shape: [size, size], using: &rng)
        var mask = [Bool](repeating: false, count: size * size)
        switch distribution {
        case .normal:
            break
        case .outliers:
            let count = outliers.scatteredCount(size: size)
            for _ in 0..<count {
                let i = rng.nextIndex(below: size * size)
                a.storage[i] *= outliers.scatteredScale
                mask[i] = true
            }
            for _ in 0..<count { b.storage[rng.nextIndex(below: size * size)] *= outliers.scatteredScale }
        case .channels:
            for c in channelColumns {
                precondition((0..<size).contains(c), "matmul inputs: outlier column \(c) outside 0..<\(size)")
                for r in 0..<size {
                    a.storage[r * size + c] *= outliers.channelScale
                    mask[r * size + c] = true
                }
            }
        }
        self.a = a
        self.b = b
        outlierMask = mask
    }

    /// Wraps given factors (no outliers marked).
    /// - Precondition: both are square `n × n` of the same n.
    public init(a: Tensor, b: Tensor) {
        precondition(a.shape.count == 2 && a.shape == b.shape && a.shape[0] == a.shape[1],
                     "matmul inputs: need two square matrices of one size, got \(a.shape) and \(b.shape)")
        self.a = a
        self.b = b
        outlierMask = [Bool](repeating: false, count: a.count)
    }

    /// The common size n.
    public var size: Int { a.shape[0] }
}
