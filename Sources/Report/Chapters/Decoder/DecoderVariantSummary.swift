import Analysis

/// One model's metrics with their bootstrap intervals, computed once per chapter build: the
/// values, the quality table and the KL chart all read them (each interval is 2,000 resamples).
struct DecoderVariantSummary {
    let variant: DecoderResults.Variant
    let bpc: ConfidenceInterval, ppl: ConfidenceInterval, kl: ConfidenceInterval, agree: ConfidenceInterval
    /// Paired bits-per-character difference to FP32.
    let bpcVsFP32: ConfidenceInterval

    init(_ v: DecoderResults.Variant, fp32: DecoderResults.Variant) {
        variant = v
        bpc = v.metrics.interval(.bitsPerCharacter)
        ppl = v.metrics.interval(.perplexity)
        kl = v.metrics.interval(.kl)
        agree = v.metrics.interval(.agreement)
        bpcVsFP32 = v.metrics.difference(.bitsPerCharacter, to: fp32.metrics)
    }

    /// Every model of `r`, by name.
    static func all(_ r: DecoderResults) -> [String: DecoderVariantSummary] {
        Dictionary(uniqueKeysWithValues: r.variants.map { ($0.name, DecoderVariantSummary($0, fp32: r.fp32)) })
    }
}
