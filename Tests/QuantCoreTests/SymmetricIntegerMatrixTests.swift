import Testing
import Tensor
@testable import QuantCore

/// The scale axes with a ragged last group (37 columns in runs of 16: 16, 16, 5).
private let axes: [SymmetricIntegerMatrix.ScaleAxis] = [.tensor, .rows, .columns, .rowGroups(size: 16)]

@Suite("Symmetric quantization of kernel operands")
struct SymmetricIntegerMatrixTests {
    /// A seeded `rows × columns` tensor of N(0, 1) entries.
    static func normal(_ rows: Int, _ columns: Int, seed: UInt64) -> Tensor {
        var rng = SeededGenerator(seed: seed)
        return Tensor.normal(shape: [rows, columns], using: &rng)
    }

    @Test("Codes stay in ±qmax and reconstruct within half a step", arguments: [8, 4], axes)
    func halfStep(bits: Int, axis: SymmetricIntegerMatrix.ScaleAxis) throws {
        let x = Self.normal(9, 37, seed: 21)
        let q = try SymmetricIntegerMatrix(quantizing: x, bits: bits, axis: axis)
        let qmax = Int8(SymmetricIntegerMatrix.maxCode(bits: bits))
        #expect(q.codes.allSatisfy { -qmax...qmax ~= $0 }, "INT\(bits) \(axis)")
        let xhat = q.dequantized()
        for r in 0..<9 {
            for c in 0..<37 {
                let s = q.scale(row: r, column: c)
                // Half a step, plus the FP32 rounding of x·(1/s) (≤ 2⁻²⁴·qmax steps) and of s·q.
                let bound = s * (0.5 + Float(qmax) * 0x1p-22)
                #expect(abs(x.storage[r * 37 + c] - xhat.storage[r * 37 + c]) <= bound, "INT\(bits) \(axis) (\(r), \(c))")
            }
        }
    }

    @Test("Worked example: per-row INT8 scales are max|x|/127 and codes round to nearest even")
    func workedExample() throws {
        let x = Tensor(shape: [2, 3], storage: [1.27, -0.635, 0, 0, 0, 0])
        let q = try SymmetricIntegerMatrix(quantizing: x, bits: 8, axis: .rows)
        #expect(q.scales == [1.27 / 127, 0])
        #expect(q.codes == [127, -64, 0, 0, 0, 0])  // −0.635/0.01 = −63.5 rounds to even: −64
    }

    @Test("The largest element of each slice maps to ±qmax", arguments: [8, 4])
    func extremes(bits: Int) throws {
        let x = Self.normal(5, 40, seed: 22)
        let q = try SymmetricIntegerMatrix(quantizing: x, bits: bits, axis: .columns)
        let qmax = Int8(SymmetricIntegerMatrix.maxCode(bits: bits))
        for c in 0..<40 {
            let column = (0..<5).map { q.codes[$0 * 40 + c] }
            #expect(column.contains { abs($0) == qmax }, "column \(c)")
        }
    }

    @Test("NaN inputs, bad counts, bad codes and bad bit widths are rejected with one-line errors")
    func rejects() {
        var values = [Float](repeating: 1, count: 6)
        values[4] = .nan
        for axis in axes {
            #expect(throws: QuantizationError.self, "\(axis)") { try SymmetricIntegerMatrix(quantizing: Tensor(shape: [2, 3], storage: values), bits: 8, axis: axis) }
        }
        #expect(throws: QuantizationError.self) { try SymmetricIntegerMatrix(quantizing: Tensor(shape: [2, 3]), bits: 6, axis: .tensor) }
        #expect(throws: QuantizationError.self) { try SymmetricIntegerMatrix(rows: 2, columns: 2, bits: 4, axis: .tensor, codes: [0, 8, 0, 0], scales: [1]) }
        #expect(throws: QuantizationError.self) { try SymmetricIntegerMatrix(rows: 2, columns: 2, bits: 8, axis: .rows, codes: [0, 0, 0, 0], scales: [1]) }
        #expect(throws: QuantizationError.self) { try SymmetricIntegerMatrix(rows: 2, columns: 2, bits: 8, axis: .tensor, codes: [0, 0, 0], scales: [1]) }
    }

