import Testing
import QuantCore
import Tensor
@testable import Experiments

@Suite("Block-32 GEMV formats (Q8_0 and Q4_0 bits)")
struct Block32GEMVTests {
    @Test("Bits per weight: codes plus one FP16 scale per 32 weights")
    func bits() {
        #expect(Block32GEMV.bitsPerWeight(bits: 8) == 8.5 && Block32GEMV.bitsPerWeight(bits: 4) == 4.5)
    }

    @Test("Integer operands with unit scales give the integer product exactly", arguments: [8, 4])
    func integers(bits: Int) throws {
        // Every 32-column block of W reaches ±qmax and every block of x reaches 127: all scales
        // are exactly 1 (also in FP16), so y = W·x in integers.
        let (rows, columns, qmax) = (3, 96, bits == 8 ? 127 : 7)
        var g = SeededGenerator(seed: 70)
        var w = (0..<(rows * columns)).map { _ in Float(Int.random(in: -qmax...qmax, using: &g)) }
        var x = (0..<columns).map { _ in Float(Int.random(in: -127...127, using: &g)) }
        for k in stride(from: 0, to: columns, by: 32) {
            x[k] = 127
            for r in 0..<rows { w[r * columns + k] = -Float(qmax) }
        }
        let y = try Block32GEMV.product(w: Tensor(shape: [rows, columns], storage: w), x: x, bits: bits)
        for r in 0..<rows {
            let expected = (0..<columns).reduce(0) { $0 + Int(w[r * columns + $1]) * Int(x[$1]) }
            #expect(y[r] == Double(expected), "row \(r)")
        }
    }

    @Test("The weight scale is stored in FP16")
    func fp16Scale() throws {
        // One weight of 1.0001 with a unit activation: q = 127, x8 = 127, t = 1/127, so
        // y = fp16(1.0001/127) · t · 127², where an FP32 scale would give 1.0001 · 127 · t.
        var w = [Float](repeating: 0, count: 32), x = w
        (w[0], x[0]) = (1.0001, 1)
        let y = try Block32GEMV.product(w: Tensor(shape: [1, 32], storage: w), x: x, bits: 8)
        let s = FloatFormat.fp16.rounded(Float(1.0001) / 127), t = Float(1) / 127
        #expect(y[0] == Double(s) * Double(t) * 127 * 127)
        #expect(s != Float(1.0001) / 127, "the test's scale must not be exact in FP16")
    }
}
