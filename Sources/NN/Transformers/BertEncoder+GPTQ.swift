import QuantCore
import Tensor

extension BertEncoder {
    /// The model with every linear weight quantized by GPTQ (Frantar et al. 2022), layer after
    /// layer as the reference does: the inputs of layer l's six linear layers are recorded on
    /// the calibration batches with layers 0…l−1 already quantized, each layer's Hessian
    /// `H = (2/N)·XᵀX` is taken over the real tokens only (`GPTQHessian`; padding rows never
    /// reach a sentence embedding), then each of the six is quantized against its own H.
    /// Embeddings and LayerNorms stay FP32; activations stay FP32 (weight-only).
    ///
    /// - Parameters:
    ///   - gptq: the grid, grouping and options.
    ///   - calibration: the calibration batches.
    ///   - include: which linear layers to quantize (all by default); the others keep their
    ///     FP32 weights (per-layer studies, and tests that cannot afford 36 layers in a debug build).
    /// - Returns: the model with dequantized weights, and the bytes of the quantized linear
    ///   weights with their scales (`GPTQResult.storage`).
    /// - Throws: `LAPACKError` for a Hessian that is not positive definite after dampening;
    ///   `QuantizationError.granularity` for groups that do not divide a layer's inputs.
    /// - Complexity: L passes over the calibration batches, plus O(out · in² + in³) per layer.
    public func gptqQuantized(
        _ gptq: GPTQ, calibration: [TokenBatch], include: (BertLinearSite) -> Bool = { _ in true }
    ) throws -> (model: BertEncoder, weightBytes: Int) {
        var out = self
        var bytes = 0
        for l in layers.indices {
            let hessians = out.recordLinearInputs(calibration, sites: { $0.layer == l && include($0) }, start: { GPTQHessian(features: $0.inputs) }) { h, x, rows in
                let width = h.features
                var kept: [Float] = []
                kept.reserveCapacity(x.count)
                for r in 0..<(x.count / width) where rows[r] { kept += x.storage[(r * width)..<((r + 1) * width)] }
                h.accumulate(Tensor(shape: [kept.count / width, width], storage: kept))
            }
            guard !hessians.isEmpty else { continue }
            try out.updateLinears { site, linear in
                guard let h = hessians[site] else { return }
                let result = try gptq.quantize(linear.weight.value, hessian: h.matrix)
                linear.weight.value = result.dequantized
                bytes += result.storage.totalBytes
            }
        }
        return (out, bytes)
    }
}
