/// Which elements of a tensor share one scale (and zero point).
public enum Granularity: Sendable, Hashable {
    /// One scale for the whole tensor.
    case perTensor
    /// One scale per index along `axis` (e.g. axis 0 of an `[out, in]` weight: one per output
    /// channel). A negative axis counts from the end (−1 is the last), as in NumPy.
    case perChannel(axis: Int)
    /// One scale per run of `size` consecutive indices along `axis`, for each position of the
    /// other axes (e.g. groups of 128 along the input axis of a weight, as in GPTQ and AWQ).
    case perGroup(axis: Int, size: Int)
}

/// A granularity's problem with a given shape.
public struct GranularityError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The one-line explanation.
    public let description: String
}

/// How a granularity partitions the elements of one shape into groups.
///
/// The shape is viewed as `[outer, extent, inner]` around the axis: element `i` has axis index
/// `k = (i / inner) % extent`. Per channel the group is `k`; per group of size g it is
/// `((o · extent/g) + k/g) · inner + j`, with `o = i / (inner · extent)` and `j = i % inner`.
public struct GroupLayout: Sendable, Hashable {
    /// Number of groups (scales).
    public let groupCount: Int
    /// Number of elements of the shape.
    public let elementCount: Int
    // The [outer, extent, inner] view and the group size along the axis (0 per tensor; per
    // channel one index is one group). Kept instead of a per-element table, which would cost
    // 8 bytes per element (512 MB for a 64M-element tensor).
    private let extent: Int, inner: Int, size: Int, perChannel: Bool

    /// Lays out `granularity` over `shape`.
    /// - Throws: `GranularityError` when the axis is outside the shape, or the group size is not
    ///   positive or does not divide the axis's extent.
    public init(shape: [Int], granularity: Granularity) throws {
        elementCount = shape.reduce(1, *)
        func split(_ requested: Int) throws -> (outer: Int, extent: Int, inner: Int, axis: Int) {
            let axis = requested < 0 ? requested + shape.count : requested
            guard shape.indices.contains(axis) else {
                throw GranularityError(description: "axis \(requested) is outside a tensor of shape \(shape); use 0..<\(shape.count) or a negative axis")
            }
            return (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *), axis)
        }
        switch granularity {
        case .perTensor:
            groupCount = 1
            (extent, inner, size, perChannel) = (1, 1, 0, false)
        case .perChannel(let axis):
            let (_, extent, inner, _) = try split(axis)
            groupCount = extent
            (self.extent, self.inner, size, perChannel) = (extent, inner, 1, true)
        case .perGroup(let requested, let size):
            let (outer, extent, inner, axis) = try split(requested)
            guard size > 0, extent % size == 0 else {
                throw GranularityError(
                    description: "group size \(size) does not divide axis \(axis) of extent \(extent) (shape \(shape)); choose a divisor of \(extent)")
            }
            groupCount = outer * (extent / size) * inner
            (self.extent, self.inner, self.size, perChannel) = (extent, inner, size, false)
        }
    }

    /// The group of element `i` (row-major), by the formulas above.
    @inline(__always)
    public func group(ofElement i: Int) -> Int {
        if size == 0 { return 0 }
        let k = (i / inner) % extent
        if perChannel { return k }
        let o = i / (inner * extent), j = i % inner
        return (o * (extent / size) + k / size) * inner + j
    }

    /// The group of every element, in row-major element order.
    /// - Complexity: O(n) time and memory.
    public var groupOfElement: [Int] { (0..<elementCount).map(group(ofElement:)) }

    /// The element indices of each group, in increasing order.
    public func members() -> [[Int]] {
        var members = [[Int]](repeating: [], count: groupCount)
        for i in 0..<elementCount { members[group(ofElement: i)].append(i) }
        return members
    }
}
