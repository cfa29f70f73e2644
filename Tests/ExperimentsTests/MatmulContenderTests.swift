import Testing
import Tensor
@testable import Experiments

@Suite("Matmul contenders against independent references")
struct MatmulContenderTests {
    /// Every format's product of a 7×13 and a 13×5 matrix (non-square, so a transposed operand
    /// would show) equals the FP64 product of the inputs quantized and dequantized by QuantCore.
    ///
    /// Tolerance: `(k + 3) · 2⁻²⁴ · Σ_k |â_ik|·|b̂_kj|` per element. The float kernels accumulate k
    /// FP32 products (Higham's γ_k ≈ k·u, u = 2⁻²⁴); the integer kernels sum exactly in INT32 and
    /// round at most twice (scale product, then accumulator × scale); FP8 adds the output scaling
    /// `· sA · sB` (one rounding). The remaining slack covers the rounding of the dequantized
    /// inputs in the bound itself. A wrong scale, rounding mode or granularity is off by far more.
    @Test(arguments: MatmulFormat.allCases)
    func productMatchesReference(format: MatmulFormat) throws {
        let (m, k, n) = (7, 13, 5)
        let a = MatmulReference.normal(m, k, seed: 11)
        var b = MatmulReference.normal(k, n, seed: 12)
        b.storage[3] *= 40  // one large entry, so per-tensor and per-column scales differ
        let contender = try MatmulContender(format: format)
        try contender.prepare(a: a, b: b)
        try contender.execute()
        let c = contender.product()
        #expect(c.shape == [m, n], "\(format)")
        let (qa, qb) = MatmulReference.dequantizedInputs(format, a: a, b: b)
        let reference = MatmulReference.product(qa, qb, m: m, k: k, n: n)
        for i in 0..<(m * n) {
            let tolerance = Double(k + 3) * 0x1p-24 * reference.magnitude[i]
            #expect(abs(Double(c.storage[i]) - reference.value[i]) <= tolerance,
                    "\(format) element \(i): \(c.storage[i]) against \(reference.value[i])")
        }
    }

    /// With `rows`, a contender forms exactly those rows of the full product, with the full
    /// inputs' scales (a block scaled on its own would differ for per-tensor formats).
    @Test(arguments: MatmulFormat.allCases)
    func rowsMatchFullProduct(format: MatmulFormat) throws {
        let a = MatmulReference.normal(24, 24, seed: 21)
        let b = MatmulReference.normal(24, 24, seed: 22)
        let contender = try MatmulContender(format: format)
        let full = try { try contender.prepare(a: a, b: b); try contender.execute(); return contender.product() }()
        let rows = [0, 5, 23]
        try contender.prepare(a: a, b: b, rows: rows)
        try contender.execute()
        let part = contender.product()
        #expect(part.shape == [3, 24], "\(format)")
        for (r, row) in rows.enumerated() {
            for j in 0..<24 {
                let x = full.storage[row * 24 + j], y = part.storage[r * 24 + j]
                // Same inputs, same kernel: only the FP32 blocking of a smaller m may differ.
                #expect(abs(x - y) <= 1e-5 * max(1, abs(x)), "\(format) row \(row) column \(j): \(y) against \(x)")
            }
        }
    }

    @Test func labelsNameEmulationAndTheINT8Kernel() throws {
        #expect(try MatmulContender(format: .fp16).kernelLabel.contains("emulated"))
        #expect(try MatmulContender(format: .int4PerTensor).kernelLabel.contains("INT8 kernel"))
        #expect(try MatmulContender(format: .openBLASFP32).kernelLabel.contains("OpenBLAS"))
        #expect(MatmulFormat.allCases.filter(\.isEmulated) == [.fp16, .fp8e4m3, .fp8e5m2])
    }
}
