import Tensor

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
