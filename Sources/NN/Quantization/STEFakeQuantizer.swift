public import QuantCore
public import Tensor

/// Fake quantization on QuantCore's affine integer grid with the straight-through estimator
/// (Bengio et al., 2013; Jacob et al., 2018) as its gradient.
///
/// ```
/// forward:   x̂ = dq(q(x)) = s · (clamp(roundHalfEven(x/s) + z, qmin, qmax) − z)
/// backward:  ∂L/∂x = ∂L/∂x̂ · 1[qmin ≤ roundHalfEven(x/s) + z ≤ qmax]
///            (rounding treated as the identity, clamping as the clamp it is; the test is on the
///            unclamped code, as PyTorch's fake_quantize does, so no float comparison with a
///            range end computed as s·qmax can drop the tensor's own extreme by one ulp)
/// ```
/// The range [lo, hi] and so s and z come from `AffineQuantizer.parameters(for:)`:
/// - `.current`: the min-max of the tensor at each forward (weights: nothing is clipped, so the
///   gradient passes unchanged);
/// - `.observed`: a moving-average min-max of the training batches
///   (`MovingAverageMinMaxObserver`), fixed at inference (inputs and activations).
/// The range carries no gradient: it is a rule, not a parameter (compare `LSQFakeQuantizer`).
public struct STEFakeQuantizer: FakeQuantizer {
    /// Where the clipping range comes from.
    public enum RangeSource: Sendable, Hashable {
        /// Min-max of each tensor as it arrives.
        case current
        /// A moving average of the training batches' min-max, with this averaging constant.
        case observed(averagingConstant: Float)
    }

    /// The integer grid (bits, symmetric or asymmetric).
    public let quantizer: AffineQuantizer
    /// Where the clipping range comes from.
    public let rangeSource: RangeSource
    /// The running range for `.observed`, `nil` before the first training batch.
    public private(set) var observer: MovingAverageMinMaxObserver?
    /// 1 where the latest forward's input was inside the range, else 0.
    private var passMask: [Float] = []

    /// - Precondition: `2 ≤ bits ≤ 16`.
    public init(bits: Int, symmetric: Bool = true, rangeSource: RangeSource = .current) {
        quantizer = AffineQuantizer(bits: bits, symmetric: symmetric)
        self.rangeSource = rangeSource
        if case .observed(let c) = rangeSource { observer = MovingAverageMinMaxObserver(averagingConstant: c) }
    }

    public var bits: Int { quantizer.bits }
    public var method: String { "ste" }

    public mutating func forward(_ input: Tensor) -> Tensor {
        if rangeSource != .current { observer?.observe(input.storage) }
        let range = range(for: input)
        let p = quantizer.parameters(for: range)
        let (qmin, qmax, z) = (Float(quantizer.minCode), Float(quantizer.maxCode), Float(p.zeroPoint))
        passMask = input.storage.map {
            let code = ($0 / p.scale).rounded(.toNearestOrEven) + z
            return code >= qmin && code <= qmax ? 1 : 0
        }
        return quantizeDequantize(input, p)
    }

    public mutating func backward(_ outputGradient: Tensor) -> Tensor {
        precondition(outputGradient.count == passMask.count, "STEFakeQuantizer.backward: \(outputGradient.count) gradients for \(passMask.count) inputs")
        var g = outputGradient
        for i in g.storage.indices { g.storage[i] *= passMask[i] }
        return g
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        quantizeDequantize(input, quantizer.parameters(for: range(for: input)))
    }

    /// No parameters: the range is a rule.
    public mutating func visitParameters(_ body: (String, inout Parameter) -> Void) {}

    /// The range in use: the observed one when there is one, else the tensor's own min-max.
    private func range(for input: Tensor) -> ClippingRange {
        observer?.range ?? MinMax.range(of: input.storage, symmetric: quantizer.symmetric)
    }

    private func quantizeDequantize(_ x: Tensor, _ p: AffineParameters) -> Tensor {
        let codes = quantizer.quantize(x.storage, p)
        return Tensor(shape: x.shape, storage: codes.map { quantizer.dequantize($0, p) })
    }
}
