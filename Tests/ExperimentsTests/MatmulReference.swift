import QuantCore
import Tensor
@testable import Experiments

/// Independent references for the matmul contenders: inputs quantized and dequantized with
/// QuantCore's scalar paths (not the kernels' SIMD ones), then an FP64 product in plain Swift.
enum MatmulReference {
    /// A seeded `rows × columns` tensor of N(0, 1) entries.
    static func normal(_ rows: Int, _ columns: Int, seed: UInt64) -> Tensor {
        var rng = SeededGenerator(seed: seed)
        return Tensor.normal(shape: [rows, columns], using: &rng)
    }

    /// The dequantized inputs `(Â, B̂)` a format's product should multiply.
    static func dequantizedInputs(_ format: MatmulFormat, a: Tensor, b: Tensor) -> (a: [Float], b: [Float]) {
        switch format {
        case .fp32, .openBLASFP32: return (a.storage, b.storage)
        case .fp16: return (a.storage.map { FloatFormat.fp16.rounded($0) }, b.storage.map { FloatFormat.fp16.rounded($0) })
        case .bf16: return (a.storage.map { FloatFormat.bf16.rounded($0) }, b.storage.map { FloatFormat.bf16.rounded($0) })
        case .fp8e4m3, .fp8e5m2:
            let f: FloatFormat = format == .fp8e4m3 ? .e4m3 : .e5m2
            func fp8(_ x: [Float]) -> [Float] {
                let s = x.map(\.magnitude).max()! / Float(f.maxFinite)
                return x.map { s * f.rounded($0 / s) }
            }
            return (fp8(a.storage), fp8(b.storage))
        case .int8PerTensor, .int8PerChannel, .int4PerTensor, .int4PerChannel:
            let q = AffineQuantizer(bits: format.integerBits!, symmetric: true)
            let (m, k, n) = (a.shape[0], a.shape[1], b.shape[1])
            // Index sets sharing a scale: rows of A and columns of B, or the whole tensor.
            let aGroups = format.isPerChannel ? (0..<m).map { i in (0..<k).map { i * k + $0 } } : [Array(0..<(m * k))]
            let bGroups = format.isPerChannel ? (0..<n).map { j in (0..<k).map { $0 * n + j } } : [Array(0..<(k * n))]
            func dequantize(_ x: [Float], groups: [[Int]]) -> [Float] {
                var out = x
                for group in groups {
                    let p = q.parameters(for: ClippingRange(symmetric: group.map { x[$0].magnitude }.max()!))
                    for i in group { out[i] = q.dequantize(q.quantize(x[i], p), p) }
                }
                return out
            }
            return (dequantize(a.storage, groups: aGroups), dequantize(b.storage, groups: bGroups))
        }
    }

    /// `Â · B̂` in FP64 and `Σ_k |â_ik|·|b̂_kj|` (the scale of the FP32 accumulation error bound).
    static func product(_ a: [Float], _ b: [Float], m: Int, k: Int, n: Int) -> (value: [Double], magnitude: [Double]) {
        var value = [Double](repeating: 0, count: m * n), magnitude = value
        for i in 0..<m {
            for j in 0..<n {
                var s = 0.0, t = 0.0
                for p in 0..<k {
                    let x = Double(a[i * k + p]) * Double(b[p * n + j])
                    s += x
                    t += abs(x)
                }
                value[i * n + j] = s
                magnitude[i * n + j] = t
            }
        }
        return (value, magnitude)
    }
}
