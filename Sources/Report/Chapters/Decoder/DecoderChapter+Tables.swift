import Analysis
import Records

extension DecoderChapter {
    /// The chapter's tables.
    func tables(_ r: DecoderResults, _ summaries: [String: DecoderVariantSummary], _ speed: DecodeSpeed) throws -> [CaptionedTable] {
        [
            CaptionedTable(label: "decoder-quality", caption: "Every model on the held-out books: bits per linear weight (scales included; embeddings, LayerNorms and the tied output stay FP32), bits per character and perplexity per character, KL divergence of the next-character distribution from FP32's (nats per character) and top-1 agreement with FP32, each with its 95 % bootstrap interval over text chunks; “Δ bits/char” is the paired difference to FP32 on the same chunks. Activation quantization and FP8 are emulated in FP32.", table: try qualityTable(r, summaries)),
            CaptionedTable(label: "decoder-gptq", caption: "GPTQ against round-to-nearest at equal bits and groups of 128: the paired differences (GPTQ − RTN) in perplexity and KL per character over the same text chunks, with 95 % bootstrap intervals; an interval wholly below 0 means GPTQ is better.", table: try gptqTable(r)),
            CaptionedTable(label: "decoder-speed", caption: "One decoder block of the shape stated in the text decoding one token at batch 1 (synthetic weights): median time per token with its 95 % interval, tokens per second per block and for a model of 32 such blocks (blocks only), the speedup over FP32 with its interval, bytes of weights read per token, and the effective read bandwidth (weights and KV cache) as a share of the read bandwidth measured in the same run.", table: try speedTable(speed)),
        ]
    }

    func qualityTable(_ r: DecoderResults, _ summaries: [String: DecoderVariantSummary]) throws -> Table {
        let columns = [Table.Column("model"), Table.Column("storage", style: .bitsPerWeight), Table.Column("bits/char"),
                       Table.Column("perplexity"), Table.Column("KL to FP32"), Table.Column("top-1 agreement"), Table.Column("Δ bits/char")]
        let rows: [[Table.Cell]] = try r.variants.map { v in
            let s = summaries[v.name]!
            return [.text(Self.displayName(v.name)), .number(v.bitsPerWeight),
                    .text(try Self.intervalText(s.bpc, .plain.digits(4))), .text(try Self.intervalText(s.ppl, .plain.digits(4))),
                    .text(v.name == "fp32" ? "0" : try Self.intervalText(s.kl, .plain.digits(3))),
                    .text(try Self.intervalText(s.agree, .percent)),
                    .text(v.name == "fp32" ? "" : try Self.intervalText(s.bpcVsFP32, .plain.digits(3)))]
        }
        return Table(columns: columns, rows: rows)
    }

    func gptqTable(_ r: DecoderResults) throws -> Table {
        let columns = [Table.Column("bits"), Table.Column("GPTQ"), Table.Column("Δ perplexity"), Table.Column("Δ KL")]
        var rows: [[Table.Cell]] = []
        for bits in [4, 3] {
            guard let rtn = r.variant("rtn-w\(bits)-g128") else { continue }
            for (suffix, label) in [("", "column order"), ("-act", "act-order")] {
                guard let gptq = r.variant("gptq-w\(bits)-g128\(suffix)") else { continue }
                rows.append([.text("\(bits)"), .text(label),
                             .text(try Self.intervalText(gptq.metrics.difference(.perplexity, to: rtn.metrics), .plain.digits(3))),
                             .text(try Self.intervalText(gptq.metrics.difference(.kl, to: rtn.metrics), .plain.digits(3)))])
            }
        }
        return Table(columns: columns, rows: rows)
    }

    func speedTable(_ speed: DecodeSpeed) throws -> Table {
        let columns = [Table.Column("weights"), Table.Column("time per token"), Table.Column("tokens/s, block", style: .plain.digits(3)),
                       Table.Column("tokens/s, model", style: .plain.digits(3)), Table.Column("speedup"),
                       Table.Column("weight bytes", style: .bytes), Table.Column("share of read bandwidth", style: .percent)]
        let rows: [[Table.Cell]] = try speed.entries.map { e in
            [.text(Self.formatName(e.format)), .text(try Self.intervalText(e.seconds, .seconds(in: .milli))),
             .number(e.tokensPerSecond), .number(speed.modelTokensPerSecond(e)),
             .text(try Self.intervalText(e.speedup, .plain.digits(3))), .number(e.weightBytes), .number(speed.bandwidthShare(e))]
        }
        return Table(columns: columns, rows: rows)
    }

    /// `value [lower, upper]` in one style.
    static func intervalText(_ ci: ConfidenceInterval, _ style: NumberStyle) throws -> String {
        "\(try style.format(ci.estimate)) [\(try style.formatNumber(ci.lower)), \(try style.formatNumber(ci.upper))]"
    }
}
