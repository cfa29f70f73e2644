import Analysis
import Foundation
import Records

private typealias Parameter = MatmulSchema.Parameter
private typealias Metric = MatmulSchema.Metric

extension MatmulChapter {
    /// Setup facts: outliers, sampled rows, implementations, GEMV shapes, and which native
    /// instructions the dispatched ISA names (the prose about them is gated on it).
    func fillSetup(_ r: MatmulRecords, largest: Int, values: inout [String: TemplateValue]) {
        let errors = r.trial(.gemmError)
        for (distribution, key) in [("outliers", "scattered"), ("channels", "channel")] {
            let first = errors.first { $0[Parameter.distribution] == .string(distribution) }
            values["\(key)_fraction"] = .number(first?[Parameter.outlierFraction]?.numberValue ?? 0, .percent)
            values["\(key)_scale"] = .number(first?[Parameter.outlierScale]?.numberValue ?? 0, .plain)
            values["has_\(key)"] = .flag(first != nil)
        }
        // The largest size at which the scattered fraction rounds to no outlier at all.
        let none = errors.matching([Parameter.distribution: "outliers"]).filter { $0[Parameter.outlierCount] == .int(0) }
            .compactMap { $0[Parameter.size]?.numberValue }.max()
        values["scattered_none_below"] = .number(none ?? 0, .count)
        values["has_scattered_none"] = .flag(none != nil)
        let rowsAtLargest = errors.matching([Parameter.size: .int(largest)]).first?[Parameter.errorRows]?.numberValue ?? Double(largest)
        values["largest_error_rows"] = .number(rowsAtLargest, .count)
        values["largest_error_sampled"] = .flag(rowsAtLargest < Double(largest))
        let sampledFrom = r.sizes.first { size in
            (errors.matching([Parameter.size: .int(size)]).first?[Parameter.errorRows]?.numberValue ?? Double(size)) < Double(size)
        }
        values["sampled_from_size"] = .number(Double(sampledFrom ?? largest), .count)
        let timed = r.timedSizes.last ?? largest
        for (format, key) in [("fp32", "fp32"), ("bf16", "bf16"), ("int8-tensor", "int8")] {
            values["implementation_\(key)"] = .text(
                r.trial(.gemmTime).matching([Parameter.format: .string(format), .size: .int(timed)]).first?[Parameter.implementation]?
                    .description ?? "—")
        }
        let isa = r.parameter(.isa) ?? ""
        values["bf16_native"] = .flag(isa.contains("bf16") || isa.contains("amx"))
        values["int8_vnni"] = .flag(isa.contains("vnni") || isa.contains("bf16") || isa.contains("amx"))
        let openBLASSizes = r.trial(.gemmTime).matching([Parameter.format: "openblas-fp32"]).compactMap { $0[Parameter.size]?.numberValue }
        values["openblas_max_size"] = .number(openBLASSizes.max() ?? 0, .count)
        let shapes = r.trial(.gemv).grouped(by: [Parameter.rows, .columns]).map { "\($0[Parameter.rows]!)×\($0[Parameter.columns]!)" }
        values["gemv_llama"] = .flag(Set(["4096×4096", "11008×4096", "4096×11008", "32000×4096"]).isSubset(of: Set(shapes)))
        values["gemv_shapes"] = .text(shapes.count <= 2 ? shapes.joined(separator: " and ")
            : shapes.dropLast().joined(separator: ", ") + " and " + shapes.last!)
        for weights in ["int4", "w4a8", "w8a8"] {
            values["gemv_\(weights)_kernel"] = .text(
                r.trial(.gemv).matching([Parameter.weights: .string(weights)]).first?[Parameter.kernel]?.description ?? "—")
        }
    }

    /// Repeat rounds and the machine's slow state.
    func fillTiming(_ r: MatmulRecords, values: inout [String: TemplateValue]) {
        let repeats = r.trial(.gemmTime).matching([Parameter.format: "fp32"]).grouped(by: [Parameter.size]).map(\.records.count)
        values["repeats_most"] = .number(Double(repeats.max() ?? 0), .count)
        values["repeats_least"] = .number(Double(repeats.min() ?? 0), .count)
        values["some_without_interval"] = .flag((repeats.min() ?? 0) < Bootstrap.minimumSample)
        values["minimum_sample"] = .number(Double(Bootstrap.minimumSample), .count)
        let slow = SlowState(r)
        values["slow_state"] = .flag(slow.observed)
        values["slow_threshold"] = .number(SlowState.threshold, .ratio)
        values["slow_sizes"] = .list(slow.sizes.map { s in
            ["size": .number(Double(s.size), .count), "slow": .number(Double(s.slowRepeats), .count),
             "repeats": .number(Double(s.repeats), .count), "slowdown": .number(s.slowdown, .ratio)]
        })
        values["slow_judged_from"] = .number(Double(slow.judgedSizes.first ?? 0), .count)
    }

