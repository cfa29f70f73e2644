import Runner

/// The random streams of the matmul section.
///
/// A stream number is `sub-index << 8 | tag`: the low byte names the draw, the bits above it
/// the size the draw is for.
/// ```
/// peak inputs          1                          (sub-index 0, tag 1)
/// GEMM inputs of n     n << 8                     (tag 0)
/// GEMV inputs          (rows · columns) << 8 | 2  (tag 2)
/// outlier columns of n n << 8 | 3                 (tag 3)
/// calibration A of n   n << 8 | 4                 (tag 4)
/// ```
/// Two GEMV shapes with the same number of weights (a shape and its transpose) share a stream.
enum MatmulStream: RandomStream {
    /// A and B of the peak GEMMs of every instruction type.
    case peakInputs
    /// A and B of the GEMMs of size n: one stream for every distribution, so the outliers are
    /// added to the same normal draws.
    case gemmInputs(size: Int)
    /// W and x of the GEMV of one weight shape.
    case gemvInputs(rows: Int, columns: Int)
    /// The outlier columns of A at size n: one draw shared by the product's A and the
    /// calibration batch, since channel outliers sit in fixed feature dimensions.
    case channelColumns(size: Int)
    /// The calibration batch of size n: another A from the same distribution, from which static
    /// activation ranges are set before the product's A is seen.
    case calibrationInputs(size: Int)

    /// The draw named in the low byte of the stream number.
    private enum Tag: UInt64 {
        case gemm = 0, peak = 1, gemv = 2, channels = 3, calibration = 4
    }

    /// `sub-index << 8 | tag`.
    var index: UInt64 {
        switch self {
        case .peakInputs: Self.compose(0, .peak)
        case .gemmInputs(let size): Self.compose(size, .gemm)
        case .gemvInputs(let rows, let columns): Self.compose(rows * columns, .gemv)
        case .channelColumns(let size): Self.compose(size, .channels)
        case .calibrationInputs(let size): Self.compose(size, .calibration)
        }
    }

    /// - Precondition: `0 ≤ subIndex < 2⁵⁶`, so the shift loses no bit.
    private static func compose(_ subIndex: Int, _ tag: Tag) -> UInt64 {
        precondition(subIndex >= 0 && subIndex < 1 << 56, "matmul stream: sub-index \(subIndex) outside 0..<2⁵⁶")
        return UInt64(subIndex) << 8 | tag.rawValue
    }
}
