/// A dense, row-major tensor of `Float` values with a shape.
///
/// Storage is one contiguous array; element `(i₀, …, iₖ)` lives at offset
/// `Σ iⱼ · strideⱼ` with `strideₖ = 1` and `strideⱼ = strideⱼ₊₁ · shapeⱼ₊₁`.
/// A value type: copies share storage until one of them is written (copy on write).
public struct Tensor: Equatable, Sendable {
    /// Extent of each axis; empty for a scalar.
    public private(set) var shape: [Int]
    /// The elements in row-major order; `count == shape.reduce(1, *)`.
    public var storage: [Float]

    /// Creates a tensor from a shape and its row-major elements.
    /// - Precondition: every extent is non-negative and `storage.count` equals their product.
    public init(shape: [Int], storage: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative extent in shape \(shape)")
        precondition(
            storage.count == shape.reduce(1, *),
            "Tensor: shape \(shape) needs \(shape.reduce(1, *)) elements, got \(storage.count)")
        self.shape = shape
        self.storage = storage
    }

    /// A tensor of the given shape with every element equal to `value`.
    public init(shape: [Int], repeating value: Float = 0) {
        self.init(shape: shape, storage: [Float](repeating: value, count: shape.reduce(1, *)))
    }

    /// Number of elements.
    public var count: Int { storage.count }

    /// Number of axes.
    public var rank: Int { shape.count }

    /// Row-major strides, in elements.
    public var strides: [Int] { Tensor.strides(of: shape) }

    /// Row-major strides of a shape, in elements.
    public static func strides(of shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var step = 1
        for axis in shape.indices.reversed() {
            strides[axis] = step
            step *= shape[axis]
        }
        return strides
    }

    /// The element at a multi-index.
    public subscript(index: Int...) -> Float {
        get { storage[offset(of: index)] }
        set { storage[offset(of: index)] = newValue }
    }

    /// Row-major offset of a multi-index.
    /// - Precondition: one index per axis, each inside its extent.
    public func offset(of index: [Int]) -> Int {
        precondition(index.count == shape.count, "Tensor: index \(index) for shape \(shape)")
        var offset = 0
        var step = 1
        for axis in shape.indices.reversed() {
            precondition(index[axis] >= 0 && index[axis] < shape[axis], "Tensor: index \(index) out of shape \(shape)")
            offset += index[axis] * step
            step *= shape[axis]
        }
        return offset
    }

    /// The same elements seen with another shape of equal element count.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, storage: storage)
    }
}

extension Tensor: CustomStringConvertible {
    /// Shape and the first few elements, for diagnostics.
    public var description: String {
        let head = storage.prefix(8).map { String($0) }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(head)\(count > 8 ? ", …" : "")])"
    }
}
