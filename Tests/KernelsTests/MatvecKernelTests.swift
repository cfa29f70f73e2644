import Testing
import QuantCore
import Tensor
@testable import Kernels

/// Shapes with odd extents: tails below one SIMD block, several blocks, a partial last group.
private let shapes: [(rows: Int, columns: Int)] = [(1, 1), (7, 13), (5, 64), (3, 200), (9, 300), (4, 1000)]

@Suite("GEMV kernels against FP64 references")
struct MatvecKernelTests {
    /// `Ŵ · x` in FP64 and `Σ|ŵ||x|` per row.
    private func reference(_ w: Tensor, _ x: [Float]) -> (value: [Double], magnitude: [Double]) {
        let (r, c) = (w.shape[0], w.shape[1])
        var value = [Double](repeating: 0, count: r), magnitude = value
        for i in 0..<r {
            for j in 0..<c {
                let p = Double(w.storage[i * c + j]) * Double(x[j])
                value[i] += p
                magnitude[i] += abs(p)
            }
        }
        return (value, magnitude)
    }

    private func vector(_ n: Int, seed: UInt64) -> [Float] { Reference.normal(1, n, seed: seed).storage }

    /// Checks the output `y` of an INT8-activation GEMV against its formula evaluated in FP64,
    /// `y[r] = Σ_b s(r, b) · t[b] · Σ_{c ∈ b} q[r][c] · x8[c]` with `t[b] = max_{c ∈ b} |x_c| / 127`,
    /// `x8 = round(x · (127 / max))` (ties to even, as the kernel), `q = stored / s` (exact), and
    /// the integer dots exact; within `(blocks + 10) · 2⁻²³ · Σ_b |term_b|` (FP32 products of the
    /// scales, one FMA per block into eight lanes and the lane sum).
    private func checkBlockQuantized(
        _ y: [Float], stored: Tensor, x: [Float], scale: (Int, Int) -> Float, _ label: String
    ) {
        let (rows, columns) = (stored.shape[0], stored.shape[1])
        let blocks = (columns + 127) / 128
        for r in 0..<rows {
            var expected = 0.0, magnitude = 0.0
            for b in 0..<blocks {
                let block = (b * 128)..<min(columns, b * 128 + 128)
                let m = block.map { abs(x[$0]) }.max()!
                let t = m / 127, inverse: Float = m > 0 ? 127 / m : 0
                let s = scale(r, b)
                var dot = 0
                for c in block {
                    let q = s > 0 ? Int((stored.storage[r * columns + c] / s).rounded()) : 0
                    dot += q * Int((x[c] * inverse).rounded(.toNearestOrEven))
                }
                expected += Double(s) * Double(t) * Double(dot)
                magnitude += abs(Double(s) * Double(t) * Double(dot))
            }
            let bound = Double(blocks + 10) * 0x1p-23 * magnitude + 1e-30
            #expect(abs(Double(y[r]) - expected) <= bound, "\(label) row \(r): \(y[r]) vs \(expected)")
        }
    }

    /// Checks `kernel` against the FP64 product of its own stored weights `ŵ`, within
    /// `factor · (C + 2) · 2⁻²⁴ · Σ|ŵ||x|` (FP32 summation, Higham §3.1).
    private func check(_ kernel: some MatvecKernel, stored: Tensor, factor: Double, seed: UInt64, _ label: String) {
        let x = vector(kernel.columns, seed: seed)
        let y = kernel.apply(x)
        let ref = reference(stored, x)
        for r in 0..<kernel.rows {
            let bound = factor * Double(kernel.columns + 2) * 0x1p-24 * ref.magnitude[r]
            #expect(abs(Double(y[r]) - ref.value[r]) <= bound, "\(label) \(kernel.rows)×\(kernel.columns) row \(r)")
        }
    }

    @Test("FP32 GEMV equals the FP64 product", arguments: shapes)
    func fp32(shape: (rows: Int, columns: Int)) throws {
        let w = Reference.normal(shape.rows, shape.columns, seed: 31)
        // 2×: the four partial accumulators and the tail add one rounding level each.
        check(try FloatMatvec(weights: w), stored: w, factor: 2, seed: 32, "FP32")
    }

