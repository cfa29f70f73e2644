/// A row-major matrix of small unsigned codes packed into 32-bit lanes in the order the GEMV
/// kernels consume them.
///
/// Each row is cut into blocks of 16 lanes (64 bytes); a lane holds `32 / bits` fields, and field
/// k of lane l in block b holds column `b·(512 / bits) + 16k + l`. One 64-byte load then yields,
/// for each k, the codes of 16 consecutive columns by a shift and a mask in registers, so x is
/// read in order and no shuffle is needed. Rows are padded with `fill` to a multiple of
/// `paddedColumns`.
struct LanePackedCodes: Sendable {
    /// Bits per code: 4 (INT4), 8 (INT8) or 16 (BF16).
    let bits: Int
    let rows: Int
    let columns: Int
    /// Columns stored per row (a multiple of the block width and of the requested step).
    let paddedColumns: Int
    private(set) var words: [UInt32]

    /// A matrix of `fill` codes, rows padded to a multiple of `step` columns (at least one block).
    init(rows: Int, columns: Int, bits: Int, fill: UInt32, step: Int = 1) {
        precondition([4, 8, 16].contains(bits), "LanePackedCodes: bits \(bits) must be 4, 8 or 16")
        self.bits = bits
        self.rows = rows
        self.columns = columns
        paddedColumns = roundUp(columns, to: max(512 / bits, step))
        var word: UInt32 = 0
        for k in 0..<(32 / bits) { word |= fill << UInt32(k * bits) }
        words = [UInt32](repeating: word, count: rows * paddedColumns * bits / 32)
    }

    /// Bytes per stored row.
    var rowBytes: Int { paddedColumns * bits / 8 }

    private func position(_ row: Int, _ c: Int) -> (word: Int, shift: UInt32) {
        let block = 512 / bits
        return (row * paddedColumns * bits / 32 + c / block * 16 + c % 16, UInt32(c % block / 16 * bits))
    }

    private var mask: UInt32 { (1 << UInt32(bits)) - 1 }

    /// The code at `(row, column)`.
    subscript(row: Int, column: Int) -> UInt32 {
        get {
            let (w, s) = position(row, column)
            return (words[w] >> s) & mask
        }
        set {
            let (w, s) = position(row, column)
            words[w] = words[w] & ~(mask << s) | (newValue & mask) << s
        }
    }
}
