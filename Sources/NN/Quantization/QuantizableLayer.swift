/// A layer that can quantize its weights and/or its inputs: the hook PTQ, QAT and (later) GPTQ
/// share. `nil` quantizers mean FP32.
///
/// PTQ rewrites `weight.value` with its dequantized codes (QuantCore's `QuantizationScheme`);
/// QAT sets fake quantizers and trains; GPTQ will read `weight` and the layer's inputs.
public protocol QuantizableLayer: Layer {
    /// The weight that weight quantization applies to.
    var weight: Parameter { get set }
    /// Applied to `weight.value` in every forward pass, when set.
    var weightQuantizer: (any FakeQuantizer)? { get set }
    /// Applied to the layer's input in every forward pass, when set.
    var inputQuantizer: (any FakeQuantizer)? { get set }
}
