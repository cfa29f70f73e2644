/// One contender of the matmul section: an operand format and the kernel that multiplies it.
///
/// Every product accumulates in FP32 (INT32 for the integer codes, then dequantized). Where this
/// CPU has no arithmetic for a format (FP16, FP8; no AVX512-FP16, no AMX) the inputs are rounded
/// to the format and multiplied by the FP32 kernel: such a format is *emulated*, its time is a
/// conversion plus an FP32 product, and it is never called a speedup. INT4 has no instruction
/// either: its codes in [−7, 7] run on the INT8 kernel, one per byte.
public enum MatmulFormat: String, Codable, Sendable, CaseIterable {
    /// IEEE 754 binary32 on oneDNN's FP32 matmul: the baseline of every ratio.
    case fp32
    /// IEEE 754 binary16, inputs rounded (nearest even, saturating), then the FP32 kernel. Emulated.
    case fp16
    /// bfloat16 on oneDNN's matmul (AVX512-BF16 `vdpbf16ps`), FP32 accumulation. Native.
    case bf16
    /// OCP FP8 E4M3, inputs scaled per tensor so max|x| lands on 448, rounded, FP32 kernel. Emulated.
    case fp8e4m3
    /// OCP FP8 E5M2, inputs scaled per tensor so max|x| lands on 57344, rounded, FP32 kernel. Emulated.
    case fp8e5m2
    /// Symmetric INT8 (codes ±127), one scale per tensor, oneDNN s8·s8→s32 (AVX512-VNNI).
    case int8PerTensor = "int8-tensor"
    /// Symmetric INT8, one scale per row of A and per column of B, same kernel.
    case int8PerChannel = "int8-channel"
    /// Symmetric INT4 (codes ±7), one scale per tensor, on the INT8 kernel.
    case int4PerTensor = "int4-tensor"
    /// Symmetric INT4, per row of A and per column of B, on the INT8 kernel.
    case int4PerChannel = "int4-channel"
    /// FP32 on OpenBLAS `sgemm`: a second FP32 reference timing, at the core type OpenBLAS
    /// dispatched (`OPENBLAS_CORETYPE=Haswell` here, left as the environment sets it).
    case openBLASFP32 = "openblas-fp32"

    /// Whether the CPU has no arithmetic for the format, so its product is an FP32 product of
    /// rounded inputs.
    public var isEmulated: Bool {
        switch self {
        case .fp16, .fp8e4m3, .fp8e5m2: true
        default: false
        }
    }

    /// The instruction family whose measured peak the throughput is compared with.
    public var instruction: MatmulInstruction {
        switch self {
        case .bf16: .bf16
        case .int8PerTensor, .int8PerChannel, .int4PerTensor, .int4PerChannel: .int8
        default: .fp32
        }
    }

    /// Bytes one element of A or B occupies when stored in the format (INT4: two codes per byte).
    public var storageBytesPerElement: Double {
        switch self {
        case .fp32, .openBLASFP32: 4
        case .fp16, .bf16: 2
        case .fp8e4m3, .fp8e5m2, .int8PerTensor, .int8PerChannel: 1
        case .int4PerTensor, .int4PerChannel: 0.5
        }
    }

    /// Bytes per element the timed kernel actually reads: 4 for every FP32-kernel product
    /// (emulated formats included), 2 for BF16, 1 for INT8 and INT4 (one code per byte).
    public var kernelBytesPerElement: Double {
        switch self {
        case .bf16: 2
        case .int8PerTensor, .int8PerChannel, .int4PerTensor, .int4PerChannel: 1
        default: 4
        }
    }

    /// Code width of the integer formats (8 or 4), `nil` for the float formats.
    public var integerBits: Int? {
        switch self {
        case .int8PerTensor, .int8PerChannel: 8
        case .int4PerTensor, .int4PerChannel: 4
        default: nil
        }
    }

    /// Whether an integer format has one scale per row of A and per column of B.
    public var isPerChannel: Bool { self == .int8PerChannel || self == .int4PerChannel }
}

/// The instruction families whose peaks are measured once per run.
public enum MatmulInstruction: String, Codable, Sendable, CaseIterable {
    /// FP32 FMA (`vfmadd…ps`).
    case fp32
    /// BF16 dot products with FP32 accumulation (`vdpbf16ps`).
    case bf16
    /// INT8 dot products with INT32 accumulation (`vpdpbusd`).
    case int8
}
