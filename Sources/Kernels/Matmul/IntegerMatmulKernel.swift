public import QuantCore
public import Tensor

/// oneDNN's matmul primitive on symmetric integer codes (`s8 × s8 → s32`), dequantized to FP32:
/// the INT8 kernel, and INT4 computed on it.
///
/// ```
/// C[i][j] = sA(i) · sB(j) · Σ_k qA[i][k] · qB[k][j]     (exact INT32 sum, then FP32 products)
/// ```
/// with the codes and scales of QuantCore's `SymmetricIntegerMatrix` (per tensor, or per row of A
/// and per column of B): the kernel loads them, it does not quantize. The INT32 accumulation is
/// exact as long as `k · qmax² < 2³¹` (k < 133 000 for INT8).
/// On AVX512-VNNI the product runs on `vpdpbusd`; oneDNN handles the signed A operand by a
/// +128 shift and a compensation term folded into B's blocked layout at prepare time. An
/// unsigned A (`u8 × s8`, what VNNI multiplies natively) showed no clear gain at n = 4096:
/// speedups over FP32 of 3.96 and 4.06 (s8) against 3.98 and 4.73 (u8) in alternating runs on
/// cores shared with other jobs, within their spread; s8 is kept as it needs no correction.
/// INT4 has no CPU instruction: its codes in [−7, 7] are stored one per byte and run on this
/// same INT8 kernel, so INT4 here costs exactly what INT8 costs (`label` says so).
public final class IntegerMatmulKernel: MatmulKernel {
    /// Which elements share a scale.
    public enum Granularity: String, Sendable, CaseIterable {
        /// One scale for A and one for B.
        case perTensor
        /// One scale per row of A and one per column of B (per output channel on both sides).
        case perRowAndColumn
    }

    /// Code width: 8 or 4.
    public let bits: Int
    /// The scale granularity used when quantizing FP32 inputs in `prepare(a:b:)`.
    public let granularity: Granularity
    public var label: String {
        let g = granularity == .perTensor ? "per-tensor" : "per-row/column"
        return bits == 8 ? "oneDNN INT8 (\(g))" : "INT4 on the oneDNN INT8 kernel (codes in [−7, 7], \(g))"
    }
    public var operandBytes: Int { 1 }
    public var implementation: String { current?.matmul.implementation ?? "none" }
    /// The quantized operands of the last `prepare`, for references and error analysis.
    public private(set) var operands: (a: SymmetricIntegerMatrix, b: SymmetricIntegerMatrix)?

    private let engine: DNNLEngine
    private let stream: DNNLStream
    private var plans: [MatmulShape: Plan] = [:]
    private var current: Plan?
    private var executed = false

    /// The primitive and memories of one shape.
    private final class Plan {
        let shape: MatmulShape
        let a: DNNLOperand
        let b: DNNLOperand
        let c: DNNLMemory
        let matmul: DNNLPrimitive

        init(shape: MatmulShape, engine: DNNLEngine) throws(DNNLError) {
            let aDescriptor = try DNNLMemoryDescriptor(rows: shape.m, columns: shape.k, type: .s8, layout: .rowMajor)
            let bAny = try DNNLMemoryDescriptor(rows: shape.k, columns: shape.n, type: .s8, layout: .any)
            let cDescriptor = try DNNLMemoryDescriptor(rows: shape.m, columns: shape.n, type: .s32, layout: .rowMajor)
            matmul = try DNNLPrimitive.matmul(source: aDescriptor, weights: bAny, destination: cDescriptor, engine: engine)
            a = try DNNLOperand(user: aDescriptor, kernel: aDescriptor, engine: engine)
            b = try DNNLOperand(
                user: DNNLMemoryDescriptor(rows: shape.k, columns: shape.n, type: .s8, layout: .rowMajor),
                kernel: matmul.weightsDescriptor(), engine: engine)
            c = try DNNLMemory(cDescriptor, engine: engine)
            self.shape = shape
        }
    }

    /// A kernel on a new oneDNN CPU engine.
    /// - Parameters:
    ///   - bits: 8 (codes in [−127, 127]) or 4 (codes in [−7, 7], run on the INT8 kernel).
    ///   - granularity: how `prepare(a:b:)` picks scales.
    /// - Throws: `KernelInputError` for bits other than 4 and 8; `DNNLError` when oneDNN fails.
    public init(bits: Int = 8, granularity: Granularity = .perTensor) throws {
        guard bits == 8 || bits == 4 else { throw KernelInputError("integer matmul: bits \(bits) unsupported; use 8 or 4") }
        self.bits = bits
        self.granularity = granularity
        engine = try DNNLEngine()
        stream = try DNNLStream(engine: engine)
    }

    /// Quantizes `a` and `b` with QuantCore (`SymmetricIntegerMatrix(quantizing:bits:axis:)`, this
    /// kernel's bits, per tensor or A per row and B per column), then loads the codes.
    /// - Throws: `KernelInputError` for shapes that do not chain; `QuantizationError` for a NaN
    ///   or infinity in `a` or `b`; `DNNLError` when oneDNN fails.
    public func prepare(a: Tensor, b: Tensor) throws {
        _ = try MatmulShape(a, b)
        let perTensor = granularity == .perTensor
        try prepare(
            a: SymmetricIntegerMatrix(quantizing: a, bits: bits, axis: perTensor ? .tensor : .rows),
            b: SymmetricIntegerMatrix(quantizing: b, bits: bits, axis: perTensor ? .tensor : .columns))
    }