    /// Error order, slopes and the outlier comparisons.
    func fillAccuracy(
        _ r: MatmulRecords, errors: [MatmulErrorCurve], middle m: Int,
        values: inout [String: TemplateValue], findings: inout [String: TemplateValue]
    ) {
        func curve(_ format: String, _ distribution: String) -> MatmulErrorCurve? {
            errors.first { $0.format == format && $0.distribution == distribution }
        }
        func error(_ format: String, _ distribution: String = "normal", size: Int? = nil) -> Double? {
            let c = curve(format, distribution)
            return (size.flatMap { s in c?.points.first { $0.size == s } } ?? c?.points.last)?.relativeError.estimate
        }
        func set(_ key: String, _ value: Double?, _ style: NumberStyle = .percent) {
            if let value, value.isFinite { values[key] = .number(value, style) } else { values[key] = .text("—") }
        }
        for (format, key) in [("fp32", "fp32"), ("fp16", "fp16"), ("bf16", "bf16"), ("fp8e4m3", "e4m3"), ("fp8e5m2", "e5m2"),
                              ("int8-tensor", "int8"), ("int8-channel", "int8_channel"), ("int4-tensor", "int4"), ("int4-channel", "int4_channel")] {
            set("\(key)_error_middle", error(format, size: m), format == "fp32" ? .plain : .percent)
            set("\(key)_error_outliers_middle", error(format, "outliers", size: m))
            set("\(key)_error_channels_middle", error(format, "channels", size: m))
            set("\(key)_error_largest", error(format))
            set("\(key)_error_outliers_largest", error(format, "outliers"))
            set("\(key)_slope", curve(format, "normal")?.asymptotic?.exponent?.estimate, .plain.digits(3))
            set("\(key)_slope_small", curve(format, "normal")?.rangeFits.first?.exponent?.estimate, .plain.digits(3))
        }
        let split = MatmulErrorCurve.splitSize
        values["split_size"] = .number(Double(split), .count)
        // The order at n = m, and whether it is the same at every size.
        func order(at size: Int) -> [String] {
            errors.filter { $0.distribution == "normal" && $0.format != "openblas-fp32" }
                .compactMap { c in c.points.first { $0.size == size }.map { (c.format, $0.relativeError.estimate) } }
                .sorted { $0.1 < $1.1 }.map(\.0)
        }
        let middleOrder = order(at: m)
        values["error_order_middle"] = .text(middleOrder.map { Self.name($0) }.joined(separator: " < "))
        let sameEverywhere = r.sizes.allSatisfy { order(at: $0) == middleOrder }
        values["order_holds_everywhere"] = .flag(sameEverywhere)
        values["order_changes_at"] = .text(r.sizes.filter { order(at: $0) != middleOrder }.map(String.init).joined(separator: ", "))

        // Scattered outliers, per channel: the growth over normal inputs, and the trend from m to the largest size.
        if let cn = error("int8-channel", size: m), let co = error("int8-channel", "outliers", size: m) {
            set("int8_channel_outlier_growth", co / cn, .ratio)
        }
        if let tm = error("int8-tensor", "outliers", size: m), let cm = error("int8-channel", "outliers", size: m),
           let tl = error("int8-tensor", "outliers"), let cl = error("int8-channel", "outliers") {
            set("channel_over_tensor_middle", cm / tm)
            set("channel_over_tensor_largest", cl / tl)
            values["channel_gap_closes"] = .flag(cl / tl > cm / tm)
        } else {
            values["channel_gap_closes"] = .flag(false)
            values["channel_over_tensor_middle"] = .text("—")
            values["channel_over_tensor_largest"] = .text("—")
        }
        if let n = error("int8-channel", size: m), let c = error("int8-channel", "channels", size: m) {
            set("int8_channel_column_growth", c / n, .ratio)
        }
        values["has_int8_error"] = .flag(error("int8-tensor", size: m) != nil)
        if let normal = error("int8-tensor", size: m), let channel = error("int8-channel", size: m) {
            findings["matmul_int8_error"] = ["error": .number(normal, .percent), "channel": .number(channel, .percent), "middle": .number(Double(m), .count)]
        }
        if let normal = error("int4-tensor", size: m), let outliers = error("int4-tensor", "outliers", size: m),
           let channel = error("int4-channel", "outliers", size: m), outliers > normal {
            findings["matmul_int4_outliers"] = [
                "normal": .number(normal, .percent), "outliers": .number(outliers, .percent), "channel": .number(channel, .percent),
                "middle": .number(Double(m), .count), "fraction": values["scattered_fraction"]!,
            ]
        }
    }

