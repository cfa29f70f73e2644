import Analysis
import Records

private typealias Parameter = MatmulSchema.Parameter

extension MatmulChapter {
    /// Setup facts: distribution parameters, sampled rows, repeats, implementations, GEMV shapes.
    func fillSetup(_ r: MatmulRecords, largest: Int, values: inout [String: TemplateValue]) {
        let outlier = r.trial(.gemmError).first { $0[Parameter.outlierFraction] != nil }
        values["outlier_fraction"] = .number(outlier?[Parameter.outlierFraction]?.numberValue ?? .nan, .percent)
        values["outlier_scale"] = .number(outlier?[Parameter.outlierScale]?.numberValue ?? .nan, .plain)
        let rowsAtLargest = r.trial(.gemmError).matching([Parameter.size: .int(largest)]).first?[Parameter.errorRows]?.numberValue
            ?? Double(largest)
        values["largest_error_rows"] = .number(rowsAtLargest, .count)
        values["largest_error_sampled"] = .flag(rowsAtLargest < Double(largest))
        let sampledFrom = r.sizes.first { size in
            (r.trial(.gemmError).matching([Parameter.size: .int(size)]).first?[Parameter.errorRows]?.numberValue ?? Double(size))
                < Double(size)
        }
        values["sampled_from_size"] = .number(Double(sampledFrom ?? largest), .count)
        let timings = r.trial(.gemmTime).matching([Parameter.format: "fp32"])
        let repeats = timings.grouped(by: [Parameter.size]).map(\.records.count)
        values["repeats_most"] = .number(Double(repeats.max() ?? 0), .count)
        values["repeats_least"] = .number(Double(repeats.min() ?? 0), .count)
        let timed = r.timedSizes.last ?? largest
        for (format, key) in [("fp32", "fp32"), ("bf16", "bf16"), ("int8-tensor", "int8")] {
            values["implementation_\(key)"] = .text(
                r.trial(.gemmTime).matching([Parameter.format: .string(format), .size: .int(timed)]).first?[Parameter.implementation]?
                    .description ?? "—")
        }
        let openBLASSizes = r.trial(.gemmTime).matching([Parameter.format: "openblas-fp32"]).compactMap { $0[Parameter.size]?.numberValue }
        values["openblas_max_size"] = .number(openBLASSizes.max() ?? .nan, .count)
        let shapes = r.trial(.gemv).grouped(by: [Parameter.rows, .columns]).map { "\($0[Parameter.rows]!)×\($0[Parameter.columns]!)" }
        values["gemv_shapes"] = .text(shapes.joined(separator: " and "))
        for weights in ["int4", "w4a8", "w8a8"] {
            values["gemv_\(weights)_kernel"] = .text(
                r.trial(.gemv).matching([Parameter.weights: .string(weights)]).first?[Parameter.kernel]?.description ?? "—")
        }
    }

