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
    /// The group of every element, in row-major element order.
    public let groupOfElement: [Int]

    /// Lays out `granularity` over `shape`.
    /// - Throws: `GranularityError` when the axis is outside the shape, or the group size is not
    ///   positive or does not divide the axis's extent.
    public init(shape: [Int], granularity: Granularity) throws {
        let count = shape.reduce(1, *)
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
            groupOfElement = [Int](repeating: 0, count: count)
        case .perChannel(let axis):
            let (_, extent, inner, _) = try split(axis)
            groupCount = extent
            groupOfElement = (0..<count).map { ($0 / inner) % extent }
        case .perGroup(let requested, let size):
            let (outer, extent, inner, axis) = try split(requested)
            guard size > 0, extent % size == 0 else {
                throw GranularityError(
                    description: "group size \(size) does not divide axis \(axis) of extent \(extent) (shape \(shape)); choose a divisor of \(extent)")
            }
            let groupsAlong = extent / size
            groupCount = outer * groupsAlong * inner
            groupOfElement = (0..<count).map { i in
                let o = i / (inner * extent), k = (i / inner) % extent, j = i % inner
                return (o * groupsAlong + k / size) * inner + j
            }
        }
    }

    /// The element indices of each group, in increasing order.
    public func members() -> [[Int]] {
        var members = [[Int]](repeating: [], count: groupCount)
        for (i, g) in groupOfElement.enumerated() { members[g].append(i) }
        return members
    }
}
