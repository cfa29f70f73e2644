/// Times one format's product in the phases a deployed model and a one-off product pay.
///
/// Each repeat runs, timing each phase:
/// 1. `prepare`: round or quantize A and B and load both (for the FP32 baseline a copy of A and
///    the reorder of B into the kernel's blocked layout): a product whose operands are both new;
/// 2. `prepareSource`: the same for a new A only, B kept: what a layer whose weights were
///    converted and packed once pays per call (the activations are quantized on every call);
/// 3. `execute`: the kernel alone;
/// 4. `product`: read-out and dequantization.
/// End to end (both operands per call) is 1 + 3 + 4, per call (weights prepared once) 2 + 3 + 4,
/// and the one-off cost of the weights 1 − 2.
struct GEMMTimingTrial {
    /// One repeat's phase times, in seconds.
    struct Phases {
        /// Both operands converted and loaded.
        var prepare: Double
        /// A alone converted and loaded, B kept.
        var prepareSource: Double
        /// The kernel alone.
        var kernel: Double
        /// Read-out and dequantization.
        var readout: Double
    }

    let timer: RepeatTimer

    /// One repeat of `contender` on `inputs`.
    /// - Throws: what the contender's kernel throws.
    func measure(_ contender: MatmulContender, inputs: MatmulInputs) throws -> Phases {
        let prepare = try timer.seconds { try contender.prepare(a: inputs.a, b: inputs.b) }
        let source = try timer.seconds { try contender.prepareSource(a: inputs.a) }
        let kernel = try timer.seconds { try contender.execute() }
        var c: [Float] = []
        let readout = timer.seconds { c = contender.product().storage }
        // Keeps the read-out from being optimized away and frees C outside the timed region.
        precondition(c.count == inputs.size * inputs.size)
        return Phases(prepare: prepare, prepareSource: source, kernel: kernel, readout: readout)
    }
}
