import QuantCore
import Records
import Runner
import Tensor

/// Family 3: the FP64 fit applied to quantized test features (INT b, per feature).
///
/// Static ranges are calibrated on the training split (min-max, percentile, MSE clipping;
/// QuantCore's `Calibration`) and applied unchanged to the test rows; dynamic ranges are the
/// min-max of each test batch. One record per (dataset, repeat, fold, bits, symmetric,
/// calibration); parameters `family = input-quantization`, `bits`, `symmetric`, `calibration`
/// (`minmax`, `percentile`, `mse`, `dynamic`); measurements `testRMSE`, `testR2`,
/// `featureError` (‖X̂ − X‖_F/‖X‖_F on the test rows).
struct InputQuantizationTrials {
    let parameters: LinregParameters
    let plan: FoldPlan

    func run() throws -> [TrialRecord] {
        var records: [TrialRecord] = []
        let calibrations: [(String, Calibration?)] = [
            ("minmax", .minMax), ("percentile", .percentile(parameters.percentile)), ("mse", .mse), ("dynamic", nil),
        ]
        for entry in plan.entries {
            let fold = entry.fold
            for bits in parameters.bits {
                for symmetric in [true, false] {
                    for (name, calibration) in calibrations {
                        let quantized = try quantizedTest(fold, bits: bits, symmetric: symmetric, calibration: calibration)
                        var p = entry.parameters
                        p[.bits] = .int(bits)
                        p[.symmetric] = .bool(symmetric)
                        p[.calibration] = .string(name)
                        var m = TrialMeasurements.prediction(
                            entry.reference.predict(quantized), fold.testY, scale: fold.targetScale, unit: entry.dataset.targetUnit)
                        m[.featureError] = Measurement(RegressionMetrics.relativeError(quantized.storage, reference: fold.testX.storage))
                        records.append(LinregSchema.record(.inputQuantization, p, m))
                    }
                }
            }
        }
        return records
    }

    /// The test features after quantize–dequantize: with per-feature ranges calibrated on the
    /// training rows (`calibration` set), or per batch of test rows (`nil`).
    private func quantizedTest(_ fold: RegressionFold, bits: Int, symmetric: Bool, calibration: Calibration?) throws -> Matrix64 {
        let perFeature = QuantizationScheme(
            target: .integer(bits: bits), symmetric: symmetric, granularity: .perChannel(axis: 1),
            calibration: calibration ?? .minMax)
        let test = fold.testX
        guard calibration != nil else {
            var out: [Double] = []
            for start in stride(from: 0, to: test.rows, by: parameters.dynamicBatchSize) {
                let batch = test.rows(at: Array(start..<min(start + parameters.dynamicBatchSize, test.rows)))
                out += try perFeature.quantize(Tensor(batch)).dequantized.storage.map(Double.init)
            }
            return Matrix64(rows: test.rows, cols: test.cols, storage: out)
        }
        let ranges = try perFeature.quantize(Tensor(fold.trainX)).ranges
        let quantizer = AffineQuantizer(bits: bits, symmetric: symmetric)
        var out = Matrix64(rows: test.rows, cols: test.cols)
        for j in 0..<test.cols {
            let p = quantizer.parameters(for: ranges[j])
            let codes = quantizer.quantize(test.column(j).map(Float.init), p)
            for i in 0..<test.rows { out[i, j] = Double(quantizer.dequantize(codes[i], p)) }
        }
        return out
    }
}
