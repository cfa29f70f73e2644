import Tensor

/// `a + b` element by element, in `a`'s shape: the residual connections of the transformer blocks.
/// - Precondition: equal element counts.
func residualSum(_ a: Tensor, _ b: Tensor) -> Tensor {
    precondition(a.count == b.count, "residualSum: \(a.shape) and \(b.shape)")
    var out = a
    out.storage.withUnsafeMutableBufferPointer { o in
        b.storage.withUnsafeBufferPointer { bb in
            for i in o.indices { o[i] += bb[i] }
        }
    }
    return out
}
