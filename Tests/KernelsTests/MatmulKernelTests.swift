import Testing
import QuantCore
import Tensor
@testable import Kernels

/// Shapes small enough for a debug build, with odd extents that exercise every tail loop.
private let shapes: [(m: Int, k: Int, n: Int)] = [(1, 1, 1), (7, 13, 5), (16, 32, 16), (33, 65, 17), (64, 128, 48)]

@Suite("Matmul kernels against FP64 references")
struct MatmulKernelTests {
    /// FP32 accumulation over k terms: |Ĉ − C| ≤ γ_k · Σ|a||b| with γ_k ≈ k·2⁻²⁴ (Higham,
    /// "Accuracy and Stability of Numerical Algorithms", §3.1); the factor 2 covers the one
    /// extra rounding of blocked partial sums and of the final store.
    private func fp32Bound(k: Int, magnitude: Double) -> Double { 2 * Double(k + 2) * 0x1p-24 * magnitude }

    @Test("FP32 matmul equals the FP64 product within the FP32 summation bound", arguments: shapes)
    func fp32(shape: (m: Int, k: Int, n: Int)) throws {
        let a = Reference.normal(shape.m, shape.k, seed: 1), b = Reference.normal(shape.k, shape.n, seed: 2)
        let kernel = try FloatMatmulKernel(precision: .fp32)
        let c = try kernel.multiply(a, b)
        let reference = Reference.product(a, b)
        #expect(c.shape == [shape.m, shape.n])
        for i in 0..<c.storage.count {
            let error = abs(Double(c.storage[i]) - reference.value[i])
            #expect(error <= fp32Bound(k: shape.k, magnitude: reference.magnitude[i]), "\(shape) element \(i)")
        }
    }

    @Test("BF16 matmul equals the FP64 product of BF16-rounded inputs within the FP32 summation bound", arguments: shapes)
    func bf16(shape: (m: Int, k: Int, n: Int)) throws {
        let a = Reference.normal(shape.m, shape.k, seed: 3), b = Reference.normal(shape.k, shape.n, seed: 4)
        let kernel = try FloatMatmulKernel(precision: .bf16)
        let c = try kernel.multiply(a, b)
        // BF16 × BF16 products are exact in FP32 (8 + 8 significand bits), so only the FP32
        // accumulation rounds once the inputs are rounded the same way oneDNN rounds them.
        let reference = Reference.product(Reference.bfloat16(a), Reference.bfloat16(b))
        for i in 0..<c.storage.count {
            let error = abs(Double(c.storage[i]) - reference.value[i])
            #expect(error <= fp32Bound(k: shape.k, magnitude: reference.magnitude[i]), "\(shape) element \(i)")
        }
    }

    @Test("Integer matmul: INT32 accumulators equal a plain integer loop exactly",
          arguments: [8, 4], IntegerMatmulKernel.Granularity.allCases)
    func integerExact(bits: Int, granularity: IntegerMatmulKernel.Granularity) throws {
        let kernel = try IntegerMatmulKernel(bits: bits, granularity: granularity)
        for shape in shapes {
            let a = Reference.normal(shape.m, shape.k, seed: 5), b = Reference.normal(shape.k, shape.n, seed: 6)
            try kernel.prepare(a: a, b: b)
            try kernel.execute()
            let (qa, qb) = try #require(kernel.operands)
            let expected = Reference.integerProduct(qa.codes, qb.codes, m: shape.m, k: shape.k, n: shape.n)
            #expect(kernel.rawProduct() == expected, "INT\(bits) \(granularity) \(shape)")
        }
    }

    @Test("Integer matmul: the dequantized product equals the FP64 product of dequantized inputs",
          arguments: [8, 4], IntegerMatmulKernel.Granularity.allCases)
    func integerDequantized(bits: Int, granularity: IntegerMatmulKernel.Granularity) throws {
        let kernel = try IntegerMatmulKernel(bits: bits, granularity: granularity)
        for shape in shapes {
            let a = Reference.normal(shape.m, shape.k, seed: 7), b = Reference.normal(shape.k, shape.n, seed: 8)
            let c = try kernel.multiply(a, b)
            let (qa, qb) = try #require(kernel.operands)
            let reference = Reference.product(qa.dequantized(), qb.dequantized())
            for i in 0..<c.storage.count {
                // The integer sum is exact; sA·sB, the conversion of the sum and the final product
                // round once each in FP32 (≤ 3·2⁻²⁴ relative), and the dequantized inputs of the
                // reference are exact products of a code and a scale.
                let bound = 4 * 0x1p-24 * reference.magnitude[i]
                #expect(abs(Double(c.storage[i]) - reference.value[i]) <= bound, "INT\(bits) \(granularity) \(shape) element \(i)")
            }
        }
    }