    /// Loads codes quantized elsewhere (e.g. by QuantCore) into the kernel.
    /// - Throws: `KernelInputError` when the shapes do not chain or the scale axes are not
    ///   A: tensor/rows and B: tensor/columns (other axes do not factor out of the sum over k);
    ///   `DNNLError` when oneDNN fails.
    public func prepare(a: SymmetricIntegerMatrix, b: SymmetricIntegerMatrix) throws {
        guard a.columns == b.rows else {
            throw KernelInputError("integer matmul: A is \(a.rows)×\(a.columns), B is \(b.rows)×\(b.columns); inner extents differ")
        }
        guard a.axis == .tensor || a.axis == .rows, b.axis == .tensor || b.axis == .columns else {
            throw KernelInputError("integer matmul: scales of A per \(a.axis), of B per \(b.axis); use A per tensor/rows and B per tensor/columns")
        }
        let shape = try MatmulShape(m: a.rows, k: a.columns, n: b.columns)
        let plan = try plans[shape] ?? Plan(shape: shape, engine: engine)
        plans[shape] = plan
        try a.codes.withUnsafeBufferPointer { (p) throws(DNNLError) in try plan.a.load(p, on: stream) }
        try b.codes.withUnsafeBufferPointer { (p) throws(DNNLError) in try plan.b.load(p, on: stream) }
        operands = (a, b)
        current = plan
        executed = false
    }

    /// Quantizes a new `a` as `prepare(a:b:)` does (this kernel's bits, per tensor or per row)
    /// and loads its codes, keeping B's codes, scales and blocked layout.
    /// - Throws: `KernelInputError` when `a`'s shape differs from the prepared A;
    ///   `QuantizationError` for a NaN or infinity; `DNNLError` when oneDNN fails.
    public func prepareSource(a: Tensor) throws {
        try prepareSource(a: SymmetricIntegerMatrix(quantizing: a, bits: bits, axis: granularity == .perTensor ? .tensor : .rows))
    }

    /// Loads new codes of A quantized elsewhere, keeping B.
    /// - Throws: `KernelInputError` when the shape differs from the prepared A or the scale
    ///   axis is not tensor/rows; `DNNLError` when oneDNN fails.
    public func prepareSource(a: SymmetricIntegerMatrix) throws {
        guard let plan = current, let b = operands?.b else { preconditionFailure("\(label): prepareSource(a:) before prepare(a:b:)") }
        guard a.rows == plan.shape.m, a.columns == plan.shape.k else {
            throw KernelInputError("integer matmul: new A is \(a.rows)×\(a.columns), the prepared product takes \(plan.shape.m)×\(plan.shape.k)")
        }
        guard a.axis == .tensor || a.axis == .rows else {
            throw KernelInputError("integer matmul: scales of A per \(a.axis); use per tensor or per row")
        }
        try a.codes.withUnsafeBufferPointer { (p) throws(DNNLError) in try plan.a.load(p, on: stream) }
        operands = (a, b)
        executed = false
    }

    /// Frees every cached plan and the last operands (see `MatmulKernel.removeCachedPlans()`).
    public func removeCachedPlans() {
        plans.removeAll()
        current = nil
        operands = nil
        executed = false
    }

    /// Runs the INT32 product of the prepared codes (dequantization happens in `product()`).
    public func execute() throws {
        guard let plan = current else { preconditionFailure("\(label): execute() before prepare") }
        try plan.matmul.execute([(.source, plan.a.kernel), (.weights, plan.b.kernel), (.destination, plan.c)], on: stream)
        executed = true
    }

    /// The raw INT32 accumulators `Σ_k qA[i][k] · qB[k][j]` of the last `execute`, row-major `m × n`.
    public func rawProduct() -> [Int32] {
        guard let plan = current, executed else { preconditionFailure("\(label): rawProduct() before execute()") }
        let count = plan.shape.m * plan.shape.n
        return Array(UnsafeBufferPointer(start: plan.c.data.assumingMemoryBound(to: Int32.self), count: count))
    }

    /// The dequantized product `sA(i) · sB(j) · acc[i][j]` in FP32.
    ///
    /// `sA(i) · sB(j)` is rounded once to FP32 and then multiplies the converted accumulator, so
    /// each element carries at most two FP32 roundings beyond the exact integer sum (plus the
    /// conversion of accumulators above 2²⁴).
    public func product() -> Tensor {
        guard let plan = current, executed, let (a, b) = operands else { preconditionFailure("\(label): product() before execute()") }
        let (m, n) = (plan.shape.m, plan.shape.n)
        let columnScales = b.axis == .columns ? b.scales : [Float](repeating: b.scales[0], count: n)
        let acc = UnsafeRawPointer(plan.c.data)
        var values = [Float](repeating: 0, count: m * n)
        // 16 columns per step with SIMD conversions (Float(Int32) per element does not vectorize
        // through the Array accessors); this pass is part of every end-to-end time.
        values.withUnsafeMutableBytes { out in
            columnScales.withUnsafeBytes { cs in
                for i in 0..<m {
                    let rowScale = a.axis == .rows ? a.scales[i] : a.scales[0]
                    var j = 0
                    while j + 16 <= n {
                        let q = acc.loadUnaligned(fromByteOffset: (i * n + j) * 4, as: SIMD16<Int32>.self)
                        let s = cs.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self) * rowScale
                        out.storeBytes(of: SIMD16<Float>(q) * s, toByteOffset: (i * n + j) * 4, as: SIMD16<Float>.self)
                        j += 16
                    }
                    while j < n {
                        let q = acc.load(fromByteOffset: (i * n + j) * 4, as: Int32.self)
                        out.storeBytes(of: Float(q) * (columnScales[j] * rowScale), toByteOffset: (i * n + j) * 4, as: Float.self)
                        j += 1
                    }
                }
            }
        }
        return Tensor(shape: [m, n], storage: values)
    }
}
