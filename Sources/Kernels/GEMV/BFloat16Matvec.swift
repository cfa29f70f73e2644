public import Tensor

/// BF16 GEMV: `y = W · x` with W rounded to bfloat16 (nearest, ties to even), x and y in FP32.
///
/// Layout (ours): each row is cut into blocks of 32 columns stored as 16 `UInt32` lanes, lane l
/// holding column l in its low half and column 16 + l in its high half, so one 64-byte load
/// yields two `SIMD16<Float>` by a shift and a mask (bf16 is the top half of an FP32). Rows are
/// zero-padded to a multiple of 64 columns. Products and sums are FP32, as on AVX512-BF16.
public struct BFloat16Matvec: MatvecKernel {
    public let rows: Int
    public let columns: Int
    /// Worker threads for the row split.
    public let threads: Int
    private let packed: LanePackedCodes

    public var label: String { "BF16 GEMV (Swift SIMD)" }
    public var weightBytes: Int { rows * columns * 2 }

    /// Rounds `weights` to bfloat16 and packs them.
    /// - Throws: `KernelInputError` when `weights` is not 2-D or is empty.
    public init(weights: Tensor, threads: Int = defaultKernelThreads) throws(KernelInputError) {
        (rows, columns) = try matvecShape(weights, "BF16 GEMV")
        self.threads = threads
        // Two blocks of 32 columns per loop step: rows padded to 64 columns with +0.
        var packed = LanePackedCodes(rows: rows, columns: columns, bits: 16, fill: 0, step: 64)
        for r in 0..<rows {
            for c in 0..<columns { packed[r, c] = UInt32(bfloat16Bits(weights.storage[r * columns + c])) }
        }
        self.packed = packed
    }

    /// The stored weights widened back to FP32 (exact), `rows × columns`.
    public func dequantized() -> Tensor {
        var values = [Float](repeating: 0, count: rows * columns)
        for r in 0..<rows {
            for c in 0..<columns { values[r * columns + c] = Float(bitPattern: packed[r, c] << 16) }
        }
        return Tensor(shape: [rows, columns], storage: values)
    }

    public func apply(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        precondition(x.count == columns && y.count == rows, "\(label): x has \(x.count) (want \(columns)), y has \(y.count) (want \(rows))")
        let (rowBytes, paddedColumns) = (packed.rowBytes, packed.paddedColumns)
        packed.words.withUnsafeBytes { w in
            let wr = w.baseAddress!
            packedMatvec(x, into: y, paddedColumns: paddedColumns, threads: threads) { r, xr in
                let row = wr + r * rowBytes
                var a0 = SIMD16<Float>(), a1 = a0, a2 = a0, a3 = a0
                var c = 0
                while c < paddedColumns {
                    let v0 = row.loadUnaligned(fromByteOffset: c * 2, as: SIMD16<UInt32>.self)
                    let v1 = row.loadUnaligned(fromByteOffset: c * 2 + 64, as: SIMD16<UInt32>.self)
                    a0 = a0.addingProduct(unsafeBitCast(v0 &<< 16, to: SIMD16<Float>.self), xr.loadUnaligned(fromByteOffset: c * 4, as: SIMD16<Float>.self))
                    a1 = a1.addingProduct(unsafeBitCast(v0 & 0xFFFF_0000, to: SIMD16<Float>.self), xr.loadUnaligned(fromByteOffset: c * 4 + 64, as: SIMD16<Float>.self))
                    a2 = a2.addingProduct(unsafeBitCast(v1 &<< 16, to: SIMD16<Float>.self), xr.loadUnaligned(fromByteOffset: c * 4 + 128, as: SIMD16<Float>.self))
                    a3 = a3.addingProduct(unsafeBitCast(v1 & 0xFFFF_0000, to: SIMD16<Float>.self), xr.loadUnaligned(fromByteOffset: c * 4 + 192, as: SIMD16<Float>.self))
                    c += 64
                }
                return ((a0 + a1) + (a2 + a3)).sum()
            }
        }
    }
}

/// The bfloat16 bits of `x`, rounded to nearest with ties to even; NaN stays a quiet NaN.
func bfloat16Bits(_ x: Float) -> UInt16 {
    if x.isNaN { return 0x7FC0 }
    let bits = x.bitPattern
    return UInt16(truncatingIfNeeded: (bits &+ 0x7FFF &+ ((bits >> 16) & 1)) >> 16)
}