    @Test("BF16 GEMV equals the FP64 product of the BF16-rounded weights", arguments: shapes)
    func bf16(shape: (rows: Int, columns: Int)) throws {
        let w = Reference.normal(shape.rows, shape.columns, seed: 33)
        let kernel = try BFloat16Matvec(weights: w)
        // The stored weights are the test's own round-to-nearest-even BF16 of W, bit for bit.
        #expect(kernel.dequantized() == Reference.bfloat16(w), "\(shape)")
        check(kernel, stored: Reference.bfloat16(w), factor: 2, seed: 34, "BF16")
    }

    @Test("INT8 GEMV equals the FP64 product of its per-row dequantized weights", arguments: shapes)
    func int8(shape: (rows: Int, columns: Int)) throws {
        let w = Reference.normal(shape.rows, shape.columns, seed: 35)
        let kernel = try Int8Matvec(weights: w)
        // Packing round trip: the unpacked codes are exactly SymmetricIntegerMatrix's per-row codes.
        #expect(kernel.dequantized() == (try SymmetricIntegerMatrix(quantizing: w, bits: 8, axis: .rows)).dequantized(), "\(shape)")
        // Products of an exact code and x are exact-ish in FP32, then one scale multiply:
        // factor 2 for the accumulator levels, +1 rounding of the row scale (inside the 2 slack).
        check(kernel, stored: kernel.dequantized(), factor: 2, seed: 36, "INT8")
    }

    @Test("Packed INT4 GEMV equals the dequantized FP32 GEMV", arguments: shapes, [128, 256])
    func int4(shape: (rows: Int, columns: Int), groupSize: Int) throws {
        let w = Reference.normal(shape.rows, shape.columns, seed: 37)
        let kernel = try Int4Matvec(weights: w, groupSize: groupSize)
        let stored = kernel.dequantized()
        // The kernel sums (1 + u/16)·x per group (terms below 2|x|), scales the group's sum by
        // 16·s (exact, a power of two times s) and recovers Σ(u−8)·x·s = 16·s·acc − 24·s·X_g
        // (see `nibble`), so every term of the row is 16·s·(1 + u/16)·x (< 32·s·|x|) or
        // 24·s·x, and Σ|terms| ≤ 56·Σ_g s_g·Σ_{c∈g}|x_c|. The longest chain of FP32 roundings
        // a term meets (Higham §3.1, γ_k = k·2⁻²⁴/(1 − k·2⁻²⁴)) is set by the group, not the
        // row: groupSize/32 FMAs in its lane (two accumulators of 16 lanes), the lanes' sum, one
        // FMA into the running total per group, 15 adds across the total's lanes, the rounding
        // of X_g, its product with s, one add per group into the offset, and the final
        // subtraction: k ≤ groupSize/32 + groups + 20. 64 for 56 covers γ's denominator.
        // A nibble decoded one code off moves the row by s·|x_c|, above this bound for all but
        // the smallest |x_c|; a bound over the whole row length (C) would not see it.
        let x = vector(shape.columns, seed: 38)
        let y = kernel.apply(x)
        let ref = reference(stored, x)
        let groups = (shape.columns + groupSize - 1) / groupSize
        let k = Double(groupSize / 32 + groups + 20)
        for r in 0..<shape.rows {
            var scaledMagnitude = 0.0  // Σ_g s_g · Σ_{c∈g} |x_c|
            for g in 0..<groups {
                let cols = (g * groupSize)..<min(shape.columns, (g + 1) * groupSize)
                scaledMagnitude += Double(kernel.scales[r * groups + g]) * cols.reduce(0.0) { $0 + Double(abs(x[$1])) }
            }
            let bound = 64 * k * 0x1p-24 * scaledMagnitude
            #expect(abs(Double(y[r]) - ref.value[r]) <= bound, "INT4 g\(groupSize) \(shape) row \(r): \(y[r]) vs \(ref.value[r]), bound \(bound)")
        }
    }

