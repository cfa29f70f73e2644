import Analysis
import Foundation
import Records

extension MatmulChapter {
    /// "3.52× [3.41, 3.60]": a ratio with its interval; "3.52× (no interval)" when too few
    /// repeats were timed for one (`Bootstrap.minimumSample`).
    static func ratioText(_ ci: ConfidenceInterval?) throws -> String {
        guard let ci else { return "—" }
        let s = NumberStyle.ratio
        guard ci.hasInterval else { return "\(try s.format(ci.estimate)) (no interval)" }
        return "\(try s.format(ci.estimate)) [\(try s.formatNumber(ci.lower)), \(try s.formatNumber(ci.upper))]"
    }

    /// Per-format summary at one size: errors on every distribution, speed against the fastest
    /// FP32 path (kernel, end to end, per call) and memory.
    func summaryTable(_ summary: MatmulSummary, distributions: [String]) throws -> Table {
        let rows = try summary.rows.map { row -> [Table.Cell] in
            [.text(Self.name(row.format, emulated: row.emulated))]
                + distributions.map { d in row.relativeErrors[d].map { .number($0) } ?? .empty }
                + [.text(try Self.ratioText(row.kernelRatio)), .text(try Self.ratioText(row.endToEndRatio)),
                   .text(try Self.ratioText(row.perCallRatio)), .number(row.memoryRatio)]
        }
        return Table(columns: [.init("format")] + distributions.map { .init("error, \(Self.distributionName($0))", style: .plain) } + [
            .init("fastest FP32 / format, kernel"), .init("end to end"), .init("per call, weights prepared once"),
            .init("memory vs FP32", style: .ratio),
        ], rows: rows)
    }

    /// The activation schemes at one size, one column pair per distribution.
    func schemeTable(_ summaries: [ActivationSchemeSummary]) -> Table {
        guard let first = summaries.first else { return Table(columns: [.init("scheme")], rows: []) }
        let rows = first.rows.map { row -> [Table.Cell] in
            var cells: [Table.Cell] = [.text(Self.schemeName(row.scheme, alpha: row.alpha))]
            for s in summaries {
                let r = s.row(row.scheme, alpha: row.alpha)
                cells += [r.map { .number($0.relativeError) } ?? .empty, r.map { .number($0.inlierError) } ?? .empty]
            }
            return cells
        }
        var columns: [Table.Column] = [.init("INT8 activations (weights per column)")]
        for s in summaries {
            let d = Self.distributionName(s.distribution)
            columns += [.init("product error, \(d)", style: .plain), .init("error of ordinary A entries, \(d)", style: .plain)]
        }
        return Table(columns: columns, rows: rows)
    }

    /// A distribution's name in tables and prose.
    static func distributionName(_ d: String) -> String {
        ["normal": "N(0, 1)", "outliers": "scattered outliers", "channels": "outlier columns"][d] ?? d
    }

    /// A scheme's name in tables and prose.
    static func schemeName(_ scheme: String, alpha: Double? = nil) -> String {
        switch scheme {
        case "per-tensor": "per tensor, dynamic"
        case "per-token": "per token, dynamic"
        case "static-minmax": "per tensor, static min-max"
        case "static-percentile": "per tensor, static percentile"
        case "static-mse": "per tensor, static MSE"
        case "static-kl": "per tensor, static KL"
        case "llm-int8": "LLM.int8, outlier columns in FP32"
        case "smoothquant": "SmoothQuant α = \(alpha.map { String(format: "%.2g", $0) } ?? "?")"
        default: scheme
        }
    }

    /// Error slopes per format and distribution, below and from `MatmulErrorCurve.splitSize`,
    /// each with its 95 % interval to three decimals.
    func slopeTable(_ curves: [MatmulErrorCurve]) -> Table {
        let formats = curves.map(\.format).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let distributions = curves.map(\.distribution).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        func text(_ fit: MatmulErrorCurve.RangeFit?) -> Table.Cell {
            guard let k = fit?.exponent else { return .empty }
            return .text(String(format: "%.3f [%.3f, %.3f]", k.estimate, k.lower, k.upper))
        }
        let rows = formats.map { format -> [Table.Cell] in
            var row: [Table.Cell] = [.text(Self.name(format))]
            for d in distributions {
                let c = curves.first { $0.format == format && $0.distribution == d }
                row.append(text(c?.rangeFits.first { $0.sizes.lowerBound < MatmulErrorCurve.splitSize }))
                row.append(text(c?.asymptotic))
            }
            return row
        }
        let small = curves.compactMap { $0.rangeFits.first?.sizes }.first.map { "\($0.lowerBound)–\($0.upperBound)" } ?? ""
        let large = curves.compactMap { $0.asymptotic?.sizes }.first.map { "\($0.lowerBound)–\($0.upperBound)" } ?? ""
        var columns: [Table.Column] = [.init("format")]
        for d in distributions { columns += [.init("$k$, \(d), $n$ = \(small)"), .init("$k$, \(d), $n$ = \(large)")] }
        return Table(columns: columns, rows: rows)
    }

    /// GEMV per shape and weight format: warm time and speedup, then the cold (weights from
    /// memory) time, bandwidth, share and speedup, then the error.
    func gemvTable(_ gemv: GEMVSummary) throws -> Table {
        let rows = gemv.rows.filter { $0.cache == "warm" }.map { warm -> [Table.Cell] in
            let cold = gemv.row(rows: warm.rows, columns: warm.columns, weights: warm.weights, cache: "cold")
            return [
                .text("\(warm.rows)×\(warm.columns)"), .text(warm.weights.uppercased()), .number(warm.weightBytes),
                .number(warm.seconds.estimate), .number(warm.speedup.estimate),
                .number(cold?.seconds.estimate ?? .nan), .number((cold?.gigabytesPerSecond ?? .nan) * 1e9),
                .number(cold?.bandwidthShare ?? .nan), .number(cold?.speedup.estimate ?? .nan), .number(warm.relativeError),
            ]
        }
        return Table(columns: [
            .init("$W$"), .init("weights"), .init("weight bytes", style: .bytes),
            .init("warm: time", style: .duration), .init("warm: vs FP32", style: .ratio),
            .init("cold: time", style: .duration), .init("cold: weight bandwidth", style: .bytesPerSecond()),
            .init("cold: share of read bandwidth", style: .percent), .init("cold: vs FP32", style: .ratio),
            .init("error of $y$", style: .plain),
        ], rows: rows)
    }
}
