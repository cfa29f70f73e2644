import Records

/// One model of the quantization grid: how its linear layers' weights are rounded, and what its
/// layer inputs are. Embeddings, LayerNorms and the tied output stay FP32 in every variant (as
/// in GPTQ's and llama.cpp's comparisons, which keep the embedding at high precision).
struct DecoderVariant: Sendable {
    /// How the weights are rounded.
    enum Method: String, Sendable {
        case fp32, rtn, nf4, fp8, gptq
    }

    /// Layer inputs.
    enum Activations: String, Sendable {
        /// FP32.
        case fp32
        /// INT8, one static symmetric scale per layer from the calibration text's min-max.
        case int8Tensor = "int8-tensor"
        /// INT8, one dynamic symmetric scale per token (row).
        case int8Token = "int8-token"
    }

    let method: Method
    /// Weight bits (32 for FP32).
    let bits: Int
    /// Columns per weight scale; nil per output channel.
    let groupSize: Int?
    let actOrder: Bool
    let activations: Activations

    init(_ method: Method, bits: Int, groupSize: Int? = nil, actOrder: Bool = false, activations: Activations = .fp32) {
        (self.method, self.bits, self.groupSize, self.actOrder, self.activations) = (method, bits, groupSize, actOrder, activations)
    }

    /// `channel`, `g128`, or `b64` (NF4's blocks).
    var granularity: String {
        guard let g = groupSize else { return method == .fp32 ? "none" : "channel" }
        return method == .nf4 ? "b\(g)" : "g\(g)"
    }

    /// The record name: `fp32`, `rtn-w4-g128`, `gptq-w3-g128-act`, `nf4-b64`, `fp8-e4m3`, `w8a8-token`, `w4a8-token`.
    var name: String {
        switch (method, activations) {
        case (.fp32, _): return "fp32"
        case (_, .int8Tensor), (_, .int8Token):
            return "w\(bits)a8-\(activations == .int8Tensor ? "tensor" : "token")"
        case (.nf4, _): return "nf4-\(granularity)"
        case (.fp8, _): return "fp8-e4m3"
        case (.rtn, _), (.gptq, _): return "\(method.rawValue)-w\(bits)-\(granularity)\(actOrder ? "-act" : "")"
        }
    }

    /// The record parameters naming this variant.
    var parameters: [DecoderSchema.Parameter: ParameterValue] {
        [.variant: .string(name), .method: .string(method.rawValue), .bits: .int(bits), .granularity: .string(granularity),
         .actOrder: .bool(actOrder), .activations: .string(activations.rawValue),
         .emulated: .bool(method == .fp8 || activations != .fp32)]
    }

    /// The grid of issue 13, in record order.
    static func grid(groupSizes: [Int]) -> [DecoderVariant] {
        var grid = [DecoderVariant(.fp32, bits: 32)]
        for bits in [8, 4, 3] {
            grid.append(DecoderVariant(.rtn, bits: bits))
            for g in groupSizes { grid.append(DecoderVariant(.rtn, bits: bits, groupSize: g)) }
        }
        grid.append(DecoderVariant(.nf4, bits: 4, groupSize: 64))
        grid.append(DecoderVariant(.fp8, bits: 8))
        for bits in [4, 3] {
            for actOrder in [false, true] { grid.append(DecoderVariant(.gptq, bits: bits, groupSize: 128, actOrder: actOrder)) }
        }
        grid.append(DecoderVariant(.rtn, bits: 8, activations: .int8Tensor))
        grid.append(DecoderVariant(.rtn, bits: 8, activations: .int8Token))
        grid.append(DecoderVariant(.rtn, bits: 4, groupSize: 128, activations: .int8Token))
        return grid
    }
}