    @Test("INT4 × INT8-activation GEMV equals the dequantized GEMV within the x quantization error", arguments: shapes, [128, 256])
    func int4Int8Activations(shape: (rows: Int, columns: Int), groupSize: Int) throws {
        let w = Reference.normal(shape.rows, shape.columns, seed: 42)
        let kernel = try Int4Matvec(weights: w, groupSize: groupSize, activations: .int8)
        let x = vector(shape.columns, seed: 43)
        let y = kernel.apply(x)
        let ref = reference(kernel.dequantized(), x)
        // x is rounded to t[b]·x8 with t[b] = max_{c∈b}|x_c|/127, so |Δx_c| ≤ t[b]/2; the integer
        // dot is exact, so the error is Σ_c |ŵ_c|·t[b(c)]/2 plus FP32 rounding of the per-block
        // products and the final sum (≤ (C+2)·2⁻²⁴·Σ|ŵ||x| with slack 2).
        let stored = kernel.dequantized()
        for r in 0..<shape.rows {
            var bound = 2 * Double(shape.columns + 2) * 0x1p-24 * ref.magnitude[r]
            for c in 0..<shape.columns {
                let b = c / 128
                let blockMax = x[(b * 128)..<min(shape.columns, b * 128 + 128)].map { Double(abs($0)) }.max()!
                bound += abs(Double(stored.storage[r * shape.columns + c])) * blockMax / 127 / 2 * 1.001
            }
            #expect(abs(Double(y[r]) - ref.value[r]) <= bound, "INT4×INT8 g\(groupSize) \(shape) row \(r)")
            // Not trivially loose: max|x|/254 per block stays below 3 % of Σ|ŵ||x| for normal x.
            #expect(bound <= 0.03 * ref.magnitude[r], "bound \(shape) row \(r)")
        }
    }

    @Test("W4A8 block dot: the AVX2 and portable paths equal a plain integer loop exactly")
    func w4a8BlockDot() {
        var g = SeededGenerator(seed: 46)
        for trial in 0..<50 {
            // Extremes first (all 15 × ±127, the 16-bit headroom case), then random blocks.
            let w: [UInt8] = trial == 0 ? Array(repeating: 0xFF, count: 64) : (0..<64).map { _ in UInt8.random(in: 0...255, using: &g) }
            let x: [Int8] = trial < 2 ? Array(repeating: trial == 0 ? 127 : -127, count: 128) : (0..<128).map { _ in Int8.random(in: -127...127, using: &g) }
            let offset = Int32.random(in: -100_000...100_000, using: &g)
            // Byte i of half h: low nibble · x[64h + i], high nibble · x[64h + 32 + i].
            var expected = -offset
            for h in 0..<2 {
                for i in 0..<32 {
                    let byte = Int32(w[32 * h + i])
                    expected += (byte & 15) * Int32(x[64 * h + i]) + (byte >> 4) * Int32(x[64 * h + 32 + i])
                }
            }
            if ByteDot.hasAVX2 {
                #expect(ByteDot.u4s8(w, x, offset: offset, avx2: true) == Float(expected), "AVX2 trial \(trial)")
            }
            #expect(ByteDot.u4s8(w, x, offset: offset, avx2: false) == Float(expected), "portable trial \(trial)")
        }
    }

    @Test("W8A8 block dot: the AVX2 and portable paths equal a plain integer loop exactly")
    func w8a8BlockDot() {
        var g = SeededGenerator(seed: 49)
        for trial in 0..<50 {
            // ±127 everywhere first (the 16-bit pair headroom), zeros in x (vpsignb's third case) next.
            let w: [Int8] = trial == 0 ? Array(repeating: -127, count: 128) : (0..<128).map { _ in Int8.random(in: -127...127, using: &g) }
            let x: [Int8] = trial == 0 ? Array(repeating: -127, count: 128)
                : (0..<128).map { j in trial == 1 && j % 3 == 0 ? 0 : Int8.random(in: -127...127, using: &g) }
            let expected = zip(w, x).reduce(Int32(0)) { $0 + Int32($1.0) * Int32($1.1) }
            if ByteDot.hasAVX2 {
                #expect(ByteDot.s8s8(w, x, avx2: true) == Float(expected), "AVX2 trial \(trial)")
            }
            #expect(ByteDot.s8s8(w, x, avx2: false) == Float(expected), "portable trial \(trial)")
        }
    }

