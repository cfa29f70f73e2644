import Tensor
import QuantCore

/// The error of each format's product against the FP64 product of the same (unrounded) inputs.
///
/// ```
/// C₆₄ = A · B in FP64 (OpenBLAS dgemm; its own rounding, ~k·2⁻⁵³ relative, is negligible here)
/// relative error = ‖C₆₄ − Ĉ‖_F / ‖C₆₄‖_F,  max abs error,  SQNR = 10·log₁₀(‖C₆₄‖² / ‖C₆₄ − Ĉ‖²)
/// ```
/// (QuantCore's `ErrorMetrics`). Above `fullErrorMaxSize` both sides are restricted to the same
/// evenly spaced rows of C (see `MatmulParameters.errorRows`), and the record says how many.
struct GEMMErrorTrial {
    /// The FP64 reference rows.
    let reference: [Double]
    /// The rows of C compared, or `nil` for all.
    let rows: [Int]?

    /// Computes the FP64 reference of `inputs` on `rows` (all when `nil`).
    init(inputs: MatmulInputs, rows: [Int]?) {
        let a = rows.map { inputs.a.rows(at: $0) } ?? inputs.a
        reference = (Matrix64(a) * Matrix64(inputs.b)).storage
        self.rows = rows
    }

    /// The error of `contender`'s product (on the same rows) against the reference.
    /// - Throws: what the contender's kernel throws.
    func measure(_ contender: MatmulContender, inputs: MatmulInputs) throws -> ErrorMetrics {
        try contender.prepare(a: inputs.a, b: inputs.b, rows: rows)
        try contender.execute()
        let c = contender.product().storage.map(Double.init)
        return ErrorMetrics(reference: reference, approximation: c)
    }
}
