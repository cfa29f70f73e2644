import Records

extension MatmulChapter {
    /// The decision table's cells from this chapter's values: speed on this CPU (GEMM for the
    /// compute-bound formats, cold GEMV for the weight-only and W·A8 schemes), the product's error,
    /// and the costs of this CPU (emulation, no 4-bit arithmetic) apart from those of the formats.
    func decisions(_ values: [String: TemplateValue]) -> [DecisionEntry] {
        var entries: [DecisionEntry] = []
        func add(_ row: DecisionEntry.Row, _ column: DecisionEntry.Column, _ text: ([String]) -> String, _ keys: String...) {
            let printed = keys.map { values[$0]?.printed() }
            guard printed.allSatisfy({ $0 != nil }) else { return }
            entries.append(DecisionEntry(row, column, text(printed.map { $0! })))
        }
        let n = values["largest_timed_size"]?.printed() ?? "?", m = values["middle_size"]?.printed() ?? "?"
        add(.bf16, .speed, { "GEMM \($0[0]) of the fastest FP32 (n = \(n))" }, "bf16_kernel_ratio")
        add(.int8PerTensor, .speed, { "GEMM \($0[0]); \($0[1]) per call (n = \(n))" }, "int8_kernel_ratio", "int8_per_call_ratio")
        add(.int8PerChannel, .speed, { "GEMM \($0[0]) (n = \(n))" }, "int8_channel_kernel_ratio")
        add(.w8a8, .speed, { "GEMV \($0[0]) from memory" }, "gemv_w8a8_cold_speedup")
        add(.int4Group, .speed, { "GEMV \($0[0]) from memory (FP32 activations)" }, "gemv_int4_cold_speedup")
        add(.w4a8, .speed, { "GEMV \($0[0]) from memory" }, "gemv_w4a8_cold_speedup")
        for (row, key) in [(DecisionEntry.Row.fp16, "fp16"), (.fp8e4m3, "e4m3"), (.fp8e5m2, "e5m2")] {
            add(row, .speed, { "\($0[0]) of the fastest FP32 end to end (emulated)" }, "\(key)_e2e_ratio")
            entries.append(DecisionEntry(row, .cpuCost, "no arithmetic on this CPU: rounded, then multiplied as FP32"))
            add(row, .matmul, { "\($0[0]) (n = \(m))" }, "\(key)_error_middle")
        }
        add(.bf16, .matmul, { "\($0[0]) (n = \(m))" }, "bf16_error_middle")
        add(.int8PerTensor, .matmul, { "\($0[0]); \($0[1]) with scattered outliers (n = \(m))" }, "int8_error_middle", "int8_error_outliers_middle")
        add(.int8PerChannel, .matmul, { "\($0[0]); \($0[1]) with scattered outliers (n = \(m))" }, "int8_channel_error_middle", "int8_channel_error_outliers_middle")
        add(.w8a8, .matmul, { "GEMV \($0[0])" }, "gemv_w8a8_error")
        add(.int4Group, .matmul, { "GEMV \($0[0])" }, "gemv_int4_error")
        add(.w4a8, .matmul, { "GEMV \($0[0])" }, "gemv_w4a8_error")
        add(.int8PerTensor, .formatCost, { "one scale for all values: outliers stretch it (\($0[0]) error with outliers)" }, "int8_error_outliers_middle")
        add(.w8a8, .formatCost, { "activation outlier columns: \($0[0]) per token, \($0[1]) with LLM.int8" }, "channels_per_token_error", "channels_llm_error")
        add(.int4Group, .cpuCost, { "no 4-bit arithmetic: an INT4 GEMM runs on the INT8 kernel, at \($0[0]) of INT8's speed" }, "int4_over_int8_kernel")
        return entries
    }
}
