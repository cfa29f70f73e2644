import Analysis
import Records

extension EncoderChapter {
    /// The outlier facts: where the largest activations are, and what they do to an INT8 grid.
    func outlierValues(_ r: EncoderResults, into values: inout [String: TemplateValue], findings: inout [String: TemplateValue]) throws {
        let outputs = r.outliers.filter { $0.site == "output" }, inner = r.outliers.filter { $0.site == "intermediate" }
        guard let top = outputs.max(by: { $0.maxAbs < $1.maxAbs }), let topInner = inner.max(by: { $0.maxAbs < $1.maxAbs }) else {
            throw ChapterError(section: section, "no outlier records")
        }
        values["layers"] = .number(Double(r.layerCount), .count)
        values["tokens"] = .number(EncoderSchema.records(.outlier, in: r.records).first?[EncoderSchema.Metric.tokens]?.value ?? 0, .count)
        values["output_max"] = .number(top.maxAbs, .plain.digits(3))
        values["output_layer"] = .number(Double(top.layer + 1), .count)
        values["output_dimension"] = .number(Double(top.top[0].dimension), .count)
        values["output_median"] = .number(top.medianColumnMax, .plain.digits(3))
        values["output_ratio"] = .number(top.ratio, .ratio.digits(2))
        // How many layers share the top output dimension: a fixed outlier dimension of the
        // residual stream (Bondarenko et al. 2021) rather than a per-layer accident.
        let shared = outputs.filter { $0.top[0].dimension == top.top[0].dimension }.count
        values["shared_layers"] = .number(Double(shared), .count)
        values["dimension_shared"] = .flag(shared > r.layerCount / 2)
        values["inner_max"] = .number(topInner.maxAbs, .plain.digits(3))
        values["inner_layer"] = .number(Double(topInner.layer + 1), .count)
        values["inner_dimension"] = .number(Double(topInner.top[0].dimension), .count)
        values["inner_ratio"] = .number(topInner.ratio, .ratio.digits(2))
        if let h = r.histogram {
            let stats = outputs.first { $0.layer == h.layer }
            values["histogram_layer"] = .number(Double(h.layer + 1), .count)
            values["int8_step"] = .number(h.int8Step, .plain.digits(3))
            // The typical dimension's range in INT8 codes under a per-tensor scale.
            values["typical_codes"] = .number((stats?.medianColumnMax ?? 0) / h.int8Step, .count)
        }
        findings["encoder_outliers"] = .record([
            "max": .number(top.maxAbs, .plain.digits(3)), "median": .number(top.medianColumnMax, .plain.digits(3)),
            "dimension": .number(Double(top.top[0].dimension), .count), "shared_layers": .number(Double(shared), .count),
            "layers": .number(Double(r.layerCount), .count),
        ])
    }

