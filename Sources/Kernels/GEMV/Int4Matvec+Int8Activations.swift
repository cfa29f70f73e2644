extension Int4Matvec {
    /// The `.int8` path on the lane-packed layout: `y[r] = Σ_b s[r][g(b)] · t[b] · (Σ_{c∈b} u·x8 − 8·Σ_{c∈b} x8)`
    /// (on AVX-512 VNNI one C row loop per chunk of rows, `ByteDot.u4s8Rows`).
    ///
    /// Per block of 128 columns the integer dot is one `ByteDot.u4s8Block` call: 2 loads of weights, 6
    /// nibble operations, 4 `vpmaddubsw` (32 products each), 3 adds, 1 `vpmaddwd`, then one
    /// conversion and FMA into eight float lanes: about 20 vector instructions per 128 codes,
    /// against ≈ 42 for the 16-bit `vpmullw` form this replaced and ≈ 64 for the exact FP32 path.
    func applyInt8(_ xq: BlockQuantizedActivations, into y: UnsafeMutableBufferPointer<Float>) {
        let (rowBytes, groups, groupSize) = (packed.rowBytes, groups, groupSize)
        let blocks = xq.scales.count, blocksPerGroup = groupSize / 128
        let (avx2, path) = (path == .avx2, path)
        packed.words.withUnsafeBytes { w in
            scales.withUnsafeBufferPointer { s in
                xq.codes.withUnsafeBytes { xqp in
                    xq.scales.withUnsafeBufferPointer { xs in
                        xq.offsets.withUnsafeBufferPointer { offsets in
                            let wr = w.baseAddress!, xr = xqp.baseAddress!
                            if path >= .vnni256 {
                                let operands = ByteDot.U4S8Operands(
                                    x: xr.assumingMemoryBound(to: Int8.self), xScales: xs.baseAddress!, offsets: offsets.baseAddress!,
                                    blocks: blocks, weightScales: s.baseAddress!, groups: groups, blocksPerGroup: blocksPerGroup)
                                forEachChunk(of: rows, threads: threads) { range in
                                    ByteDot.u4s8Rows(wr, rowBytes: rowBytes, operands, rows: range, into: y.baseAddress!)
                                }
                                return
                            }
                            forEachChunk(of: rows, threads: threads) { range in
                                for r in range {
                                    let row = wr + r * rowBytes
                                    y[r] = ByteDot.accumulated { a in
                                        var b = 0
                                        // Blocks walked per group: an index division per block
                                        // cost an `idiv` in the loop.
                                        for g in 0..<groups {
                                            let weightScale = s[r * groups + g]
                                            let end = min(blocks, b + blocksPerGroup)
                                            while b < end {
                                                ByteDot.u4s8Block(
                                                    row + b * 64, xr + b * 128, offset: offsets[b], scale: weightScale * xs[b], into: a, avx2: avx2)
                                                b += 1
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
