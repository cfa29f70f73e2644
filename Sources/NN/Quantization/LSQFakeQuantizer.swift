public import Tensor

/// Learned Step Size Quantization (Esser et al., 2020, "Learned Step Size Quantization",
/// ICLR): symmetric b-bit fake quantization whose step size s is a trained parameter.
///
/// ```
/// Qn = Qp = 2^(b−1) − 1                 (QuantCore's symmetric grid: codes in ±Qp)
/// z = x / s,   q = clamp(roundHalfEven(z), −Qn, Qp),   x̂ = q · s
/// ∂x̂/∂x = 1 if −Qn < z < Qp, else 0                        (straight-through inside the range)
/// ∂x̂/∂s = q − z if −Qn < z < Qp;  −Qn if z ≤ −Qn;  Qp if z ≥ Qp   (paper, eq. 3)
/// ∂L/∂s = g · Σᵢ ∂L/∂x̂ᵢ · ∂x̂ᵢ/∂s,   g = 1 / √(N · Qp)             (gradient scale, section 2.2)
/// s₀ = 2 · mean|x| / √Qp                                         (initialisation, section 2.1)
/// ```
/// N is the number of elements quantized with one step: the weight count for weights, the
/// features per sample for inputs (the paper's N_W and N_F): every element but the batch axis,
/// F for a linear input `[N, F]` and C·H·W for a convolution input `[N, C, H, W]`. The step is initialised from the
/// first training forward (or set with `init(bits:step:)`); `forward` clamps it to at least
/// 1e−8, since an optimizer step may push it through zero. The paper's grid for signed
/// values has Qn = Qp + 1; the symmetric grid here leaves the most negative code unused, as
/// QuantCore's symmetric quantizer does, so PTQ and QAT share one grid.
public struct LSQFakeQuantizer: FakeQuantizer {
    /// Code width b, 2...16.
    public let bits: Int
    /// s, shape `[1]`.
    public var step: Parameter
    /// Whether `step` has been set (by the initialiser or the first forward).
    public private(set) var isInitialized: Bool
    /// The gradient scale g, fixed at the first forward from the element count.
    public private(set) var gradientScale: Float = 1
    /// Whether N counts every element (weights) or the elements of one sample (inputs).
    public let perSampleCount: Bool
    /// z and q of the latest forward.
    private var cache: (z: [Float], q: [Float])?

    /// A quantizer whose step is initialised from the first training batch.
    /// - Parameters:
    ///   - bits: code width, 2...16.
    ///   - perSampleCount: N = elements per sample (all axes but the first, the batch) for
    ///     inputs and activations; false (weights) counts every element.
    public init(bits: Int, perSampleCount: Bool = false) {
        precondition((2...16).contains(bits), "LSQFakeQuantizer: bits \(bits) outside 2...16")
        self.bits = bits
        self.step = Parameter(Tensor(shape: [1], repeating: 1))
        self.isInitialized = false
        self.perSampleCount = perSampleCount
    }

    /// A quantizer with a given initial step (e.g. from PTQ's calibrated scale).
    /// - Precondition: `step > 0`.
    public init(bits: Int, step: Float, perSampleCount: Bool = false) {
        precondition(step > 0, "LSQFakeQuantizer: step \(step) must be positive")
        self.init(bits: bits, perSampleCount: perSampleCount)
        self.step = Parameter(Tensor(shape: [1], storage: [step]))
        isInitialized = true
    }

    public var method: String { "lsq" }

    /// Qp = 2^(b−1) − 1.
    public var maxCode: Float { Float((1 << (bits - 1)) - 1) }

    public mutating func forward(_ input: Tensor) -> Tensor {
        // Per sample: everything but the batch axis (C·H·W for a convolution input, not W alone).
        let n = perSampleCount && input.shape.count >= 2 && input.shape[0] > 0 ? input.count / input.shape[0] : input.count
        gradientScale = 1 / (Float(n) * maxCode).squareRoot()
        if !isInitialized {
            let meanAbs = input.storage.reduce(0) { $0 + Double(abs($1)) } / Double(max(input.count, 1))
            step.value.storage[0] = max(Float(2 * meanAbs) / maxCode.squareRoot(), 1e-8)
            isInitialized = true
        }
        // An optimizer step may push s through zero; the quantizer needs s > 0.
        step.value.storage[0] = max(step.value.storage[0], 1e-8)
        let s = step.value.storage[0]
        let z = input.storage.map { $0 / s }
        let q = z.map { min(max($0.rounded(.toNearestOrEven), -maxCode), maxCode) }
        cache = (z, q)
        return Tensor(shape: input.shape, storage: q.map { $0 * s })
    }

    public mutating func backward(_ outputGradient: Tensor) -> Tensor {
        guard let (z, q) = cache else { preconditionFailure("LSQFakeQuantizer.backward before forward") }
        precondition(outputGradient.count == z.count, "LSQFakeQuantizer.backward: \(outputGradient.count) gradients for \(z.count) inputs")
        let qp = maxCode
        var dx = outputGradient
        var ds = 0.0
        for i in z.indices {
            let g = outputGradient.storage[i]
            let slope: Float
            if z[i] <= -qp {
                slope = -qp
                dx.storage[i] = 0
            } else if z[i] >= qp {
                slope = qp
                dx.storage[i] = 0
            } else {
                slope = q[i] - z[i]
            }
            ds += Double(g * slope)
        }
        step.accumulateGradient([gradientScale * Float(ds)])
        return dx
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        let s = step.value.storage[0]
        return Tensor(shape: input.shape, storage: input.storage.map {
            min(max(($0 / s).rounded(.toNearestOrEven), -maxCode), maxCode) * s
        })
    }

    public mutating func visitParameters(_ body: (String, inout Parameter) -> Void) {
        body("step", &step)
    }
}
