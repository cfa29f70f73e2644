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

    /// Per-format summary at one size.
    func summaryTable(_ summary: MatmulSummary) throws -> Table {
        let rows = try summary.rows.map { row -> [Table.Cell] in
            [
                .text(Self.name(row.format, emulated: row.emulated)), .number(row.relativeError), .number(row.outlierRelativeError),
                .text(try Self.ratioText(row.kernelRatio)), .text(try Self.ratioText(row.endToEndRatio)), .number(row.memoryRatio),
            ]
        }
        return Table(columns: [
            .init("format"), .init("error $\\mathcal{N}(0, 1)$", style: .plain), .init("error outliers", style: .plain),
            .init("FP32 / format, kernel"), .init("FP32 / format, end to end"), .init("memory vs FP32", style: .ratio),
        ], rows: rows)
    }

    /// Error slopes per format and distribution.
    func slopeTable(_ curves: [MatmulErrorCurve]) -> Table {
        let formats = curves.map(\.format).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let distributions = curves.map(\.distribution).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let rows = formats.map { format -> [Table.Cell] in
            var row: [Table.Cell] = [.text(Self.name(format))]
            for d in distributions {
                let c = curves.first { $0.format == format && $0.distribution == d }
                row.append(c?.fit.map { .number($0.exponent) } ?? .empty)
                row.append(c?.exponentInterval.map { .text(String(format: "[%.2f, %.2f]", $0.lower, $0.upper)) } ?? .empty)
            }
            return row
        }
        var columns: [Table.Column] = [.init("format")]
        for d in distributions { columns += [.init("$k$ (\(d))", style: NumberStyle.plain.digits(2)), .init("95 % interval")] }
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
