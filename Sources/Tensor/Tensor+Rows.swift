extension Tensor {
    /// The sub-tensor of the given indices along the first axis, in the given order
    /// (repeats allowed): a batch, a split or a fold of a dataset.
    /// - Parameter indices: positions along axis 0.
    /// - Returns: shape `[indices.count] + shape[1...]`.
    /// - Precondition: `rank ≥ 1` and every index is inside `0..<shape[0]`.
    public func rows(at indices: [Int]) -> Tensor {
        precondition(rank >= 1, "Tensor.rows(at:): needs rank ≥ 1, got shape \(shape)")
        let width = shape.dropFirst().reduce(1, *)
        var values = [Float]()
        values.reserveCapacity(indices.count * width)
        for i in indices {
            precondition(i >= 0 && i < shape[0], "Tensor.rows(at:): index \(i) outside 0..<\(shape[0])")
            values.append(contentsOf: storage[i * width..<(i + 1) * width])
        }
        return Tensor(shape: [indices.count] + shape.dropFirst(), storage: values)
    }
}
