/// Least squares in a chosen arithmetic, by the normal equations with Cholesky, by full-batch
/// gradient descent, and (`RoundedLeastSquares+QR.swift`) by Householder QR and iterative
/// refinement, with every intermediate rounded by a `RoundedArithmetic`.
///
/// The loops are written as plain sequential sums (the order a naive kernel would use), each
/// evaluated for many sums at once so that rounding runs on whole arrays:
/// ```
/// normal equations:  G = Σᵢ xᵢxᵢᵀ,  c = Σᵢ yᵢxᵢ,  G = L·Lᵀ,  L z = c,  Lᵀ w = z
/// gradient descent:  w₀ = 0,  w ← w − η · Xᵀ(X w − y),   η = 1/σ_max(X)²
/// ```
/// The normal equations square the condition number (κ(G) = κ(X)²), so their forward error
/// grows like u·κ² (u the unit roundoff): the effect the chapter measures. A Cholesky pivot
/// that is not positive (G lost definiteness to rounding) is a failure, not a crash.
struct RoundedLeastSquares<T: BinaryFloatingPoint> {
    /// X, row-major `rows × cols`, already in the arithmetic's storage format.
    let x: [T]
    /// y, already in the storage format.
    let y: [T]
    let rows: Int
    let cols: Int
    let arithmetic: RoundedArithmetic<T>

    /// Rounds X and y to the storage format.
    init(x: [T], y: [T], rows: Int, cols: Int, arithmetic: RoundedArithmetic<T>) {
        precondition(x.count == rows * cols && y.count == rows, "RoundedLeastSquares: X is \(x.count) values for \(rows)×\(cols), y \(y.count)")
        self.x = arithmetic.store(x)
        self.y = arithmetic.store(y)
        self.rows = rows
        self.cols = cols
        self.arithmetic = arithmetic
    }

    /// The normal-equations solution, or `nil` when the rounded Gram matrix is not positive
    /// definite.
    func normalEquations() -> [T]? {
        let d = cols
        var gramRows = [[T]](repeating: [T](repeating: 0, count: d), count: d)
        var moment = [T](repeating: 0, count: d)
        for i in 0..<rows {
            let row = x[(i * d)..<((i + 1) * d)]
            for j in 0..<d { arithmetic.accumulateProduct(&gramRows[j], row, row[row.startIndex + j]) }
            arithmetic.accumulateProduct(&moment, row, y[i])
        }
        let gram = arithmetic.store(gramRows.flatMap { $0 })
        moment = arithmetic.store(moment)
        guard let lower = cholesky(gram) else { return nil }
        return solve(lower, moment)
    }

    /// Gradient descent for `iterations` full-batch steps of size `learningRate`.
    func gradientDescent(iterations: Int, learningRate: T) -> [T] {
        let d = cols
        let eta = arithmetic.store(learningRate)
        var columns = [[T]](repeating: [], count: d)
        for j in 0..<d { columns[j] = (0..<rows).map { x[$0 * d + j] } }
        var w = [T](repeating: 0, count: d)
        for _ in 0..<iterations {
            var prediction = [T](repeating: 0, count: rows)
            for j in 0..<d { arithmetic.accumulateProduct(&prediction, columns[j][...], w[j]) }
            let residual = arithmetic.store(arithmetic.accumulate(zip(prediction, y).map { $0 - $1 }))
            var gradient = [T](repeating: 0, count: d)
            for i in 0..<rows { arithmetic.accumulateProduct(&gradient, x[(i * d)..<((i + 1) * d)], residual[i]) }
            let step = arithmetic.store(arithmetic.store(gradient).map { eta * $0 })
            w = arithmetic.store(zip(w, step).map { $0 - $1 })
        }
        return w
    }

    /// The lower Cholesky factor of `g` (row-major d × d), every operation rounded; `nil` at a
    /// non-positive pivot.
    private func cholesky(_ g: [T]) -> [T]? {
        let d = cols
        var l = [T](repeating: 0, count: d * d)
        for j in 0..<d {
            var pivot = g[j * d + j]
            for k in 0..<j { pivot = arithmetic.accumulate(pivot - arithmetic.accumulate(l[j * d + k] * l[j * d + k])) }
            pivot = arithmetic.store(pivot)
            guard pivot > 0, pivot.isFinite else { return nil }
            let diagonal = arithmetic.store(pivot.squareRoot())
            l[j * d + j] = diagonal
            for i in (j + 1)..<max(j + 1, d) {
                var s = g[i * d + j]
                for k in 0..<j { s = arithmetic.accumulate(s - arithmetic.accumulate(l[i * d + k] * l[j * d + k])) }
                l[i * d + j] = arithmetic.store(arithmetic.store(s) / diagonal)
            }
        }
        return l
    }

    /// Solves L Lᵀ w = c by forward and back substitution, every operation rounded: R = Lᵀ
    /// is the upper factor the QR solver's substitutions take.
    private func solve(_ l: [T], _ c: [T]) -> [T] {
        let d = cols
        var upper = [T](repeating: 0, count: d * d)
        for i in 0..<d {
            for j in 0...i { upper[j * d + i] = l[i * d + j] }
        }
        return backSubstitution(upper, forwardSubstitutionTransposed(upper, c))
    }
}
