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
        // Every 32-column block of W has its extreme at −2^(b−1) (the grid's longer side) and
        // every block of x reaches 127: the unclipped scale is exactly 1 (also in FP16) with zero
        // weight error, so the search keeps it and y = W·x in integers.
        let (rows, columns, qmax) = (3, 96, bits == 8 ? 127 : 7)
        var g = SeededGenerator(seed: 70)
        var w = (0..<(rows * columns)).map { _ in Float(Int.random(in: -qmax...qmax, using: &g)) }
        var x = (0..<columns).map { _ in Float(Int.random(in: -127...127, using: &g)) }
        for k in stride(from: 0, to: columns, by: 32) {
            x[k] = 127
            for r in 0..<rows { w[r * columns + k] = -Float(qmax + 1) }
        }
        let y = try Block32GEMV.product(w: Tensor(shape: [rows, columns], storage: w), x: x, bits: bits)
        for r in 0..<rows {
            let expected = (0..<columns).reduce(0) { $0 + Int(w[r * columns + $1]) * Int(x[$1]) }
            #expect(y[r] == Double(expected), "row \(r)")
        }
    }

    @Test("The weight scale is stored in FP16, the extreme on the grid's longer side")
    func fp16Scale() throws {
        // One weight of 1.0001 with a unit activation: d = fp16(−1.0001/128), q = −128 (clipping
        // only adds error to the lone weight, so f = 1 is kept), x8 = 127, t = 1/127, so
        // y = d · t · (−128) · 127, where an FP32 scale would give 1.0001 exactly.
        var w = [Float](repeating: 0, count: 32), x = w
        (w[0], x[0]) = (1.0001, 1)
        let y = try Block32GEMV.product(w: Tensor(shape: [1, 32], storage: w), x: x, bits: 8)
        let d = FloatFormat.fp16.rounded(Float(-1.0001) / 128), t = Float(1) / 127
        #expect(y[0] == Double(d) * Double(t) * -128 * 127)
        #expect(d != Float(-1.0001) / 128, "the test's scale must not be exact in FP16")
    }

    @Test("The searched scale: no block's weight error above the unclipped scale's, some below at 4 bits", arguments: [8, 4])
    func searchedScale(bits: Int) {
        let (rows, columns) = (16, 256)
        var g = SeededGenerator(seed: 71)
        let w = Tensor.normal(shape: [rows, columns], using: &g)
        let (codes, scales) = Block32GEMV.quantized(w, bits: bits)
        let (low, high) = (-Float(1 << (bits - 1)), Float((1 << (bits - 1)) - 1))
        var lower = 0
        for r in 0..<rows {
            for k in 0..<(columns / 32) {
                let range = (r * columns + 32 * k)..<(r * columns + 32 * k + 32)
                let extreme = w.storage[range].max { abs($0) < abs($1) }!
                let d1 = FloatFormat.fp16.rounded(extreme / low)
                let unclipped = range.reduce(Float(0)) { e, i in
                    let v = min(high, max(low, (w.storage[i] / d1).rounded(.toNearestOrEven))) * d1 - w.storage[i]
                    return e + v * v
                }
                let searched = range.reduce(Float(0)) { e, i in
                    let v = Float(codes[i]) * scales[r * (columns / 32) + k] - w.storage[i]
                    return e + v * v
                }
                #expect(searched <= unclipped, "row \(r) block \(k)")
                if searched < unclipped { lower += 1 }
                #expect(range.allSatisfy { Float(codes[$0]) >= low && Float(codes[$0]) <= high })
            }
        }
        // At 8 bits only f = 1 is tried; at 4 bits clipping pays for some Gaussian blocks.
        if bits == 4 { #expect(lower > 0, "clipping should pay for some Gaussian blocks at 4 bits") }
    }
}
