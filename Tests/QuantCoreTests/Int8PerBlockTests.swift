import Testing
@testable import QuantCore

/// `AffineQuantizer.int8PerBlock` against its formula written out here in scalar code.
@Suite struct Int8PerBlockTests {
    /// Codes and scales by the documented formula: `t = m/127`, `q = roundHalfEven(x · fl(127/m))`.
    private func reference(_ x: [Float], blockSize: Int) -> (codes: [Int8], scales: [Float]) {
        var codes = [Int8](), scales = [Float]()
        for start in stride(from: 0, to: x.count, by: blockSize) {
            let block = x[start..<min(x.count, start + blockSize)]
            let m = block.map { abs($0) }.max()!
            scales.append(m / 127)
            let inverse: Float = m > 0 ? 127 / m : 0
            codes += block.map { Int8(($0 * inverse).rounded(.toNearestOrEven)) }
        }
        return (codes, scales)
    }

    private func quantize(_ x: [Float], blockSize: Int) throws(QuantizationError) -> (codes: [Int8], scales: [Float]) {
        var codes = [Int8](repeating: 0, count: x.count)
        var scales = [Float](repeating: -1, count: (x.count + blockSize - 1) / blockSize)
        try x.withUnsafeBufferPointer { (v) throws(QuantizationError) in
            try codes.withUnsafeMutableBufferPointer { (c) throws(QuantizationError) in
                try scales.withUnsafeMutableBufferPointer { (s) throws(QuantizationError) in
                    try AffineQuantizer.int8PerBlock(v, blockSize: blockSize, codes: c, scales: s)
                }
            }
        }
        return (codes, scales)
    }

    /// Whole blocks, a ragged last block, a block of zeros, and the ties of an exact reciprocal.
    @Test(arguments: [128, 100, 16, 1])
    func matchesFormula(blockSize: Int) throws {
        var x = AffineQuantizerTests.sample(1000, seed: 31)
        for i in 200..<328 { x[i] = 0 }
        x[0] = 127  // block 0's reciprocal is exactly 1: ±2.5 and 3.5 are ties
        (x[1], x[2], x[3]) = (2.5, 3.5, -2.5)
        let got = try quantize(x, blockSize: blockSize)
        let expected = reference(x, blockSize: blockSize)
        #expect(got.scales == expected.scales, "block \(blockSize)")
        #expect(got.codes == expected.codes, "block \(blockSize)")
        if blockSize >= 4 { #expect(Array(got.codes[1...3]) == [2, 4, -2]) }
    }

    @Test func nonFiniteIsReportedByIndex() {
        var x = AffineQuantizerTests.sample(300, seed: 32)
        x[170] = -.infinity
        let error = #expect(throws: QuantizationError.self) { try quantize(x, blockSize: 128) }
        #expect(error == .nonFinite(index: 170, value: -.infinity))
    }

    /// Below 127 · 2⁻¹²⁶ the scale stops at the smallest normal float (no infinite reciprocal).
    @Test func subnormalBlockGetsTheSmallestNormalScale() throws {
        let got = try quantize([0x1p-140, -0x1p-146, 0, 0x1p-149], blockSize: 4)
        #expect(got.scales == [.leastNormalMagnitude] && got.codes == [0, 0, 0, 0])
    }
}
