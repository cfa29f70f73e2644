public import QuantCore
public import Tensor

/// GPTQ: post-training weight quantization that rounds one column at a time and spreads each
/// column's rounding error over the columns not yet rounded, weighted by the inverse Hessian of
/// the layer's output error (Frantar, Ashkboos, Hoefler & Alistarh 2022, "GPTQ: Accurate
/// Post-Training Quantization for Generative Pre-trained Transformers", algorithm 1).
///
/// ```
/// H ← H + λ·I,  λ = dampening · mean(diag H)          (dead inputs: H_ii = 1, W[:, i] = 0)
/// U = chol(H⁻¹) upper,  H⁻¹ = UᵀU                      (LAPACK dpotrf, dpotri, dpotrf in FP64)
/// for each column i (in act-order: by decreasing H_ii):
///     q_i = Q(w_i)                                     (QuantCore's AffineQuantizer, round to nearest)
///     e_i = (w_i − q_i) / U_ii
///     w_j ← w_j − e_i · U_ij   for j > i               (error feedback)
/// ```
/// The feedback to columns past the current block of `blockSize` columns is deferred and applied
/// as one product `W[:, i₂:] −= E · U[i₁:i₂, i₂:]` ("lazy batch"): the same arithmetic in a
/// different order, so the result does not depend on the block size beyond rounding.
///
/// Scales: per output channel (`.perChannel(axis: 0)`) from the rows of W as given, as in the
/// reference; per group (`.perGroup(axis: 1, size: g)`), each group's scale is set when its first
/// column is reached, from the group's current, error-updated weights (the reference's
/// `find_params(W[:, i : i+g])` at `i mod g = 0`; identical to it when g is a multiple of the
/// block size or equal to it). With act-order the groups are runs of g columns in the permuted
/// order (the reference's non-static groups). Codes are those of `AffineQuantizer.quantize`,
/// min-max ranges (`MinMax`): every code lies on the quantizer's grid.
///
/// With H = I nothing is fed back (U is diagonal) and the result is round-to-nearest exactly.
/// Work in FP64 throughout (the reference uses FP32 on GPUs); the weights are FP32 in and out.
public struct GPTQ: Sendable {
    /// The grid: bits and symmetric or asymmetric.
    public let quantizer: AffineQuantizer
    /// Per output channel or per group of input columns.
    public let granularity: Granularity
    /// Columns per lazy batch (128 in the reference).
    public let blockSize: Int
    /// λ relative to mean(diag H) (0.01 in the reference).
    public let dampening: Double
    /// Quantize columns in order of decreasing H_ii (the reference's `act_order`).
    public let actOrder: Bool

    /// GPTQ with the given grid and options.
    /// - Precondition: `granularity` is `.perChannel(axis: 0)` or `.perGroup(axis: 1 or −1, size: g > 0)`
    ///   (weights are `[out, in]`); `blockSize > 0`; `dampening ≥ 0`.
    public init(
        quantizer: AffineQuantizer, granularity: Granularity = .perChannel(axis: 0), blockSize: Int = 128,
        dampening: Double = 0.01, actOrder: Bool = false
    ) {
        switch granularity {
        case .perChannel(axis: 0): break
        case .perGroup(let axis, let size): precondition((axis == 1 || axis == -1) && size > 0, "GPTQ: groups of \(size) along axis \(axis); use axis 1")
        default: preconditionFailure("GPTQ: granularity \(granularity); use per channel (axis 0) or per group (axis 1)")
        }
        precondition(blockSize > 0 && dampening >= 0, "GPTQ: block size \(blockSize), dampening \(dampening)")
        self.quantizer = quantizer
        self.granularity = granularity
        self.blockSize = blockSize
        self.dampening = dampening
        self.actOrder = actOrder
    }

    /// Columns per group, nil per channel.
    private var groupSize: Int? {
        if case .perGroup(_, let size) = granularity { return size }
        return nil
    }

