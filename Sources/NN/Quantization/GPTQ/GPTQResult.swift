public import QuantCore
public import Tensor

/// The weights GPTQ chose: integer codes on the quantizer's grid with one set of affine
/// parameters per (row, group), and the dequantized matrix.
public struct GPTQResult: Sendable {
    /// Codes, `[rows, columns]` row-major in the weight's own column order; each in
    /// `quantizer.minCode...quantizer.maxCode`.
    public let codes: [Int32]
    /// The parameters of each (row, group), `rows × groupCount` row-major.
    public let parameters: [AffineParameters]
    /// The group of each column (in the weight's column order). With act-order the groups are
    /// runs of the permuted order, as in the reference implementation's `g_idx`.
    public let groupOfColumn: [Int]
    /// Groups per row (1 per channel).
    public let groupCount: Int
    /// The quantizer whose grid the codes are on.
    public let quantizer: AffineQuantizer
    /// The order the columns were quantized in (identity without act-order).
    public let order: [Int]
    /// `Ŵ[r][c] = scale · (q − zero point)` of the (row, group), `[rows, columns]`.
    public let dequantized: Tensor

    /// Rows of W.
    public var rows: Int { dequantized.shape[0] }
    /// Columns of W.
    public var columns: Int { dequantized.shape[1] }

    /// Weight and scale storage: `rows·columns·bits` bits of codes and a 32-bit scale (and a
    /// zero point of `bits` bits when asymmetric) per (row, group).
    public var storage: StorageCost {
        StorageCost(
            elements: rows * columns, codeBits: quantizer.bits, groups: parameters.count,
            scaleBits: 32, zeroPointBits: quantizer.symmetric ? 0 : quantizer.bits)
    }
}
