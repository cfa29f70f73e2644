public import Tensor

/// The extents of a product `C = A · B` with `A: m × k`, `B: k × n`, `C: m × n`.
public struct MatmulShape: Hashable, Sendable, CustomStringConvertible {
    /// Rows of A and C.
    public let m: Int
    /// Columns of A, rows of B (the reduction length).
    public let k: Int
    /// Columns of B and C.
    public let n: Int

    /// A shape; every extent must be at least 1.
    /// - Throws: `KernelInputError` for an extent below 1.
    public init(m: Int, k: Int, n: Int) throws(KernelInputError) {
        guard m >= 1, k >= 1, n >= 1 else { throw KernelInputError("matmul shape m=\(m) k=\(k) n=\(n): every extent must be ≥ 1") }
        self.m = m
        self.k = k
        self.n = n
    }

    /// The shape of `a · b` for 2-D row-major tensors.
    /// - Throws: `KernelInputError` when a tensor is not 2-D, the inner extents differ, or one is empty.
    public init(_ a: Tensor, _ b: Tensor) throws(KernelInputError) {
        guard a.shape.count == 2, b.shape.count == 2 else {
            throw KernelInputError("matmul operands \(a.shape) · \(b.shape): both must be 2-D")
        }
        guard a.shape[1] == b.shape[0] else {
            throw KernelInputError("matmul operands \(a.shape) · \(b.shape): inner extents \(a.shape[1]) and \(b.shape[0]) differ")
        }
        try self.init(m: a.shape[0], k: a.shape[1], n: b.shape[1])
    }

    /// Multiply–adds counted as two operations: `2·m·k·n` (the GFLOP/s and GOP/s numerator).
    public var operations: Double { 2 * Double(m) * Double(k) * Double(n) }

    public var description: String { "\(m)×\(k)×\(n)" }
}

/// A matrix product backend: `C = A · B` for row-major FP32 inputs, FP32 output.
///
/// The work is split so that an experiment can time the kernel alone or end to end:
/// - `prepare(a:b:)` creates (or reuses, per shape) the primitive and memories and converts or
///   quantizes the inputs into the kernel's operand format and layout;
/// - `execute()` runs only the product on the prepared operands, leaving the kernel's native
///   result (FP32, or INT32 for integer kernels) in its own buffer;
/// - `product()` reads that result out as an FP32 tensor (a copy, or the dequantization).
///
/// End to end is therefore `prepare` + `execute` + `product`. Kernels are reference types that
/// own C resources; they are not thread-safe (one kernel per thread).
public protocol MatmulKernel: AnyObject {
    /// A label for tables and records, naming the engine and format, e.g. `oneDNN BF16`.
    var label: String { get }
    /// Bytes per element of the A and B operands the kernel reads (4, 2, 1; INT4 on INT8 reads 1).
    var operandBytes: Int { get }
    /// The implementation oneDNN chose for the last prepared shape (e.g. `brg:avx512_core_vnni`).
    var implementation: String { get }

    /// Converts or quantizes `a` (`m × k`) and `b` (`k × n`) into the kernel's operands
    /// (integer kernels quantize with QuantCore).
    /// - Throws: `KernelInputError` for shapes that do not chain; `QuantizationError` for input
    ///   an integer kernel cannot quantize (NaN, ±∞); `DNNLError` when oneDNN fails.
    func prepare(a: Tensor, b: Tensor) throws

    /// Converts or quantizes a new `a` into the kernel, keeping the B of the last `prepare`:
    /// what a deployed layer pays per call, its weights having been converted and packed once.
    /// - Precondition: `prepare(a:b:)` has run with an A of the same shape.
    /// - Throws: `KernelInputError` when `a`'s shape differs from the prepared one; as `prepare`.
    func prepareSource(a: Tensor) throws

    /// Runs the product on the operands of the last `prepare`.
    /// - Precondition: `prepare` has been called.
    /// - Throws: `DNNLError` when oneDNN fails.
    func execute() throws

    /// The FP32 result `C` (`m × n`) of the last `execute`.
    /// - Precondition: `execute` has been called since the last `prepare`.
    func product() -> Tensor

    /// Frees the primitives and memories cached for every shape (a sweep up to n = 10 000 would
    /// otherwise keep gigabytes alive); the next `prepare` creates them again.
    func removeCachedPlans()
}

extension MatmulKernel {
    /// `a · b` end to end: prepare, execute, read out.
    public func multiply(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        try prepare(a: a, b: b)
        try execute()
        return product()
    }
}
