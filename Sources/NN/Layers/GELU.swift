#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Kernels
public import Tensor

/// The Gaussian error linear unit in its exact form (Hendrycks & Gimpel 2016; BERT's `gelu`,
/// PyTorch's `nn.GELU()` default), element-wise:
/// ```
/// y = x·Φ(x) = x·(1 + erf(x/√2))/2,     ∂y/∂x = Φ(x) + x·φ(x),   φ(x) = exp(−x²/2)/√(2π)
/// ```
/// Not GPT-2's tanh approximation: the pretrained encoder was trained with erf, and the two
/// differ by up to 4.7·10⁻⁴ (over |x| ≤ 6), an error that six layers would carry into the
/// embedding its reference test compares. `erff` and `expf` (FP32, within a few ulps) keep the
/// encoder's inference fast: FP64 `erf` took 13 % of its time.
public struct GELU: Layer {
    /// ∂y/∂x at the latest forward's input.
    private var slope: [Float]?

    /// The activation.
    public init() {}

    public mutating func forward(_ input: Tensor) -> Tensor {
        var d = [Float](repeating: 0, count: input.count)
        var y = [Float](repeating: 0, count: input.count)
        input.storage.withUnsafeBufferPointer { x in
            let invSqrt2 = 1 / Float(2).squareRoot(), invSqrt2Pi = 1 / (2 * Float.pi).squareRoot()
            for i in x.indices {
                let v = x[i]
                let phi = 0.5 * (1 + erff(v * invSqrt2))
                y[i] = v * phi
                d[i] = phi + v * expf(-0.5 * v * v) * invSqrt2Pi
            }
        }
        slope = d
        return Tensor(shape: input.shape, storage: y)
    }

    public mutating func backward(_ outputGradient: Tensor) -> Tensor {
        guard let slope else { preconditionFailure("GELU.backward before forward") }
        precondition(outputGradient.count == slope.count, "GELU.backward: \(outputGradient.count) gradients for \(slope.count) inputs")
        var g = outputGradient
        g.storage.withUnsafeMutableBufferPointer { p in
            for i in p.indices { p[i] *= slope[i] }
        }
        return g
    }

    /// Inference: element-wise on the GEMV kernels' workers (`forEachChunk`), since `erff` on
    /// one core was 12 % of the encoder's time with oneDNN's second thread idle meanwhile.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        var y = input
        let invSqrt2 = 1 / Float(2).squareRoot()
        y.storage.withUnsafeMutableBufferPointer { buffer in
            // Disjoint chunks of one buffer.
            nonisolated(unsafe) let p = buffer
            forEachChunk(of: p.count, threads: input.count >= 1 << 14 ? defaultKernelThreads : 1) { range in
                for i in range {
                    let v = p[i]
                    p[i] = v * 0.5 * (1 + erff(v * invSqrt2))
                }
            }
        }
        return y
    }

    /// No parameters.
    public mutating func visitParameters(_ body: (String, inout Parameter) -> Void) {}
}
