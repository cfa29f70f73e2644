/// An n-dimensional array as stored in a .npy file: shape, dtype and little-endian bytes in C order.
public struct NPYArray: Sendable, Equatable {
    public let shape: [Int]
    public let dtype: NPYDType
    /// `shape.reduce(1, *) · dtype.size` bytes, little-endian, row-major.
    public let bytes: [UInt8]

    /// - Precondition: `bytes.count` equals the element count times the element size.
    public init(shape: [Int], dtype: NPYDType, bytes: [UInt8]) {
        precondition(bytes.count == shape.reduce(1, *) * dtype.size,
                     "NPYArray: \(bytes.count) bytes for shape \(shape) of \(dtype.rawValue)")
        self.shape = shape
        self.dtype = dtype
        self.bytes = bytes
    }

    /// An array of integers or bit patterns stored as `dtype`.
    /// - Precondition: `dtype.size == MemoryLayout<T>.size`; count matches the shape.
    public init<T: FixedWidthInteger>(shape: [Int], dtype: NPYDType, elements: [T]) {
        precondition(dtype.size == MemoryLayout<T>.size, "NPYArray: \(T.self) stored as \(dtype.rawValue)")
        var bytes = [UInt8]()
        bytes.reserveCapacity(elements.count * dtype.size)
        for e in elements {
            withUnsafeBytes(of: e.littleEndian) { bytes.append(contentsOf: $0) }
        }
        self.init(shape: shape, dtype: dtype, bytes: bytes)
    }

    /// A `<f4` array of the tensor's elements.
    public init(_ tensor: Tensor) {
        self.init(shape: tensor.shape, dtype: .float32, elements: tensor.storage.map(\.bitPattern))
    }

    /// Number of elements.
    public var count: Int { shape.reduce(1, *) }

    /// The elements as integers of type `T` (bit patterns for float dtypes).
    /// - Precondition: `MemoryLayout<T>.size == dtype.size`.
    public func elements<T: FixedWidthInteger>(as _: T.Type) -> [T] {
        precondition(dtype.size == MemoryLayout<T>.size, "NPYArray: \(dtype.rawValue) read as \(T.self)")
        return bytes.withUnsafeBytes { raw in
            (0..<count).map { T(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * dtype.size, as: T.self)) }
        }
    }

    /// Every element converted to `Float` (exactly, except `<f8` and `<i4`, rounded to nearest).
    public func floats() -> [Float] {
        switch dtype {
        case .float32: return elements(as: UInt32.self).map(Float.init(bitPattern:))
        case .float64: return elements(as: UInt64.self).map { Float(Double(bitPattern: $0)) }
        case .float16: return elements(as: UInt16.self).map { Float(Float16(bitPattern: $0)) }
        case .int8: return elements(as: Int8.self).map(Float.init)
        case .uint8: return elements(as: UInt8.self).map(Float.init)
        case .int32: return elements(as: Int32.self).map(Float.init)
        case .uint16: return elements(as: UInt16.self).map(Float.init)
        }
    }

    /// The array as a `Float` tensor of the same shape (see `floats()`).
    public func tensor() -> Tensor { Tensor(shape: shape, storage: floats()) }
}
