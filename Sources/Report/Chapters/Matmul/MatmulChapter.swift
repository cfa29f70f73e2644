import Analysis
import Charts
import Foundation
public import Records

/// The `matmul` chapter: error and time of each format's matrix product against FP32, the
/// FP64 reference, activation schemes for outliers, throughput against the best observed rates,
/// and batch-1 GEMV.
///
/// Every number comes from the Analysis module's matmul functions over the stored records, and
/// every conclusion is gated on them: a sentence that says a format is faster appears only when
/// its interval says so, and the opposite sentence when it does not.
public struct MatmulChapter: ChapterBuilder {
    /// The builder.
    public init() {}

    /// `MatmulSchema.section`.
    public var section: String { MatmulSchema.section }
    /// The findings this chapter may contribute to the pros-and-cons chapter.
    public var findingNames: [String] {
        ["matmul_int8_speed", "matmul_int8_no_speedup", "matmul_bf16_speed", "matmul_gemv_memory", "matmul_int8_error",
         "matmul_emulated", "matmul_small_sizes", "matmul_int4_outliers", "matmul_outlier_columns"]
    }

    /// Display names of the formats, in the records' spelling.
    static let names: [String: String] = [
        "fp32": "FP32", "fp16": "FP16", "bf16": "BF16", "fp8e4m3": "FP8 E4M3", "fp8e5m2": "FP8 E5M2",
        "int8-tensor": "INT8 per-tensor", "int8-channel": "INT8 per-channel", "int4-tensor": "INT4 per-tensor",
        "int4-channel": "INT4 per-channel", "openblas-fp32": "OpenBLAS FP32",
    ]

    static func name(_ format: String, emulated: Bool = false) -> String {
        (names[format] ?? format) + (emulated ? " (emulated)" : "")
    }

