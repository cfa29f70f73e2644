import Analysis
import Charts
import Records

extension MatmulChapter {
    /// A consistent style per format across the chapter's charts: one Okabe–Ito colour per
    /// format family (the palette has eight, the chapter ten formats), per-channel variants in
    /// their per-tensor colour with another marker and a dotted line (never marker only),
    /// emulated formats dashed, the rest solid.
    static func style(_ format: String, emulated: Bool) -> SeriesStyle {
        let (color, marker): (Int, MarkerShape) = switch format {
        case "fp32": (0, .circle)
        case "fp16": (1, .square)
        case "bf16": (2, .triangleUp)
        case "fp8e4m3": (3, .diamond)
        case "fp8e5m2": (4, .triangleDown)
        case "int8-tensor": (5, .cross)
        case "int8-channel": (5, .square)
        case "int4-tensor": (7, .star)
        case "int4-channel": (7, .diamond)
        default: (6, .plus)  // OpenBLAS FP32
        }
        return SeriesStyle(color: Palette.color(color), marker: marker, dash: emulated ? .dashed : format.hasSuffix("-channel") ? .dotted : .solid)
    }

    /// Relative error against n, log–log, one panel per distribution, with bootstrap bands; the
    /// alt text states the order of the formats at `size` as plotted.
    func errorChart(_ curves: [MatmulErrorCurve], size: Int) -> Charts.Figure {
        let distributions = curves.map(\.distribution).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let panels = distributions.map { d in
            var marks: [Mark] = []
            for c in curves where c.distribution == d && c.format != "openblas-fp32" {
                let x = c.points.map { Double($0.size) }
                let style = Self.style(c.format, emulated: c.emulated)
                marks.append(.band(Band(x: x, lower: c.points.map(\.relativeError.lower), upper: c.points.map(\.relativeError.upper), style: style)))
                marks.append(.line(Line(Self.name(c.format), x: x, y: c.points.map(\.relativeError.estimate), style: style, markers: true)))
            }
            return Panel(title: Self.distributionName(d), x: Axis("n", scale: .log10),
                         y: Axis("Relative error vs FP64", scale: .log10), legend: d == distributions.last ? .outsideRight : .hidden, marks: marks)
        }
        let orders = distributions.map { d -> String in
            let ranked = curves.filter { $0.distribution == d && $0.format != "openblas-fp32" }
                .compactMap { c in c.points.first { $0.size == size }.map { (Self.name(c.format), $0.relativeError.estimate) } }
                .sorted { $0.1 < $1.1 }
            return "\(Self.distributionName(d)): " + ranked.map { "\($0.0) \(String(format: "%.2g", $0.1))" }.joined(separator: " < ")
        }
        return Figure(
            title: "Error of the product against size",
            altText: "\(distributions.count) log–log panels of relative Frobenius error against matrix size n per format, one per input distribution. At n = \(size), from lowest to highest error: " + orders.joined(separator: "; ") + ".",
            width: 980, height: 340, columns: distributions.count, sharedY: true, panels: panels)
    }

    /// Fastest-FP32 time over format time against n: kernel, end to end and per call; the alt
    /// text states which formats lie above and below parity at the smallest and largest size.
    func speedupChart(_ curves: [(MatmulSpeedCurve.Kind, [MatmulSpeedCurve])]) -> Charts.Figure {
        let titles: [MatmulSpeedCurve.Kind: String] = [.kernel: "Kernel only", .endToEnd: "End to end", .perCall: "Per call, weights prepared once"]
        let lastKind = curves.last?.0
        let panels = curves.map { kind, curves in
            var marks: [Mark] = [.referenceLine(ReferenceLine(.horizontal, at: 1, label: "fastest FP32"))]
            for c in curves {
                let x = c.points.map { Double($0.size) }
                let style = Self.style(c.format, emulated: c.emulated)
                let bars = c.points.filter(\.ratio.hasInterval)
                marks.append(.errorBars(ErrorBars(x: bars.map { Double($0.size) }, lower: bars.map(\.ratio.lower), upper: bars.map(\.ratio.upper), style: style)))
                marks.append(.line(Line(Self.name(c.format, emulated: c.emulated), x: x, y: c.points.map(\.ratio.estimate), style: style, markers: true)))
            }
            return Panel(title: titles[kind], x: Axis("n", scale: .log10), y: Axis("fastest FP32 time / format time", scale: .log10),
                         legend: kind == lastKind ? .outsideRight : .hidden, marks: marks)
        }
        func side(_ curves: [MatmulSpeedCurve], at pick: ([MatmulSpeedCurve.Point]) -> MatmulSpeedCurve.Point?) -> String {
            let located = curves.compactMap { c in pick(c.points).map { (Self.name(c.format, emulated: c.emulated), $0) } }
            let above = located.filter { $0.1.ratio.estimate > 1 }.map { "\($0.0) \(String(format: "%.2f", $0.1.ratio.estimate))" }
            let below = located.filter { $0.1.ratio.estimate <= 1 }.map { "\($0.0) \(String(format: "%.2f", $0.1.ratio.estimate))" }
            return "above parity: \(above.isEmpty ? "none" : above.joined(separator: ", ")); at or below: \(below.isEmpty ? "none" : below.joined(separator: ", "))"
        }
        let text = curves.map { kind, curves -> String in
            let small = curves.compactMap(\.points.first?.size).min() ?? 0
            let large = curves.compactMap(\.points.last?.size).max() ?? 0
            return "\(titles[kind]!): at n = \(small) \(side(curves) { $0.first { $0.size == small } }); at each format's largest timed n (up to \(large)) \(side(curves) { $0.last })"
        }
        return Figure(
            title: "Speed against the fastest FP32 path",
            altText: "\(curves.count) log–log panels of the fastest FP32 path's time (oneDNN or OpenBLAS) divided by each format's time against n. " + text.joined(separator: ". ") + ".",
            width: 1020, height: 340, columns: curves.count, sharedY: true, panels: panels)
    }

