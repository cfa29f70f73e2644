extension RoundedLeastSquares {
    /// Least squares by Householder QR of [X y], every operation rounded (Golub & Van Loan,
    /// *Matrix Computations*, algorithm 5.3.2, with the right-hand side carried as an extra
    /// column):
    /// ```
    /// for k in 0..<d:   α = −sign(a_kk)·‖A[k:, k]‖,   v = A[k:, k] − α·e₁
    ///                   A[k:, j] ← A[k:, j] − (2·vᵀA[k:, j] / vᵀv)·v    for every j > k (y too)
    /// R w = (Qᵀy)[0..<d]  by back substitution
    /// ```
    /// QR works on X itself, so its forward error grows like u·κ(X) (plus u·κ²·‖r‖ for a
    /// residual r ≠ 0) where the normal equations' grows like u·κ(X)²; it cannot fail as
    /// Cholesky can (a zero column leaves a zero pivot, and the solution is then non-finite).
    /// - Returns: w, and R (row-major d × d, upper) for `iterativeRefinement`.
    func householderQR() -> (w: [T], r: [T]) {
        let d = cols, width = cols + 1
        // [X y], row-major rows × (d + 1).
        var a = [T](repeating: 0, count: rows * width)
        for i in 0..<rows {
            for j in 0..<d { a[i * width + j] = x[i * d + j] }
            a[i * width + d] = y[i]
        }
        for k in 0..<d {
            var normSquared: [T] = [0]
            for i in k..<rows { arithmetic.accumulateProduct(&normSquared, [a[i * width + k]][...], a[i * width + k]) }
            let norm = arithmetic.store(arithmetic.store(normSquared[0]).squareRoot())
            let pivot = a[k * width + k]
            let alpha = pivot >= 0 ? -norm : norm
            // v = A[k:, k] − α e₁ (v₀ = a_kk − α adds magnitudes: no cancellation).
            var v = (k..<rows).map { a[$0 * width + k] }
            v[0] = arithmetic.store(pivot - alpha)
            var vv: [T] = [0]
            for value in v { arithmetic.accumulateProduct(&vv, [value][...], value) }
            let vtv = arithmetic.store(vv[0])
            if vtv > 0 {
                // vᵀA[k:, j] for every later column at once.
                var dots = [T](repeating: 0, count: width - k - 1)
                for (offset, i) in (k..<rows).enumerated() {
                    arithmetic.accumulateProduct(&dots, a[(i * width + k + 1)..<((i + 1) * width)], v[offset])
                }
                let factors = arithmetic.store(arithmetic.store(dots).map { 2 * $0 / vtv })
                for (offset, i) in (k..<rows).enumerated() {
                    let update = arithmetic.store(factors.map { $0 * v[offset] })
                    let row = (i * width + k + 1)..<((i + 1) * width)
                    let updated = arithmetic.store(zip(a[row], update).map { $0 - $1 })
                    a.replaceSubrange(row, with: updated)
                }
            }
            a[k * width + k] = alpha
            for i in (k + 1)..<max(k + 1, rows) { a[i * width + k] = 0 }
        }
        var r = [T](repeating: 0, count: d * d)
        for i in 0..<d {
            for j in i..<d { r[i * d + j] = a[i * width + j] }
        }
        let c = (0..<d).map { a[$0 * width + d] }
        return (backSubstitution(r, c), r)
    }

    /// Mixed-precision iterative refinement from the rounded R of `householderQR` (the
    /// corrected semi-normal equations, Björck, *Numerical Methods for Least Squares
    /// Problems*, §2.5.3): the residual and the update are computed in the wider precision
    /// `T` without rounding to the format, the correction solves with the rounded factor.
    /// ```
    /// w₀ = QR solution;   for t in 1…steps:  g = Xᵀ(y − X wₜ)   (T, X not rounded)
    ///                                         Rᵀ z = g,  R δ = z   (rounded)
    ///                                         wₜ₊₁ = wₜ + δ        (T)
    /// ```
    /// Each step contracts the error by about u_format·κ(X)² (the factor's error against the
    /// normal equations' conditioning), so it converges to T's accuracy while that is below 1
    /// and diverges beyond. As practical refinement does, a step is kept only when it lowers
    /// ‖Xᵀ(y − Xw)‖∞, the optimality residual, and refinement stops at the first that does
    /// not: where it cannot converge it returns the QR solution or its last improvement. g
    /// shrinks as w converges and would underflow FP16's range, so it is scaled to unit
    /// max-norm before it is rounded and δ scaled back in T (Higham, Pranesh & Zounon,
    /// "Squeezing a matrix into half precision", 2019).
    /// - Parameters:
    ///   - start: the QR solution and its R (`householderQR()`).
    ///   - wideX: X in T, not rounded to the format (row-major rows × cols).
    ///   - wideY: y in T.
    ///   - steps: the most refinement steps.
    func iterativeRefinement(from start: (w: [T], r: [T]), wideX: [T], wideY: [T], steps: Int) -> [T] {
        precondition(wideX.count == rows * cols && wideY.count == rows, "iterativeRefinement: X is \(wideX.count) values, y \(wideY.count)")
        let d = cols
        /// Xᵀ(y − Xw) in T and its max-norm.
        func optimalityResidual(_ w: [T]) -> (g: [T], norm: T) {
            var g = [T](repeating: 0, count: d)
            for i in 0..<rows {
                let row = wideX[(i * d)..<((i + 1) * d)]
                let residual = wideY[i] - zip(row, w).reduce(T(0)) { $0 + $1.0 * $1.1 }
                for j in 0..<d { g[j] += row[row.startIndex + j] * residual }
            }
            return (g, g.reduce(T(0)) { Swift.max($0, $1.magnitude) })
        }
        let r = start.r
        var w = start.w
        var (g, norm) = optimalityResidual(w)
        for _ in 0..<steps {
            guard norm > 0, norm.isFinite else { break }
            let delta = backSubstitution(r, forwardSubstitutionTransposed(r, arithmetic.store(g.map { $0 / norm })))
            let candidate = zip(w, delta).map { $0 + norm * $1 }
            let next = optimalityResidual(candidate)
            guard next.norm < norm else { break }
            (w, g, norm) = (candidate, next.g, next.norm)
        }
        return w
    }

    /// Solves R w = c (R upper, row-major d × d), every operation rounded.
    func backSubstitution(_ r: [T], _ c: [T]) -> [T] {
        let d = cols
        var w = [T](repeating: 0, count: d)
        for i in stride(from: d - 1, through: 0, by: -1) {
            var s = c[i]
            for k in (i + 1)..<max(i + 1, d) { s = arithmetic.accumulate(s - arithmetic.accumulate(r[i * d + k] * w[k])) }
            w[i] = arithmetic.store(arithmetic.store(s) / r[i * d + i])
        }
        return w
    }

    /// Solves Rᵀ z = g (R upper, row-major d × d), every operation rounded.
    func forwardSubstitutionTransposed(_ r: [T], _ g: [T]) -> [T] {
        let d = cols
        var z = [T](repeating: 0, count: d)
        for i in 0..<d {
            var s = g[i]
            for k in 0..<i { s = arithmetic.accumulate(s - arithmetic.accumulate(r[k * d + i] * z[k])) }
            z[i] = arithmetic.store(arithmetic.store(s) / r[i * d + i])
        }
        return z
    }
}
