#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import Tensor

/// The Gaussian error linear unit in its exact form (Hendrycks & Gimpel 2016; BERT's `gelu`,
/// PyTorch's `nn.GELU()` default), element-wise:
/// ```
/// y = x·Φ(x) = x·(1 + erf(x/√2))/2,     ∂y/∂x = Φ(x) + x·φ(x),   φ(x) = exp(−x²/2)/√(2π)
/// ```
/// Not GPT-2's tanh approximation: the pretrained encoder was trained with erf, and the two
/// differ by up to 4.7·10⁻⁴ (over |x| ≤ 6), an error that six layers would carry into the
/// embedding its reference test compares. `erf` and `exp` run in FP64 on the FP32 input; the
/// result is rounded to FP32 once.
public struct GELU: Layer {
    /// ∂y/∂x at the latest forward's input.
    private var slope: [Float]?

    /// The activation.
    public init() {}

    public mutating func forward(_ input: Tensor) -> Tensor {
        var d = [Float](repeating: 0, count: input.count)
        var y = [Float](repeating: 0, count: input.count)
        input.storage.withUnsafeBufferPointer { x in
            for i in x.indices {
                let v = Double(x[i])
                let phi = 0.5 * (1 + erf(v / 2.0.squareRoot()))
                y[i] = Float(v * phi)
                d[i] = Float(phi + v * exp(-0.5 * v * v) / (2 * Double.pi).squareRoot())
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

    public func callAsFunction(_ input: Tensor) -> Tensor {
        var y = input
        y.storage.withUnsafeMutableBufferPointer { p in
            for i in p.indices {
                let v = Double(p[i])
                p[i] = Float(v * 0.5 * (1 + erf(v / 2.0.squareRoot())))
            }
        }
        return y
    }

    /// No parameters.
    public mutating func visitParameters(_ body: (String, inout Parameter) -> Void) {}
}
