import Analysis
import Charts
import Foundation
import Records

extension DecoderChapter {
    /// The chapter's charts.
    func charts(_ r: DecoderResults, _ summaries: [String: DecoderVariantSummary], _ speed: DecodeSpeed) throws -> [ChapterChart] {
        [
            ChapterChart(label: "decoder-training", chart: try trainingChart(r), caption: "Training curve of the character-level GPT: mean training cross-entropy since the previous point and the cross-entropy on evenly spaced held-out windows, in bits per character."),
            ChapterChart(label: "decoder-kl", chart: try klChart(r, summaries), caption: "KL divergence of each quantized model's next-character distribution from the FP32 model's on the held-out books, per character, against bits per linear weight (scales included); error bars are 95 % bootstrap intervals over text chunks. Logarithmic KL axis."),
            ChapterChart(label: "decoder-speed", chart: try speedChart(speed), caption: "Decode speed of one decoder block of the shape stated in the text (synthetic weights) at batch 1 with a KV cache of the stated context, on our GEMV kernels: tokens per second per block, median of interleaved repeats, with the wider side of the 95 % bootstrap interval as error bars."),
        ]
    }

    func trainingChart(_ r: DecoderResults) throws -> Charts.Figure {
        guard let last = r.curve.last, let first = r.curve.first else { throw ChapterError(section: section, "no training curve") }
        let steps = r.curve.map { Double($0.step) }
        return Figure(
            title: "Training curve",
            altText: "Training and held-out cross-entropy in bits per character over \(last.step) steps: held-out from \(String(format: "%.2f", first.validationBPC)) to \(String(format: "%.2f", last.validationBPC)).",
            width: 560, height: 320,
            panel: Panel(x: Axis("Step"), y: Axis("Cross-entropy (bits/char)"), legend: .best, marks: [
                .line(Line("training", x: steps, y: r.curve.map { $0.trainLoss / log(2) }, style: .series(0), markers: false)),
                .line(Line("held out", x: steps, y: r.curve.map(\.validationBPC), style: .series(1), markers: true)),
            ]))
    }

    func klChart(_ r: DecoderResults, _ summaries: [String: DecoderVariantSummary]) throws -> Charts.Figure {
        let families: [(String, (DecoderResults.Variant) -> Bool)] = [
            ("RTN per channel", { $0.method == "rtn" && $0.granularity == "channel" && $0.activations == "fp32" }),
            ("RTN g128", { $0.method == "rtn" && $0.granularity == "g128" && $0.activations == "fp32" }),
            ("GPTQ g128", { $0.method == "gptq" && !$0.actOrder }),
            ("GPTQ g128 act-order", { $0.method == "gptq" && $0.actOrder }),
            ("NF4 / FP8", { $0.method == "nf4" || $0.method == "fp8" }),
        ]
        var marks: [Mark] = []
        var described: [String] = []
        for (i, (label, member)) in families.enumerated() {
            let points = r.variants.filter(member).sorted { $0.bitsPerWeight < $1.bitsPerWeight }
            guard !points.isEmpty else { continue }
            let intervals = points.map { summaries[$0.name]!.kl }
            // A KL of exactly 0 cannot sit on a log axis; the floor is far below every measured value.
            let x = points.map(\.bitsPerWeight), y = intervals.map { max($0.estimate, 1e-7) }
            marks.append(i == 4 ? .scatter(Scatter(label, x: x, y: y, style: .series(i))) : .line(Line(label, x: x, y: y, style: .series(i), markers: true)))
            marks.append(.errorBars(ErrorBars(x: x, lower: intervals.map { max($0.lower, 1e-7) }, upper: intervals.map { max($0.upper, 1e-7) }, style: .series(i))))
            described.append("\(label): " + points.map { "\(String(format: "%.2f", $0.bitsPerWeight)) bits \(String(format: "%.4f", summaries[$0.name]!.kl.estimate))" }.joined(separator: ", "))
        }
        return Figure(
            title: "KL divergence to FP32 against bits per weight",
            altText: "KL divergence per character, nats, by bits per weight: \(described.joined(separator: "; ")).",
            width: 600, height: 360,
            panel: Panel(x: Axis("Bits per weight"), y: Axis("KL to FP32 (nats/char)", scale: .log10), legend: .best, marks: marks))
    }

    func speedChart(_ speed: DecodeSpeed) throws -> Charts.Figure {
        let names = speed.entries.map { Self.formatName($0.format) }
        let tokens = speed.entries.map(\.tokensPerSecond)
        // Symmetric bars of the larger side of each interval (the tokens/s interval is 1/seconds').
        let errors = speed.entries.map { max(1 / $0.seconds.lower - $0.tokensPerSecond, $0.tokensPerSecond - 1 / $0.seconds.upper) }
        return Figure(
            title: "Decode speed of one block",
            altText: "Tokens per second per block: " + zip(names, tokens).map { "\($0) \(String(format: "%.1f", $1))" }.joined(separator: ", ") + ".",
            width: 560, height: 320,
            panel: Panel(x: Axis("Weights"), y: Axis("Tokens/s per block"), legend: .hidden, marks: [
                .groupedBars(GroupedBars(categories: names, series: [BarSeries("tokens/s", values: tokens, errors: errors, style: .series(0))])),
            ]))
    }

    /// How a decode format is named.
    static func formatName(_ format: String) -> String {
        switch format {
        case "fp32": "FP32"
        case "int8": "INT8 weights"
        case "w8a8": "W8A8"
        case "w4a8": "W4A8 (INT4 g128)"
        default: format
        }
    }
}
