import Analysis
import Charts
import Records

extension VisionChapter {
    /// The chapter's charts.
    func charts(_ r: VisionResults) throws -> [ChapterChart] {
        [
            ChapterChart(label: "vision-bits", chart: try bitsChart(r), caption: "Test accuracy against weight width: weights only, and with activations at 8 and 4 bits (min-max calibration), mean over training seeds; error bars are the paired 95 % bootstrap interval of the change against FP32 (dashed). Emulated."),
            ChapterChart(label: "vision-sensitivity", chart: try sensitivityChart(r), caption: "Accuracy change when one layer alone is quantized (weights per channel at 4 and 2 bits; inputs at 4 bits), the others FP32."),
            ChapterChart(label: "vision-tradeoff", chart: try tradeoffChart(r), caption: "Size against accuracy: each format's weight bytes (codes, scales and FP32 biases) and test accuracy, mean over training seeds (simulated in FP32, emulated), with the two oneDNN engines' measured accuracy, labelled with their measured latency for one image (median, first seed)."),
            ChapterChart(label: "vision-weights", chart: try weightsChart(r), caption: "Weights of the first and last layers after batch-norm folding (first seed), with the 15 levels of symmetric per-tensor INT4 over each layer's absolute maximum (dotted)."),
        ]
    }

    /// Accuracy against weight bits, one line per activation width.
    func bitsChart(_ r: VisionResults) throws -> Charts.Figure {
        let bits = Self.weightBits(r).sorted()
        let fp32 = r.fp32Accuracy.estimate
        var marks: [Mark] = [.referenceLine(ReferenceLine(.horizontal, at: 100 * fp32, label: "FP32"))]
        var described: [String] = []
        for (i, (activations, label)) in [("fp32", "weights only"), ("int8", "A8"), ("int4", "A4")].enumerated() {
            let points = bits.compactMap { b -> (Int, VisionResults.Comparison)? in
                r.ptq(weights: "int\(b)", activations: activations, calibration: activations == "fp32" ? "none" : "minmax").map { (b, $0) }
            }
            guard !points.isEmpty else { throw ChapterError(section: section, "no \(label) trials to draw") }
            let x = points.map { Double($0.0) + 0.05 * Double(i - 1) }
            let y = points.map { 100 * $0.1.accuracy }
            marks.append(.line(Line(label, x: x, y: y, style: .series(i), markers: true)))
            let intervals = points.map { $0.1.differenceInterval }
            marks.append(.errorBars(ErrorBars(
                x: x, lower: intervals.map { 100 * (fp32 + $0.lower) }, upper: intervals.map { 100 * (fp32 + $0.upper) }, style: .series(i))))
            if let low = points.first {
                described.append("\(label) \(String(format: "%.1f", 100 * low.1.accuracy)) % at \(low.0) bits")
            }
        }
        return Figure(
            title: "Accuracy against weight bits",
            altText: "Test accuracy of the CNN against weight bits from \(bits.first ?? 0) to \(bits.last ?? 0), weights only and with 8- and 4-bit activations, against FP32 at \(String(format: "%.1f", 100 * fp32)) %: \(described.joined(separator: "; ")).",
            width: 560, height: 340,
            panel: Panel(x: Axis("Weight bits"), y: Axis("Test accuracy (%)"), legend: .best, marks: marks))
    }

    /// Weight bytes against accuracy for every format, with the engines' latency where measured.
    func tradeoffChart(_ r: VisionResults) throws -> Charts.Figure {
        var marks: [Mark] = [.referenceLine(ReferenceLine(.horizontal, at: 100 * r.fp32Accuracy.estimate, label: "FP32"))]
        func point(_ c: VisionResults.Comparison?) -> (Double, Double)? {
            guard let c, let bytes = c.modelBytes else { return nil }
            return (bytes, 100 * c.accuracy)
        }
        let bits = Self.weightBits(r)
        let families: [(String, [(String, VisionResults.Comparison?)])] = [
            ("integer weights (per channel)", bits.map { ("W\($0)", r.ptq(weights: "int\($0)")) }),
            ("integer weights, 8-bit inputs", bits.map { ("W\($0)A8", r.ptq(weights: "int\($0)", activations: "int8", calibration: "minmax")) }),
            ("float formats, NF4", [
                ("FP16", r.ptq(weights: "fp16", granularity: "tensor", activations: "fp16")),
                ("BF16", r.ptq(weights: "bf16", granularity: "tensor", activations: "bf16")),
                ("E4M3", r.ptq(weights: "fp8-e4m3", activations: "fp8-e4m3")), ("E5M2", r.ptq(weights: "fp8-e5m2", activations: "fp8-e5m2")),
                ("NF4", r.ptq(weights: "nf4")),
            ]),
        ]
        var described: [String] = []
        // Formats of equal size share one label ("W8 / E4M3"), placed at the highest of their points.
        var labels: [Double: (names: [String], accuracy: Double)] = [:]
        for (i, (label, members)) in families.enumerated() {
            let points = members.compactMap { name, c in point(c).map { (name, $0) } }
            guard !points.isEmpty else { throw ChapterError(section: section, "no \(label) trials to draw") }
            marks.append(.scatter(Scatter(label, x: points.map(\.1.0), y: points.map(\.1.1), style: .series(i))))
            for (name, (bytes, accuracy)) in points where i != 1 {
                let old = labels[bytes] ?? ([], -.infinity)
                labels[bytes] = (old.names + [name], max(old.accuracy, accuracy))
            }
            described += points.map { "\($0.0) \(Int($0.1.0)) bytes, \(String(format: "%.1f", $0.1.1)) %" }
        }
        marks += labels.keys.sorted().map { bytes in
            .annotation(Annotation(labels[bytes]!.names.joined(separator: " / "), x: bytes, y: labels[bytes]!.accuracy, dy: 9, showsPoint: false))
        }
        if let summary = VisionEngineSummary(r) {
            let batch = summary.speeds.map(\.batch).min() ?? 1
            let engines = summary.answers.compactMap { a -> (String, Double, Double)? in
                guard let (bytes, accuracy) = point(a.comparison), let speed = summary.speed(a.engine, batch: batch) else { return nil }
                let micros = 1e6 * Double(batch) / speed.imagesPerSecond.estimate
                return ("\(a.engine == "int8" ? "INT8" : "FP32") engine, \(String(format: "%.0f", micros)) µs", bytes, accuracy)
            }
            marks.append(.scatter(Scatter("oneDNN engines (measured)", x: engines.map(\.1), y: engines.map(\.2), style: .series(3), size: 9)))
            marks += engines.map { .annotation(Annotation($0.0, x: $0.1, y: $0.2, dy: -12, showsPoint: false)) }
            described += engines.map { "\($0.0) per image, \(Int($0.1)) bytes, \(String(format: "%.1f", $0.2)) %" }
        }
        return Figure(
            title: "Size, accuracy and latency",
            altText: "Scatter of weight bytes (log scale) against test accuracy for each format: \(described.joined(separator: "; ")).",
            width: 620, height: 360,
            panel: Panel(x: Axis("Weight bytes", scale: .log10), y: Axis("Test accuracy (%)"), legend: .best, marks: marks))
    }

