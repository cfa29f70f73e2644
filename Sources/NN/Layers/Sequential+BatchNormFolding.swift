extension Sequential {
    /// The same model with every `BatchNorm2d` that directly follows a `Conv2d` folded into it
    /// (`Conv2d.foldingBatchNorm(_:)`) and removed; nested `Sequential`s are folded too.
    ///
    /// Equal to this model's inference output up to FP32 rounding; training-mode behaviour
    /// differs (the folded model has no batch statistics), so fold after training, before
    /// quantization. Parameter names shift with the removed positions.
    public func foldingBatchNorms() -> Sequential {
        var out: [any Layer] = []
        for layer in layers {
            if let norm = layer as? BatchNorm2d, let conv = out.last as? Conv2d {
                out[out.count - 1] = conv.foldingBatchNorm(norm)
            } else if let nested = layer as? Sequential {
                out.append(nested.foldingBatchNorms())
            } else {
                out.append(layer)
            }
        }
        return Sequential(out)
    }
}
