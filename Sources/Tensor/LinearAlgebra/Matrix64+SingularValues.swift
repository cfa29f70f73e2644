extension Matrix64 {
    /// The singular values σ₁ ≥ σ₂ ≥ … ≥ σ_min(m,n) ≥ 0 (LAPACK `dgesvd`, no vectors).
    ///
    /// Each is accurate to about ε·σ₁ in absolute terms (Demmel & Kahan); small ones therefore
    /// carry relative error up to ε·κ.
    /// - Returns: `min(rows, cols)` values, descending.
    /// - Throws: `LAPACKError` when the bidiagonal QR iteration does not converge.
    public func singularValues() throws -> [Double] {
        guard rows > 0, cols > 0 else { return [] }
        // A and Aᵀ share their singular values, so the row-major storage, read column-major
        // as the cols × rows matrix Aᵀ, needs no transposition.
        var a = storage
        return try OpenBLAS.dgesvdValues(m: cols, n: rows, a: &a)
    }

    /// The 2-norm condition number:
    /// ```
    /// κ₂(A) = σ_max / σ_min
    /// ```
    /// - Returns: κ₂ ≥ 1; `+∞` when the smallest singular value is 0 (rank deficient).
    /// - Throws: `LAPACKError` when the SVD does not converge.
    public func conditionNumber() throws -> Double {
        let sigma = try singularValues()
        guard let largest = sigma.first, let smallest = sigma.last else { return .nan }
        return smallest == 0 ? .infinity : largest / smallest
    }
}
