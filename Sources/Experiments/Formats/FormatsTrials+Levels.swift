import QuantCore
import Records
import Runner
import Tensor

extension FormatsTrials {
    /// The distributions of the levels trial: a normal one, as trained weights roughly are,
    /// and a heavy-tailed one (Student-t, 3 degrees of freedom) with outliers.
    static let distributions = ["normal", "student-t3"]

    /// The 4-bit schemes compared, all with one absmax (or min-max) scale per block.
    static func levelSchemes(blockSize: Int) -> [(name: String, scheme: QuantizationScheme)] {
        let blocks = Granularity.perGroup(axis: -1, size: blockSize)
        return [
            ("int4-symmetric", QuantizationScheme(target: .integer(bits: 4), symmetric: true, granularity: blocks)),
            ("int4-asymmetric", QuantizationScheme(target: .integer(bits: 4), symmetric: false, granularity: blocks)),
            ("nf4", .nf4(blockSize: blockSize)),
        ]
    }

    /// INT4 symmetric, INT4 asymmetric and NF4 on each distribution: the error of each (MSE,
    /// SQNR), the levels of each on the block-normalised scale [−1, 1], and a histogram of the
    /// block-normalised values x / max|block| that the levels should cover.
    static func levels(_ parameters: FormatsParameters, context: ExperimentContext) throws -> [TrialRecord] {
        var records: [TrialRecord] = []
        let shape = [parameters.samples / parameters.blockSize, parameters.blockSize]
        for (index, distribution) in distributions.enumerated() {
            var rng = context.generator(FormatsStream.levelSamples(distributionIndex: index))
            var values = [Float](repeating: 0, count: shape[0] * shape[1])
            for i in values.indices {
                values[i] = Float(distribution == "normal" ? rng.nextNormal() : rng.nextStudentT(dof: 3))
            }
            let tensor = Tensor(shape: shape, storage: values)
            for (name, scheme) in levelSchemes(blockSize: parameters.blockSize) {
                let result = try scheme.quantize(tensor)
                records.append(FormatsSchema.record(.levels, [.distribution: .string(distribution), .scheme: .string(name)], [
                    .mse: Measurement(result.error.mse),
                    .sqnr: Measurement(result.error.sqnrDB, unit: "dB"),
                    .bitsPerWeight: Measurement(result.storage.bitsPerWeight, unit: "bit"),
                ]))
            }
            records += histogram(of: values, blockSize: parameters.blockSize, bins: parameters.histogramBins, distribution: distribution)
        }
        let symmetric = AffineQuantizer(bits: 4, symmetric: true)
        for code in symmetric.minCode...symmetric.maxCode {
            records.append(FormatsSchema.record(.level, [.scheme: "int4-symmetric", .index: .int(Int(code - symmetric.minCode))], [
                .value: Measurement(Double(code) / Double(symmetric.maxCode)),
            ]))
        }
        for (index, level) in LookupTableFormat.nf4.levels.enumerated() {
            records.append(FormatsSchema.record(.level, [.scheme: "nf4", .index: .int(index)], [.value: Measurement(Double(level))]))
        }
        return records
    }

    /// Density histogram over [−1, 1] of each value divided by its block's max |x|.
    private static func histogram(of values: [Float], blockSize: Int, bins: Int, distribution: String) -> [TrialRecord] {
        var counts = [Int](repeating: 0, count: bins)
        for start in stride(from: 0, to: values.count, by: blockSize) {
            let block = values[start..<start + blockSize]
            let absMax = block.reduce(Float(0)) { max($0, abs($1)) }
            guard absMax > 0 else { continue }
            for x in block {
                let t = Double(x / absMax)
                counts[min(bins - 1, Int((t + 1) / 2 * Double(bins)))] += 1
            }
        }
        let width = 2.0 / Double(bins)
        return counts.enumerated().map { bin, count in
            FormatsSchema.record(.histogram, [.distribution: .string(distribution), .bin: .int(bin)], [
                .lower: Measurement(-1 + Double(bin) * width),
                .upper: Measurement(-1 + Double(bin + 1) * width),
                .density: Measurement(Double(count) / (Double(values.count) * width)),
            ])
        }
    }
}