    @Test("INT8 × INT8-activation GEMV computes its documented formula (independent FP64 evaluation)", arguments: [(3, 300), (4, 1000), (2, 128), (1, 1)])
    func w8a8Formula(rows: Int, columns: Int) throws {
        let w = Reference.normal(rows, columns, seed: 50)
        let kernel = try Int8Matvec(weights: w, activations: .int8)
        let exact = try Int8Matvec(weights: w)
        let x = vector(columns, seed: 51)
        let y = kernel.apply(x)
        // Per block an FMA with t[b] into eight lanes, an 8-lane sum, then one product by s_r.
        checkBlockQuantized(y, stored: exact.dequantized(), x: x, scale: { r, _ in kernel.scales[r] }, "W8A8 \((rows, columns))")
        // A non-finite x falls back to the exact path and propagates.
        var bad = x
        bad[columns / 2] = .nan
        #expect(kernel.apply(bad).allSatisfy { $0.isNaN }, "NaN must reach every row")
    }

    @Test("INT4 × INT8-activation GEMV computes its documented formula (independent FP64 evaluation)", arguments: [(3, 300), (4, 1000), (2, 128)])
    func w4a8Formula(rows: Int, columns: Int) throws {
        let w = Reference.normal(rows, columns, seed: 47)
        let kernel = try Int4Matvec(weights: w, groupSize: 128, activations: .int8)
        let x = vector(columns, seed: 48)
        let y = kernel.apply(x)
        // Per block one FP32 product s·t and one FMA into eight lanes, then an 8-lane sum.
        let groups = (columns + 127) / 128
        checkBlockQuantized(y, stored: kernel.dequantized(), x: x, scale: { r, b in kernel.scales[r * groups + b] }, "W4A8 \((rows, columns))")
    }

    @Test("INT4 × INT8-activation GEMV: a non-finite x falls back to the exact path and propagates")
    func int4Int8NonFinite() throws {
        let w = Reference.normal(3, 300, seed: 44)
        var x = vector(300, seed: 45)
        x[150] = .nan
        let y = try Int4Matvec(weights: w, activations: .int8).apply(x)
        #expect(y.allSatisfy { $0.isNaN }, "NaN at column 150 must reach every row")
    }

    @Test("INT4 packing: codes in [−7, 7], the group maximum maps to ±7, half-step reconstruction")
    func int4Packing() throws {
        let (rows, columns, group) = (3, 300, 128)
        let w = Reference.normal(rows, columns, seed: 39)
        let kernel = try Int4Matvec(weights: w, groupSize: group)
        let stored = kernel.dequantized()
        let groups = (columns + group - 1) / group
        for r in 0..<rows {
            for g in 0..<groups {
                let s = kernel.scales[r * groups + g]
                let cols = (g * group)..<min(columns, (g + 1) * group)
                let codes = cols.map { (stored.storage[r * columns + $0] / s).rounded() }
                #expect(codes.allSatisfy { abs($0) <= 7 }, "row \(r) group \(g)")
                #expect(codes.contains { abs($0) == 7 }, "row \(r) group \(g)")
                for c in cols {
                    // Half a step plus FP32 rounding of w·(1/s).
                    #expect(abs(w.storage[r * columns + c] - stored.storage[r * columns + c]) <= s * 0.5001, "(\(r), \(c))")
                }
            }
        }
    }

    @Test("Bad shapes, group sizes and NaN weights are rejected with one-line errors")
    func rejects() {
        #expect(throws: KernelInputError.self) { try FloatMatvec(weights: Tensor(shape: [0, 4])) }
        #expect(throws: KernelInputError.self) { try BFloat16Matvec(weights: Tensor(shape: [4])) }
        #expect(throws: KernelInputError.self) { try Int4Matvec(weights: Tensor(shape: [2, 256]), groupSize: 64) }
        #expect(throws: KernelInputError.self) { try Int4Matvec(weights: Tensor(shape: [2, 256]), groupSize: 200) }
        var values = [Float](repeating: 1, count: 512)
        values[300] = .nan
        #expect(throws: KernelInputError.self) { try Int4Matvec(weights: Tensor(shape: [2, 256], storage: values)) }
        #expect(throws: KernelInputError.self) { try Int8Matvec(weights: Tensor(shape: [2, 256], storage: values)) }
    }

