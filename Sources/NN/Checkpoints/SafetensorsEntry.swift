/// One tensor's record in a safetensors header: its name, element type, shape and where its
/// bytes lie in the data section.
public struct SafetensorsEntry: Sendable, Hashable {
    /// The tensor's name (`embeddings.word_embeddings.weight`, `0.weight`).
    public let name: String
    /// Its element type.
    public let dtype: SafetensorsDType
    /// Its extents, row-major; `[]` for a scalar.
    public let shape: [Int]
    /// `data_offsets`: the byte range relative to the start of the data section (which follows
    /// the 8-byte length and the header). Its length is `elementCount · dtype.size`.
    public let dataRange: Range<Int>

    /// The number of elements, the product of the extents (1 for a scalar).
    public var elementCount: Int { shape.reduce(1, *) }
}
