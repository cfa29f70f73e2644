import Testing
@testable import QuantCore
import Tensor

@Suite struct AffineQuantizerTests {
    struct Config: Sendable, CustomTestStringConvertible {
        let bits: Int
        let symmetric: Bool
        var testDescription: String { "\(symmetric ? "sym" : "asym") \(bits)-bit" }
    }

    static let configs: [Config] = [2, 3, 4, 8, 12, 16].flatMap { [Config(bits: $0, symmetric: true), Config(bits: $0, symmetric: false)] }

    static func sample(_ n: Int, seed: UInt64) -> [Float] {
        var g = SeededGenerator(seed: seed)
        return (0..<n).map { _ in Float(g.nextNormal()) * 3 + 0.5 }
    }

    @Test func symmetricKnownCodesWithExactScale() {
        // t = 127 makes scale exactly 1, so the ties are exact: 2.5 → 2, 3.5 → 4, −2.5 → −2.
        let q = AffineQuantizer(bits: 8, symmetric: true)
        let p = q.parameters(for: ClippingRange(symmetric: 127))
        #expect(p.scale == 1 && p.zeroPoint == 0)
        #expect([2.5, 3.5, -2.5, 127, 200, -300].map { q.quantize(Float($0), p) } == [2, 4, -2, 127, 127, -127])
    }

    @Test func asymmetricKnownCodes() {
        // [−1, 2] in 2 bits: scale 3/3 = 1, zero point round(1/1) = 1, codes 0…3.
        let q = AffineQuantizer(bits: 2, symmetric: false)
        let p = q.parameters(for: ClippingRange(lower: -1, upper: 2))
        #expect(p.scale == 1 && p.zeroPoint == 1)
        #expect([-1, 0, 0.5, 1.5, 2, 9].map { q.quantize(Float($0), p) } == [0, 1, 1, 3, 3, 3])
        // A range that excludes 0 is widened to hold it: [2, 5] → [0, 5], zero point 0.
        let wide = q.parameters(for: ClippingRange(lower: 2, upper: 5))
        #expect(wide.zeroPoint == 0 && wide.scale == Float(5) / 3)
    }

    @Test(arguments: configs)
    func errorWithinHalfAScaleInsideTheRange(_ c: Config) {
        let x = Self.sample(4000, seed: UInt64(c.bits))
        let q = AffineQuantizer(bits: c.bits, symmetric: c.symmetric)
        let range = MinMax.range(of: x, symmetric: c.symmetric)
        let p = q.parameters(for: range)
        for v in x {
            let e = (v - q.dequantize(q.quantize(v, p), p)).magnitude
            // scale/2 plus a few Float roundings of x/scale and scale·(q − z).
            #expect(e <= p.scale / 2 * (1 + 1e-4) + 4 * v.magnitude.ulp, "\(c.testDescription): x = \(v), error \(e), scale \(p.scale)")
        }
    }

    @Test(arguments: configs)
    func clampsOutsideTheRange(_ c: Config) {
        let q = AffineQuantizer(bits: c.bits, symmetric: c.symmetric)
        let p = q.parameters(for: ClippingRange(lower: -1, upper: 1))
        #expect(q.quantize(1000, p) == q.maxCode, "\(c.testDescription)")
        #expect(q.quantize(-1000, p) == q.minCode, "\(c.testDescription)")
    }

    @Test(arguments: configs)
    func zeroIsExact(_ c: Config) {
        let q = AffineQuantizer(bits: c.bits, symmetric: c.symmetric)
        let p = q.parameters(for: ClippingRange(lower: -0.37, upper: 1.91))
        #expect(q.dequantize(q.quantize(0, p), p) == 0, "\(c.testDescription)")
    }

    @Test(arguments: configs)
    func monotoneAndIdempotent(_ c: Config) {
        let x = Self.sample(3000, seed: 99).sorted()
        let q = AffineQuantizer(bits: c.bits, symmetric: c.symmetric)
        let p = q.parameters(for: MinMax.range(of: x, symmetric: c.symmetric))
        let codes = q.quantize(x, p)
        #expect(zip(codes, codes.dropFirst()).allSatisfy { $0 <= $1 }, "\(c.testDescription): not monotone")
        let again = q.quantize(codes.map { q.dequantize($0, p) }, p)
        #expect(again == codes, "\(c.testDescription): q(dq(q(x))) ≠ q(x)")
    }

    @Test(arguments: configs)
    func vectorizedMatchesScalar(_ c: Config) {
        // Halves of the scale are exact ties; the vector and scalar paths must agree on them too.
        let q = AffineQuantizer(bits: c.bits, symmetric: c.symmetric)
        let p = AffineParameters(scale: 0.25, zeroPoint: c.symmetric ? 0 : 1)
        let x = (-300...300).map { Float($0) * 0.125 } + Self.sample(1001, seed: 5)
        #expect(q.quantize(x, p) == x.map { q.quantize($0, p) }, "\(c.testDescription)")
    }