    @Test("The integer GEMVs pack QuantCore's codes: from a SymmetricIntegerMatrix as from the tensor it quantizes")
    func fromQuantCoreCodes() throws {
        let w = Reference.normal(5, 300, seed: 52)
        let x = vector(300, seed: 53)
        for activations in [MatvecActivations.float, .int8] {
            let int8 = try SymmetricIntegerMatrix(quantizing: w, bits: 8, axis: .rows)
            #expect(try Int8Matvec(weights: int8, activations: activations).apply(x) == (try Int8Matvec(weights: w, activations: activations)).apply(x))
            let int4 = try SymmetricIntegerMatrix(quantizing: w, bits: 4, axis: .rowGroups(size: 256))
            let packed = try Int4Matvec(weights: int4, activations: activations)
            #expect(packed.groupSize == 256 && packed.scales == int4.scales && packed.dequantized() == int4.dequantized())
            #expect(packed.apply(x) == (try Int4Matvec(weights: w, groupSize: 256, activations: activations)).apply(x))
        }
        // Codes the kernel cannot run: another width, axis or group size.
        #expect(throws: KernelInputError.self) { try Int8Matvec(weights: SymmetricIntegerMatrix(quantizing: w, bits: 8, axis: .tensor)) }
        #expect(throws: KernelInputError.self) { try Int8Matvec(weights: SymmetricIntegerMatrix(quantizing: w, bits: 4, axis: .rows)) }
        #expect(throws: KernelInputError.self) { try Int4Matvec(weights: SymmetricIntegerMatrix(quantizing: w, bits: 4, axis: .rows)) }
        #expect(throws: KernelInputError.self) { try Int4Matvec(weights: SymmetricIntegerMatrix(quantizing: w, bits: 4, axis: .rowGroups(size: 64))) }
    }

    @Test("Results do not depend on the thread count", arguments: [1, 2, 3])
    func threads(count: Int) throws {
        let w = Reference.normal(9, 300, seed: 40)
        let x = vector(300, seed: 41)
        #expect(try Int4Matvec(weights: w, threads: count).apply(x) == (try Int4Matvec(weights: w, threads: 1)).apply(x))
        let (w4a8, w4a8Single) = (try Int4Matvec(weights: w, activations: .int8, threads: count), try Int4Matvec(weights: w, activations: .int8, threads: 1))
        #expect(w4a8.apply(x) == w4a8Single.apply(x))
        #expect(try FloatMatvec(weights: w, threads: count).apply(x) == (try FloatMatvec(weights: w, threads: 1)).apply(x))
    }

    @Test("The read-bandwidth probe sums its buffer of ones")
    func probe() {
        let probe = ReadBandwidthProbe(mebibytes: 1, threads: 2)
        #expect(probe.bytes == 1 << 20)
        #expect(probe.run() == Float(1 << 18))
    }

    @Test("gemmS8 equals a plain integer loop exactly")
    func gemmS8Exact() throws {
        let (m, k, n) = (7, 13, 5)
        let a = try SymmetricIntegerMatrix(quantizing: Reference.normal(m, k, seed: 42), bits: 8, axis: .tensor).codes
        let b = try SymmetricIntegerMatrix(quantizing: Reference.normal(k, n, seed: 43), bits: 8, axis: .tensor).codes
        var c = [Int32](repeating: 0, count: m * n)
        try a.withUnsafeBufferPointer { pa in
            try b.withUnsafeBufferPointer { pb in try c.withUnsafeMutableBufferPointer { try gemmS8(m: m, n: n, k: k, a: pa, b: pb, c: $0) } }
        }
        #expect(c == Reference.integerProduct(a, b, m: m, k: k, n: n))
    }
}
