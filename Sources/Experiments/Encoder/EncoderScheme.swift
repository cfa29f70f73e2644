import NN
import QuantCore
import Records

/// One quantization of the encoder's linear layers, with the record parameters that name it.
struct EncoderScheme: Sendable {
    /// A short unique label (`w8a8-token-sq0.5`).
    let label: String
    /// What to apply (for GPTQ: the RTN scheme of the same grid, which GPTQ replaces).
    let quantization: BertQuantization
    /// GPTQ's settings when the weights are rounded by GPTQ rather than to nearest.
    var gptq: GPTQ? = nil
    /// The label of the scheme this one is compared with verse by verse, if any.
    var baseline: String? = nil
    /// The `scheme` record's parameters.
    let parameters: [EncoderSchema.Parameter: ParameterValue]

    /// Every scheme of the section, in record order: BF16, weight-only (GPTQ INT4 g128 after
    /// its RTN baseline), W8A8 by calibration, LLM.int8, SmoothQuant at the headline α and the
    /// α sweep.
    static func all(_ p: EncoderParameters) -> [EncoderScheme] {
        var out: [EncoderScheme] = []
        func add(_ label: String, _ q: BertQuantization, weights: String, granularity: String, symmetric: Bool = true,
                 activations: String = "fp32", calibration: String = "none", alpha: Double? = nil, emulated: Bool = true,
                 gptq: GPTQ? = nil, baseline: String? = nil) {
            out.append(EncoderScheme(label: label, quantization: q, gptq: gptq, baseline: baseline, parameters: [
                .label: .string(label), .weights: .string(weights), .granularity: .string(granularity),
                .symmetric: .bool(symmetric), .method: .string(gptq == nil ? "rtn" : "gptq"), .activations: .string(activations),
                .calibration: .string(calibration), .alpha: .double(alpha ?? -1), .emulated: .bool(emulated),
                .baseline: .string(baseline ?? "none"),
            ]))
        }
        let int8 = BertQuantization.int8PerChannel
        add("bf16", BertQuantization(weights: QuantizationScheme(target: .float(.bf16)), activations: .float(.bf16)),
            weights: "bf16", granularity: "tensor", activations: "bf16")
        // Weight-only.
        add("int8-channel", BertQuantization(weights: int8), weights: "int8", granularity: "channel")
        add("int4-channel", BertQuantization(weights: QuantizationScheme(target: .integer(bits: 4), granularity: .perChannel(axis: 0))),
            weights: "int4", granularity: "channel")
        for group in [32, 64, 128] {
            for symmetric in [true, false] {
                add("int4-g\(group)-\(symmetric ? "sym" : "asym")",
                    BertQuantization(weights: QuantizationScheme(target: .integer(bits: 4), symmetric: symmetric, granularity: .perGroup(axis: -1, size: group))),
                    weights: "int4", granularity: "g\(group)", symmetric: symmetric)
            }
        }
        // GPTQ at the grid of RTN's symmetric INT4 groups of 128 (the decoder section's headline
        // setting: no act-order, dampening 0.01, blocks of 128), compared with it pair by pair.
        let g128 = QuantizationScheme(target: .integer(bits: 4), symmetric: true, granularity: .perGroup(axis: -1, size: 128))
        add("int4-g128-gptq", BertQuantization(weights: g128), weights: "int4", granularity: "g128",
            gptq: GPTQ(quantizer: AffineQuantizer(bits: 4, symmetric: true), granularity: .perGroup(axis: 1, size: 128)),
            baseline: "int4-g128-sym")
        add("nf4-b64", BertQuantization(weights: .nf4(blockSize: 64)), weights: "nf4", granularity: "b64")
        add("fp8-e4m3-channel",
            BertQuantization(weights: QuantizationScheme(target: .float(.e4m3), granularity: .perChannel(axis: 0), floatScaling: .absmax)),
            weights: "fp8-e4m3", granularity: "channel")
        // W8A8: INT8 weights per channel, INT8 inputs.
        let statics: [(String, Calibration)] = [("minmax", .minMax), ("percentile", .percentile(p.percentile)), ("mse", .mse)]
        for (name, calibration) in statics {
            add("w8a8-\(name)", BertQuantization(weights: int8, activations: .perTensorStatic(calibration)),
                weights: "int8", granularity: "channel", activations: "int8", calibration: name)
        }
        add("w8a8-dynamic", BertQuantization(weights: int8, activations: .perTensorDynamic),
            weights: "int8", granularity: "channel", activations: "int8", calibration: "dynamic")
        add("w8a8-token", BertQuantization(weights: int8, activations: .perTokenDynamic),
            weights: "int8", granularity: "channel", activations: "int8", calibration: "per-token")
        add("llm.int8", BertQuantization(weights: int8, activations: .decomposed(threshold: Float(p.threshold))),
            weights: "int8", granularity: "channel", activations: "int8", calibration: "llm.int8")
        add("w8a8-token-sq\(p.alpha)", BertQuantization(weights: int8, activations: .perTokenDynamic, smoothing: p.alpha),
            weights: "int8", granularity: "channel", activations: "int8", calibration: "per-token", alpha: p.alpha)
        for alpha in p.alphas {
            add("w8a8-dynamic-sq\(alpha)", BertQuantization(weights: int8, activations: .perTensorDynamic, smoothing: alpha),
                weights: "int8", granularity: "channel", activations: "int8", calibration: "dynamic", alpha: alpha)
        }
        return out
    }
}