    /// Values the prose cites and the findings for the pros-and-cons chapter.
    func fillFindings(
        _ r: MatmulRecords, errors: [MatmulErrorCurve], kernel: [MatmulSpeedCurve], endToEnd: [MatmulSpeedCurve],
        summary: MatmulSummary, middle: MatmulSummary, gemv: GEMVSummary,
        values: inout [String: TemplateValue], findings: inout [String: TemplateValue]
    ) {
        // At `size`, or at the largest size the format was timed (emulated formats stop earlier).
        func ratio(_ curves: [MatmulSpeedCurve], _ format: String, _ size: Int) -> ConfidenceInterval? {
            guard let curve = curves.first(where: { $0.format == format }) else { return nil }
            return (curve[size: size] ?? curve.points.last)?.ratio
        }
        func error(_ format: String, _ distribution: String = "normal", size: Int? = nil) -> Double {
            let curve = errors.first { $0.format == format && $0.distribution == distribution }
            let point = size.flatMap { s in curve?.points.first { $0.size == s } } ?? curve?.points.last
            return point?.relativeError.estimate ?? .nan
        }
        func slope(_ format: String) -> Double {
            errors.first { $0.format == format && $0.distribution == "normal" }?.fit?.exponent ?? .nan
        }
        let n = summary.size, m = middle.size
        let smallest = r.timedSizes.first ?? n
        for (format, key) in [("int8-tensor", "int8"), ("int8-channel", "int8_channel"), ("int4-tensor", "int4"), ("bf16", "bf16"), ("fp16", "fp16"), ("fp8e4m3", "e4m3"), ("fp8e5m2", "e5m2"), ("openblas-fp32", "openblas")] {
            values["\(key)_kernel_ratio"] = .number(ratio(kernel, format, n)?.estimate ?? .nan, .ratio)
            values["\(key)_e2e_ratio"] = .number(ratio(endToEnd, format, n)?.estimate ?? .nan, .ratio)
            values["\(key)_e2e_ratio_smallest"] = .number(ratio(endToEnd, format, smallest)?.estimate ?? .nan, .ratio)
            values["\(key)_error_middle"] = .number(error(format, size: m), .percent)
            values["\(key)_error_outliers_middle"] = .number(error(format, "outliers", size: m), .percent)
            values["\(key)_slope"] = .number(slope(format), .plain)
        }
        let emulatedSize = kernel.first { $0.format == "fp16" }?.points.last?.size
        values["emulated_timed_size"] = .number(Double(emulatedSize ?? 0), .count)
        values["fp32_error_middle"] = .number(error("fp32", size: m), .plain)
        values["fp32_slope"] = .number(slope("fp32"), .plain)
        values["int4_channel_error_outliers_middle"] = .number(error("int4-channel", "outliers", size: m), .percent)
        values["smallest_timed_size"] = .number(Double(smallest), .count)
        // The first size from which INT8's end-to-end time beats FP32 at every larger size.
        let int8Points = endToEnd.first { $0.format == "int8-tensor" }?.points ?? []
        let crossover = int8Points.indices.first { i in int8Points[i...].allSatisfy { $0.ratio.estimate > 1 } }.map { int8Points[$0].size }
        values["int8_crossover_size"] = .number(Double(crossover ?? 0), .count)
        values["has_int8_crossover"] = .flag(crossover != nil)

        let first = gemv.rows.first
        let shape = first.map { ($0.rows, $0.columns) } ?? (0, 0)
        values["gemv_shape"] = .text("\(shape.0)×\(shape.1)")
        // gemv_<weights>_… for warm repeats, gemv_<weights>_cold_… for evicted weights.
        for weights in ["fp32", "bf16", "int8", "w8a8", "int4", "w4a8"] {
            for cache in ["warm", "cold"] {
                let row = gemv.row(rows: shape.0, columns: shape.1, weights: weights, cache: cache)
                let key = cache == "warm" ? "gemv_\(weights)" : "gemv_\(weights)_cold"
                values["\(key)_speedup"] = .number(row?.speedup.estimate ?? .nan, .ratio)
                values["\(key)_share"] = .number(row?.bandwidthShare ?? .nan, .percent)
                values["\(key)_time"] = .number(row?.seconds.estimate ?? .nan, .duration)
                values["\(key)_bandwidth"] = .number((row?.gigabytesPerSecond ?? .nan) * 1e9, .bytesPerSecond())
            }
            values["gemv_\(weights)_error"] = .number(gemv.row(rows: shape.0, columns: shape.1, weights: weights)?.relativeError ?? .nan, .percent)
        }
        let int4Error = gemv.row(rows: shape.0, columns: shape.1, weights: "int4")?.relativeError ?? .nan
        let w4a8Error = gemv.row(rows: shape.0, columns: shape.1, weights: "w4a8")?.relativeError ?? .nan
        values["gemv_w4a8_error_growth"] = .number(w4a8Error / int4Error - 1, .percent)
        let int8Error = gemv.row(rows: shape.0, columns: shape.1, weights: "int8")?.relativeError ?? .nan
        let w8a8Error = gemv.row(rows: shape.0, columns: shape.1, weights: "w8a8")?.relativeError ?? .nan
        values["gemv_w8a8_error_growth"] = .number(w8a8Error / int8Error - 1, .percent)

        findings["matmul_int8_speed"] = [
            "size": values["largest_timed_size"]!, "kernel": values["int8_kernel_ratio"]!, "e2e": values["int8_e2e_ratio"]!,
        ]
        findings["matmul_bf16_speed"] = ["size": values["largest_timed_size"]!, "kernel": values["bf16_kernel_ratio"]!, "error": values["bf16_error_middle"]!, "middle": values["middle_size"]!]
        findings["matmul_gemv_memory"] = [
            "shape": values["gemv_shape"]!, "int4": values["gemv_int4_speedup"]!, "int8": values["gemv_int8_speedup"]!,
            "share": values["gemv_int4_share"]!, "w4a8": values["gemv_w4a8_speedup"]!, "w4a8_share": values["gemv_w4a8_share"]!,
            "int8_cold": values["gemv_int8_cold_speedup"]!, "w4a8_cold": values["gemv_w4a8_cold_speedup"]!,
            "w8a8_cold": values["gemv_w8a8_cold_speedup"]!, "w8a8_error_growth": values["gemv_w8a8_error_growth"]!,
            "w4a8_error_growth": values["gemv_w4a8_error_growth"]!,
            "int4_cold": values["gemv_int4_cold_speedup"]!, "w4a8_cold_share": values["gemv_w4a8_cold_share"]!,
        ]
        findings["matmul_int8_error"] = ["error": values["int8_error_middle"]!, "channel": values["int8_channel_error_middle"]!, "middle": values["middle_size"]!]
        findings["matmul_emulated"] = ["fp16": values["fp16_e2e_ratio"]!, "e4m3": values["e4m3_e2e_ratio"]!, "size": values["emulated_timed_size"]!]
        findings["matmul_small_sizes"] = ["size": values["smallest_timed_size"]!, "e2e": values["int8_e2e_ratio_smallest"]!]
        findings["matmul_int4_outliers"] = [
            "normal": values["int4_error_middle"]!, "outliers": values["int4_error_outliers_middle"]!,
            "channel": values["int4_channel_error_outliers_middle"]!, "middle": values["middle_size"]!,
            "fraction": values["outlier_fraction"]!,
        ]
    }
}
