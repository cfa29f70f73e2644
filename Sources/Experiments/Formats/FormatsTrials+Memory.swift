import QuantCore
import Records
import Runner

extension FormatsTrials {
    /// The storage layouts of the memory table: code bits, and per-group scale bits.
    static func memoryLayouts(int4GroupSize: Int) -> [(name: String, codeBits: Int, groupSize: Int?, scaleBits: Int)] {
        [
            ("fp32", 32, nil, 0),
            ("fp16/bf16", 16, nil, 0),
            ("fp8", 8, nil, 0),
            // One FP32 scale per output channel of 4096 inputs: 8.008 bits per weight.
            ("int8 per-channel", 8, 4096, 32),
            ("int4 g\(int4GroupSize)", 4, int4GroupSize, 16),
            // QLoRA stores one FP32 absmax per block of 64 (0.5 bits per weight) before its
            // double quantization of the scales.
            ("nf4 b64", 4, 64, 32),
        ]
    }

    /// Bytes of a model of each size at each layout, counting the real scale overhead:
    /// `bytes = parameters × bits per weight / 8`.
    static func memory(models: [Double], int4GroupSize: Int) -> [TrialRecord] {
        models.flatMap { parameters in
            let plain = memoryLayouts(int4GroupSize: int4GroupSize).map { layout in
                // Bits per weight from a representative group (exact: groups divide 1M elements).
                let elements = 1 << 20
                let groups = layout.groupSize.map { elements / $0 } ?? 0
                let cost = StorageCost(elements: elements, codeBits: layout.codeBits, groups: groups, scaleBits: layout.scaleBits)
                return FormatsSchema.record(.memory, [.layout: .string(layout.name), .modelParameters: .double(parameters)], [
                    .bitsPerWeight: Measurement(cost.bitsPerWeight, unit: "bit"),
                    .bytes: Measurement(parameters * cost.bitsPerWeight / 8, unit: "B"),
                ])
            }
            // QLoRA's double quantization: the FP32 absmax of each block of 64 is itself stored in
            // 8 bits, with one FP32 scale per 256 of them: 4 + 8/64 + 32/(64·256) bits per weight.
            let doubleQuantized = 4 + 8.0 / 64 + 32.0 / (64 * 256)
            return plain + [FormatsSchema.record(.memory, [.layout: "nf4 b64 + double quant", .modelParameters: .double(parameters)], [
                .bitsPerWeight: Measurement(doubleQuantized, unit: "bit"),
                .bytes: Measurement(parameters * doubleQuantized / 8, unit: "B"),
            ])]
        }
    }
}