    /// The activation schemes for outliers at the largest scheme size.
    func fillSchemes(_ schemes: [ActivationSchemeSummary], values: inout [String: TemplateValue], findings: inout [String: TemplateValue]) {
        guard let first = schemes.first else { return }
        values["scheme_size"] = .number(Double(first.size), .count)
        for s in schemes {
            let d = s.distribution
            func put(_ key: String, _ row: ActivationSchemeSummary.Row?) {
                values["\(d)_\(key)_error"] = row.map { .number($0.relativeError, .percent) } ?? .text("—")
                values["\(d)_\(key)_inlier"] = row.map { .number($0.inlierError, .percent) } ?? .text("—")
            }
            put("per_tensor", s.row("per-tensor"))
            put("per_token", s.row("per-token"))
            put("llm", s.row("llm-int8"))
            put("smooth", s.row("smoothquant", alpha: 0.5))
            let sweep = s.smoothQuantSweep
            let bestAlpha = sweep.min { $0.relativeError < $1.relativeError }
            values["\(d)_smooth_best_alpha"] = .number(bestAlpha?.alpha ?? 0, .plain.digits(2))
            values["\(d)_smooth_best_error"] = bestAlpha.map { .number($0.relativeError, .percent) } ?? .text("—")
            values["\(d)_llm_kept"] = .number(s.row("llm-int8")?.keptColumnShare ?? 0, .percent)
            let statics = s.rows.filter { $0.scheme.hasPrefix("static-") }
            let bestStatic = statics.min { $0.relativeError < $1.relativeError }
            values["\(d)_best_static"] = .text(bestStatic.map { Self.schemeName($0.scheme) } ?? "—")
            values["\(d)_best_static_error"] = bestStatic.map { .number($0.relativeError, .percent) } ?? .text("—")
            let dynamic = s.row("per-tensor")
            values["\(d)_static_beats_dynamic"] = .flag((bestStatic?.relativeError ?? .infinity) < (dynamic?.relativeError ?? 0))
            let best = s.best
            values["\(d)_best_scheme"] = .text(best.map { Self.schemeName($0.scheme, alpha: $0.alpha) } ?? "—")
            values["\(d)_best_scheme_error"] = best.map { .number($0.relativeError, .percent) } ?? .text("—")
            // Per-token scales cannot separate outlier columns: the gain over per-tensor is small then.
            if let t = s.row("per-tensor"), let k = s.row("per-token") {
                values["\(d)_token_gain"] = .number(t.relativeError / k.relativeError, .ratio)
            }
        }
        if let c = schemes.first(where: { $0.distribution == "channels" }), let token = c.row("per-token"), let llm = c.row("llm-int8") {
            findings["matmul_outlier_columns"] = [
                "size": .number(Double(c.size), .count), "token": .number(token.relativeError, .percent),
                "llm": .number(llm.relativeError, .percent), "kept": .number(llm.keptColumnShare ?? 0, .percent),
                "smooth": c.row("smoothquant", alpha: 0.5).map { .number($0.relativeError, .percent) } ?? .text("—"),
            ]
        }
    }