    @Test("Kernels reuse their per-shape plans: a second product of another shape and back is still right")
    func planCache() throws {
        let kernel = try FloatMatmulKernel(precision: .fp32)
        let a1 = Reference.normal(7, 13, seed: 9), b1 = Reference.normal(13, 5, seed: 10)
        let a2 = Reference.normal(4, 3, seed: 11), b2 = Reference.normal(3, 2, seed: 12)
        let first = try kernel.multiply(a1, b1)
        _ = try kernel.multiply(a2, b2)
        let again = try kernel.multiply(a1, b1)
        #expect(first == again)
        kernel.removeCachedPlans()
        #expect(try kernel.multiply(a1, b1) == first)
    }

    @Test("Shapes that do not chain, empty extents and mismatched scale axes are rejected")
    func badShapes() throws {
        let kernel = try FloatMatmulKernel(precision: .fp32)
        #expect(throws: KernelInputError.self) { try kernel.prepare(a: Reference.normal(7, 13, seed: 1), b: Reference.normal(12, 5, seed: 1)) }
        #expect(throws: KernelInputError.self) { try kernel.prepare(a: Tensor(shape: [0, 3]), b: Tensor(shape: [3, 2])) }
        #expect(throws: KernelInputError.self) { try kernel.prepare(a: Tensor(shape: [3]), b: Tensor(shape: [3, 2])) }
        let integer = try IntegerMatmulKernel()
        let a = try SymmetricIntegerMatrix(quantizing: Reference.normal(4, 3, seed: 1), bits: 8, axis: .columns)
        let b = try SymmetricIntegerMatrix(quantizing: Reference.normal(3, 2, seed: 1), bits: 8, axis: .columns)
        #expect(throws: KernelInputError.self) { try integer.prepare(a: a, b: b) }
        // Scales per run of A's row do not factor out of the sum over k either.
        let grouped = try SymmetricIntegerMatrix(quantizing: Reference.normal(4, 3, seed: 1), bits: 8, axis: .rowGroups(size: 2))
        #expect(throws: KernelInputError.self) { try integer.prepare(a: grouped, b: b) }
        #expect(throws: KernelInputError.self) { try IntegerMatmulKernel(bits: 5) }
        let error = KernelInputError("x")
        #expect(!error.description.contains("\n"))
    }

    @Test("sgemm with and without transposes equals the FP64 product", arguments: [(false, false), (true, false), (false, true), (true, true)])
    func sgemmTransposes(transposes: (Bool, Bool)) throws {
        let (m, k, n) = (7, 13, 5)
        let a = Reference.normal(m, k, seed: 13), b = Reference.normal(k, n, seed: 14)
        let reference = Reference.product(a, b)
        let at = transpose(a), bt = transpose(b)
        var c = [Float](repeating: .nan, count: m * n)
        try (transposes.0 ? at : a).storage.withUnsafeBufferPointer { pa in
            try (transposes.1 ? bt : b).storage.withUnsafeBufferPointer { pb in
                try c.withUnsafeMutableBufferPointer { pc in
                    try sgemm(transposeA: transposes.0, transposeB: transposes.1, m: m, n: n, k: k, a: pa, b: pb, c: pc)
                }
            }
        }
        for i in 0..<(m * n) {
            #expect(abs(Double(c[i]) - reference.value[i]) <= fp32Bound(k: k, magnitude: reference.magnitude[i]), "\(transposes) element \(i)")
        }
        if !transposes.0 && !transposes.1 {
            // The Tensor overload makes the same oneDNN call, so it must agree bit for bit.
            #expect(try sgemm(a, b).storage == c)
        }
    }

    private func transpose(_ t: Tensor) -> Tensor {
        let (r, c) = (t.shape[0], t.shape[1])
        var v = [Float](repeating: 0, count: r * c)
        for i in 0..<r { for j in 0..<c { v[j * r + i] = t.storage[i * c + j] } }
        return Tensor(shape: [c, r], storage: v)
    }
}
