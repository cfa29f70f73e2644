import Analysis
import Charts
import Records

extension EncoderChapter {
    /// The chapter's charts.
    func charts(_ r: EncoderResults) throws -> [ChapterChart] {
        [
            ChapterChart(label: "encoder-column-max", chart: try columnMaxChart(r), caption: "Each dimension's largest $\\lvert x \\rvert$ in the output of every layer over the calibration verses: a few fixed dimensions of the residual stream stand far above the rest."),
            ChapterChart(label: "encoder-histogram", chart: try histogramChart(r), caption: "Values of the outlier layer's output over the calibration verses (log counts), with every 16th level of a symmetric per-tensor INT8 grid over the same values (dotted)."),
            ChapterChart(label: "encoder-schemes", chart: try schemesChart(r), caption: "Mean cosine to FP32 (as 1 − cosine, log scale; lower is better) and top-10 retrieval overlap per scheme, with 95 % intervals. Emulated."),
            ChapterChart(label: "encoder-alpha", chart: try alphaChart(r), caption: "SmoothQuant's migration strength α against the mean cosine to FP32, W8A8 with per-tensor dynamic activations, with 95 % intervals; the dashed line is the same W8A8 without smoothing."),
        ]
    }

    /// One line per layer of per-dimension max |x|.
    func columnMaxChart(_ r: EncoderResults) throws -> Charts.Figure {
        let m = r.columnMax
        guard let width = m.first?.count, width > 0 else { throw ChapterError(section: section, "no column-max records") }
        var marks: [Mark] = []
        for (l, row) in m.enumerated() where row.count == width {
            marks.append(.line(Line("layer \(l + 1)", x: (0..<width).map(Double.init), y: row, style: .series(l), width: 1)))
        }
        let peak = m.enumerated().flatMap { l, row in row.enumerated().map { (l, $0.offset, $0.element) } }.max { $0.2 < $1.2 }!
        return Figure(
            title: "Per-dimension max |x| of each layer's output",
            altText: "Lines of the largest absolute value of each of the \(width) output dimensions, one line per layer; the highest is \(String(format: "%.1f", peak.2)) in dimension \(peak.1) of layer \(peak.0 + 1), while most dimensions stay near the median.",
            width: 640, height: 320,
            panel: Panel(x: Axis("Dimension"), y: Axis("max |x|"), legend: .best, marks: marks))
    }

    /// The outlier layer's histogram with the INT8 grid.
    func histogramChart(_ r: EncoderResults) throws -> Charts.Figure {
        guard let h = r.histogram else { throw ChapterError(section: section, "no histogram records") }
        // Counts + 1 so empty bins stay on the log axis.
        var marks: [Mark] = [.step(Step(x: h.edges, y: h.counts.map { $0 + 1 } + [(h.counts.last ?? 0) + 1], position: .post, style: .series(0)))]
        for k in stride(from: -112, through: 112, by: 16) {
            marks.append(.referenceLine(ReferenceLine(.vertical, at: Double(k) * h.int8Step, dash: .dotted)))
        }
        let total = h.counts.reduce(0, +)
        let central = zip(h.edges, h.counts).filter { abs($0.0) < 16 * h.int8Step }.map(\.1).reduce(0, +)
        return Figure(
            title: "Layer \(h.layer + 1) output against the INT8 grid",
            altText: "Histogram of layer \(h.layer + 1)'s output values from \(String(format: "%.2f", h.edges.first ?? 0)) to \(String(format: "%.2f", h.edges.last ?? 0)); INT8 step \(String(format: "%.3f", h.int8Step)); about \(Int((100 * central / max(total, 1)).rounded())) % of the values fall within 16 steps of zero.",
            width: 600, height: 320,
            panel: Panel(x: Axis("Value"), y: Axis("Values per bin + 1", scale: .log10), legend: .hidden, marks: marks))
    }

    /// 1 − cosine and overlap per scheme.
    func schemesChart(_ r: EncoderResults) throws -> Charts.Figure {
        let s = r.schemes.filter { $0.alpha == nil || $0.parameter(.calibration) == "per-token" }
        let x = (0..<s.count).map(Double.init)
        let loss = Panel(
            title: "1 − mean cosine", x: Axis("Scheme (see table)"), y: Axis("1 − cosine", scale: .log10), legend: .hidden,
            marks: [.scatter(Scatter(x: x, y: s.map { max(1 - $0.cosine.estimate, 1e-7) }, style: .series(0))),
                    .errorBars(ErrorBars(x: x, lower: s.map { max(1 - $0.cosine.upper, 1e-7) }, upper: s.map { max(1 - $0.cosine.lower, 1e-7) }, style: .series(0)))])
        let overlap = Panel(
            title: "Top-10 overlap", x: Axis("Scheme (see table)"), y: Axis("Overlap", limits: 0...1), legend: .hidden,
            marks: [.scatter(Scatter(x: x, y: s.map(\.overlap.estimate), style: .series(1))),
                    .errorBars(ErrorBars(x: x, lower: s.map(\.overlap.lower), upper: s.map(\.overlap.upper), style: .series(1)))])
        let worst = s.min { $0.cosine.estimate < $1.cosine.estimate }!, best = s.filter { $0.label != "bf16" }.max { $0.cosine.estimate < $1.cosine.estimate }!
        return Figure(
            title: "Agreement with FP32 by scheme",
            altText: "Two panels over \(s.count) schemes numbered in table order: 1 − mean cosine on a log axis and the top-10 overlap. Worst: \(Self.name(worst.label)) (cosine \(String(format: "%.4f", worst.cosine.estimate)), overlap \(String(format: "%.3f", worst.overlap.estimate))); best below BF16: \(Self.name(best.label)) (cosine \(String(format: "%.5f", best.cosine.estimate))).",
            width: 680, height: 320, columns: 2, panels: [loss, overlap])
    }

    /// Mean cosine against α.
    func alphaChart(_ r: EncoderResults) throws -> Charts.Figure {
        let sweep = r.alphaSweep
        guard !sweep.isEmpty, let plain = r.scheme("w8a8-dynamic") else { throw ChapterError(section: section, "no SmoothQuant sweep") }
        let x = sweep.map(\.alpha)
        let best = sweep.max { $0.scheme.cosine.estimate < $1.scheme.cosine.estimate }!
        return Figure(
            title: "SmoothQuant α sweep",
            altText: "Mean cosine to FP32 for α = \(x.map { String($0) }.joined(separator: ", ")); best at α = \(best.alpha) with \(String(format: "%.4f", best.scheme.cosine.estimate)), against \(String(format: "%.4f", plain.cosine.estimate)) without smoothing.",
            width: 560, height: 320,
            panel: Panel(x: Axis("α"), y: Axis("Mean cosine to FP32"), legend: .best, marks: [
                .line(Line("SmoothQuant", x: x, y: sweep.map(\.scheme.cosine.estimate), style: .series(0), markers: true)),
                .errorBars(ErrorBars(x: x, lower: sweep.map(\.scheme.cosine.lower), upper: sweep.map(\.scheme.cosine.upper), style: .series(0))),
                .referenceLine(ReferenceLine(.horizontal, at: plain.cosine.estimate, label: "no smoothing")),
            ]))
    }
}
