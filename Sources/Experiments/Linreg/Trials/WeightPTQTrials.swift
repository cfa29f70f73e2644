import QuantCore
import Records
import Runner
import Tensor

/// Family 2: post-training quantization of the fitted weights (the bias stays FP32, as in
/// integer inference, where it is added in the 32-bit accumulator).
///
/// Formats: INT b symmetric and asymmetric (per tensor, min-max), FP8 E4M3 with absmax
/// scaling, NF4 (one absmax block for the whole weight vector), and the unquantized FP64 fit.
/// One record per (dataset, repeat, fold, format, symmetric); parameters `family =
/// ptq-weights`, `format`, `bits`, `symmetric`; measurements `testRMSE` (target units),
/// `testR2`, `coefficientError` (‖ŵ − w‖/‖w‖ against the FP64 fit).
struct WeightPTQTrials {
    let parameters: LinregParameters
    let plan: FoldPlan

    /// The schemes compared, with their record labels.
    static func schemes(bits: [Int]) -> [(format: String, bits: Int, scheme: QuantizationScheme)] {
        var out: [(String, Int, QuantizationScheme)] = []
        for b in bits {
            for symmetric in [true, false] {
                out.append(("int\(b)", b, QuantizationScheme(target: .integer(bits: b), symmetric: symmetric)))
            }
        }
        out.append(("fp8-e4m3", 8, QuantizationScheme(target: .float(.e4m3), floatScaling: .absmax)))
        out.append(("nf4", 4, QuantizationScheme(target: .table(.nf4), granularity: .perTensor)))
        return out
    }

    func run() throws -> [TrialRecord] {
        var records: [TrialRecord] = []
        let schemes = Self.schemes(bits: parameters.bits)
        for entry in plan.entries {
            let fold = entry.fold, reference = entry.reference
            func record(_ format: String, _ bits: Int, _ symmetric: Bool, _ model: LinearModel) -> TrialRecord {
                var p = entry.parameters
                p[.format] = .string(format)
                p[.bits] = .int(bits)
                p[.symmetric] = .bool(symmetric)
                var m = TrialMeasurements.prediction(model.predict(fold.testX), fold.testY, scale: fold.targetScale, unit: entry.dataset.targetUnit)
                m[.coefficientError] = Measurement(RegressionMetrics.relativeError(model.weights, reference: reference.weights))
                return LinregSchema.record(.ptqWeights, p, m)
            }
            records.append(record("fp64", 64, true, reference))
            let weights = Tensor(shape: [reference.weights.count], storage: reference.weights.map(Float.init))
            for (format, bits, scheme) in schemes {
                let quantized = try scheme.quantize(weights).dequantized.storage.map(Double.init)
                records.append(record(format, bits, scheme.symmetric, LinearModel(weights: quantized, bias: reference.bias)))
            }
        }
        return records
    }
}
