public import Tensor

/// oneDNN's matmul primitive on floating-point operands, FP32 output: the FP32 baseline and BF16.
///
/// ```
/// C = round_f(A) · round_f(B),   f ∈ {FP32, BF16},   accumulated and returned in FP32
/// ```
/// BF16 (Kalamkar et al., "A Study of BFLOAT16 for Deep Learning Training", 2019): the inputs
/// are converted by oneDNN's reorder, rounding to nearest even (relative error ≤ 2⁻⁸ per element),
/// then multiplied on AVX512-BF16 (`vdpbf16ps`) with FP32 accumulation. B is reordered into the
/// blocked layout the primitive prefers during `prepare`, so `execute` times the kernel alone.
/// That blocked FP32 path (`brg:avx512_core`) beat oneDNN's plain-layout `dnnl_sgemm` in the same
/// runs at n = 4096 (996 against 1340 ms and 1892 against 2055 ms, on cores shared with other
/// jobs), so the FP32 baseline is this primitive, like the BF16 and INT8 ones.
public final class FloatMatmulKernel: MatmulKernel {
    /// The operand format.
    public enum Precision: String, Sendable, CaseIterable {
        /// IEEE 754 binary32: the baseline every speedup compares against.
        case fp32
        /// bfloat16: 8 exponent bits, 7 fraction bits.
        case bf16
    }

    /// The operand format of this kernel.
    public let precision: Precision
    public var label: String { precision == .fp32 ? "oneDNN FP32" : "oneDNN BF16" }
    public var operandBytes: Int { precision == .fp32 ? 4 : 2 }
    public var implementation: String { current?.matmul.implementation ?? "none" }

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

        init(shape: MatmulShape, precision: Precision, engine: DNNLEngine) throws(DNNLError) {
            let type: DNNLDataType = precision == .fp32 ? .f32 : .bf16
            // A keeps the row-major layout (a reorder of A would be paid on every call in a real
            // model); B, like a weight, may take the primitive's blocked layout.
            let aKernel = try DNNLMemoryDescriptor(rows: shape.m, columns: shape.k, type: type, layout: .rowMajor)
            let bAny = try DNNLMemoryDescriptor(rows: shape.k, columns: shape.n, type: type, layout: .any)
            let cDescriptor = try DNNLMemoryDescriptor(rows: shape.m, columns: shape.n, type: .f32, layout: .rowMajor)
            matmul = try DNNLPrimitive.matmul(source: aKernel, weights: bAny, destination: cDescriptor, engine: engine)
            a = try DNNLOperand(
                user: DNNLMemoryDescriptor(rows: shape.m, columns: shape.k, type: .f32, layout: .rowMajor),
                kernel: aKernel, engine: engine)
            b = try DNNLOperand(
                user: DNNLMemoryDescriptor(rows: shape.k, columns: shape.n, type: .f32, layout: .rowMajor),
                kernel: matmul.weightsDescriptor(), engine: engine)
            c = try DNNLMemory(cDescriptor, engine: engine)
            self.shape = shape
        }
    }

    /// A kernel on a new oneDNN CPU engine.
    /// - Throws: `DNNLError` when the engine or stream cannot be created.
    public init(precision: Precision) throws {
        self.precision = precision
        engine = try DNNLEngine()
        stream = try DNNLStream(engine: engine)
    }

    public func prepare(a: Tensor, b: Tensor) throws {
        let shape = try MatmulShape(a, b)
        let plan = try plans[shape] ?? Plan(shape: shape, precision: precision, engine: engine)
        plans[shape] = plan
        try a.storage.withUnsafeBufferPointer { (p) throws(DNNLError) in try plan.a.load(p, on: stream) }
        try b.storage.withUnsafeBufferPointer { (p) throws(DNNLError) in try plan.b.load(p, on: stream) }
        current = plan
        executed = false
    }

    public func prepareSource(a: Tensor) throws {
        guard let plan = current else { preconditionFailure("\(label): prepareSource(a:) before prepare(a:b:)") }
        guard a.shape == [plan.shape.m, plan.shape.k] else {
            throw KernelInputError("\(label): new A is \(a.shape), the prepared product takes \(plan.shape.m)×\(plan.shape.k)")
        }
        try a.storage.withUnsafeBufferPointer { (p) throws(DNNLError) in try plan.a.load(p, on: stream) }
        executed = false
    }

    public func removeCachedPlans() {
        plans.removeAll()
        current = nil
        executed = false
    }

    public func execute() throws {
        guard let plan = current else { preconditionFailure("\(label): execute() before prepare(a:b:)") }
        try plan.matmul.execute([(.source, plan.a.kernel), (.weights, plan.b.kernel), (.destination, plan.c)], on: stream)
        executed = true
    }

    public func product() -> Tensor {
        guard let plan = current, executed else { preconditionFailure("\(label): product() before execute()") }
        let count = plan.shape.m * plan.shape.n
        let values = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress!.update(from: plan.c.data.assumingMemoryBound(to: Float.self), count: count)
            initialized = count
        }
        return Tensor(shape: [plan.shape.m, plan.shape.n], storage: values)
    }
}
