public import Charts
import Foundation

/// Every chart kind drawn from fixed example data, so a person can look at all of them at once
/// (`quantlab gallery` and `make gallery` render each one and write its PNG and SVG).
public enum Gallery {
    /// The gallery's figures with their file base names, in display order.
    public static var figures: [(name: String, figure: Figure)] {
        [
            ("loglog-bands", logLogWithBands),
            ("grouped-bars", groupedBarsWithErrors),
            ("histogram", histogramWithReferences),
            ("heatmap", heatmap),
            ("heatmap-diverging", divergingHeatmap),
            ("shared-x", sharedX),
            ("stacked-bars", stackedBars),
            ("step", stepCDF),
            ("scatter", scatterWithAnnotations),
            ("symlog", symlog),
            ("log2-markers", log2Lines),
            ("gaps", lineWithGaps),
            ("small-multiples", smallMultiples),
            ("rotated-labels", rotatedLabels),
        ]
    }

    // MARK: Figures

    static var logLogWithBands: Figure {
        let n = ExampleData.sizes
        // Relative error of a length-n dot product grows like √n · unit roundoff.
        let formats: [(String, Double)] = [("FP16", 4.9e-4), ("BF16", 3.9e-3), ("FP8 E4M3", 6.2e-2)]
        var marks: [Mark] = []
        for (k, (name, u)) in formats.enumerated() {
            let y = n.map { u * $0.squareRoot() * 0.3 }
            marks.append(.line(Line(name, x: n, y: y)))
            marks.append(.band(Band(x: n, lower: y.map { $0 / 1.6 }, upper: y.map { $0 * 1.6 }, style: .series(k))))
        }
        return Figure(
            title: "Matmul error grows with the inner dimension",
            altText: "Log–log line chart: relative error of FP16, BF16 and FP8 matrix products against size 10 to 10000; all grow like the square root of n, FP8 about a hundred times above FP16. Shaded bands are 95 % intervals.",
            panel: Panel(x: Axis("Inner dimension n", scale: .log10), y: Axis("Relative error (Frobenius)", scale: .log10), marks: marks))
    }

    static var groupedBarsWithErrors: Figure {
        let formats = ["FP32", "BF16", "INT8", "INT4", "NF4"]
        let series = [
            BarSeries("MLP", values: [97.9, 97.9, 97.6, 95.1, 96.0], errors: [0.15, 0.16, 0.2, 0.6, 0.45]),
            BarSeries("CNN", values: [99.1, 99.1, 99.0, 97.8, 98.3], errors: [0.08, 0.09, 0.1, 0.4, 0.3]),
            BarSeries("CNN + QAT", values: [99.1, 99.1, 99.1, 98.7, 98.8], errors: [0.08, 0.08, 0.09, 0.2, 0.2]),
        ]
        return Figure(
            title: "Accuracy by weight format",
            altText: "Grouped bar chart: test accuracy of an MLP, a CNN and a CNN trained with QAT at five weight formats; INT4 costs the MLP almost three points, QAT recovers most of the loss. Error bars are one standard deviation over five seeds.",
            panel: Panel(x: Axis("Weight format"), y: Axis("Test accuracy [%]", limits: 90...100), legend: .outsideRight,
                         marks: [.groupedBars(GroupedBars(categories: formats, series: series))]))
    }

    static var histogramWithReferences: Figure {
        let weights = ExampleData.bell(2000, mean: 0, sd: 0.05) + [0.31, -0.29, 0.35, 0.42]
        let clip = 3 * 0.05
        return Figure(
            title: "Weight distribution of layer 3",
            altText: "Histogram of 2004 weights: bell-shaped around zero with standard deviation 0.05 and four outliers beyond ±0.28. Dashed lines mark the ±3σ clipping range of the INT8 quantizer.",
            panel: Panel(x: Axis("Weight value"), y: Axis("Count"), marks: [
                .histogram(Histogram("weights", values: weights, bins: .freedmanDiaconis)),
                .referenceLine(ReferenceLine(.vertical, at: -clip, label: "−3σ")),
                .referenceLine(ReferenceLine(.vertical, at: clip, label: "+3σ")),
                .referenceLine(ReferenceLine(.vertical, at: 0, label: "mean", color: Palette.color(1), dash: .solid)),
            ]))
    }

    static var heatmap: Figure {
        let bits = ["2", "3", "4", "5", "6", "8"]
        let groups = ["16", "32", "64", "128", "256", "per-channel"]
        let values = bits.indices.map { b in
            groups.indices.map { g in 4.0 * pow(0.45, Double(b)) * (1 + 0.22 * Double(g)) }
        }
        return Figure(
            title: "Perplexity increase by bits and group size",
            altText: "Heatmap: perplexity increase of a quantized language model for bit widths 2 to 8 (rows) and group sizes 16 to per-channel (columns); the increase falls steeply with bits and rises mildly with group size.",
            width: 440, height: 340,
            panel: Panel(x: Axis("Group size"), y: Axis("Weight bits"), marks: [
                .heatmap(Heatmap(values: values, rowLabels: bits, columnLabels: groups, colorBarLabel: "Δ perplexity", showValues: true)),
            ]))
    }

