import NN
import QuantCore
import Tensor

/// Applies a `DecoderVariant` to the trained FP32 GPT: every linear layer's weight is replaced by
/// its dequantized codes (QuantCore's schemes for RTN, NF4 and FP8; `GPTQ` for GPTQ), and
/// integer activations set as the layers' input quantizers (`CalibratedQuantizer`).
///
/// GPTQ runs block by block, as the reference does: the inputs of a block's six linear layers
/// are recorded on the calibration sequences with every earlier block already quantized, then
/// each layer is quantized against its own inputs' Hessian.
struct DecoderQuantization {
    /// The FP32 model.
    let model: GPT
    /// Calibration sequences of the training text, `length` ids each, laid out one after another.
    let calibration: [Int]
    /// T.
    let length: Int

    /// The variant's model and the bytes of its linear weights with their scales.
    func apply(_ variant: DecoderVariant) throws -> (model: GPT, bytes: Int) {
        var quantized = model
        var bytes = 0
        switch variant.method {
        case .fp32:
            quantized.visitLinears { _, linear in bytes += 4 * linear.weight.value.count }
        case .rtn, .nf4, .fp8:
            let scheme = Self.scheme(variant)
            var failure: Error?
            quantized.visitLinears { _, linear in
                do {
                    let result = try scheme.quantize(linear.weight.value)
                    linear.weight.value = result.dequantized
                    bytes += result.storage.totalBytes
                } catch { failure = error }
            }
            if let failure { throw failure }
        case .gptq:
            bytes = try gptq(&quantized, variant)
        }
        switch variant.activations {
        case .fp32: break
        case .int8Tensor:
            let q = AffineQuantizer(bits: 8, symmetric: true)
            let ranges = recordedInputs(quantized, blocks: Array(quantized.blocks.indices)).mapValues { MinMax.range(of: $0.flatMap(\.storage), symmetric: true) }
            quantized.visitLinears { name, linear in
                linear.inputQuantizer = CalibratedQuantizer(.integer(q, q.parameters(for: ranges[name]!)))
            }
        case .int8Token:
            quantized.visitLinears { _, linear in
                linear.inputQuantizer = CalibratedQuantizer(.dynamicIntegerPerRow(AffineQuantizer(bits: 8, symmetric: true)))
            }
        }
        return (quantized, bytes)
    }

    /// QuantCore's scheme of an RTN, NF4 or FP8 variant (weights `[out, in]`: channels on axis 0,
    /// groups along axis 1).
    static func scheme(_ variant: DecoderVariant) -> QuantizationScheme {
        switch variant.method {
        case .nf4: return .nf4(blockSize: variant.groupSize ?? 64)
        case .fp8: return QuantizationScheme(target: .float(.e4m3), granularity: .perChannel(axis: 0), floatScaling: .absmax)
        default:
            return QuantizationScheme(
                target: .integer(bits: variant.bits), symmetric: true,
                granularity: variant.groupSize.map { .perGroup(axis: 1, size: $0) } ?? .perChannel(axis: 0))
        }
    }

    /// GPTQ block by block; returns the bytes of the quantized linear weights.
    private func gptq(_ model: inout GPT, _ variant: DecoderVariant) throws -> Int {
        let gptq = GPTQ(
            quantizer: AffineQuantizer(bits: variant.bits, symmetric: true),
            granularity: variant.groupSize.map { .perGroup(axis: 1, size: $0) } ?? .perChannel(axis: 0),
            actOrder: variant.actOrder)
        var bytes = 0
        for block in model.blocks.indices {
            let inputs = recordedInputs(model, blocks: [block])
            var failure: Error?
            model.blocks[block].visitLinears { name, linear in
                guard failure == nil else { return }
                do {
                    var h = GPTQHessian(features: linear.inputs)
                    for x in inputs["transformer.h.\(block).\(name)"]! { h.accumulate(x) }
                    let result = try gptq.quantize(linear.weight.value, hessian: h.matrix)
                    linear.weight.value = result.dequantized
                    bytes += result.storage.totalBytes
                } catch { failure = error }
            }
            if let failure { throw failure }
        }
        return bytes
    }

    /// The inputs each linear layer of `blocks` sees on the calibration sequences, by GPT-2 name.
    private func recordedInputs(_ model: GPT, blocks: [Int]) -> [String: [Tensor]] {
        var tapped = model
        var sinks: [String: InputRecorder.Sink] = [:]
        tapped.visitLinears { name, linear in
            guard blocks.contains(where: { name.hasPrefix("transformer.h.\($0).") }) else { return }
            let sink = InputRecorder.Sink()
            sinks[name] = sink
            linear.inputQuantizer = InputRecorder(sink: sink)
        }
        for start in stride(from: 0, to: calibration.count, by: length * DecoderEvaluation.batchWindows) {
            _ = tapped.logits(Array(calibration[start..<min(calibration.count, start + length * DecoderEvaluation.batchWindows)]), length: length)
        }
        return sinks.mapValues(\.inputs)
    }
}
