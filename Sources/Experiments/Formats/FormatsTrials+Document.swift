import QuantCore
import Records
import Runner
import Tensor

extension FormatsTrials {
    /// The distributions of the SQNR rule: uniform over the full range, where the rule holds,
    /// and normal, whose rare large values set a min-max range that most values do not use.
    static let sqnrDistributions = ["uniform", "normal"]

    /// The measured SQNR of symmetric uniform b-bit quantization, one scale per tensor, of
    /// `samples` values of each distribution, with the min-max range and with the range that
    /// minimizes the MSE (QuantCore's `Calibration.mse`), b = 2…8. The rule of thumb it is
    /// compared with, 6.02·b + 1.76 dB, assumes a full-scale sine and no clipping.
    static func sqnrRule(_ parameters: FormatsParameters, context: ExperimentContext) throws -> [TrialRecord] {
        var records: [TrialRecord] = []
        for (index, distribution) in sqnrDistributions.enumerated() {
            var rng = context.generator(FormatsStream.sqnrSamples(distributionIndex: index))
            let values: Tensor = distribution == "uniform"
                ? .uniform(shape: [parameters.samples], low: -1, high: 1, using: &rng)
                : .normal(shape: [parameters.samples], using: &rng)
            for bits in 2...8 {
                for (name, calibration) in [("minmax", Calibration.minMax), ("mse", .mse)] {
                    let result = try QuantizationScheme(target: .integer(bits: bits), symmetric: true, calibration: calibration).quantize(values)
                    records.append(FormatsSchema.record(
                        .sqnrRule, [.distribution: .string(distribution), .bits: .int(bits), .calibration: .string(name)],
                        [.sqnr: Measurement(result.error.sqnrDB, unit: "dB")]))
                }
            }
        }
        return records
    }

    /// The model shapes of the KV-cache table (published configurations): layers, cached key
    /// width per layer and token (Llama-2-70B and Llama-3 use grouped-query attention: 8 key
    /// heads of 128), and MLP width.
    static let kvModels: [(name: String, layers: Int, kvWidth: Int, ffnWidth: Int)] = [
        ("Llama-2-7B", 32, 4096, 11008),
        ("Llama-2-13B", 40, 5120, 13824),
        ("Llama-2-70B", 80, 1024, 28672),
    ]

    /// KV-cache formats: code bits and per-group scale bits (FP16 scales per 128 values for INT4).
    static let kvLayouts: [(name: String, codeBits: Int, groupSize: Int?, scaleBits: Int)] = [
        ("fp16", 16, nil, 0), ("fp8", 8, nil, 0), ("int8 per-token", 8, 128, 16), ("int4 g128", 4, 128, 16),
    ]

    /// KV-cache bytes `2 (K and V) × layers × kv width × context × batch × bits / 8`, scales
    /// included, and the largest activation of one layer at inference, the MLP's intermediate
    /// `batch × context × ffn width` in FP16 (prefill of the whole context).
    static func kvCache(context contextLength: Int, batches: [Int]) -> [TrialRecord] {
        kvModels.flatMap { model in
            batches.flatMap { batch in
                kvLayouts.map { layout in
                    let elements = 2 * model.layers * model.kvWidth * contextLength * batch
                    let groups = layout.groupSize.map { elements / $0 } ?? 0
                    let cost = StorageCost(elements: elements, codeBits: layout.codeBits, groups: groups, scaleBits: layout.scaleBits)
                    return FormatsSchema.record(
                        .kvCache,
                        [.model: .string(model.name), .layers: .int(model.layers), .kvWidth: .int(model.kvWidth),
                         .ffnWidth: .int(model.ffnWidth), .context: .int(contextLength), .batch: .int(batch), .layout: .string(layout.name)],
                        [.bitsPerWeight: Measurement(cost.bitsPerWeight, unit: "bit"),
                         .kvBytes: Measurement(Double(elements) * cost.bitsPerWeight / 8, unit: "B"),
                         .activationBytes: Measurement(Double(batch * contextLength * model.ffnWidth * 2), unit: "B")])
                }
            }
        }
    }

    /// The CPU flags that decide which formats are native here, present or not.
    static func cpuFlags(_ environment: Environment) -> [TrialRecord] {
        Environment.flagsOfInterest.map { flag in
            FormatsSchema.record(.cpuFlag, [.flag: .string(flag), .present: .bool(environment.cpuFlags.contains(flag))], [:])
        }
    }

    /// Energy per operation and per 64-bit access at 45 nm, 0.9 V: M. Horowitz, "Computing's
    /// energy problem (and what we can do about it)", ISSCC 2014 (his Figure 1.1.9). Published
    /// constants, recorded so the chapter's estimate cites them; nothing here is measured.
    static func energyTable() -> [TrialRecord] {
        let source = "Horowitz, ISSCC 2014, 45 nm"
        let table: [(String, Double)] = [
            ("int8-add", 0.03), ("int32-add", 0.1), ("fp16-add", 0.4), ("fp32-add", 0.9),
            ("int8-mult", 0.2), ("int32-mult", 3.1), ("fp16-mult", 1.1), ("fp32-mult", 3.7),
            ("sram-8kb-64bit", 10), ("sram-1mb-64bit", 100), ("dram-64bit", 2000),
        ]
        return table.map { op, pj in
            FormatsSchema.record(.energyOp, [.operation: .string(op), .source: .string(source)], [.picojoules: Measurement(pj, unit: "pJ")])
        }
    }
}
