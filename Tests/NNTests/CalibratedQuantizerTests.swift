import NN
import QuantCore
import Tensor
import Testing

/// The PTQ input quantizer: values worked by hand on each grid.
@Suite struct CalibratedQuantizerTests {
    /// INT8 symmetric over ±1.27: s = 0.01, so 0.123 → 0.12, 5 saturates at 1.27, −1 stays −1.
    @Test func staticIntegerGrid() {
        let q = AffineQuantizer(bits: 8, symmetric: true)
        let p = q.parameters(for: ClippingRange(symmetric: 1.27))
        let quantizer = CalibratedQuantizer(.integer(q, p))
        let out = quantizer(Tensor(shape: [3], storage: [0.123, 5, -1.0])).storage
        #expect(abs(out[0] - 0.12) < 1e-6 && abs(out[1] - 1.27) < 1e-6 && abs(out[2] + 1.0) < 1e-6, "\(out)")
        #expect(quantizer.bits == 8 && quantizer.method == "ptq")
    }

    /// Dynamic: the range is each tensor's own min-max, so both ends survive exactly.
    @Test func dynamicGridKeepsTheEnds() {
        let quantizer = CalibratedQuantizer(.dynamicInteger(AffineQuantizer(bits: 4, symmetric: false)))
        let out = quantizer(Tensor(shape: [3], storage: [0, 0.5, 3])).storage
        #expect(out[0] == 0 && abs(out[2] - 3) < 1e-6)
        #expect(abs(out[1] - 0.4) < 1e-6, "0.5 / 0.2 is 2.5 less an FP32 rounding of 0.2: code 2, 0.4: \(out)")
    }

    /// Per token: each row gets its own symmetric scale, so a small row keeps its resolution
    /// next to a large one (INT8: row 1 scale 1/127; row 2 scale 100/127, so its 0.5 becomes
    /// code round(0.635) = 1, i.e. 100/127).
    @Test func perRowGridScalesEachToken() {
        let quantizer = CalibratedQuantizer(.dynamicIntegerPerRow(AffineQuantizer(bits: 8, symmetric: true)))
        let out = quantizer(Tensor(shape: [2, 2], storage: [1, 0.5, 100, 0.5])).storage
        #expect(out[0] == 1 && abs(out[1] - 0.5) < 0.5 / 127 && out[2] == 100 && abs(out[3] - 100.0 / 127) < 1e-5, "\(out)")
        #expect(quantizer.bits == 8)
    }

    /// BF16 keeps 8 significant bits: 1 + 2⁻⁸ is a tie and rounds to even (1); with scale 2 the
    /// grid doubles, so 2·(1 + 2⁻⁷) survives.
    @Test func floatGrid() {
        let bf16 = CalibratedQuantizer(.float(.bf16, scale: 1))
        #expect(bf16(Tensor(shape: [1], storage: [1 + 0x1p-8])).storage == [1])
        let scaled = CalibratedQuantizer(.float(.bf16, scale: 2))
        #expect(scaled(Tensor(shape: [1], storage: [2 + 0x1p-6])).storage == [2 + 0x1p-6])
    }

    /// Backward passes the gradient straight through.
    @Test func backwardIsIdentity() {
        var quantizer = CalibratedQuantizer(.dynamicInteger(AffineQuantizer(bits: 8, symmetric: true)))
        let g = Tensor(shape: [2], storage: [0.5, -2])
        _ = quantizer.forward(Tensor(shape: [2], storage: [1, 2]))
        #expect(quantizer.backward(g) == g)
    }
}
