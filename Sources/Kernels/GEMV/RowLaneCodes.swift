internal import CKernels

/// The row-lane layout of the integer GEMVs (`Int4Matvec.Layout.rowLanes`,
/// `Int8Matvec.Layout.rowLanes`), prepared once from QuantCore's codes.
///
/// Rows go in groups of sixteen (`ByteDot.rowLanes`; the last group padded with code 0). Per
/// group and block of 128 columns the codes are stored in steps of 64 bytes, one 32-bit lane per
/// row: byte `4i + j` of a step holds row i's code of one of four consecutive columns.
/// - INT4 (1024 bytes per block): step k holds columns `8k + j` in the low nibble and
///   `8k + 4 + j` in the high nibble, as `u = q + 8`;
/// - INT8 (2048 bytes per block): step k holds column `4k + j` as `q + 128`.
/// Why: one `vpdpbusd` with the step's four activations broadcast to every lane then advances
/// sixteen rows at once, the per-block conversion and FMA serve sixteen rows, and the lanes of
/// the result are y itself (see RowLaneGEMV.c). The integer per row and block is the other
/// layouts' exactly.
struct RowLaneCodes: Sendable {
    /// `rowGroups · blocks · 16 · 128 · bits / 8` bytes.
    let bytes: [UInt8]
    /// Blocks of 128 columns per row.
    let blocks: Int
    /// Groups of sixteen rows.
    let rowGroups: Int

    /// Lays out `codes` (`rows × columns`, row-major, in [−7, 7] for `bits` 4 or [−127, 127] for 8).
    init(codes: [Int8], rows: Int, columns: Int, bits: Int) {
        precondition(bits == 4 || bits == 8, "RowLaneCodes: 4 or 8 bits, not \(bits)")
        let lanes = ByteDot.rowLanes, offset = bits == 4 ? 8 : 128
        let (blocks, rowGroups, blockBytes) = ((columns + 127) / 128, (rows + lanes - 1) / lanes, lanes * 128 * bits / 8)
        (self.blocks, self.rowGroups) = (blocks, rowGroups)
        bytes = [UInt8](unsafeUninitializedCapacity: rowGroups * blocks * blockBytes) { out, initialized in
            codes.withUnsafeBufferPointer { q in
                // The offset-binary code of (r, c); that of q = 0 past the last row or column.
                @inline(__always) func u(_ r: Int, _ c: Int) -> Int {
                    (r < rows && c < columns ? Int(q[r * columns + c]) : 0) + offset
                }
                for g in 0..<rowGroups {
                    for b in 0..<blocks {
                        let base = (g * blocks + b) * blockBytes
                        for i in 0..<lanes {
                            let r = g * lanes + i
                            for step in 0..<(blockBytes / 64) {
                                for j in 0..<4 {
                                    let c = 128 * b + (bits == 4 ? 8 * step : 4 * step) + j
                                    out[base + 64 * step + 4 * i + j] =
                                        UInt8(bits == 4 ? u(r, c) | u(r, c + 4) << 4 : u(r, c))
                                }
                            }
                        }
                    }
                }
            }
            initialized = out.count
        }
    }

    /// Per-row values (`rows × perRow`, row-major: INT4 group scales, or INT8 row scales with
    /// `perRow` 1) in the kernels' order: for each group of sixteen rows and each of its
    /// `perRow` entries, sixteen floats, one per row (0 for padding rows).
    static func laneOrdered(_ values: [Float], rows: Int, perRow: Int) -> [Float] {
        let lanes = ByteDot.rowLanes, groups = (rows + lanes - 1) / lanes
        var out = [Float](repeating: 0, count: groups * perRow * lanes)
        for r in 0..<rows {
            for e in 0..<perRow { out[((r / lanes) * perRow + e) * lanes + r % lanes] = values[r * perRow + e] }
        }
        return out
    }
}

extension RowLaneCodes {
    /// The integer product on this layout, row groups split over `threads` workers: W4A8 when
    /// `bits` is 4 (`laneScales` the group scales, `groups` and `blocksPerGroup` theirs), W8A8
    /// when 8 (`laneScales` the row scales, one group). `xq` in column order with its offsets.
    func apply(
        bits: Int, _ xq: BlockQuantizedActivations, laneScales: [Float], groups: Int, blocksPerGroup: Int,
        rows: Int, threads: Int, path: IntegerGEMVPath, into y: UnsafeMutableBufferPointer<Float>
    ) {
        let (blocks, rowGroups) = (blocks, rowGroups)
        bytes.withUnsafeBytes { w in
            laneScales.withUnsafeBufferPointer { s in
                xq.codes.withUnsafeBufferPointer { xc in
                    xq.scales.withUnsafeBufferPointer { xs in
                        xq.offsets.withUnsafeBufferPointer { offsets in
                            let operands = ByteDot.U4S8Operands(
                                x: xc.baseAddress!, xScales: xs.baseAddress!, offsets: offsets.baseAddress!, blocks: blocks,
                                weightScales: s.baseAddress!, groups: groups, blocksPerGroup: blocksPerGroup)
                            forEachChunk(of: rowGroups, threads: threads) { range in
                                if bits == 4 {
                                    ByteDot.u4s8RowLanes(w.baseAddress!, operands, groups: range, rows: rows, into: y.baseAddress!, path: path)
                                } else {
                                    ByteDot.s8s8RowLanes(w.baseAddress!, operands, groups: range, rows: rows, into: y.baseAddress!, path: path)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