    /// SmoothQuant's product error against α per distribution at one size, with the dynamic
    /// per-token and LLM.int8 errors as reference lines.
    func smoothQuantChart(_ summaries: [ActivationSchemeSummary]) -> Charts.Figure {
        var marks: [Mark] = []
        for (i, s) in summaries.enumerated() {
            let sweep = s.smoothQuantSweep
            marks.append(.line(Line(Self.distributionName(s.distribution), x: sweep.compactMap(\.alpha), y: sweep.map(\.relativeError),
                                    style: .series(i), markers: true)))
        }
        let size = summaries.first?.size ?? 0
        let describe = summaries.map { s -> String in
            let sweep = s.smoothQuantSweep
            let best = sweep.min { $0.relativeError < $1.relativeError }
            return "\(Self.distributionName(s.distribution)): from \(String(format: "%.2g", sweep.first?.relativeError ?? .nan)) at α = \(String(format: "%.2g", sweep.first?.alpha ?? .nan)) to \(String(format: "%.2g", sweep.last?.relativeError ?? .nan)) at α = \(String(format: "%.2g", sweep.last?.alpha ?? .nan)), lowest \(String(format: "%.2g", best?.relativeError ?? .nan)) at α = \(String(format: "%.2g", best?.alpha ?? .nan))"
        }
        return Figure(
            title: "SmoothQuant: migration strength α",
            altText: "Relative error of the W8A8 product (per-token A, per-column B) after SmoothQuant scaling against α at n = \(size), one line per input distribution, log scale. " + describe.joined(separator: "; ") + ".",
            width: 560, height: 320,
            panel: Panel(x: Axis("α (0: all difficulty on A, 1: all on B)"), y: Axis("Relative error vs FP64", scale: .log10), legend: .best, marks: marks))
    }

