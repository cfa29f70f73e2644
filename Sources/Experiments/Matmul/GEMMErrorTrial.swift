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
///
/// The measured rows are also split into `blocks` contiguous groups whose energies
/// `Σ(c₆₄ − ĉ)²` and `Σc₆₄²` are kept, so the analysis can put a bootstrap interval on the
/// relative error (resampling blocks of rows) although each size is one draw.
struct GEMMErrorTrial {
    /// The error energies of one block of rows.
    struct Block {
        /// Σ(c₆₄ − ĉ)² over the block.
        var squaredError = 0.0
        /// Σc₆₄² over the block.
        var squaredReference = 0.0
    }

    /// The FP64 reference rows.
    let reference: [Double]
    /// The rows of C compared, or `nil` for all.
    let rows: [Int]?
    /// Columns of C (= n).
    let columns: Int
    /// Blocks of rows the energies are kept for.
    let blocks: Int

    /// Computes the FP64 reference of `inputs` on `rows` (all when `nil`).
    init(inputs: MatmulInputs, rows: [Int]?, blocks: Int) {
        let a = rows.map { inputs.a.rows(at: $0) } ?? inputs.a
        reference = (Matrix64(a) * Matrix64(inputs.b)).storage
        self.rows = rows
        columns = inputs.size
        self.blocks = max(1, min(blocks, rows?.count ?? inputs.size))
    }

    /// The error of `contender`'s product (on the same rows) against the reference.
    /// - Throws: what the contender's kernel throws.
    func measure(_ contender: MatmulContender, inputs: MatmulInputs) throws -> (metrics: ErrorMetrics, blocks: [Block]) {
        try contender.prepare(a: inputs.a, b: inputs.b, rows: rows)
        try contender.execute()
        return metrics(of: contender.product().storage)
    }

    /// The error of a product `c` of the measured rows (row-major) against the reference.
    func metrics(of c: [Float]) -> (metrics: ErrorMetrics, blocks: [Block]) {
        let c = c.map(Double.init)
        precondition(c.count == reference.count, "GEMMErrorTrial: \(c.count) values for \(reference.count) reference values")
        let measuredRows = reference.count / columns
        let energies = (0..<blocks).map { block in
            var e = Block()
            for i in (block * measuredRows / blocks * columns)..<((block + 1) * measuredRows / blocks * columns) {
                let d = reference[i] - c[i]
                e.squaredError += d * d
                e.squaredReference += reference[i] * reference[i]
            }
            return e
        }
        return (ErrorMetrics(reference: reference, approximation: c), energies)
    }
}
