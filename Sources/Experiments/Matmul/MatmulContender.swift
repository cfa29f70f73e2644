public import Tensor
import Kernels
import QuantCore

/// One format's product `C = A · B` split into the phases an end-to-end time adds up:
/// `prepare` (round or quantize the inputs and load them into the kernel), `execute` (the kernel
/// alone) and `product` (read out, dequantizing where the format has scales).
///
/// - FP32, BF16: oneDNN's FP32 / BF16 matmul (`FloatMatmulKernel`); BF16 rounds in oneDNN's reorder.
/// - FP16: `FloatFormat.fp16.rounded` on A and B (nearest even, saturating), then the FP32 kernel.
/// - FP8 E4M3 / E5M2: per-tensor scale `s = max|x| / maxFinite` (`FloatQuantizer`, absmax scaling),
///   `round_f(x / s)`, FP32 kernel on the scaled codes, then `C · sA · sB` (the output dequantization
///   a real FP8 GEMM applies).
/// - INT8, INT4: QuantCore's symmetric codes (`SymmetricIntegerMatrix`) on `IntegerMatmulKernel`
///   (INT32 accumulation, dequantized output).
/// - OpenBLAS FP32: `sgemm` through `Tensor.matrixProduct`; all its time is the kernel.
///
/// With `rows`, only those rows of C are formed, but every scale and rounding is the one of the
/// full inputs: row i of C depends only on row i of A and on B, so the rows equal those of the full
/// product up to the kernel's FP32 accumulation order (exactly, for the integer kernels).
public final class MatmulContender {
    /// The format computed.
    public let format: MatmulFormat
    private let floatKernel: FloatMatmulKernel?
    private let integerKernel: IntegerMatmulKernel?
    private var outputScale: Float = 1
    /// B's FP8 scale, kept so that a new A can be scaled against it.
    private var weightScale: Float = 1
    private var blasOperands: (a: Tensor, b: Tensor)?
    private var blasProduct: Tensor?

    /// A contender on new kernels.
    /// - Throws: `DNNLError` when oneDNN cannot create an engine.
    public init(format: MatmulFormat) throws {
        self.format = format
        switch format {
        case .bf16:
            floatKernel = try FloatMatmulKernel(precision: .bf16)
            integerKernel = nil
        case .fp32, .fp16, .fp8e4m3, .fp8e5m2:
            floatKernel = try FloatMatmulKernel(precision: .fp32)
            integerKernel = nil
        case .int8PerTensor, .int8PerChannel, .int4PerTensor, .int4PerChannel:
            floatKernel = nil
            integerKernel = try IntegerMatmulKernel(
                bits: format.integerBits!, granularity: format.isPerChannel ? .perRowAndColumn : .perTensor)
        case .openBLASFP32:
            floatKernel = nil
            integerKernel = nil
        }
    }

    /// The kernel's label for records, e.g. `oneDNN INT8 (per-tensor)`.
    public var kernelLabel: String {
        switch format {
        case .fp16, .fp8e4m3, .fp8e5m2: "\(floatKernel!.label) on rounded inputs (emulated)"
        case .openBLASFP32: "OpenBLAS FP32 sgemm"
        default: floatKernel?.label ?? integerKernel!.label
        }
    }

    /// The implementation oneDNN chose for the last prepared shape (`brg:avx512_core_vnni`, …),
    /// or `openblas` for the OpenBLAS contender.
    public var implementation: String {
        if format == .openBLASFP32 { return "openblas" }
        return floatKernel?.implementation ?? integerKernel!.implementation
    }

