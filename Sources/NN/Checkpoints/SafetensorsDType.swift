import QuantCore

/// The element types of the safetensors format (huggingface/safetensors, `Dtype`), with their
/// sizes; five of them are read as `Float`.
///
/// ```
/// F32   IEEE 754 binary32, little-endian            read as is
/// F16   IEEE 754 binary16                           read exactly (every FP16 value is a Float)
/// BF16  bfloat16, the top half of binary32          read exactly
/// I8, U8  8-bit integers                            read exactly as their integer values
/// ```
/// The other types (BOOL, F8_E4M3, F8_E5M2, I16, U16, I32, U32, I64, U64, F64) are known so that
/// a file holding them is validated and its other tensors read (the pinned MiniLM checkpoint
/// stores `embeddings.position_ids` as I64), but reading such a tensor is an
/// `unsupportedDType` error. FP16 and BF16 are decoded by QuantCore's `FloatFormat`, the one
/// place that knows those bit layouts.
public enum SafetensorsDType: String, CaseIterable, Sendable, Hashable {
    /// Booleans, one byte each.
    case bool = "BOOL"
    /// Unsigned 8-bit integers.
    case u8 = "U8"
    /// Signed 8-bit integers.
    case i8 = "I8"
    /// OCP FP8 E5M2.
    case f8e5m2 = "F8_E5M2"
    /// OCP FP8 E4M3 (FN).
    case f8e4m3 = "F8_E4M3"
    /// Signed 16-bit integers.
    case i16 = "I16"
    /// Unsigned 16-bit integers.
    case u16 = "U16"
    /// IEEE 754 binary16.
    case f16 = "F16"
    /// bfloat16.
    case bf16 = "BF16"
    /// Signed 32-bit integers.
    case i32 = "I32"
    /// Unsigned 32-bit integers.
    case u32 = "U32"
    /// IEEE 754 binary32.
    case f32 = "F32"
    /// IEEE 754 binary64.
    case f64 = "F64"
    /// Signed 64-bit integers.
    case i64 = "I64"
    /// Unsigned 64-bit integers.
    case u64 = "U64"

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .bool, .u8, .i8, .f8e5m2, .f8e4m3: 1
        case .i16, .u16, .f16, .bf16: 2
        case .i32, .u32, .f32: 4
        case .f64, .i64, .u64: 8
        }
    }

    /// Whether `SafetensorsReader` converts this type to `Float`.
    public var isReadableAsFloat: Bool {
        switch self {
        case .f32, .f16, .bf16, .i8, .u8: true
        default: false
        }
    }

    /// The little-endian elements in `bytes` as floats, or `nil` for a type that is not read.
    /// - Precondition: `bytes.count` is a multiple of `size`.
    func floats(_ bytes: UnsafeRawBufferPointer) -> [Float]? {
        precondition(bytes.count % size == 0, "SafetensorsDType: \(bytes.count) bytes of \(rawValue)")
        let n = bytes.count / size
        switch self {
        case .f32:
            return [Float](unsafeUninitializedCapacity: n) { out, count in
                #if _endian(little)
                // The file's layout is the host's: one copy (the 47 MB embedding table of MiniLM
                // loads at memory speed, even in a debug build).
                UnsafeMutableRawBufferPointer(out).copyMemory(from: bytes)
                #else
                for i in 0..<n { out[i] = Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))) }
                #endif
                count = n
            }
        case .f16, .bf16:
            let format: FloatFormat = self == .f16 ? .fp16 : .bf16
            return (0..<n).map { i in
                format.decode(UInt32(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))))
            }
        case .i8:
            return bytes.map { Float(Int8(bitPattern: $0)) }
        case .u8:
            return bytes.map { Float($0) }
        default:
            return nil
        }
    }
}
