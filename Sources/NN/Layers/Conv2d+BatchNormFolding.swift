extension Conv2d {
    /// This convolution followed by `batchNorm` in inference mode, as one convolution (the
    /// folding done before quantization, Jacob et al., 2018, "Quantization and Training of Neural
    /// Networks for Efficient Integer-Arithmetic-Only Inference", section 3.2):
    /// ```
    /// a[o] = γ[o] / √(σ²_run[o] + ε)
    /// W'[o, ·] = W[o, ·] · a[o],   b'[o] = (b[o] − μ_run[o]) · a[o] + β[o]
    /// ```
    /// so that `folded(x) = batchNorm(conv(x))` up to FP32 rounding of the changed order of
    /// operations (each output rounds a sum of C·kh·kw products either way). The products are
    /// formed in FP64 and rounded once. Stride, padding and the fake quantizers carry over; the
    /// weight quantizer then sees the folded weights, which is the point of folding first.
    /// - Precondition: `batchNorm.channels == outputChannels`.
    public func foldingBatchNorm(_ batchNorm: BatchNorm2d) -> Conv2d {
        precondition(batchNorm.channels == outputChannels,
                     "Conv2d.foldingBatchNorm: \(batchNorm.channels) batch-norm channels for \(outputChannels) filters")
        let taps = weight.value.count / outputChannels
        var w = weight.value, b = bias.value
        for o in 0..<outputChannels {
            let a = Double(batchNorm.weight.value.storage[o])
                / (Double(batchNorm.runningVariance.storage[o]) + Double(batchNorm.epsilon)).squareRoot()
            for t in (o * taps)..<((o + 1) * taps) { w.storage[t] = Float(Double(w.storage[t]) * a) }
            b.storage[o] = Float((Double(b.storage[o]) - Double(batchNorm.runningMean.storage[o])) * a
                + Double(batchNorm.bias.value.storage[o]))
        }
        var folded = Conv2d(weight: w, bias: b, stride: stride, padding: padding)
        folded.weightQuantizer = weightQuantizer
        folded.inputQuantizer = inputQuantizer
        return folded
    }
}
