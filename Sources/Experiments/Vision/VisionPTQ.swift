import NN
import QuantCore
import Records
import Tensor

/// One post-training quantization of the folded CNN: a weight format (with its granularity),
/// an activation format (with its calibration), and whether the first and last layers stay at
/// 8 bits.
struct PTQConfig: Hashable {
    /// `fp32`, `int8` … `int2`, `fp16`, `bf16`, `fp8-e4m3`, `fp8-e5m2`, `nf4`.
    var weights: String
    /// `tensor` or `channel` for integer weights; `channel` for FP8 and NF4 (absmax per output
    /// channel); `tensor` for FP16/BF16 (no scale).
    var granularity: String
    /// `fp32`, `int8`, `int4`, `fp16`, `bf16`, `fp8-e4m3`, `fp8-e5m2`.
    var activations: String
    /// Symmetric integer activations (zero point 0) instead of asymmetric.
    var symmetric: Bool = false
    /// `minmax`, `percentile`, `mse`, `kl`, `dynamic`; `none` for FP32 and float activations.
    var calibration: String = "none"
    /// conv1 and fc2 at INT8 weights and activations whatever the rest is.
    var mixed: Bool = false

    /// Whether a format in the configuration has no arithmetic on this CPU (every non-FP32 float
    /// format is rounded to and computed in FP32; integer grids are simulated the same way).
    var emulated: Bool { weights != "fp32" || activations != "fp32" }

    /// The record parameters of this configuration.
    var parameters: [VisionSchema.Parameter: ParameterValue] {
        [.weights: .string(weights), .granularity: .string(granularity), .activations: .string(activations),
         .symmetric: .bool(symmetric), .calibration: .string(calibration), .mixed: .bool(mixed),
         .emulated: .bool(emulated)]
    }

    /// The integer width of a format name (`int4` → 4), `nil` for the others.
    static func integerBits(_ format: String) -> Int? {
        format.hasPrefix("int") ? Int(format.dropFirst(3)) : nil
    }
}

/// Applies `PTQConfig`s to a folded model: weights rounded once through QuantCore, activation
/// grids fixed from the calibration images' layer inputs.
struct VisionPTQ {
    /// Which model, for its layer names and positions.
    let model: VisionModel
    /// The FP32 model with batch norm folded.
    let folded: Sequential
    /// Each quantizable layer's input over the calibration images, by layer name.
    let calibrationInputs: [String: [Float]]
    /// The percentile of `percentile` calibration, in percent.
    let percentile: Double

    /// The quantized model and its weight bytes (codes, scales and zero points, FP32 biases).
    func apply(_ config: PTQConfig) throws -> (model: Sequential, bytes: Int) {
        var model = folded
        var bytes = 0
        for (position, (name, index)) in self.model.layers.enumerated() {
            let edge = position == 0 || position == self.model.layers.count - 1
            let weights = config.mixed && edge ? "int8" : config.weights
            let granularity = config.mixed && edge ? "channel" : config.granularity
            let activations = config.mixed && edge && config.activations != "fp32" ? "int8" : config.activations
            guard var layer = model.layers[index] as? any QuantizableLayer else {
                preconditionFailure("vision: layer \(name) at \(index) is not quantizable")
            }
            let (weight, weightBytes) = try Self.quantizedWeight(layer.weight.value, format: weights, granularity: granularity)
            layer.weight.value = weight
            bytes += weightBytes + 4 * layer.weight.value.shape[0]
            layer.inputQuantizer = try activationQuantizer(
                activations, symmetric: config.symmetric, calibration: config.calibration, inputs: calibrationInputs[name]!)
            model.layers[index] = layer
        }
        return (model, bytes)
    }

    /// The model with only `layer` quantized: its weights to `bits` (per channel) or its input
    /// to `bits` (asymmetric, min-max calibrated).
    func applyToOneLayer(_ layerName: String, target: String, bits: Int) throws -> Sequential {
        var model = folded
        let index = self.model.layers.first { $0.name == layerName }!.index
        var layer = model.layers[index] as! any QuantizableLayer
        if target == "weights" {
            layer.weight.value = try Self.quantizedWeight(layer.weight.value, format: "int\(bits)", granularity: "channel").value
        } else {
            layer.inputQuantizer = try activationQuantizer(
                "int\(bits)", symmetric: false, calibration: "minmax", inputs: calibrationInputs[layerName]!)
        }
        model.layers[index] = layer
        return model
    }

    /// The dequantized weight and its storage in bytes.
    static func quantizedWeight(_ weight: Tensor, format: String, granularity: String) throws -> (value: Tensor, bytes: Int) {
        let channels: Granularity = granularity == "channel" ? .perChannel(axis: 0) : .perTensor
        let scheme: QuantizationScheme
        if let bits = PTQConfig.integerBits(format) {
            scheme = QuantizationScheme(target: .integer(bits: bits), symmetric: true, granularity: channels)
        } else if format == "nf4" {
            // Blocks along the flattened last axis would not divide conv1's 25 weights per
            // channel: NF4 scales each output channel by its absmax instead.
            scheme = QuantizationScheme(target: .table(.nf4), granularity: .perChannel(axis: 0))
        } else if format == "fp32" {
            return (weight, 4 * weight.count)
        } else {
            let float = FloatFormat.named(format)!
            scheme = float.bits == 8
                ? QuantizationScheme(target: .float(float), granularity: .perChannel(axis: 0), floatScaling: .absmax)
                : QuantizationScheme(target: .float(float))
        }
        let result = try scheme.quantize(weight)
        return (result.dequantized, result.storage.totalBytes)
    }

    /// The input quantizer of one layer, or `nil` for FP32.
    func activationQuantizer(
        _ format: String, symmetric: Bool, calibration: String, inputs: [Float]
    ) throws -> (any FakeQuantizer)? {
        if format == "fp32" { return nil }
        if let bits = PTQConfig.integerBits(format) {
            let q = AffineQuantizer(bits: bits, symmetric: symmetric)
            if calibration == "dynamic" { return CalibratedQuantizer(.dynamicInteger(q)) }
            return CalibratedQuantizer(.integer(q, q.parameters(for: range(of: inputs, q, calibration))))
        }
        let float = FloatFormat.named(format)!
        // FP8's range is narrow: scale the calibrated absolute maximum onto its largest value.
        let scale = float.bits == 8 ? max(MinMax.range(of: inputs, symmetric: true).upper, .leastNormalMagnitude) / Float(float.maxFinite) : 1
        return CalibratedQuantizer(.float(float, scale: scale))
    }

    /// The clipping range of `inputs` under `calibration` for grid `q`. The MSE search and the
    /// KL histogram see every 8th value at most 131,072 of them: enough for a range, and it keeps
    /// the grid in seconds.
    func range(of inputs: [Float], _ q: AffineQuantizer, _ calibration: String) -> ClippingRange {
        let stride = max(1, inputs.count / 131_072)
        let sample = stride == 1 ? inputs : Swift.stride(from: 0, to: inputs.count, by: stride).map { inputs[$0] }
        let method: Calibration = switch calibration {
        case "percentile": .percentile(percentile)
        case "mse": .mse
        case "kl": .kl
        default: .minMax
        }
        return method.range(of: sample, symmetric: q.symmetric, levels: 1 << (q.bits - 1)) { range in
            let p = q.parameters(for: range)
            var sum = 0.0
            for x in sample {
                let e = Double(q.dequantize(q.quantize(x, p), p) - x)
                sum += e * e
            }
            return sum / Double(sample.count)
        }
    }
}
