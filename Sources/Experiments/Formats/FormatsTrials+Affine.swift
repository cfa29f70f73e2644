import QuantCore
import Records
import Runner

extension FormatsTrials {
    /// The worked affine example: `values` quantized to INT4 three ways — symmetric over the
    /// min-max range, asymmetric over the min-max range, and symmetric clipped at ±`clip` — with
    /// one record per element (input, code, dequantized value, error) and one per scheme (scale,
    /// zero point, MSE, how many values were clipped).
    static func affineExample(_ values: [Float], clip: Float) throws -> [TrialRecord] {
        let observed = ClippingRange(lower: values.min()!, upper: values.max()!)
        let schemes: [(name: String, symmetric: Bool, range: ClippingRange)] = [
            ("symmetric", true, ClippingRange(symmetric: observed.absMax)),
            ("asymmetric", false, observed),
            ("symmetric-clipped", true, ClippingRange(symmetric: clip)),
        ]
        var records: [TrialRecord] = []
        for scheme in schemes {
            let quantizer = AffineQuantizer(bits: 4, symmetric: scheme.symmetric)
            let p = quantizer.parameters(for: scheme.range)
            var dequantized: [Float] = []
            var clipped = 0
            for (index, x) in values.enumerated() {
                let code = quantizer.quantize(x, p)
                let back = quantizer.dequantize(code, p)
                if x < scheme.range.lower || x > scheme.range.upper { clipped += 1 }
                dequantized.append(back)
                records.append(FormatsSchema.record(.affine, [.scheme: .string(scheme.name), .index: .int(index)], [
                    .input: Measurement(Double(x)),
                    .code: Measurement(Double(code)),
                    .dequantized: Measurement(Double(back)),
                    .error: Measurement(Double(back) - Double(x)),
                ]))
            }
            let metrics = ErrorMetrics(reference: values, approximation: dequantized)
            records.append(FormatsSchema.record(.affineSummary, [.scheme: .string(scheme.name)], [
                .rangeLower: Measurement(Double(scheme.range.lower)),
                .rangeUpper: Measurement(Double(scheme.range.upper)),
                .scale: Measurement(Double(p.scale)),
                .zeroPoint: Measurement(Double(p.zeroPoint)),
                .minCode: Measurement(Double(quantizer.minCode)),
                .maxCode: Measurement(Double(quantizer.maxCode)),
                .mse: Measurement(metrics.mse),
                .maxAbsError: Measurement(metrics.maxAbsError),
                .clipped: Measurement(Double(clipped)),
            ]))
        }
        return records
    }
}