    /// Quantizes `weight` (`[out, in]`) against the Hessian of its layer's inputs.
    /// - Parameters:
    ///   - weight: W, `[rows, columns]`, finite.
    ///   - hessian: H, `columns × columns`, symmetric positive semi-definite (`GPTQHessian`).
    /// - Throws: `LAPACKError` when the dampened H is not positive definite (λ = 0 with a
    ///   singular H); `QuantizationError.granularity` when the group size does not divide the columns.
    /// - Complexity: O(rows · columns² + columns³) flops.
    public func quantize(_ weight: Tensor, hessian: Matrix64) throws -> GPTQResult {
        precondition(weight.rank == 2, "GPTQ: weight \(weight.shape) is not [out, in]")
        let (rows, columns) = (weight.shape[0], weight.shape[1])
        precondition(hessian.rows == columns && hessian.cols == columns, "GPTQ: H \(hessian.rows)×\(hessian.cols) for \(columns) columns")
        do {
            _ = try GroupLayout(shape: weight.shape, granularity: granularity)
        } catch let error as GranularityError {
            throw QuantizationError.granularity(error)
        }
        let diagonal = (0..<columns).map { hessian[$0, $0] }
        let order = actOrder ? (0..<columns).sorted { (diagonal[$0], $1) > (diagonal[$1], $0) } : Array(0..<columns)
        // W and H in the quantization order; dead inputs (H_ii = 0) get H_ii = 1 and zero weights.
        var w = [Double](repeating: 0, count: rows * columns)
        var h = Matrix64(rows: columns, cols: columns)
        for (i, source) in order.enumerated() {
            let dead = diagonal[source] == 0
            for r in 0..<rows { w[r * columns + i] = dead ? 0 : Double(weight.storage[r * columns + source]) }
            for (j, other) in order.enumerated() { h[i, j] = hessian[source, other] }
            if dead { h[i, i] = 1 }
        }
        let lambda = dampening * (0..<columns).reduce(0.0) { $0 + h[$1, $1] } / Double(columns)
        for i in 0..<columns { h[i, i] += lambda }
        let u = try Cholesky(Cholesky(h).inverse()).lower.transposed

        let groups = groupSize.map { columns / $0 } ?? 1
        var parameters = [AffineParameters](repeating: AffineParameters(scale: 1, zeroPoint: 0), count: rows * groups)
        if groupSize == nil {
            for r in 0..<rows { parameters[r] = rangeParameters(w, row: r, columns: columns, from: 0, count: columns) }
        }
        var codes = [Int32](repeating: 0, count: rows * columns)   // in quantization order
        var values = [Float](repeating: 0, count: rows * columns)
        for start in stride(from: 0, to: columns, by: blockSize) {
            let end = min(start + blockSize, columns), count = end - start
            var errors = [Double](repeating: 0, count: rows * count)
            for i in start..<end {
                if let g = groupSize, i % g == 0 {
                    for r in 0..<rows { parameters[r * groups + i / g] = rangeParameters(w, row: r, columns: columns, from: i, count: g) }
                }
                let d = u[i, i]
                for r in 0..<rows {
                    let p = parameters[r * groups + (groupSize.map { i / $0 } ?? 0)]
                    let q = quantizer.quantize(Float(w[r * columns + i]), p)
                    let value = quantizer.dequantize(q, p)
                    codes[r * columns + i] = q
                    values[r * columns + i] = value
                    let e = (w[r * columns + i] - Double(value)) / d
                    errors[r * count + i - start] = e
                    for j in (i + 1)..<max(i + 1, end) { w[r * columns + j] -= e * u[i, j] }
                }
            }
            guard end < columns else { continue }
            // Lazy batch: the block's feedback to every later column in one FP64 product.
            let tail = columns - end
            let uBlock = Matrix64(rows: count, cols: tail, storage: (start..<end).flatMap { i in (end..<columns).map { u[i, $0] } })
            let update = Matrix64.product(Matrix64(rows: rows, cols: count, storage: errors), uBlock)
            for r in 0..<rows {
                for j in 0..<tail { w[r * columns + end + j] -= update.storage[r * tail + j] }
            }
        }
        // Back to the weight's column order.
        var outCodes = codes, outValues = values
        var groupOfColumn = [Int](repeating: 0, count: columns)
        for (i, source) in order.enumerated() {
            groupOfColumn[source] = groupSize.map { i / $0 } ?? 0
            for r in 0..<rows {
                outCodes[r * columns + source] = codes[r * columns + i]
                outValues[r * columns + source] = values[r * columns + i]
            }
        }
        return GPTQResult(
            codes: outCodes, parameters: parameters, groupOfColumn: groupOfColumn, groupCount: groups,
            quantizer: quantizer, order: order, dequantized: Tensor(shape: [rows, columns], storage: outValues))
    }

    /// The min-max parameters of `count` columns of row `r` of the working weights.
    private func rangeParameters(_ w: [Double], row r: Int, columns: Int, from start: Int, count: Int) -> AffineParameters {
        let values = (start..<(start + count)).map { Float(w[r * columns + $0]) }
        return quantizer.parameters(for: MinMax.range(of: values, symmetric: quantizer.symmetric))
    }
}