    /// The slices of each axis, as row-major element indices, written out here independently
    /// of the implementation's slicing.
    private func slices(_ axis: SymmetricIntegerMatrix.ScaleAxis, rows: Int, columns: Int) -> [[Int]] {
        switch axis {
        case .tensor: return [Array(0..<(rows * columns))]
        case .rows: return (0..<rows).map { r in (0..<columns).map { r * columns + $0 } }
        case .columns: return (0..<columns).map { c in (0..<rows).map { $0 * columns + c } }
        case .rowGroups(let size):
            return (0..<rows).flatMap { r in
                stride(from: 0, to: columns, by: size).map { g in (g..<min(columns, g + size)).map { r * columns + $0 } }
            }
        }
    }

    @Test("One quantizer: codes and scales are AffineQuantizer's (parameters(for:), scalar quantize) on each slice", arguments: [8, 4], axes)
    func sameAsAffineQuantizer(bits: Int, axis: SymmetricIntegerMatrix.ScaleAxis) throws {
        var x = Self.normal(9, 37, seed: 23)
        for c in 0..<37 { x.storage[4 * 37 + c] = 0 }  // an all-zero row
        let q = try SymmetricIntegerMatrix(quantizing: x, bits: bits, axis: axis)
        let affine = AffineQuantizer(bits: bits, symmetric: true)
        for (k, slice) in slices(axis, rows: 9, columns: 37).enumerated() {
            let m = slice.map { abs(x.storage[$0]) }.max()!
            let p = affine.parameters(for: ClippingRange(symmetric: m))
            // The one deliberate difference: an all-zero slice stores scale 0, not 1.
            #expect(q.scales[k] == (m > 0 ? p.scale : 0), "INT\(bits) \(axis) slice \(k)")
            for i in slice {
                #expect(Int32(q.codes[i]) == affine.quantize(x.storage[i], p), "INT\(bits) \(axis) element \(i)")
            }
        }
        if bits == 8 && axis == .tensor {
            let (codes, scale) = AffineQuantizer.int8PerTensor(x.storage)
            #expect(q.codes == codes && q.scales == [scale])
        }
    }

    @Test("A NaN is reported by its row-major index; a subnormal range gets the smallest normal scale", arguments: axes)
    func nonFiniteAndSubnormal(axis: SymmetricIntegerMatrix.ScaleAxis) throws {
        var values = Self.normal(3, 40, seed: 24).storage
        values[57] = .nan
        values[90] = .infinity
        let error = #expect(throws: QuantizationError.self) {
            try SymmetricIntegerMatrix(quantizing: Tensor(shape: [3, 40], storage: values), bits: 8, axis: axis)
        }
        if case .nonFinite(let index, let value)? = error {
            #expect(index == 57 && value.isNaN, "\(axis)")
        } else {
            Issue.record("\(axis): \(String(describing: error))")
        }
        // Below 127 · 2⁻¹²⁶ the scale stops at 2⁻¹²⁶ (a finite reciprocal) and the codes stay near 0.
        let tiny = Tensor(shape: [2, 3], storage: [0x1p-140, -0x1p-141, 0, 0, 0x1p-146, 0])
        let q = try SymmetricIntegerMatrix(quantizing: tiny, bits: 8, axis: axis)
        #expect(q.codes.allSatisfy { abs($0) <= 1 } && q.scales.allSatisfy { $0 == 0 || $0 == .leastNormalMagnitude }, "\(axis)")
    }

    @Test("Row groups: ⌈columns / size⌉ scales per row, row-major; a wrong count is rejected")
    func rowGroups() throws {
        let q = try SymmetricIntegerMatrix(quantizing: Self.normal(2, 5, seed: 25), bits: 4, axis: .rowGroups(size: 2))
        #expect(q.scales.count == 6)
        #expect(q.scale(row: 1, column: 4) == q.scales[5] && q.scale(row: 1, column: 0) == q.scales[3])
        #expect(throws: QuantizationError.self) {
            try SymmetricIntegerMatrix(rows: 2, columns: 5, bits: 4, axis: .rowGroups(size: 2), codes: q.codes, scales: [1, 1, 1, 1])
        }
        #expect(throws: QuantizationError.self) { try SymmetricIntegerMatrix(quantizing: Self.normal(2, 5, seed: 25), bits: 4, axis: .rowGroups(size: 0)) }
    }
}
