public import QuantCore
import Tensor

extension BertEncoder {
    /// Calls `body` on each of the 6·L linear layers, by layer then role, letting it change the
    /// layer (its weight, its quantizers).
    public mutating func updateLinears(_ body: (BertLinearSite, inout Linear) throws -> Void) rethrows {
        for l in layers.indices {
            try body(BertLinearSite(layer: l, role: .query), &layers[l].attention.query)
            try body(BertLinearSite(layer: l, role: .key), &layers[l].attention.key)
            try body(BertLinearSite(layer: l, role: .value), &layers[l].attention.value)
            try body(BertLinearSite(layer: l, role: .attentionOutput), &layers[l].attention.output)
            try body(BertLinearSite(layer: l, role: .intermediate), &layers[l].intermediate)
            try body(BertLinearSite(layer: l, role: .output), &layers[l].output)
        }
    }

    /// The linear layers by site (copies).
    public var linears: [(site: BertLinearSite, linear: Linear)] {
        var copy = self
        var out: [(BertLinearSite, Linear)] = []
        copy.updateLinears { site, linear in out.append((site, linear)) }
        return out
    }

    /// The model with every linear weight replaced by its quantize–dequantize under `scheme`
    /// (QuantCore): weight-only quantization, whose products equal a kernel that dequantizes the
    /// codes and multiplies in FP32. Embeddings and LayerNorms stay FP32.
    /// - Throws: `QuantizationError` when the scheme's granularity does not fit a weight.
    public func quantizingWeights(_ scheme: QuantizationScheme) throws -> BertEncoder {
        var out = self
        try out.updateLinears { _, linear in
            linear.weight.value = try scheme.quantize(linear.weight.value).dequantized
        }
        return out
    }

    /// The number of linear-layer weights (the ones that quantization changes).
    public var linearWeightCount: Int {
        linears.reduce(0) { $0 + $1.linear.weight.value.count }
    }
}