    /// Speed against the fastest FP32 path, per call and one-off costs, the emulation check and
    /// small sizes; each conclusion gated on its interval.
    func fillSpeed(
        _ r: MatmulRecords, speed: [(MatmulSpeedCurve.Kind, [MatmulSpeedCurve])], summary: MatmulSummary,
        values: inout [String: TemplateValue], findings: inout [String: TemplateValue]
    ) throws {
        let n = summary.size
        let smallest = r.timedSizes.first ?? n
        func point(_ kind: MatmulSpeedCurve.Kind, _ format: String, _ size: Int?) -> MatmulSpeedCurve.Point? {
            guard let c = speed.first(where: { $0.0 == kind })?.1.first(where: { $0.format == format }) else { return nil }
            return size.flatMap { c[size: $0] } ?? c.points.last
        }
        let kinds: [(MatmulSpeedCurve.Kind, String)] = [(.kernel, "kernel"), (.endToEnd, "e2e"), (.perCall, "per_call")]
        for (format, key) in [("int8-tensor", "int8"), ("int8-channel", "int8_channel"), ("int4-tensor", "int4"), ("bf16", "bf16"),
                              ("fp16", "fp16"), ("fp8e4m3", "e4m3"), ("fp8e5m2", "e5m2")] {
            for (kind, k) in kinds {
                let p = point(kind, format, format.hasPrefix("fp") && format != "fp32" ? nil : n)
                values["\(key)_\(k)_ratio"] = p.map { .number($0.ratio.estimate, .ratio) } ?? .text("—")
                values["\(key)_\(k)_faster"] = .flag(p.map { $0.ratio.hasInterval && $0.ratio.lower > 1 } ?? false)
                values["\(key)_\(k)_slower"] = .flag(p.map { $0.ratio.hasInterval && $0.ratio.upper < 1 } ?? false)
                let s = point(kind, format, smallest)
                values["\(key)_\(k)_ratio_smallest"] = s.map { .number($0.ratio.estimate, .ratio) } ?? .text("—")
            }
        }
        if let i4 = point(.kernel, "int4-tensor", n), let i8 = point(.kernel, "int8-tensor", n) {
            values["int4_over_int8_kernel"] = .number(i4.ratio.estimate / i8.ratio.estimate, .ratio)
        }
        values["baseline_largest"] = .text(Self.name(summary.baselines[.endToEnd] ?? "fp32"))
        let small = try MatmulSummary(r, size: smallest)
        values["baseline_smallest"] = .text(Self.name(small.baselines[.endToEnd] ?? "fp32"))
        values["smallest_timed_size"] = .number(Double(smallest), .count)
        // OpenBLAS against oneDNN FP32 end to end at the smallest and at its largest timed size.
        let oneDNN = try MatmulSpeedCurve.curves(r, kind: .endToEnd, baseline: .oneDNNFP32).first { $0.format == "openblas-fp32" }
        values["openblas_vs_onednn_smallest"] = oneDNN?.points.first.map { .number($0.ratio.estimate, .ratio) } ?? .text("—")
        values["openblas_vs_onednn_largest"] = oneDNN?.points.last.map { .number($0.ratio.estimate, .ratio) } ?? .text("—")
        values["openblas_largest_size"] = .number(Double(oneDNN?.points.last?.size ?? 0), .count)
        // The first size from which INT8 per call beats the fastest FP32 at every larger size.
        let int8Points = speed.first { $0.0 == .perCall }?.1.first { $0.format == "int8-tensor" }?.points ?? []
        let crossover = int8Points.indices.first { i in int8Points[i...].allSatisfy { $0.ratio.hasInterval && $0.ratio.lower > 1 } }
        values["int8_crossover_size"] = .number(Double(crossover.map { int8Points[$0].size } ?? 0), .count)
        values["has_int8_crossover"] = .flag(crossover != nil)

        // What a deployed layer pays once (the weights) and per call (the activations), INT8 at n.
        let int8 = r.trial(.gemmTime).matching([Parameter.format: "int8-tensor", .size: .int(n)])
        let both = int8.values(of: Metric.prepareSeconds), source = int8.values(of: Metric.prepareSourceSeconds)
        if !both.isEmpty && both.count == source.count {
            values["int8_weight_cost"] = .number(max(0, both.median() - source.median()), .duration)
            values["int8_activation_cost"] = .number(source.median(), .duration)
            values["int8_kernel_time"] = .number(int8.values(of: Metric.kernelSeconds).median(), .duration)
            values["has_phase_split"] = .flag(true)
        } else {
            values["has_phase_split"] = .flag(false)
        }
        values["has_anchor_size"] = .flag(n == 4096)

        // The emulation check.
        let check = try EmulationCheck(r)
        values["emulation_passed"] = .flag(check.passed)
        values["emulation_margin"] = .number(EmulationCheck.tolerance - 1, .percent.digits(1))
        values["emulation_anomalies"] = .list(check.anomalies.map { a in
            ["format": .text(Self.name(a.format)), "size": .number(Double(a.size), .count), "kind": .text(a.kind.rawValue),
             "ratio": .number(a.ratio.estimate, .ratio), "lower": .number(a.ratio.lower, .ratio)]
        })
        let emulatedSize = speed.first { $0.0 == .kernel }?.1.first { $0.format == "fp16" }?.points.last?.size
        values["emulated_timed_size"] = .number(Double(emulatedSize ?? 0), .count)

        let int8Faster = point(.kernel, "int8-tensor", n).map { $0.ratio.hasInterval && $0.ratio.lower > 1 } ?? false
        values["int8_faster"] = .flag(int8Faster)
        let bf16Faster = point(.kernel, "bf16", n).map { $0.ratio.hasInterval && $0.ratio.lower > 1 } ?? false
        values["bf16_faster"] = .flag(bf16Faster)
        if int8Faster {
            findings["matmul_int8_speed"] = [
                "size": .number(Double(n), .count), "kernel": values["int8_kernel_ratio"]!, "e2e": values["int8_e2e_ratio"]!,
                "per_call": values["int8_per_call_ratio"]!, "baseline": values["baseline_largest"]!,
            ]
        } else {
            findings["matmul_int8_no_speedup"] = ["size": .number(Double(n), .count), "kernel": values["int8_kernel_ratio"]!]
        }
        if bf16Faster, case .flag(true) = values["bf16_native"]! {
            findings["matmul_bf16_speed"] = [
                "size": .number(Double(n), .count), "kernel": values["bf16_kernel_ratio"]!,
                "error": values["bf16_error_middle"]!, "middle": values["middle_size"]!,
            ]
        }
        if let fp16 = point(.endToEnd, "fp16", nil), let e4m3 = point(.endToEnd, "fp8e4m3", nil), fp16.ratio.estimate < 1, e4m3.ratio.estimate < 1 {
            findings["matmul_emulated"] = ["fp16": .number(fp16.ratio.estimate, .ratio), "e4m3": .number(e4m3.ratio.estimate, .ratio), "size": .number(Double(fp16.size), .count)]
        }
        if let s = point(.endToEnd, "int8-tensor", smallest), s.ratio.estimate < 1 {
            findings["matmul_small_sizes"] = ["size": .number(Double(smallest), .count), "e2e": .number(s.ratio.estimate, .ratio), "baseline": values["baseline_smallest"]!]
        }
    }