    /// The chapter from the section's records.
    /// - Throws: `ChapterError` when the records lack what the chapter needs.
    public func build(_ records: [TrialRecord]) throws -> ChapterOutput {
        let r = MatmulRecords(records)
        guard let largest = r.sizes.last, let largestTimed = r.timedSizes.last else {
            throw ChapterError(section: section, "no GEMM trials; rerun the section")
        }
        // The table size: n = 1000 when measured, else the measured size closest to it.
        let middle = r.timedSizes.min { abs(log10(Double($0)) - 3) < abs(log10(Double($1)) - 3) }!
        let errors = MatmulErrorCurve.curves(r)
        let speed = try MatmulSpeedCurve.Kind.allCases.map { ($0, try MatmulSpeedCurve.curves(r, kind: $0)) }
        let throughput = MatmulThroughput.curves(r)
        let peaks = MatmulThroughput.peaks(r)
        let gemv = try GEMVSummary(r)
        let summaryMiddle = try MatmulSummary(r, size: middle)
        let summaryLargest = try MatmulSummary(r, size: largestTimed)
        let floors = MatmulFloors(r)
        guard let schemeSize = ActivationSchemeSummary.sizes(r).last else {
            throw ChapterError(section: section, "no activation-scheme trials (records of an older run); rerun the section")
        }
        let schemes = r.distributions.compactMap { ActivationSchemeSummary(r, distribution: $0, size: schemeSize) }

        var values: [String: TemplateValue] = [
            "isa": .text(r.parameter(.isa) ?? "unknown"),
            "blas_core": .text(r.parameter(.blasCore) ?? "unknown"),
            "threads": .number(Double(r.parameter(.threads).flatMap(Double.init) ?? .nan), .count),
            "smallest_size": .number(Double(r.sizes.first!), .count),
            "largest_size": .number(Double(largest), .count),
            "largest_timed_size": .number(Double(largestTimed), .count),
            "middle_size": .number(Double(middle), .count),
            "sizes": .text(r.sizes.map(String.init).joined(separator: ", ")),
            "read_bandwidth": .number(gemv.readBandwidth * 1e9, .bytesPerSecond()),
        ]
        fillSetup(r, largest: largest, values: &values)
        fillTiming(r, values: &values)
        for curve in throughput {
            guard let key = ["fp32": "fp32", "bf16": "bf16", "int8-tensor": "int8"][curve.format] else { continue }
            values["\(key)_peak_share"] = .number(curve.points.last?.peakShare ?? .nan, .percent)
            values["\(key)_peak_share_smallest"] = .number(curve.points.first?.peakShare ?? .nan, .percent)
        }
        let ceilings = MatmulThroughput.ceilings(r)
        values["has_ceilings"] = .flag(!ceilings.isEmpty)
        values["clock"] = .number((ceilings.first?.clockHertz ?? 0) / 1e9, .plain.digits(2))
        for c in ceilings {
            values["ceiling_\(c.instruction)"] = .number(c.operationsPerSecond, c.instruction == "int8" ? .opsPerSecond() : .flopsPerSecond())
            values["ceiling_\(c.instruction)_per_cycle"] = .number(c.operationsPerCycle, .plain.digits(1))
            let best = peaks.first { $0.instruction == c.instruction }?.operationsPerSecond ?? .nan
            values["best_of_ceiling_\(c.instruction)"] = .number(best / c.operationsPerSecond, .percent)
        }
        for instruction in ["fp32", "bf16", "int8"] where values["ceiling_\(instruction)"] == nil {
            for key in ["ceiling_\(instruction)", "ceiling_\(instruction)_per_cycle", "best_of_ceiling_\(instruction)"] { values[key] = .text("—") }
        }
        for peak in peaks {
            values["peak_\(peak.instruction)"] = .number(peak.operationsPerSecond, peak.instruction == "int8" ? .opsPerSecond() : .flopsPerSecond())
            values["peak_\(peak.instruction)_implementation"] = .text(peak.implementation)
            values["peak_size"] = .number(Double(peak.size), .count)
        }
        var findings: [String: TemplateValue] = [:]
        fillAccuracy(r, errors: errors, middle: middle, values: &values, findings: &findings)
        fillSchemes(schemes, values: &values, findings: &findings)
        try fillSpeed(r, speed: speed, summary: summaryLargest, values: &values, findings: &findings)
        fillGEMV(gemv, values: &values, findings: &findings)
        values["floors"] = .list(floors.checks.map { check in
            [
                "name": .text(check.name),
                "measured": .number(check.measured, check.name.contains("share") ? .percent : .ratio),
                "required": .number(check.required, check.name.contains("share") ? .percent : .ratio),
                "holds": .flag(check.holds),
                "verdict": .text(check.holds ? "met" : "not met"),
            ]
        })
        values["has_floors"] = .flag(!floors.checks.isEmpty)

        let distributions = r.distributions
        var tables = [
            CaptionedTable(label: "matmul-summary-middle", caption: "Each format at $n$ = \(middle): relative error against FP64 on each input distribution, the fastest FP32 path's time over the format's time (kernel only; end to end with both operands converted on every call; per call with the weights converted once), medians of interleaved rounds with 95 % bootstrap intervals, and stored bytes against FP32. The fastest FP32 path here was \(Self.name(summaryMiddle.baselines[.endToEnd] ?? "fp32")) end to end. Emulated formats show a relative speed, not a speedup.", table: try summaryTable(summaryMiddle, distributions: distributions)),
            CaptionedTable(label: "matmul-summary-largest", caption: "The same at the largest timed size, $n$ = \(largestTimed) (fastest FP32 path end to end: \(Self.name(summaryLargest.baselines[.endToEnd] ?? "fp32"))).", table: try summaryTable(summaryLargest, distributions: distributions)),
            CaptionedTable(label: "matmul-slopes", caption: "Log–log slope $k$ of relative error against $n$ ($e \\approx c \\cdot n^k$) per format and distribution, fitted separately below and from $n$ = \(MatmulErrorCurve.splitSize), with 95 % Student-t intervals: one power law over the whole range would average a curved relation. $k \\approx 0$ means the error does not grow with the size.", table: slopeTable(errors)),
            CaptionedTable(label: "matmul-gemv", caption: "Batch-1 GEMV $y = Wx$, cold (weights evicted from every cache first) and warm (the product repeated at once, so that weights which fit in the last-level cache are read from it), the formats taking turns in each of the repeats: median time, speedup over FP32 weights in the same state, for cold repeats the effective weight bandwidth and its share of the read bandwidth measured in the same run (\(String(format: "%.1f", gemv.readBandwidth)) GB/s), and the relative error of $y$ against FP64.", table: try gemvTable(gemv)),
        ]
        var charts = [
            ChapterChart(label: "matmul-error", chart: errorChart(errors, size: middle), caption: "Relative error of $C = AB$ against FP64 as $n$ grows, per format and input distribution (log–log). Shaded bands: 95 % bootstrap intervals over blocks of rows of $C$."),
            ChapterChart(label: "matmul-speedup", chart: speedupChart(speed), caption: "The fastest FP32 path's time (oneDNN or OpenBLAS, whichever was faster at that size) over each format's time as $n$ grows: kernel only, end to end (both operands converted on every call), and per call with the weights converted once; medians of interleaved rounds with 95 % bootstrap intervals. Dashed lines marked ‘emulated’ are FP16 and FP8, which this CPU cannot compute: their ratio is a relative speed, never a speedup. The horizontal line is parity."),
            ChapterChart(label: "matmul-throughput", chart: throughputChart(throughput, peaks: peaks, ceilings: ceilings, gemv: gemv), caption: "Roofline view. Left: achieved GEMM throughput against $n$, with the best rate observed for each instruction type in this run as a solid horizontal line and the ISA ceiling of its instruction (measured clock × measured operations per cycle) as a dashed one. Right: effective weight bandwidth of batch-1 GEMV per weight format, warm and cold, against the measured read bandwidth."),
            ChapterChart(label: "matmul-bytes", chart: bytesChart(summaryLargest), caption: "Bytes per operand element: as stored, and as read by the timed kernel (emulated formats are multiplied as FP32; INT4 codes sit one per byte on the INT8 kernel)."),
        ]
        let n = schemeSize
        tables.append(CaptionedTable(label: "matmul-schemes", caption: "INT8 products with the activations $A$ quantized by each scheme and the weights $B$ per column, at $n$ = \(n), on oneDNN's INT8 kernel (LLM.int8's outlier columns in FP32): relative error of the product against FP64, and the relative error of the ordinary (non-outlier) entries of $A$ after quantization. Static ranges were set on a separate calibration batch from the same distribution.", table: schemeTable(schemes)))
        charts.append(ChapterChart(label: "matmul-smoothquant", chart: smoothQuantChart(schemes), caption: "Product error after SmoothQuant against its migration strength α at $n$ = \(n), per input distribution (INT8 per token × per column)."))
        return ChapterOutput(values: values, charts: charts, tables: tables, findings: findings, decisions: decisions(values))
    }
}
