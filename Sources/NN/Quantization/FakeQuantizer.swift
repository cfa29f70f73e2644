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

extension Layer {
    /// Calls `body` on every quantizable layer inside this one (itself included), with the name
    /// prefix of its parameters; `Sequential` recurses into its layers.
    public mutating func visitQuantizableLayers(_ body: (_ name: String, _ layer: inout any QuantizableLayer) -> Void) {
        if var composite = self as? any CompositeLayer {
            composite.visitSublayers(body)
            self = composite as! Self
        } else if var q = self as? any QuantizableLayer {
            body("", &q)
            self = q as! Self
        }
    }
}

/// A layer made of other layers, such as `Sequential`: quantization hooks recurse into it.
public protocol CompositeLayer: Layer {
    /// Calls `body` on every quantizable layer inside, with its name prefix (`0.`, `1.`, …).
    mutating func visitSublayers(_ body: (_ name: String, _ layer: inout any QuantizableLayer) -> Void)
}

/// Quantize–dequantize of one tensor through a fake quantizer held as an optional existential
/// (a layer's `weightQuantizer` or `inputQuantizer`); `nil` passes values through.
extension Optional where Wrapped == any FakeQuantizer {
    /// Training-mode forward through the quantizer, if any.
    mutating func forward(_ x: Tensor) -> Tensor {
        guard var q = self else { return x }
        let y = q.forward(x)
        self = q
        return y
    }

    /// Backward through the quantizer, if any.
    mutating func backward(_ g: Tensor) -> Tensor {
        guard var q = self else { return g }
        let dx = q.backward(g)
        self = q
        return dx
    }

    /// Inference through the quantizer, if any.
    func infer(_ x: Tensor) -> Tensor {
        self.map { $0(x) } ?? x
    }

    /// Visits the quantizer's parameters under `prefix`.
    mutating func visitParameters(prefix: String, _ body: (String, inout Parameter) -> Void) {
        guard var q = self else { return }
        q.visitParameters { name, p in body(prefix + name, &p) }
        self = q
    }
}
