import Testing
@testable import Tensor

/// BLAS products against a naive triple loop in FP64, on small odd sizes and every transpose.
@Suite struct ProductTests {
    static let shapes: [(m: Int, k: Int, n: Int)] = [(1, 1, 1), (3, 5, 7), (7, 3, 5), (4, 9, 2), (11, 1, 13)]
    static let transposes = [(false, false), (true, false), (false, true), (true, true)]

    /// Naive `op(A)·op(B)` with A, B given as the already-transposed operands' storage.
    static func naive(_ a: Matrix64, _ b: Matrix64) -> Matrix64 {
        var c = Matrix64(rows: a.rows, cols: b.cols)
        for i in 0..<a.rows {
            for j in 0..<b.cols {
                var sum = 0.0
                for p in 0..<a.cols { sum += a[i, p] * b[p, j] }
                c[i, j] = sum
            }
        }
        return c
    }

    @Test func dgemmMatchesNaiveLoop() {
        var rng = SeededGenerator(seed: 11)
        for (m, k, n) in Self.shapes {
            for (ta, tb) in Self.transposes {
                let a = Matrix64.gaussian(rows: m, cols: k, using: &rng)
                let b = Matrix64.gaussian(rows: k, cols: n, using: &rng)
                // Store the operands transposed when BLAS is asked to transpose them back.
                let c = Matrix64.product(
                    ta ? a.transposed : a, tb ? b.transposed : b, transposeA: ta, transposeB: tb)
                let reference = Self.naive(a, b)
                // Both sum k ≤ 13 products of N(0,1) values in FP64; only the order differs,
                // so they agree to a few ulps of the partial sums (≤ 1e-13 absolute here).
                let diff = zip(c.storage, reference.storage).map { abs($0 - $1) }.max() ?? 0
                #expect(c.rows == m && c.cols == n, "m=\(m) k=\(k) n=\(n) ta=\(ta) tb=\(tb)")
                #expect(diff < 1e-13, "m=\(m) k=\(k) n=\(n) ta=\(ta) tb=\(tb): max diff \(diff)")
            }
        }
    }

    @Test func sgemmMatchesNaiveLoop() {
        var rng = SeededGenerator(seed: 12)
        for (m, k, n) in Self.shapes {
            for (ta, tb) in Self.transposes {
                let a = Tensor.normal(shape: [m, k], using: &rng)
                let b = Tensor.normal(shape: [k, n], using: &rng)
                let at = Tensor(Matrix64(a).transposed), bt = Tensor(Matrix64(b).transposed)
                let c = Tensor.matrixProduct(ta ? at : a, tb ? bt : b, transposeA: ta, transposeB: tb)
                let reference = Self.naive(Matrix64(a), Matrix64(b))
                // FP32 accumulation of k ≤ 13 terms of size O(1): error ≤ k·ε₃₂·Σ|aᵢbᵢ| ≈ 1e-5.
                let diff = zip(c.storage, reference.storage).map { abs(Double($0) - $1) }.max() ?? 0
                #expect(c.shape == [m, n], "m=\(m) k=\(k) n=\(n) ta=\(ta) tb=\(tb)")
                #expect(diff < 1e-4, "m=\(m) k=\(k) n=\(n) ta=\(ta) tb=\(tb): max diff \(diff)")
            }
        }
    }

    @Test func gemvMatchesNaiveLoop() {
        var rng = SeededGenerator(seed: 13)
        for (m, n) in [(1, 1), (3, 5), (6, 2)] {
            let a = Matrix64.gaussian(rows: m, cols: n, using: &rng)
            let x = (0..<n).map { _ in rng.nextNormal() }
            let xt = (0..<m).map { _ in rng.nextNormal() }
            let y = a.product(vector: x)
            let yt = a.product(vector: xt, transposed: true)
            let reference = Self.naive(a, Matrix64(rows: n, cols: 1, storage: x)).storage
            let referenceT = Self.naive(a.transposed, Matrix64(rows: m, cols: 1, storage: xt)).storage
            #expect(zip(y, reference).allSatisfy { abs($0 - $1) < 1e-13 }, "dgemv \(m)×\(n)")
            #expect(zip(yt, referenceT).allSatisfy { abs($0 - $1) < 1e-13 }, "dgemv ᵀ \(m)×\(n)")

            let fy = Tensor.matrixVectorProduct(Tensor(a), Tensor(shape: [n], storage: x.map(Float.init)))
            let fyt = Tensor.matrixVectorProduct(Tensor(a), Tensor(shape: [m], storage: xt.map(Float.init)), transposeA: true)
            // FP32 inputs and accumulation: ≈ 1e-6 relative over ≤ 6 terms; 1e-4 absolute is loose.
            #expect(fy.shape == [m] && zip(fy.storage, reference).allSatisfy { abs(Double($0) - $1) < 1e-4 }, "sgemv \(m)×\(n)")
            #expect(fyt.shape == [n] && zip(fyt.storage, referenceT).allSatisfy { abs(Double($0) - $1) < 1e-4 }, "sgemv ᵀ \(m)×\(n)")
        }
    }

    @Test func knownProductByHand() {
        let a = Matrix64([[1, 2], [3, 4], [5, 6]])
        let b = Matrix64([[1, 0, -1], [2, 1, 0]])
        #expect(a * b == Matrix64([[5, 2, -1], [11, 4, -3], [17, 6, -5]]))
        #expect(Matrix64.product(a, a, transposeA: true) == Matrix64([[35, 44], [44, 56]]))
    }

    @Test func tensorMatrixRoundTripIsExact() {
        var rng = SeededGenerator(seed: 14)
        let t = Tensor.normal(shape: [3, 4], using: &rng)
        let m = Matrix64(t)
        #expect(m.rows == 3 && m.cols == 4 && m[2, 1] == Double(t[2, 1]))
        #expect(Tensor(m) == t)
    }
}
