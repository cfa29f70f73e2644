public import QuantCore
public import Tensor

/// Post-training quantization of a layer's input on a grid fixed before inference: the
/// activation hook of PTQ, where nothing is trained.
///
/// ```
/// integer, static:   x̂ = s · (clamp(round(x/s) + z, qmin, qmax) − z),  s, z from a calibrated range
/// integer, dynamic:  the same with the range of each call's own tensor (min-max)
/// per token:         the same with the range of each row of a `[N, D]` input (one scale per token)
/// float:             x̂ = s · round_F(x / s)   (round to nearest even in format F, saturating)
/// ```
/// Rounding is QuantCore's (`AffineQuantizer`, `FloatFormat.rounded`), so the values are those
/// an integer or low-precision float engine would see. Float formats other than FP32 have no
/// arithmetic on this CPU: the product after rounding is still FP32 (emulated).
/// The backward pass is the identity (straight through): the quantizer is meant for inference.
public struct CalibratedQuantizer: FakeQuantizer {
    /// The grid the input is rounded to.
    public enum Grid: Sendable, Hashable {
        /// An affine integer grid with parameters fixed by calibration.
        case integer(AffineQuantizer, AffineParameters)
        /// An affine integer grid over each input's own min-max (dynamic quantization).
        case dynamicInteger(AffineQuantizer)
        /// An affine integer grid over each row's own min-max: per-token dynamic activation
        /// quantization (LLM.int8's vector-wise, ZeroQuant's token-wise) of a `[N, D]` input.
        case dynamicIntegerPerRow(AffineQuantizer)
        /// A float format after division by `scale` (1 for FP16/BF16; for FP8, the calibrated
        /// absolute maximum over the format's largest value).
        case float(FloatFormat, scale: Float)
    }

    /// The grid.
    public let grid: Grid

    /// A quantizer on `grid`.
    public init(_ grid: Grid) {
        self.grid = grid
    }

    /// Code width in bits.
    public var bits: Int {
        switch grid {
        case .integer(let q, _), .dynamicInteger(let q), .dynamicIntegerPerRow(let q): q.bits
        case .float(let format, _): format.bits
        }
    }

    /// `ptq`.
    public var method: String { "ptq" }

    public mutating func forward(_ input: Tensor) -> Tensor { self(input) }

    public mutating func backward(_ outputGradient: Tensor) -> Tensor { outputGradient }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        switch grid {
        case .integer(let q, let p):
            return Self.roundTrip(input, q, p)
        case .dynamicInteger(let q):
            return Self.roundTrip(input, q, q.parameters(for: MinMax.range(of: input.storage, symmetric: q.symmetric)))
        case .dynamicIntegerPerRow(let q):
            let d = input.shape.last ?? 1
            var out = input.storage
            for r in 0..<(input.count / max(1, d)) {
                let row = Array(input.storage[(r * d)..<((r + 1) * d)])
                let p = q.parameters(for: MinMax.range(of: row, symmetric: q.symmetric))
                for (j, code) in q.quantize(row, p).enumerated() { out[r * d + j] = q.dequantize(code, p) }
            }
            return Tensor(shape: input.shape, storage: out)
        case .float(let format, let scale):
            let inverse = 1 / scale
            let rounded = format.rounded(input.storage.map { $0 * inverse })
            return Tensor(shape: input.shape, storage: rounded.map { $0 * scale })
        }
    }

    /// No parameters: the grid is fixed.
    public mutating func visitParameters(_ body: (String, inout Parameter) -> Void) {}

    private static func roundTrip(_ x: Tensor, _ q: AffineQuantizer, _ p: AffineParameters) -> Tensor {
        Tensor(shape: x.shape, storage: q.quantize(x.storage, p).map { q.dequantize($0, p) })
    }
}
