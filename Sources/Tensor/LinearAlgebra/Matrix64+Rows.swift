extension Matrix64 {
    /// The matrix of the given rows, in the given order (repeats allowed): a split or a fold.
    /// - Parameter indices: row positions.
    /// - Returns: `indices.count × cols`.
    /// - Precondition: every index is inside `0..<rows`.
    public func rows(at indices: [Int]) -> Matrix64 {
        var values = [Double]()
        values.reserveCapacity(indices.count * cols)
        for i in indices {
            precondition(i >= 0 && i < rows, "Matrix64.rows(at:): index \(i) outside 0..<\(rows)")
            values.append(contentsOf: storage[i * cols..<(i + 1) * cols])
        }
        return Matrix64(rows: indices.count, cols: cols, storage: values)
    }
}
