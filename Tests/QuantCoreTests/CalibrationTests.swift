#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import QuantCore
import Tensor

@Suite struct CalibrationTests {
    static func gaussian(_ n: Int, seed: UInt64) -> [Float] {
        var g = SeededGenerator(seed: seed)
        return (0..<n).map { _ in Float(g.nextNormal()) }
    }

    @Test func minMaxAndPercentileOnKnownData() {
        let x = (0...100).map(Float.init)  // 0, 1, …, 100
        #expect(MinMax.range(of: x, symmetric: false) == ClippingRange(lower: 0, upper: 100))
        #expect(MinMax.range(of: x.map { -$0 }, symmetric: true) == ClippingRange(symmetric: 100))
        // Position 0.9 · 100 = 90 exactly.
        #expect(PercentileCalibration(percentile: 90).range(of: x, symmetric: true) == ClippingRange(symmetric: 90))
        #expect(PercentileCalibration(percentile: 90).range(of: x, symmetric: false) == ClippingRange(lower: 10, upper: 90))
        #expect(PercentileCalibration.quantile([0, 10], 0.25) == 2.5)
    }

    @Test func percentileOfAGaussian() {
        // P(|Z| ≤ 2.5758) = 0.99; 200k samples put the estimate within ~0.02.
        let r = PercentileCalibration(percentile: 99).range(of: Self.gaussian(200_000, seed: 1), symmetric: true)
        #expect((r.upper - 2.5758).magnitude < 0.03, "\(r)")
    }

    @Test func mseSearchClipsAGaussianAt4Bits() {
        let x = Self.gaussian(20_000, seed: 2)
        let q = AffineQuantizer(bits: 4, symmetric: true)
        func error(_ r: ClippingRange) -> Double {
            let p = q.parameters(for: r)
            return meanSquaredError(x, q.quantize(x, p).map { q.dequantize($0, p) })
        }
        let full = MinMax.range(of: x, symmetric: true)
        let best = Calibration.mse.range(of: x, symmetric: true, levels: 8, error: error)
        // The MSE-optimal 4-bit clip of N(0, 1) is about 2.5σ (Banner et al., 2019), far below max ≈ 4.
        #expect(best.upper < full.upper * 0.8 && best.upper > 1.8, "\(best)")
        #expect(error(best) < error(full))
    }

    /// The threshold is the one a brute-force search finds: TensorRT's KL(P ‖ Q) evaluated
    /// straight from its definition (Migacz 2017) for every candidate bin, written here apart
    /// from the library's chunked evaluation, on a histogram the test builds itself. Three
    /// outliers (15, −18, 20) stretch the range far beyond the Gaussian bulk, so the right
    /// threshold is an interior bin: a search that returned the maximum, or any other bin,
    /// fails. (On 50 000 Gaussian draws alone the definition keeps the whole range: the
    /// sparse tail bins are reproduced exactly by Q, so that sample could not tell the two apart.)
    @Test func klThresholdOfAGaussian() {
        let x = Self.gaussian(50_000, seed: 4) + [15, -18, 20]
        let (bins, levels) = (2048, 128)
        let t = KLDivergenceCalibration(bins: bins, targetBins: levels).threshold(of: x)
        let top = Double(x.map(\.magnitude).max()!)
        let width = top / Double(bins)
        var histogram = [Double](repeating: 0, count: bins)
        for v in x { histogram[min(bins - 1, Int(Double(v.magnitude) / width))] += 1 }
        let best = (levels...bins).min { Self.klDefinition(histogram, clippedAt: $0, levels: levels) < Self.klDefinition(histogram, clippedAt: $1, levels: levels) }!
        // Same bin, same centre: equal up to the FP32 rounding of (i + ½)·width.
        let expected = min(top, (Double(best) + 0.5) * width)
        #expect(abs(Double(t) - expected) <= expected * 0x1p-23, "threshold \(t), brute force \(expected) (bin \(best))")
        // And what a reader can check: the clip sits at the edge of the Gaussian bulk (the
        // largest of 50 000 draws is about 4.4σ), nowhere near the outliers' 20.
        #expect(t > 3 && t < 5, "threshold \(t), max \(top)")
        #expect(KLDivergenceCalibration().threshold(of: [0, 0]) == 0)
    }

    /// KL(P ‖ Q) of TensorRT's entropy calibration straight from the definition: P is the first
    /// `i` bins with the rest's mass added to bin i − 1; Q merges those bins into `levels`
    /// chunks and spreads each chunk's mass evenly over its non-empty bins; both normalised;
    /// a zero q against a non-zero p smoothed to 1e-12, as the library does.
    static func klDefinition(_ histogram: [Double], clippedAt i: Int, levels: Int) -> Double {
        var p = Array(histogram[0..<i])
        p[i - 1] += histogram[i...].reduce(0, +)
        var q = [Double](repeating: 0, count: i)
        for chunk in 0..<levels {
            let start = chunk * i / levels, end = (chunk + 1) * i / levels
            let nonEmpty = (start..<end).filter { histogram[$0] > 0 }
            let mass = nonEmpty.reduce(0.0) { $0 + histogram[$1] }
            for j in nonEmpty { q[j] = mass / Double(nonEmpty.count) }
        }
        let pSum = p.reduce(0, +), qSum = q.reduce(0, +)
        var kl = 0.0
        for j in 0..<i where p[j] > 0 {
            let pj: Double = p[j] / pSum
            let qj: Double = max(q[j] / qSum, 1e-12)
            kl += pj * log(pj / qj)
        }
        return kl
    }