    static var divergingHeatmap: Figure {
        let n = 12
        let names = (0..<n).map { "h\($0)" }
        let values = (0..<n).map { i in
            (0..<n).map { j -> Double in
                if i == j { return 1 }
                let distance = Double(abs(i - j))
                return cos(Double(i * j) * 0.37) * exp(-distance / 6)
            }
        }
        return Figure(
            title: "Correlation of attention heads",
            altText: "Diverging heatmap of a 12 by 12 correlation matrix between attention heads: ones on the diagonal, mixed positive and negative correlations fading away from it.",
            width: 400, height: 360,
            panel: Panel(x: Axis("Head"), y: Axis("Head"), marks: [
                .heatmap(Heatmap(values: values, rowLabels: names, columnLabels: names, colormap: .diverging, colorBarLabel: "Correlation")),
            ]))
    }

    static var sharedX: Figure {
        let n = ExampleData.sizes
        let error = Panel(
            title: "Error", x: Axis("Matrix size n", scale: .log10), y: Axis("Relative error", scale: .log10),
            marks: [
                .line(Line("BF16", x: n, y: n.map { 1.2e-3 * $0.squareRoot() })),
                .line(Line("INT8", x: n, y: n.map { 4e-3 * pow($0, 0.3) })),
            ])
        let time = Panel(
            title: "Time", x: Axis("Matrix size n", scale: .log10), y: Axis("Time [ms]", scale: .log10),
            marks: [
                .line(Line("BF16", x: n, y: n.map { 2e-6 * pow($0, 3) / 900 + 0.002 })),
                .line(Line("INT8", x: n, y: n.map { 2e-6 * pow($0, 3) / 1800 + 0.003 })),
                .referenceLine(ReferenceLine(.horizontal, at: 1, label: "1 ms")),
            ])
        return Figure(
            title: "Error and time share the size axis",
            altText: "Two panels sharing a logarithmic x axis of matrix sizes 10 to 10000: above, relative error of BF16 and INT8 products; below, their run time, where INT8 is about twice as fast for large sizes.",
            width: 440, height: 460, sharedX: true, panels: [error, time])
    }

    static var stackedBars: Figure {
        let models = ["MiniLM FP32", "MiniLM INT8", "MiniLM INT4", "GPT-S FP32", "GPT-S INT8"]
        return Figure(
            title: "Memory footprint at inference",
            altText: "Stacked bar chart of memory in megabytes for two models at several precisions, split into weights, activations and KV cache; quantizing weights to INT4 cuts the total of MiniLM from 95 to 19 MB.",
            panel: Panel(x: Axis(), y: Axis("Memory [MB]"), marks: [
                .stackedBars(StackedBars(categories: models, series: [
                    BarSeries("Weights", values: [87, 22, 11, 180, 45]),
                    BarSeries("Activations", values: [6, 6, 6, 14, 14]),
                    BarSeries("KV cache", values: [2, 2, 2, 24, 24]),
                ])),
            ]))
    }

    static var stepCDF: Figure {
        func ecdf(_ values: [Double]) -> (x: [Double], y: [Double]) {
            let sorted = values.sorted()
            return (sorted, sorted.indices.map { Double($0 + 1) / Double(sorted.count) })
        }
        let a = ecdf(ExampleData.bell(60, mean: 0.020, sd: 0.006).map(abs))
        let b = ecdf(ExampleData.bell(60, mean: 0.045, sd: 0.012).map(abs))
        return Figure(
            title: "Distribution of per-layer error",
            altText: "Empirical cumulative distribution functions of per-layer quantization error for per-tensor and per-channel scaling; per-channel errors are about half as large.",
            panel: Panel(x: Axis("Relative error"), y: Axis("Fraction of layers", limits: 0...1.02), marks: [
                .step(Step("per-channel", x: a.x, y: a.y)),
                .step(Step("per-tensor", x: b.x, y: b.y)),
                .referenceLine(ReferenceLine(.horizontal, at: 0.5, label: "median")),
            ]))
    }

    static var scatterWithAnnotations: Figure {
        let sizes = (0..<24).map { 0.5 + 9.5 * ExampleData.weyl($0 + 1, 0.6180339887498949) }
        let accuracy = sizes.enumerated().map { i, s in 88 + 3.2 * log(s) + 1.2 * (ExampleData.weyl(i + 1, 0.4142135623730951) - 0.5) }
        let quantized = sizes.enumerated().map { i, s in accuracy[i] - 2.5 / s }
        return Figure(
            title: "Accuracy against model size",
            altText: "Scatter plot of accuracy against model size for 24 FP32 models and their INT4 versions; small models lose up to five points when quantized, large ones almost nothing.",
            panel: Panel(x: Axis("Parameters [M]"), y: Axis("Accuracy [%]"), marks: [
                .scatter(Scatter("FP32", x: sizes, y: accuracy)),
                .scatter(Scatter("INT4", x: sizes, y: quantized)),
                .annotation(Annotation("smallest model", x: sizes.min()!, y: quantized[sizes.firstIndex(of: sizes.min()!)!], showsPoint: false)),
            ]))
    }