    /// The GEMV values and their finding.
    func fillGEMV(_ gemv: GEMVSummary, values: inout [String: TemplateValue], findings: inout [String: TemplateValue]) {
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
        func error(_ w: String) -> Double { gemv.row(rows: shape.0, columns: shape.1, weights: w)?.relativeError ?? .nan }
        // Instructions of the integer GEMVs, and the error at equal bits per weight.
        for weights in ["w8a8", "w4a8"] {
            values["gemv_\(weights)_path"] = .text(gemv.row(rows: shape.0, columns: shape.1, weights: weights)?.instructionPath ?? "—")
            for format in [weights, "\(weights)-b32"] {
                let point = gemv.errorPoint(rows: shape.0, columns: shape.1, weights: format)
                let key = format.replacingOccurrences(of: "-", with: "_")
                values["gemv_\(key)_bits"] = .number(point?.bitsPerWeight ?? .nan, .plain.digits(2))
                values["gemv_\(key)_point_error"] = .number(point?.relativeError ?? .nan, .plain.digits(2))
            }
            let b32 = gemv.errorPoint(rows: shape.0, columns: shape.1, weights: "\(weights)-b32")?.relativeError ?? .nan
            let own = gemv.errorPoint(rows: shape.0, columns: shape.1, weights: weights)?.relativeError ?? .nan
            values["gemv_\(weights)_b32_lower"] = .flag(b32 < own)
            values["gemv_\(weights)_b32_ratio"] = .number(own / b32, .ratio)
        }
        values["has_gemv_b32"] = .flag(gemv.errorPoint(rows: shape.0, columns: shape.1, weights: "w4a8-b32") != nil)
        values["gemv_vnni"] = .flag(["w8a8", "w4a8"].contains { (gemv.row(rows: shape.0, columns: shape.1, weights: $0)?.instructionPath ?? "").contains("vnni") })
        values["gemv_w4a8_error_growth"] = .number(error("w4a8") / error("int4") - 1, .percent)
        values["gemv_w8a8_error_growth"] = .number(error("w8a8") / error("int8") - 1, .percent)
        findings["matmul_gemv_memory"] = [
            "shape": values["gemv_shape"]!, "int4": values["gemv_int4_speedup"]!, "int8": values["gemv_int8_speedup"]!,
            "share": values["gemv_int4_share"]!, "w4a8": values["gemv_w4a8_speedup"]!, "w4a8_share": values["gemv_w4a8_share"]!,
            "int8_cold": values["gemv_int8_cold_speedup"]!, "w4a8_cold": values["gemv_w4a8_cold_speedup"]!,
            "w8a8_cold": values["gemv_w8a8_cold_speedup"]!, "w8a8_error_growth": values["gemv_w8a8_error_growth"]!,
            "w4a8_error_growth": values["gemv_w4a8_error_growth"]!,
            "int4_cold": values["gemv_int4_cold_speedup"]!, "w4a8_cold_share": values["gemv_w4a8_cold_share"]!,
        ]
    }
}
