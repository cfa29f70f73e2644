import Analysis
import Records

extension EncoderChapter {
    /// The chapter's tables.
    func tables(_ r: EncoderResults) throws -> [CaptionedTable] {
        [
            CaptionedTable(label: "encoder-schemes", caption: "Each quantization of the linear layers against FP32 on held-out KJV verses: mean cosine of the sentence embeddings with Student's t 95 % interval, the 1st percentile with its distribution-free 95 % interval (order statistics), and the mean top-10 retrieval overlap with FP32 (queries quantized, FP32 index) with its 95 % interval. Bytes are the linear weights with their scales. Every product is FP32 on the rounded values (emulated).", table: schemesTable(r)),
            CaptionedTable(label: "encoder-outliers", caption: "Activation magnitudes per layer over the calibration verses: the largest $\\lvert x \\rvert$ of the layer output (after LayerNorm) and of the FFN intermediate (after GELU), the dimension that carries it, and its ratio to the median over dimensions of each dimension's largest $\\lvert x \\rvert$.", table: outliersTable(r)),
            CaptionedTable(label: "encoder-sqnr", caption: "SQNR of each layer's output against FP32 (dB) on held-out verses, for the W8A8 activation schemes; the error compounds from layer to layer.", table: sqnrTable(r)),
        ]
    }

    /// Every scheme's agreement with FP32.
    func schemesTable(_ r: EncoderResults) -> Table {
        let columns = [Table.Column("scheme"), Table.Column("weights", style: .bytes), Table.Column("mean cosine", style: .plain.digits(5)),
                       Table.Column("95 % interval"), Table.Column("1st percentile", style: .plain.digits(4)), Table.Column("95 % interval"),
                       Table.Column("top-10 overlap", style: .plain.digits(3)), Table.Column("95 % interval")]
        let rows: [[Table.Cell]] = r.schemes.map { s in
            [.text(Self.name(s.label)), .number(s.weightBytes), .number(s.cosine.estimate),
             .text("\(Self.decimal(s.cosine.lower, 5))–\(Self.decimal(s.cosine.upper, 5))"), .number(s.cosineP01.estimate),
             .text("\(Self.decimal(s.cosineP01.lower, 4))–\(Self.decimal(s.cosineP01.upper, 4))"), .number(s.overlap.estimate),
             .text("\(Self.decimal(s.overlap.lower, 3))–\(Self.decimal(s.overlap.upper, 3))")]
        }
        return Table(columns: columns, rows: rows)
    }

    /// Per layer, the output and intermediate outliers.
    func outliersTable(_ r: EncoderResults) -> Table {
        let columns = [Table.Column("layer"), Table.Column("output max", style: .plain.digits(3)), Table.Column("dimension"),
                       Table.Column("× median", style: .ratio.digits(2)), Table.Column("FFN max", style: .plain.digits(3)),
                       Table.Column("dimension"), Table.Column("× median", style: .ratio.digits(2))]
        let rows: [[Table.Cell]] = (0..<r.layerCount).compactMap { l in
            guard let o = r.outliers.first(where: { $0.layer == l && $0.site == "output" }),
                  let i = r.outliers.first(where: { $0.layer == l && $0.site == "intermediate" }) else { return nil }
            return [.text("\(l + 1)"), .number(o.maxAbs), .text("\(o.top[0].dimension)"), .number(o.ratio),
                    .number(i.maxAbs), .text("\(i.top[0].dimension)"), .number(i.ratio)]
        }
        return Table(columns: columns, rows: rows)
    }

    /// The labels of the SQNR table's columns.
    static let sqnrLabels = ["w8a8-minmax", "w8a8-dynamic", "w8a8-token", "llm.int8"]

    /// Per-layer SQNR of the W8A8 schemes.
    func sqnrTable(_ r: EncoderResults) -> Table {
        let labels = Self.sqnrLabels + r.schemes.map(\.label).filter { $0.hasPrefix("w8a8-token-sq") }
        let columns = [Table.Column("layer")] + labels.map { Table.Column(Self.name($0), style: .decibels.digits(3)) }
        let series = labels.map { r.layerSQNR($0) }
        let rows: [[Table.Cell]] = (0..<r.layerCount).map { l in
            [.text("\(l + 1)")] + series.map { l < $0.count ? .number($0[l]) : .empty }
        }
        return Table(columns: columns, rows: rows)
    }

    /// `value` with `digits` significant digits, for interval text in a cell.
    static func decimal(_ value: Double, _ digits: Int) -> String {
        (try? NumberStyle.plain.digits(digits).format(value)) ?? "–"
    }
}