    /// Achieved GEMM throughput with peak lines; GEMV bandwidth with the read bandwidth line.
    func throughputChart(_ curves: [MatmulThroughput], peaks: [MatmulThroughput.Peak], ceilings: [MatmulThroughput.Ceiling], gemv: GEMVSummary) -> Charts.Figure {
        var gemm: [Mark] = []
        for c in ceilings {
            let format = ["fp32": "fp32", "bf16": "bf16", "int8": "int8-tensor"][c.instruction] ?? "fp32"
            gemm.append(.referenceLine(ReferenceLine(
                .horizontal, at: c.operationsPerSecond / 1e9, label: "\(c.instruction.uppercased()) ISA ceiling",
                color: Self.style(format, emulated: false).color, dash: .dashed)))
        }
        for peak in peaks {
            // Each peak in the colour of the format that runs on that instruction type.
            let format = ["fp32": "fp32", "bf16": "bf16", "int8": "int8-tensor"][peak.instruction] ?? "fp32"
            gemm.append(.referenceLine(ReferenceLine(
                .horizontal, at: peak.operationsPerSecond / 1e9, label: "\(peak.instruction.uppercased()) best observed",
                color: Self.style(format, emulated: false).color, dash: .solid)))
        }
        for c in curves where ["fp32", "bf16", "int8-tensor", "openblas-fp32", "fp16"].contains(c.format) {
            let style = Self.style(c.format, emulated: c.emulated)
            gemm.append(.line(Line(Self.name(c.format, emulated: c.emulated), x: c.points.map { Double($0.size) },
                                   y: c.points.map { $0.operationsPerSecond.estimate / 1e9 }, style: style, markers: true)))
        }
        let shape = gemv.rows.first.map { ($0.rows, $0.columns) } ?? (0, 0)
        let rows = gemv.rows.filter { $0.rows == shape.0 && $0.columns == shape.1 && $0.cache == "warm" }
        let cold = rows.map { gemv.row(rows: shape.0, columns: shape.1, weights: $0.weights, cache: "cold")?.gigabytesPerSecond ?? .nan }
        let bars = GroupedBars(categories: rows.map { $0.weights.uppercased() }, series: [
            BarSeries("warm (may sit in cache)", values: rows.map(\.gigabytesPerSecond)),
            BarSeries("cold (from memory)", values: cold),
        ])
        let gemvPanel = Panel(
            title: "GEMV \(shape.0)×\(shape.1), batch 1", x: Axis("Weights", scale: .categorical(rows.map { $0.weights.uppercased() })),
            y: Axis("Effective weight GB/s"), legend: .best,
            marks: [.groupedBars(bars), .referenceLine(ReferenceLine(.horizontal, at: gemv.readBandwidth, label: "read bandwidth"))])
        return Figure(
            title: "Throughput against the machine's limits",
            altText: "Left: log–log GEMM throughput in GFLOP/s or GOP/s against n for FP32, BF16, INT8, FP16 (emulated) and OpenBLAS FP32, rising with n towards solid horizontal lines at the best observed FP32, BF16 and INT8 rates, below dashed lines at each instruction's ISA ceiling. Right: pairs of bars of effective weight bandwidth of batch-1 GEMV, warm (repeats back to back) and cold (weights evicted from the caches first), for FP32, BF16, INT8 and INT4 weights (INT8 and INT4 with FP32 x, W8A8 and W4A8 with x quantized to INT8) against a horizontal line at the measured read bandwidth.",
            width: 760, height: 340, columns: 2,
            panels: [Panel(title: "GEMM", x: Axis("n", scale: .log10), y: Axis("G(FL)OP/s", scale: .log10), legend: .best, marks: gemm), gemvPanel])
    }

    /// GEMV output error against bits per weight at the first shape: the timed formats and the
    /// error-only block-32 ones (llama.cpp's Q8_0 and Q4_0 bits).
    func gemvBitsChart(_ gemv: GEMVSummary) -> Charts.Figure {
        let first = gemv.errorPoints.first.map { ($0.rows, $0.columns) } ?? (0, 0)
        let points = gemv.errorPoints.filter { $0.rows == first.0 && $0.columns == first.1 && $0.weights != "fp32" }
        let (block, ours) = (points.filter { $0.weights.hasSuffix("-b32") }, points.filter { !$0.weights.hasSuffix("-b32") })
        var marks: [Mark] = [
            .scatter(Scatter("ours: per row (INT8), per 128 columns (INT4), x per 128", x: ours.map(\.bitsPerWeight), y: ours.map(\.relativeError))),
            .scatter(Scatter("block 32, FP16 scales, x per 32 (Q8_0, Q4_0 bits)", x: block.map(\.bitsPerWeight), y: block.map(\.relativeError))),
        ]
        marks += points.map { .annotation(Annotation($0.weights.uppercased(), x: $0.bitsPerWeight, y: $0.relativeError, showsPoint: false)) }
        let described = points.map { "\($0.weights.uppercased()) \(String(format: "%.2f", $0.bitsPerWeight)) bits, \(String(format: "%.2g", $0.relativeError))" }
        return Figure(
            title: "GEMV \(first.0)×\(first.1): error against bits per weight",
            altText: "Relative error of y against FP64, log scale, against bits per weight (codes and scales) for each GEMV weight format: " + described.joined(separator: "; ") + ".",
            width: 640, height: 340,
            panel: Panel(x: Axis("Bits per weight (codes and scales)", scale: .log10), y: Axis("Relative error of y vs FP64", scale: .log10),
                         legend: .best, marks: marks))
    }

    /// Stored and kernel bytes per element, per format.
    func bytesChart(_ summary: MatmulSummary) -> Charts.Figure {
        let rows = summary.rows.filter { $0.format != "openblas-fp32" }
        let names = rows.map { Self.name($0.format) }
        let bars = GroupedBars(categories: names, series: [
            BarSeries("stored", values: rows.map(\.storageBytesPerElement)),
            BarSeries("read by the timed kernel", values: rows.map(\.kernelBytesPerElement)),
        ])
        return Figure(
            title: "Bytes per operand element",
            altText: "Grouped bars per format of bytes per element as stored (FP32 4, FP16 and BF16 2, FP8 and INT8 1, INT4 0.5) and as read by the timed kernel (4 for FP32 and the emulated FP16 and FP8, 2 for BF16, 1 for INT8 and INT4).",
            width: 640, height: 300,
            panel: Panel(x: Axis(nil, scale: .categorical(names)), y: Axis("Bytes per element"), legend: .best, marks: [.groupedBars(bars)]))
    }
}