    /// Rounds or quantizes the inputs and loads them into the kernel.
    /// - Parameters:
    ///   - a: A, `m × k`.
    ///   - b: B, `k × n`.
    ///   - rows: when given, only these rows of C are computed (scales still from all of A).
    /// - Throws: `KernelInputError` for shapes that do not chain; `QuantizationError` for
    ///   non-finite inputs of an integer format (QuantCore quantizes them); `DNNLError` when
    ///   oneDNN fails.
    public func prepare(a: Tensor, b: Tensor, rows: [Int]? = nil) throws {
        switch format {
        case .fp32, .bf16:
            try floatKernel!.prepare(a: rows.map { a.rows(at: $0) } ?? a, b: b)
        case .fp16:
            let ra = rounded(a, rows: rows, format: .fp16, scale: 1)
            try floatKernel!.prepare(a: ra, b: rounded(b, rows: nil, format: .fp16, scale: 1))
        case .fp8e4m3, .fp8e5m2:
            let f: FloatFormat = format == .fp8e4m3 ? .e4m3 : .e5m2
            let quantizer = FloatQuantizer(format: f, scaling: .absmax)
            let sa = quantizer.scale(forAbsMax: Reductions.absMax(a.storage))
            let sb = quantizer.scale(forAbsMax: Reductions.absMax(b.storage))
            outputScale = sa * sb
            weightScale = sb
            try floatKernel!.prepare(a: rounded(a, rows: rows, format: f, scale: sa), b: rounded(b, rows: nil, format: f, scale: sb))
        case .int8PerTensor, .int8PerChannel, .int4PerTensor, .int4PerChannel:
            let kernel = integerKernel!
            guard let rows else { return try kernel.prepare(a: a, b: b) }
            let bits = format.integerBits!
            let qa = try SymmetricIntegerMatrix(quantizing: a, bits: bits, axis: format.isPerChannel ? .rows : .tensor)
            let qb = try SymmetricIntegerMatrix(quantizing: b, bits: bits, axis: format.isPerChannel ? .columns : .tensor)
            try kernel.prepare(a: qa.rows(at: rows), b: qb)
        case .openBLASFP32:
            blasOperands = (rows.map { a.rows(at: $0) } ?? a, b)
            blasProduct = nil
        }
    }

    /// Rounds or quantizes a new A and loads it, keeping the B of the last `prepare`: the work a
    /// deployed layer does per call, its weights having been converted once.
    /// - Precondition: `prepare(a:b:rows:)` ran without `rows`, with an A of the same shape.
    /// - Throws: as `prepare`.
    public func prepareSource(a: Tensor) throws {
        switch format {
        case .fp32, .bf16:
            try floatKernel!.prepareSource(a: a)
        case .fp16:
            try floatKernel!.prepareSource(a: rounded(a, rows: nil, format: .fp16, scale: 1))
        case .fp8e4m3, .fp8e5m2:
            let f: FloatFormat = format == .fp8e4m3 ? .e4m3 : .e5m2
            let sa = FloatQuantizer(format: f, scaling: .absmax).scale(forAbsMax: Reductions.absMax(a.storage))
            outputScale = sa * weightScale
            try floatKernel!.prepareSource(a: rounded(a, rows: nil, format: f, scale: sa))
        case .int8PerTensor, .int8PerChannel, .int4PerTensor, .int4PerChannel:
            try integerKernel!.prepareSource(a: a)
        case .openBLASFP32:
            guard let b = blasOperands?.b else { preconditionFailure("\(format): prepareSource before prepare") }
            blasOperands = (a, b)
            blasProduct = nil
        }
    }

    /// Runs the kernel on the prepared operands.
    /// - Throws: `DNNLError` when oneDNN fails.
    public func execute() throws {
        if let kernel = floatKernel { return try kernel.execute() }
        if let kernel = integerKernel { return try kernel.execute() }
        guard let (a, b) = blasOperands else { preconditionFailure("\(format): execute() before prepare") }
        blasProduct = Tensor.matrixProduct(a, b)
    }

    /// The FP32 product of the last `execute`, dequantized.
    public func product() -> Tensor {
        switch format {
        case .fp8e4m3, .fp8e5m2:
            var c = floatKernel!.product()
            c.storage = c.storage.multipliedSIMD(by: outputScale)
            return c
        case .openBLASFP32:
            guard let c = blasProduct else { preconditionFailure("\(format): product() before execute()") }
            return c
        default:
            return floatKernel?.product() ?? integerKernel!.product()
        }
    }

    /// `rows` of `x` (all when `nil`) divided by `scale` and rounded to `format` (saturating).
    private func rounded(_ x: Tensor, rows: [Int]?, format: FloatFormat, scale: Float) -> Tensor {
        var scaled = scale == 1 ? x.storage : x.storage.dividedSIMD(by: scale)
        var shape = x.shape
        if let rows {
            scaled = Tensor(shape: x.shape, storage: scaled).rows(at: rows).storage
            shape[0] = rows.count
        }
        return Tensor(shape: shape, storage: format.rounded(scaled))
    }
}

extension SymmetricIntegerMatrix {
    /// The given rows, keeping the scales (per-row scales follow their rows).
    func rows(at indices: [Int]) throws -> SymmetricIntegerMatrix {
        var codes: [Int8] = []
        codes.reserveCapacity(indices.count * columns)
        for r in indices { codes.append(contentsOf: self.codes[(r * columns)..<((r + 1) * columns)]) }
        return try SymmetricIntegerMatrix(
            rows: indices.count, columns: columns, bits: bits, axis: axis, codes: codes,
            scales: axis == .rows ? indices.map { scales[$0] } : scales)
    }
}