    static var symlog: Figure {
        let bits = (2...16).map(Double.init)
        let int = bits.map { $0 >= 12 ? 0 : pow(2, -$0) * 40 }
        let fp = bits.map { $0 >= 15 ? 0 : pow(2, -$0 * 0.8) * 10 }
        return Figure(
            title: "Round-trip error reaches zero",
            altText: "Symmetric-log chart of the round-trip error of integers and floats at 2 to 16 bits; the integer error is exactly zero from 12 bits on, the float error from 15 bits.",
            panel: Panel(x: Axis("Bits"), y: Axis("Max round-trip error", scale: .symlog(linearThreshold: 1e-3)), marks: [
                .line(Line("integers", x: bits, y: int)),
                .line(Line("floats", x: bits, y: fp)),
            ]))
    }

    static var log2Lines: Figure {
        let bits: [Double] = [2, 4, 8, 16, 32]
        return Figure(
            title: "Model size by bit width",
            altText: "Log–log line chart with base-2 axes: model size in megabytes against bits per weight for three models; size halves with every halving of the bit width.",
            panel: Panel(x: Axis("Bits per weight", scale: .log2), y: Axis("Size [MB]", scale: .log2), marks: [
                .line(Line("22M params", x: bits, y: bits.map { 22 * $0 / 8 })),
                .line(Line("110M params", x: bits, y: bits.map { 110 * $0 / 8 })),
                .line(Line("1.3B params", x: bits, y: bits.map { 1300 * $0 / 8 })),
            ]))
    }

    static var lineWithGaps: Figure {
        let steps = (0..<40).map(Double.init)
        let loss = steps.map { 2.3 * exp(-$0 / 9) + 0.15 }
        var broken = loss.map { $0 * 1.08 }
        broken[11] = .nan
        broken[12] = .infinity
        broken[25] = .nan
        return Figure(
            title: "Training loss with diverged steps",
            altText: "Training loss over 40 steps for FP32 and FP8 training; the FP8 curve has three steps where the loss was not finite, shown as gaps.",
            panel: Panel(x: Axis("Step"), y: Axis("Loss"), marks: [
                .line(Line("FP32", x: steps, y: loss, markers: false)),
                .line(Line("FP8", x: steps, y: broken, markers: false)),
                .referenceLine(ReferenceLine(.horizontal, at: 0.15, label: "floor")),
            ]))
    }

    static var smallMultiples: Figure {
        let bits = (2...8).map(Double.init)
        let layers = ["attention", "MLP", "embedding", "head"]
        let panels = layers.enumerated().map { k, name in
            let scale = 1.0 + Double(k) * 0.6
            // One legend serves all four panels: the series are the same in each.
            return Panel(title: name, x: Axis("Bits"), y: Axis("Error", scale: .log10), legend: k == 0 ? .best : .hidden, marks: [
                .line(Line("per-tensor", x: bits, y: bits.map { scale * pow(2, -$0) })),
                .line(Line("per-channel", x: bits, y: bits.map { scale * 0.4 * pow(2, -$0) })),
            ])
        }
        return Figure(
            title: "Quantization error by layer type",
            altText: "Four panels in a two by two grid, one per layer type, sharing both axes: error against bits on a log scale for per-tensor and per-channel scaling; per-channel is 2.5 times lower everywhere and errors grow from attention to head layers.",
            width: 480, height: 400, columns: 2, sharedX: true, sharedY: true, panels: panels)
    }

    static var rotatedLabels: Figure {
        let names = ["conv1.weight", "conv2.weight", "conv3.weight", "fc1.weight", "fc2.weight", "fc3.weight",
                     "attn.q_proj", "attn.k_proj", "attn.v_proj", "attn.out_proj", "mlp.up_proj", "mlp.down_proj"]
        let values = names.indices.map { 0.02 + 0.05 * ExampleData.weyl($0 + 1, 0.6180339887498949) }
        return Figure(
            title: "Sensitivity of each layer",
            altText: "Bar chart of the accuracy drop when only one layer is quantized to 4 bits, for twelve layers; the long layer names are rotated to fit.",
            width: 420, height: 320,
            panel: Panel(x: Axis("Layer"), y: Axis("Accuracy drop [points]"), marks: [
                .groupedBars(GroupedBars(categories: names, series: [BarSeries(values: values.map { $0 * 100 })])),
                .referenceLine(ReferenceLine(.horizontal, at: 4, label: "budget")),
            ]))
    }
}
