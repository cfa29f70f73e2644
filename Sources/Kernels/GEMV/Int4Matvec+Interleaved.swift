/// The row-interleaved INT4 layout of the W4A8 GEMV (`Int4Matvec.Layout.interleaved`), prepared
/// once from QuantCore's codes, and its product.
///
/// Rows go in groups of four (`ByteDot.interleave`; the last group padded with code 0). For each
/// block b of 128 columns a group stores its four rows' 64 bytes one after the other, and byte j
/// of a row holds column 128b + j in its low nibble and column 128b + 64 + j in its high nibble
/// (offset-binary `u = q + 8`), the order llama.cpp's Q4_0 uses within its blocks. Why:
/// - one load of a block's activations feeds four rows, and the four rows' weights are one
///   contiguous 256-byte stream;
/// - the activations stay in column order, so quantizing x needs no permutation (the
///   lane-packed layout's `BlockQuantizedActivations.Order.int4Nibbles`);
/// - on 512-bit vectors a row's 64 bytes are one register whose low and high nibbles pair with
///   the two halves of the block's activations: one load, three nibble operations and two
///   `vpdpbusd` per row and block.
/// The integer per block is the lane-packed path's exactly; only the float lanes differ.
struct InterleavedInt4Codes: Sendable {
    /// `⌈rows / 4⌉ · blocks · 4 · 64` bytes.
    let bytes: [UInt8]
    /// Blocks of 128 columns per row.
    let blocks: Int
    /// Groups of four rows.
    let rowGroups: Int

    /// Interleaves `codes` (`rows × columns`, row-major, in [−7, 7]).
    init(codes: [Int8], rows: Int, columns: Int) {
        let interleave = ByteDot.interleave
        blocks = (columns + 127) / 128
        rowGroups = (rows + interleave - 1) / interleave
        let blocks = blocks
        bytes = [UInt8](unsafeUninitializedCapacity: rowGroups * blocks * interleave * 64) { out, initialized in
            codes.withUnsafeBufferPointer { q in
                // u = q + 8 of (r, c); 8 (q = 0) past the last row or column.
                @inline(__always) func u(_ r: Int, _ c: Int) -> UInt8 {
                    r < rows && c < columns ? UInt8(truncatingIfNeeded: Int(q[r * columns + c]) + 8) : 8
                }
                for g in 0..<(out.count / (interleave * 64) / blocks) {
                    for b in 0..<blocks {
                        for i in 0..<interleave {
                            let r = g * interleave + i, base = ((g * blocks + b) * interleave + i) * 64
                            for j in 0..<64 { out[base + j] = u(r, 128 * b + j) | u(r, 128 * b + 64 + j) << 4 }
                        }
                    }
                }
            }
            initialized = out.count
        }
    }
}

extension Int4Matvec {
    /// The `.int8` product on the row-interleaved layout: x quantized in column order, then one
    /// C row loop per chunk of row groups (`ByteDot.u4s8InterleavedRows`) on `path`.
    func applyInterleaved(_ codes: InterleavedInt4Codes, _ xq: BlockQuantizedActivations, into y: UnsafeMutableBufferPointer<Float>) {
        let (groups, blocksPerGroup, path, rows) = (groups, groupSize / 128, path, rows)
        codes.bytes.withUnsafeBytes { w in
            scales.withUnsafeBufferPointer { s in
                xq.codes.withUnsafeBufferPointer { xc in
                    xq.scales.withUnsafeBufferPointer { xs in
                        xq.offsets.withUnsafeBufferPointer { offsets in
                            let operands = ByteDot.U4S8Operands(
                                x: xc.baseAddress!, xScales: xs.baseAddress!, offsets: offsets.baseAddress!, blocks: codes.blocks,
                                weightScales: s.baseAddress!, groups: groups, blocksPerGroup: blocksPerGroup)
                            forEachChunk(of: codes.rowGroups, threads: threads) { range in
                                ByteDot.u4s8InterleavedRows(w.baseAddress!, operands, groups: range, rows: rows, into: y.baseAddress!, path: path)
                            }
                        }
                    }
                }
            }
        }
    }
}
