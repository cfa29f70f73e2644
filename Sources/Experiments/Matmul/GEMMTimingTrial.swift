/// Times one format's product end to end and kernel-only in the same repeats.
///
/// Each repeat runs `prepare` (rounding or quantizing the inputs and loading them: for the FP32
/// baseline a copy of A and the reorder of B into the kernel's blocked layout), then `execute`
/// (the kernel alone) and `product` (read-out, dequantization), timing each phase: the kernel
/// time is `execute`, the end-to-end time their sum. Warm-ups create the oneDNN primitive for the
/// shape and touch its buffers first.
struct GEMMTimingTrial {
    let timer: RepeatTimer
    let warmups: Int
    let repeats: Int

    /// The phase times of every repeat of `contender` on `inputs`.
    /// - Throws: what the contender's kernel throws.
    func measure(_ contender: MatmulContender, inputs: MatmulInputs) throws -> [(prepare: Double, kernel: Double, readout: Double)] {
        try timer.repeated(warmups: warmups, repeats: repeats) {
            let prepare = try timer.seconds { try contender.prepare(a: inputs.a, b: inputs.b) }
            let kernel = try timer.seconds { try contender.execute() }
            var c: [Float] = []
            let readout = timer.seconds { c = contender.product().storage }
            // Keeps the read-out from being optimized away and frees C outside the timed region.
            precondition(c.count == inputs.size * inputs.size)
            return (prepare, kernel, readout)
        }
    }
}
