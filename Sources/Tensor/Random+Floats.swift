#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Uniform and normal variates mapped from raw bits by our own formulas, so that a seed fixes
/// every number regardless of the standard library's implementation.
extension RandomNumberGenerator {
    /// A uniform `Double` in [0, 1): the top 53 bits of the next word times 2⁻⁵³.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform `Double` in (0, 1]: never zero, safe under a logarithm.
    public mutating func nextOpenUnit() -> Double {
        (Double(next() >> 11) + 1) * 0x1.0p-53
    }

    /// A uniform integer in `0..<bound` (Lemire's multiply-shift; bias below 2⁻⁶⁴·bound).
    public mutating func nextIndex(below bound: Int) -> Int {
        precondition(bound > 0, "nextIndex: bound must be positive, got \(bound)")
        let product = next().multipliedFullWidth(by: UInt64(bound))
        return Int(product.high)
    }

    /// A standard normal variate N(0, 1) by the Box–Muller transform:
    /// ```
    /// z = √(−2 ln u₁) · cos(2π u₂)
    /// ```
    /// with u₁ ∈ (0, 1], u₂ ∈ [0, 1). One pair of uniforms per variate keeps the stream simple.
    public mutating func nextNormal() -> Double {
        let u1 = nextOpenUnit()
        let u2 = nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A Student-t variate with `dof` degrees of freedom: z / √(χ²_ν / ν), χ²_ν a sum of ν squared normals.
    /// - Precondition: `dof ≥ 1`.
    public mutating func nextStudentT(dof: Int) -> Double {
        precondition(dof >= 1, "nextStudentT: degrees of freedom must be ≥ 1, got \(dof)")
        let z = nextNormal()
        var chi2 = 0.0
        for _ in 0..<dof {
            let g = nextNormal()
            chi2 += g * g
        }
        return z / (chi2 / Double(dof)).squareRoot()
    }

    /// Fisher–Yates shuffle of `array` in place, driven only by `nextIndex(below:)`.
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(i, nextIndex(below: i + 1))
        }
    }
}

extension Tensor {
    /// A tensor of independent N(mean, std²) samples.
    public static func normal(
        shape: [Int], mean: Float = 0, std: Float = 1, using rng: inout some RandomNumberGenerator
    ) -> Tensor {
        let n = shape.reduce(1, *)
        var values = [Float](repeating: 0, count: n)
        for i in 0..<n { values[i] = mean + std * Float(rng.nextNormal()) }
        return Tensor(shape: shape, storage: values)
    }

    /// A tensor of independent U[low, high) samples.
    public static func uniform(
        shape: [Int], low: Float = 0, high: Float = 1, using rng: inout some RandomNumberGenerator
    ) -> Tensor {
        let n = shape.reduce(1, *)
        var values = [Float](repeating: 0, count: n)
        for i in 0..<n { values[i] = low + (high - low) * Float(rng.nextUnit()) }
        return Tensor(shape: shape, storage: values)
    }
}