    /// Accuracy change per layer, one bar per setting.
    func sensitivityChart(_ r: VisionResults) throws -> Charts.Figure {
        let layers = ["conv1", "conv2", "fc1", "fc2"]
        let settings: [(String, Int, String)] = [("weights", 4, "W4"), ("weights", 2, "W2"), ("activations", 4, "A4")]
        var series: [BarSeries] = []
        var worst: (String, String, Double) = ("", "", 0)
        for (i, (target, bits, label)) in settings.enumerated() {
            let values = layers.map { layer -> Double in
                let d = r.comparison(.sensitivity, [.layer: .string(layer), .target: .string(target), .bits: .int(bits)])?.difference ?? 0
                if d < worst.2 { worst = (layer, label, d) }
                return 100 * d
            }
            series.append(BarSeries(label, values: values, style: .series(i)))
        }
        return Figure(
            title: "Per-layer sensitivity",
            altText: "Grouped bars of the accuracy change in points when only conv1, conv2, fc1 or fc2 is quantized, at 4-bit and 2-bit weights and 4-bit inputs; the largest drop is \(String(format: "%.2f", 100 * worst.2)) points (\(worst.0), \(worst.1)).",
            width: 560, height: 320,
            panel: Panel(x: Axis("Layer"), y: Axis("Accuracy change (points)"), legend: .best,
                         marks: [.groupedBars(GroupedBars(categories: layers, series: series)), .referenceLine(ReferenceLine(.horizontal, at: 0))]))
    }

    /// The weight histograms of the first and last layers with the INT4 per-tensor grid over them.
    func weightsChart(_ r: VisionResults) throws -> Charts.Figure {
        var panels: [Panel] = []
        var described: [String] = []
        for layer in ["conv1", "fc2"] {
            let bins = VisionSchema.records(.histogram, in: r.records)
                .matching([VisionSchema.Parameter.layer: .string(layer), .seed: 0])
                .sorted { ($0[VisionSchema.Parameter.bin]?.numberValue ?? 0) < ($1[VisionSchema.Parameter.bin]?.numberValue ?? 0) }
            guard let first = bins.first, let last = bins.last,
                  let lower = first[VisionSchema.Metric.lower]?.value, let upper = last[VisionSchema.Metric.upper]?.value
            else { throw ChapterError(section: section, "no weight histogram of \(layer)") }
            let x = bins.compactMap { $0[VisionSchema.Metric.lower]?.value } + [upper]
            let counts = bins.compactMap { $0[VisionSchema.Metric.count]?.value }
            let total = counts.reduce(0, +)
            // The INT4 symmetric per-tensor grid: s = max|w| / 7, levels k·s for k = −7…7.
            let step = max(abs(lower), abs(upper)) / 7
            var marks: [Mark] = [.step(Step(x: x, y: counts + [counts.last ?? 0], position: .post, style: .series(0)))]
            for k in -7...7 {
                marks.append(.referenceLine(ReferenceLine(.vertical, at: Double(k) * step, dash: .dotted)))
            }
            let nearZero = zip(bins, counts).filter { bin, _ in
                let lo = bin[VisionSchema.Metric.lower]?.value ?? 0, hi = bin[VisionSchema.Metric.upper]?.value ?? 0
                return hi > -step / 2 && lo < step / 2
            }.map(\.1).reduce(0, +)
            described.append("\(layer): weights from \(String(format: "%.3f", lower)) to \(String(format: "%.3f", upper)), INT4 step \(String(format: "%.3f", step)), about \(Int((100 * nearZero / max(total, 1)).rounded())) % of the weights within half a step of zero")
            panels.append(Panel(title: "`\(layer)`".replacingOccurrences(of: "`", with: ""), x: Axis("Weight"), y: Axis("Weights per bin"), legend: .hidden, marks: marks))
        }
        return Figure(
            title: "Weights against the INT4 grid",
            altText: "Two histograms of weights with the 15 INT4 levels drawn over them. \(described.joined(separator: "; ")).",
            width: 640, height: 300, columns: 2, panels: panels)
    }
}
