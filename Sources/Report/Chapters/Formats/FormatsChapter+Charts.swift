import Charts
import QuantCore
import Records

private typealias Parameter = FormatsSchema.Parameter

extension FormatsChapter {
    /// Gap to the next representable value against magnitude, log–log, one line per format.
    func spacingChart(_ q: TrialQuery<FormatsSchema>) throws -> Charts.Figure {
        let formats = FloatFormat.all.map { ($0.name, $0.displayName) } + [("int8", "INT8 (scale 1/127)")]
        var marks: [Mark] = []
        for (name, display) in formats {
            let points = q.all(.spacing, [.format: .string(name)])
                .compactMap { r -> (Double, Double)? in
                    guard let x = r[Parameter.magnitude]?.numberValue, let gap = r[FormatsSchema.Metric.gap]?.value else { return nil }
                    return (x, gap)
                }
                .filter { $0.0 >= 1e-6 && $0.0 <= 1e5 }
            guard !points.isEmpty else { throw ChapterError(section: section, "no spacing trials for \(name)") }
            marks.append(.line(Line(display, x: points.map(\.0), y: points.map(\.1), markers: false)))
        }
        return Figure(
            title: "Spacing of representable values",
            altText: "Log–log chart of the gap between neighbouring representable values against magnitude from 1e−6 to 1e5 for FP32, FP16, BF16, FP8 E4M3, FP8 E5M2 and INT8. Each float format is a straight diagonal (constant relative gap), ending at its largest value; FP8 E4M3 ends at 448. INT8 with scale 1/127 is a flat line at 0.0079 between 0.0079 and 1.",
            width: 520, height: 360,
            panel: Panel(x: Axis("Magnitude |x|", scale: .log10), y: Axis("Gap to next value", scale: .log10), legend: .outsideRight, marks: marks))
    }

    /// Histograms of block-normalised values with INT4-symmetric and NF4 levels, per distribution.
    func levelsChart(_ q: TrialQuery<FormatsSchema>) throws -> Charts.Figure {
        var panels: [Panel] = []
        var centralShare = 0.0
        for (distribution, title) in [("normal", "Normal"), ("student-t3", "Student-t, ν = 3")] {
            let bins = q.all(.histogram, [.distribution: .string(distribution)])
            let x = try bins.map { (try q.measurement(.lower, of: $0) + q.measurement(.upper, of: $0)) / 2 }
            let y = try bins.map { try q.measurement(.density, of: $0) }
            if distribution == "normal" {
                centralShare = try zip(x, bins).filter { abs($0.0) < 0.5 }.map { x, bin in
                    try q.measurement(.density, of: bin) * (q.measurement(.upper, of: bin) - q.measurement(.lower, of: bin))
                }.reduce(0, +)
            }
            for (scheme, name) in [("int4-symmetric", "INT4 symmetric"), ("nf4", "NF4")] {
                let levels = try q.all(.level, [.scheme: .string(scheme)]).map { try q.measurement(.value, of: $0) }
                var marks: [Mark] = [.step(Step("density", x: x, y: y, position: .mid, style: .series(0)))]
                marks += levels.map { .referenceLine(ReferenceLine(.vertical, at: $0, color: Palette.color(1), dash: .solid)) }
                panels.append(Panel(title: "\(title): \(name) levels", x: Axis("x / max|block|", limits: -1.05...1.05), y: Axis("Density"), legend: .hidden, marks: marks))
            }
        }
        return Figure(
            title: "4-bit levels over block-normalised values",
            altText: "Four panels: histograms of values divided by their block's largest magnitude, for normal and Student-t samples, with vertical lines at the 15 INT4 symmetric levels (evenly spaced from −1 to 1) and the 16 NF4 levels (dense near zero, sparse near ±1). \(Int((centralShare * 100).rounded())) % of the normal values lie within ±0.5, where NF4 has more levels than INT4.",
            width: 620, height: 440, columns: 2, sharedX: true, panels: panels)
    }
}
