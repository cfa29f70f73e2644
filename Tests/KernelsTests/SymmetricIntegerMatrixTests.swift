import Testing
import Tensor
@testable import Kernels

@Suite("Symmetric quantization of kernel operands")
struct SymmetricIntegerMatrixTests {
    @Test("Codes stay in ±qmax and reconstruct within half a step", arguments: [8, 4], SymmetricIntegerMatrix.ScaleAxis.allCases)
    func halfStep(bits: Int, axis: SymmetricIntegerMatrix.ScaleAxis) throws {
        let x = Reference.normal(9, 37, seed: 21)
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
        let x = Reference.normal(5, 40, seed: 22)
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
        for axis in SymmetricIntegerMatrix.ScaleAxis.allCases {
            #expect(throws: KernelInputError.self, "\(axis)") { try SymmetricIntegerMatrix(quantizing: Tensor(shape: [2, 3], storage: values), bits: 8, axis: axis) }
        }
        #expect(throws: KernelInputError.self) { try SymmetricIntegerMatrix(quantizing: Tensor(shape: [2, 3]), bits: 6, axis: .tensor) }
        #expect(throws: KernelInputError.self) { try SymmetricIntegerMatrix(rows: 2, columns: 2, bits: 4, axis: .tensor, codes: [0, 8, 0, 0], scales: [1]) }
        #expect(throws: KernelInputError.self) { try SymmetricIntegerMatrix(rows: 2, columns: 2, bits: 8, axis: .rows, codes: [0, 0, 0, 0], scales: [1]) }
        #expect(throws: KernelInputError.self) { try SymmetricIntegerMatrix(rows: 2, columns: 2, bits: 8, axis: .tensor, codes: [0, 0, 0], scales: [1]) }
    }
}
