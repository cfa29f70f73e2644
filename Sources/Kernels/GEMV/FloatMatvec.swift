public import Tensor

/// FP32 GEMV: `y = W · x` with W stored as FP32, row-major (the baseline of the GEMV speedups).
///
/// Four `SIMD16<Float>` accumulators per row (64 columns per step) hide the FMA latency; the tail
/// below 64 columns is a scalar loop. FP32 accumulation: |ŷ − y| ≤ γ_C · Σ|w||x|, γ_C ≈ C·2⁻²⁴.
///
/// Kept over oneDNN's `dnnl_sgemm` with n = 1 (the Kernels benchmark times both in every run).
/// At 4096×4096 on two cores shared with other jobs (medians of 31 runs each), this kernel took
/// 4.3, 7.8, 7.8, 4.3 and 11.7 ms in five runs where `dnnl_sgemm` took 9.7, 15.3, 17.0, 2.3 and
/// 13.2 ms: faster in four of five, and free of OpenMP threads that spin against the Swift
/// kernels' workers when the two are interleaved (one such run: oneDNN 2.1 against 6.1 ms).
public struct FloatMatvec: MatvecKernel {
    public let rows: Int
    public let columns: Int
    /// Worker threads for the row split.
    public let threads: Int
    private let weights: [Float]

    public var label: String { "FP32 GEMV (Swift SIMD)" }
    public var weightBytes: Int { rows * columns * 4 }

    /// Keeps a copy of `weights` (`rows × columns`, row-major).
    /// - Throws: `KernelInputError` when `weights` is not 2-D or is empty.
    public init(weights: Tensor, threads: Int = defaultKernelThreads) throws(KernelInputError) {
        (rows, columns) = try matvecShape(weights, "FP32 GEMV")
        self.weights = weights.storage
        self.threads = threads
    }

    public func apply(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        precondition(x.count == columns && y.count == rows, "\(label): x has \(x.count) (want \(columns)), y has \(y.count) (want \(rows))")
        let (columns, full) = (columns, columns / 64 * 64)
        weights.withUnsafeBufferPointer { w in
            let wr = UnsafeRawPointer(w.baseAddress!)
            // x is padded to whole blocks of 64; W is not (it keeps the caller's layout), so the
            // last columns of each row go through a scalar tail.
            packedMatvec(x, into: y, paddedColumns: full + 64, threads: threads) { r, xr in
                let row = wr + r * columns * 4
                var a0 = SIMD16<Float>(), a1 = a0, a2 = a0, a3 = a0
                var c = 0
                while c < full {
                    let o = c * 4
                    a0 = a0.addingProduct(row.loadUnaligned(fromByteOffset: o, as: SIMD16<Float>.self), xr.loadUnaligned(fromByteOffset: o, as: SIMD16<Float>.self))
                    a1 = a1.addingProduct(row.loadUnaligned(fromByteOffset: o + 64, as: SIMD16<Float>.self), xr.loadUnaligned(fromByteOffset: o + 64, as: SIMD16<Float>.self))
                    a2 = a2.addingProduct(row.loadUnaligned(fromByteOffset: o + 128, as: SIMD16<Float>.self), xr.loadUnaligned(fromByteOffset: o + 128, as: SIMD16<Float>.self))
                    a3 = a3.addingProduct(row.loadUnaligned(fromByteOffset: o + 192, as: SIMD16<Float>.self), xr.loadUnaligned(fromByteOffset: o + 192, as: SIMD16<Float>.self))
                    c += 64
                }
                var sum = ((a0 + a1) + (a2 + a3)).sum()
                while c < columns {
                    sum += w[r * columns + c] * x[c]
                    c += 1
                }
                return sum
            }
        }
    }
}