    @Test func int8FastPathMatchesGeneric() {
        let x = Self.sample(100_003, seed: 8)
        let (codes, scale) = AffineQuantizer.int8PerTensor(x)
        let q = AffineQuantizer(bits: 8, symmetric: true)
        let p = q.parameters(for: MinMax.range(of: x, symmetric: true))
        #expect(scale == p.scale)
        #expect(codes.map(Int32.init) == x.map { q.quantize($0, p) })
    }

    @Test(arguments: [2, 3, 5])
    func threadedInt8MatchesOneThread(_ threads: Int) {
        let x = Self.sample(10_007, seed: 12)  // not a multiple of 16 or of the thread count
        var one = [Int8](repeating: 0, count: x.count), many = one
        let s1 = x.withUnsafeBufferPointer { src in one.withUnsafeMutableBufferPointer { AffineQuantizer.int8PerTensor(src, into: $0) } }
        let s2 = x.withUnsafeBufferPointer { src in many.withUnsafeMutableBufferPointer { AffineQuantizer.int8PerTensor(src, into: $0, threads: threads) } }
        #expect(s1 == s2 && one == many, "\(threads) threads")
    }

    /// The streaming-store path (normally from 4 Mi codes on) against the scalar reference, with
    /// destinations at every offset from a 16-byte boundary: the unaligned head, the aligned
    /// streaming body and the tail must together write every code once.
    @Test(arguments: [0, 1, 7, 15])
    func streamingInt8MatchesScalarReference(_ offset: Int) {
        let x = Self.sample(4_099, seed: 21)
        let q = AffineQuantizer(bits: 8, symmetric: true)
        let p = q.parameters(for: MinMax.range(of: x, symmetric: true))
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: x.count + 32, alignment: 16)
        defer { storage.deallocate() }
        storage.initializeMemory(as: UInt8.self, repeating: 0x55)
        let codes = UnsafeMutableBufferPointer(start: (storage.baseAddress! + offset).assumingMemoryBound(to: Int8.self), count: x.count)
        let scale = x.withUnsafeBufferPointer { AffineQuantizer.int8PerTensor($0, into: codes, threads: 2, streamingFrom: 0) }
        #expect(scale == p.scale, "offset \(offset)")
        #expect(Array(codes).map(Int32.init) == x.map { q.quantize($0, p) }, "offset \(offset)")
        // Nothing written outside the destination.
        #expect(storage[..<offset].allSatisfy { $0 == 0x55 } && storage[(offset + x.count)...].allSatisfy { $0 == 0x55 }, "offset \(offset)")
    }

    /// A subnormal range would make 1/scale overflow (and 0 · ∞ is NaN): the scale stops at the
    /// smallest normal float, so every code is finite and such tiny values quantize to zero.
    @Test func subnormalRangeGivesFiniteScaleAndZeroCodes() {
        let x: [Float] = [0x1p-146, -0x1p-146, 0, 0x1p-148]  // subnormal
        for symmetric in [true, false] {
            let q = AffineQuantizer(bits: 8, symmetric: symmetric)
            let p = q.parameters(for: MinMax.range(of: x, symmetric: symmetric))
            #expect(p.scale == .leastNormalMagnitude && p.inverseScale.isFinite, "symmetric \(symmetric)")
            #expect(x.allSatisfy { q.quantize($0, p) == p.zeroPoint }, "symmetric \(symmetric)")
        }
        let (codes, scale) = AffineQuantizer.int8PerTensor(x)
        #expect(scale == .leastNormalMagnitude && codes == [0, 0, 0, 0])
    }

    @Test func allZeroTensorHasScaleOneAndExactZeros() throws {
        for symmetric in [true, false] {
            let r = try QuantizationScheme(target: .integer(bits: 8), symmetric: symmetric).quantize(Tensor(shape: [4, 4]))
            #expect(r.scales == [1] && r.codes.allSatisfy { $0 == 0 } && r.dequantized.storage.allSatisfy { $0 == 0 })
            #expect(r.error.mse == 0)
        }
        let (codes, scale) = AffineQuantizer.int8PerTensor([0, 0, 0])
        #expect(codes == [0, 0, 0] && scale == 1)
    }

    @Test func constantNonZeroTensorIsNearlyExact() throws {
        let t = Tensor(shape: [10], repeating: 5)
        for symmetric in [true, false] {
            let r = try QuantizationScheme(target: .integer(bits: 8), symmetric: symmetric).quantize(t)
            #expect(r.error.maxAbsError <= 1e-5, "symmetric \(symmetric)")
        }
    }
}
