import Tensor

/// A quantize–dequantize step used in training: the forward pass sees values on a b-bit grid,
/// the backward pass defines a gradient through the (flat, almost everywhere zero-slope)
/// rounding.
///
/// A fake quantizer is itself a `Layer` (it may own parameters, such as LSQ's step size), so a
/// layer that opts into quantization (`QuantizableLayer`) holds one for its weights and one for
/// its inputs, and a model may also place one between layers for activations.
/// Implementations: `STEFakeQuantizer` (fixed rule for the range, straight-through gradient) and
/// `LSQFakeQuantizer` (learned step size, Esser et al., 2020).
public protocol FakeQuantizer: Layer {
    /// Code width in bits (2...16).
    var bits: Int { get }
    /// A short name for records: `ste`, `lsq`.
    var method: String { get }
}
