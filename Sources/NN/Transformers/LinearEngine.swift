import Kernels
import QuantCore
public import Tensor

/// The inference product of a `Linear` on one of oneDNN's real low-precision kernels, for
/// timing (the accuracy experiments use `BertQuantization`, whose products are FP32 on rounded
/// values):
///
/// ```
/// bf16:  y = bf16(x) · bf16(W)ᵀ + b            AVX512-BF16 dot products, FP32 accumulation
/// int8:  y = s_x(t) · s_W(o) · Σ q_x q_W + b   per-token INT8 inputs, per-channel INT8 weights,
///                                              exact INT32 sums (VNNI), FP32 dequantization
/// ```
/// Both quantizations are QuantCore's (`SymmetricIntegerMatrix`): the input's codes are made on
/// every call (dynamic, per row), the weight's once. The weight is converted and reordered into
/// oneDNN's blocked layout once per row count (`MatmulKernel.prepareSource` keeps it), as a
/// deployed engine does; each call loads only the input.
/// A kernel is not thread-safe; an encoder evaluates one batch at a time.
public final class LinearEngine: @unchecked Sendable {
    /// The operand format.
    public enum Kind: String, Sendable, CaseIterable {
        /// bfloat16 operands.
        case bf16
        /// INT8 per-token inputs and per-channel weights (W8A8).
        case int8
    }

    /// The format of this engine.
    public let kind: Kind
    /// Wᵀ, `[in, out]` (BF16 path).
    private let transposed: Tensor?
    /// Wᵀ's INT8 codes with one scale per column (= output channel).
    private let codes: SymmetricIntegerMatrix?
    private let bias: [Float]
    private let kernel: any MatmulKernel
    /// Row counts for which the kernel holds the weight already converted and reordered.
    private var preparedRows: Set<Int> = []

    /// An engine for the weight `[out, in]` and bias `[out]` of a linear layer.
    /// - Throws: `DNNLError` when oneDNN cannot create the kernel; `QuantizationError` for a
    ///   weight with NaN or ±∞.
    public init(kind: Kind, weight: Tensor, bias: Tensor) throws {
        self.kind = kind
        let (outputs, inputs) = (weight.shape[0], weight.shape[1])
        var t = [Float](repeating: 0, count: weight.count)
        for o in 0..<outputs {
            for i in 0..<inputs { t[i * outputs + o] = weight.storage[o * inputs + i] }
        }
        let wt = Tensor(shape: [inputs, outputs], storage: t)
        self.bias = bias.storage
        switch kind {
        case .bf16:
            transposed = wt
            codes = nil
            kernel = try FloatMatmulKernel(precision: .bf16)
        case .int8:
            transposed = nil
            codes = try SymmetricIntegerMatrix(quantizing: wt, bits: 8, axis: .columns)
            kernel = try IntegerMatmulKernel(bits: 8, granularity: .perRowAndColumn)
        }
    }

    /// x · Wᵀ + b for `x` `[N, in]`.
    /// - Precondition: finite inputs of the layer's width (a failure of oneDNN stops the process,
    ///   as in `MatrixProduct`).
    public func callAsFunction(_ x: Tensor) -> Tensor {
        var y: Tensor
        do {
            let rows = x.shape[0]
            let weightsReady = preparedRows.contains(rows)
            switch kind {
            case .bf16:
                if weightsReady { try kernel.prepareSource(a: x) } else { try kernel.prepare(a: x, b: transposed!) }
            case .int8:
                let a = try SymmetricIntegerMatrix(quantizing: x, bits: 8, axis: .rows)
                let integer = kernel as! IntegerMatmulKernel
                if weightsReady { try integer.prepareSource(a: a) } else { try integer.prepare(a: a, b: codes!) }
            }
            preparedRows.insert(rows)
            try kernel.execute()
            y = kernel.product()
        } catch {
            fatalError("LinearEngine \(kind.rawValue): \(error)")
        }
        let n = bias.count
        y.storage.withUnsafeMutableBufferPointer { out in
            for r in 0..<(out.count / n) {
                for o in 0..<n { out[r * n + o] += bias[o] }
            }
        }
        return y
    }

    /// Bytes of the weight in this format: 2 per BF16 value; 1 per INT8 code plus a 4-byte scale per output.
    public var weightBytes: Int {
        switch kind {
        case .bf16: 2 * (transposed?.count ?? 0)
        case .int8: (codes?.codes.count ?? 0) + 4 * (codes?.scales.count ?? 0)
        }
    }
}

extension BertEncoder {
    /// The model with every linear layer's inference product on `kind`'s oneDNN kernel (or FP32
    /// sgemm for `nil`): the variants the section times.
    /// - Throws: as `LinearEngine.init`.
    public func running(on kind: LinearEngine.Kind?) throws -> BertEncoder {
        var out = self
        try out.updateLinears { _, linear in
            linear.engine = try kind.map { try LinearEngine(kind: $0, weight: linear.weight.value, bias: linear.bias.value) }
        }
        return out
    }

    /// Bytes of the linear weights as `running(on:)` stores them.
    public func linearWeightBytes(on kind: LinearEngine.Kind?) -> Int {
        linears.reduce(0) { $0 + ($1.linear.engine?.weightBytes ?? 4 * $1.linear.weight.value.count) }
    }
}