    /// The scheme results, floors and findings.
    func schemeValues(_ r: EncoderResults, into values: inout [String: TemplateValue], findings: inout [String: TemplateValue]) throws {
        let first = try require(r, "bf16")
        values["verses"] = .number(first.record[EncoderSchema.Metric.verses]?.value ?? 0, .count)
        values["queries"] = .number(first.record[EncoderSchema.Metric.queries]?.value ?? 0, .count)
        let corpus = first.record[EncoderSchema.Metric.corpus]?.value
        values["corpus"] = corpus.map { .number($0, .count) } ?? .text("a larger number of")
        // The sizes: 2,000 held-out verses, 10,000 corpus verses; say so when a profile runs fewer.
        values["scheme_count"] = .number(Double(r.schemes.count), .count)
        values["held_out_below_issue"] = .flag((first.record[EncoderSchema.Metric.verses]?.value ?? 0) < 2_000)
        for label in ["bf16", "int8-channel", "int4-channel", "nf4-b64", "fp8-e4m3-channel", "w8a8-minmax", "w8a8-percentile", "w8a8-mse",
                      "w8a8-dynamic", "w8a8-token", "llm.int8"] {
            values[label.replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: ".", with: "_")] = Self.schemeValue(try require(r, label))
        }
        let fp32Bytes = EncoderSchema.records(.speed, in: r.records).first?[EncoderSchema.Metric.weightBytes]?.value ?? 0
        values["fp32_bytes"] = .number(fp32Bytes, .bytes)
        // The best INT4 group scheme rounded to nearest, by mean cosine.
        let groups = r.int4GroupsRTN
        guard let bestGroup = groups.max(by: { $0.cosine.estimate < $1.cosine.estimate }) else { throw ChapterError(section: section, "no INT4 group trials") }
        values["int4_best_group"] = Self.schemeValue(bestGroup)
        values["asym_helps"] = .flag(groups.filter { $0.label.hasSuffix("asym") }.map(\.cosine.estimate).reduce(0, +)
                                      > groups.filter { $0.label.hasSuffix("-sym") }.map(\.cosine.estimate).reduce(0, +))
        let gptq = try gptqValues(r, bestGroup: bestGroup, into: &values)
        let token = try require(r, "w8a8-token"), llm = try require(r, "llm.int8"), minmax = try require(r, "w8a8-minmax")
        let smooth = r.schemes.first { $0.label.hasPrefix("w8a8-token-sq") }
        guard let smooth else { throw ChapterError(section: section, "no SmoothQuant per-token trial") }
        values["smooth_token"] = Self.schemeValue(smooth)
        values["alpha"] = .number(smooth.alpha ?? 0, .plain.digits(2))
        values["kept_share"] = .number(llm.keptShare ?? 0, .percent)
        values["static_collapses"] = .flag(minmax.cosine.upper < token.cosine.lower)
        values["clipping_hurts"] = .flag((try require(r, "w8a8-percentile")).cosine.upper < minmax.cosine.lower)
        values["smooth_helps_token"] = .flag(smooth.cosine.lower > token.cosine.upper)
        // The best outlier method among per-token, LLM.int8 and SmoothQuant, against the floors.
        let best = [token, llm, smooth].max { $0.cosine.estimate < $1.cosine.estimate }!
        values["best_outlier"] = Self.schemeValue(best)
        values["floor_cosine_met"] = .flag(best.cosine.estimate >= 0.99)
        values["floor_overlap_met"] = .flag(best.overlap.estimate >= 0.9)
        let sweep = r.alphaSweep
        if let bestAlpha = sweep.max(by: { $0.scheme.cosine.estimate < $1.scheme.cosine.estimate }) {
            values["sweep_best_alpha"] = .number(bestAlpha.alpha, .plain.digits(2))
            values["sweep_best"] = Self.schemeValue(bestAlpha.scheme)
            values["sweep_alphas"] = .text(sweep.map { String($0.alpha) }.joined(separator: ", "))
            values["sweep_below_plain"] = .flag(bestAlpha.scheme.cosine.upper < (try require(r, "w8a8-dynamic")).cosine.lower)
            values["sweep_interior"] = .flag(bestAlpha.alpha > (sweep.first?.alpha ?? 0) && bestAlpha.alpha < (sweep.last?.alpha ?? 1))
        }
        guard let speed = r.speed("fp32") else { throw ChapterError(section: section, "no FP32 speed trials") }
        values["fp32_speed"] = .number(speed.median, .plain.digits(3))
        values["speed_repeats"] = .number(Double(speed.repeats), .count)
        values["tokens_per_verse"] = .number(speed.tokensPerSentence, .plain.digits(3))
        for variant in ["bf16", "w8a8"] {
            guard let v = r.speed(variant) else { throw ChapterError(section: section, "no \(variant) speed trials") }
            let run = EncoderSchema.records(.speed, in: r.records).matching([EncoderSchema.Parameter.variant: .string(variant)]).first
            values["\(variant)_speed"] = .record([
                "rate": .number(v.median, .plain.digits(3)), "speedup": .number(v.median / speed.median, .ratio.digits(3)),
                "faster": .flag(v.median > speed.median),
                "cosine": .number(run?[EncoderSchema.Metric.cosineMean]?.value ?? .nan, .plain.digits(5)),
                "bytes": .number(run?[EncoderSchema.Metric.weightBytes]?.value ?? .nan, .bytes),
            ])
        }
        findings["encoder_w8a8"] = .record([
            "static": Self.schemeValue(minmax), "best": Self.schemeValue(best), "floor_met": .flag(best.cosine.estimate >= 0.99 && best.overlap.estimate >= 0.9),
            "static_loses": .flag(minmax.overlap.upper < best.overlap.lower),
        ])
        findings["encoder_weight_only"] = .record([
            "int8": Self.schemeValue(try require(r, "int8-channel")), "int4": Self.schemeValue(bestGroup),
            "nf4": Self.schemeValue(try require(r, "nf4-b64")), "gptq": gptq,
        ])
    }

    /// GPTQ against round-to-nearest at the same grid (symmetric INT4, groups of 128): both
    /// schemes, the paired differences verse by verse and query by query, and the flags that
    /// gate each claim. Returns the record the pros-and-cons finding uses.
    func gptqValues(_ r: EncoderResults, bestGroup: EncoderResults.Scheme, into values: inout [String: TemplateValue]) throws -> TemplateValue {
        let gptq = try require(r, "int4-g128-gptq")
        guard let paired = gptq.paired else { throw ChapterError(section: section, "no paired comparison of GPTQ with its baseline") }
        let rtn = try require(r, paired.baseline)
        values["gptq"] = Self.schemeValue(gptq)
        values["gptq_rtn"] = Self.schemeValue(rtn)
        let cosine = TemplateValue.interval(paired.cosine, .plain.digits(3)), overlap = TemplateValue.interval(paired.overlap, .plain.digits(3))
        values["gptq_cosine_change"] = cosine
        values["gptq_overlap_change"] = overlap
        // Above the best RTN grouping beyond both intervals: GPTQ's 4 bits then beat every RTN
        // grouping, the finer groups' extra scale bytes included.
        let aboveBest = gptq.cosine.lower > bestGroup.cosine.upper
        values["gptq_above_best_rtn"] = .flag(aboveBest)
        values["gptq_below_best_rtn"] = .flag(gptq.cosine.upper < bestGroup.cosine.lower)
        return .record([
            "scheme": Self.schemeValue(gptq), "rtn": Self.schemeValue(rtn), "cosine_change": cosine, "overlap_change": overlap,
            "better": .flag(paired.cosine.lower > 0 && paired.overlap.lower >= 0),
        ])
    }
}
