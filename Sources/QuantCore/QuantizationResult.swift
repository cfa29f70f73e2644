public import Tensor

/// Everything a quantization produced: codes, their values, per-group parameters and the error.
public struct QuantizationResult: Sendable {
    /// The scheme that produced it.
    public let scheme: QuantizationScheme
    /// One code per element, row-major: integer codes, float bit patterns (zero-extended), or
    /// table indices.
    public let codes: [Int32]
    /// The value every code stands for, in the input's shape.
    public let dequantized: Tensor
    /// One scale per group (1 where the scheme has none).
    public let scales: [Float]
    /// One zero point per group (0 where the scheme has none).
    public let zeroPoints: [Int32]
    /// The calibrated clipping range of every group.
    public let ranges: [ClippingRange]
    /// The error of `dequantized` against the input.
    public let error: ErrorMetrics
    /// Storage with FP32 scales and zero points of the code width.
    public let storage: StorageCost
}