    @Test func klByChunksMatchesTheDefinition() {
        // A histogram with empty bins, a heavy tail and a non-empty last bin.
        var g = SeededGenerator(seed: 9)
        let histogram = (0..<300).map { j in j % 7 == 3 ? 0 : Double(g.nextIndex(below: 1000)) / Double(1 + j / 10) }
        let kl = KLDivergenceCalibration(bins: 300, targetBins: 16)
        let sums = KLDivergenceCalibration.PrefixSums(histogram)
        for i in [16, 17, 25, 40, 101, 299, 300] {  // bin 24 is empty
            let fast = kl.divergence(sums, clippedAt: i), direct = kl.divergenceDirect(histogram, clippedAt: i)
            // Both sum the same terms in another order: agreement to ~1e-12 relative.
            #expect((fast - direct).magnitude <= 1e-9 * max(1, direct.magnitude), "i = \(i): \(fast) vs \(direct)")
        }
    }

    @Test func movingAverageObserver() {
        var o = MovingAverageMinMaxObserver(averagingConstant: 0.5)
        #expect(o.range == nil)
        o.observe([-1, 3])
        #expect(o.range == ClippingRange(lower: -1, upper: 3))
        o.observe([-3, 5])
        #expect(o.range == ClippingRange(lower: -2, upper: 4))
        o.observe([])
        #expect(o.range == ClippingRange(lower: -2, upper: 4))
    }

    @Test(arguments: [Calibration.minMax, .percentile(99.9), .mse, .kl])
    func everyCalibrationRunsThroughTheScheme(_ c: Calibration) throws {
        var g = SeededGenerator(seed: 11)
        let t = Tensor.normal(shape: [4, 64], using: &g)
        let r = try QuantizationScheme(target: .integer(bits: 8), granularity: .perChannel(axis: 0), calibration: c).quantize(t)
        #expect(r.scales.count == 4)
        #expect(r.error.sqnrDB > 30, "\(c): \(r.error.sqnrDB) dB")
    }
}

@Suite struct PackingAndMetricsTests {
    @Test func int4KnownByteAndRoundTrip() {
        #expect(BitPacking.pack([1, -1], bits: 4) == [0xF1])
        #expect(BitPacking.pack([1, 2, 3, -1, 1], bits: 2) == [0b11_11_10_01, 0b01])
        var g = SeededGenerator(seed: 6)
        for (bits, signed) in [(4, true), (4, false), (2, true), (2, false), (8, true)] {
            let lo = signed ? -(1 << (bits - 1)) : 0
            let codes = (0..<1001).map { _ in Int32(lo + g.nextIndex(below: 1 << bits)) }
            let packed = BitPacking.pack(codes, bits: bits)
            #expect(packed.count == (1001 * bits + 7) / 8)
            #expect(BitPacking.unpack(packed, bits: bits, count: codes.count, signed: signed) == codes, "\(bits) bits, signed \(signed)")
        }
    }

    @Test func storageAccounting() {
        #expect(StorageCost(elements: 4096, codeBits: 4, groups: 32, scaleBits: 16).bitsPerWeight == 4.125)
        let asym = StorageCost(elements: 256, codeBits: 8, groups: 1, scaleBits: 32, zeroPointBits: 8)
        #expect(asym.totalBits == 256 * 8 + 40 && asym.totalBytes == 261)
    }

    @Test func metricsOnKnownValues() {
        let m = ErrorMetrics(reference: [1.0, 2.0], approximation: [1.0, 1.0])
        #expect(m.mse == 0.5 && m.maxAbsError == 1)
        #expect((m.relativeFrobenius - 1 / 5.0.squareRoot()).magnitude < 1e-15)
        #expect((m.sqnrDB - 6.989700043360188).magnitude < 1e-12)  // 10·log₁₀ 5
        let exact = ErrorMetrics(reference: [Float(1)], approximation: [Float(1)])
        #expect(exact.sqnrDB == .infinity && exact.relativeFrobenius == 0)
    }

    @Test func reductions() {
        let x: [Float] = (0..<100).map { Float($0) - 70 }
        #expect(Reductions.absMax(x) == 70)
        #expect(Reductions.minMax(x) == (-70, 29))
        #expect(Reductions.firstNonFinite(x) == nil)
        #expect(Reductions.firstNonFinite(x + [.nan])?.index == 100)
    }

    /// NaN and ±∞ at every position class: in the two-accumulator body (lanes of either
    /// accumulator) and in the scalar tail.
    @Test(arguments: [0, 17, 40, 99])
    func absMaxFlagsNonFinite(_ position: Int) {
        var x = CalibrationTests.gaussian(100, seed: 3)
        x[position] = -.infinity
        #expect(Reductions.absMax(x) == .infinity, "−∞ at \(position)")
        x[position] = .nan
        #expect(Reductions.absMax(x).isNaN, "NaN at \(position)")
        x[(position + 50) % 100] = .infinity
        #expect(Reductions.absMax(x).isNaN, "NaN and ∞, NaN at \(position)")
        #expect(Reductions.absMax([Float]()) == 0 && Reductions.absMax([-0.0]) == 0)
    }

    @Test(arguments: [(1, 1), (5, 16), (7, 37), (3, 64)])
    func columnAbsMaxMatchesPerColumnLoop(rows: Int, columns: Int) {
        var x = CalibrationTests.gaussian(rows * columns, seed: 4)
        x[(rows - 1) * columns] = .nan  // column 0 of the last row
        let got = x.withUnsafeBufferPointer { Reductions.columnAbsMax($0, rows: rows, columns: columns) }
        #expect(got[0].isNaN, "\(rows)×\(columns) column 0")
        for c in 1..<columns {
            let expected = (0..<rows).map { abs(x[$0 * columns + c]) }.max()!
            #expect(got[c] == expected, "\(rows)×\(columns) column \(c)")
        }
    }
}
