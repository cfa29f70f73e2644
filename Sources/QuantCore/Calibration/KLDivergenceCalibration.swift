#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Entropy calibration (NVIDIA TensorRT, Migacz 2017, "8-bit Inference with TensorRT"): the
/// clipping threshold t that minimizes KL(P ‖ Q) between the histogram of |x| clipped at t and
/// the same histogram merged into `targetBins` levels and expanded back.
///
/// For each candidate i (bins `targetBins…bins`), P is the first i bins with the outlier mass
/// of the rest added to bin i − 1; Q merges those i bins into `targetBins` equal chunks and
/// spreads each chunk's mass uniformly over its non-empty bins. t = (i + ½) · bin width of the best i.
public struct KLDivergenceCalibration: Sendable, Hashable {
    /// Histogram bins over [0, max|x|].
    public let bins: Int
    /// Quantization levels on one side of zero (128 for INT8).
    public let targetBins: Int

    /// TensorRT's defaults: 2048 histogram bins, 128 levels (INT8).
    /// - Precondition: `bins ≥ targetBins ≥ 1`.
    public init(bins: Int = 2048, targetBins: Int = 128) {
        precondition(targetBins >= 1 && bins >= targetBins, "KLDivergenceCalibration: need bins ≥ targetBins ≥ 1")
        self.bins = bins
        self.targetBins = targetBins
    }

    /// The threshold t ∈ (0, max|x|]; 0 when every value is zero.
    public func threshold(of values: [Float]) -> Float {
        let top = values.reduce(Float(0)) { max($0, $1.magnitude) }
        guard top > 0 else { return 0 }
        var histogram = [Double](repeating: 0, count: bins)
        let width = Double(top) / Double(bins)
        for v in values {
            histogram[min(bins - 1, Int(Double(v.magnitude) / width))] += 1
        }
        let sums = PrefixSums(histogram)
        var bestI = bins
        var bestKL = Double.infinity
        for i in targetBins...bins {
            let kl = divergence(sums, clippedAt: i)
            if kl < bestKL {
                bestKL = kl
                bestI = i
            }
        }
        return Float(min(Double(top), (Double(bestI) + 0.5) * width))
    }

    /// Running sums over the histogram, so one candidate costs O(targetBins), not O(bins):
    /// Σh, Σh·ln h and the count of non-empty bins before each bin.
    struct PrefixSums {
        let histogram: [Double]
        let mass: [Double], massLogMass: [Double], nonEmpty: [Int]

        init(_ histogram: [Double]) {
            self.histogram = histogram
            var mass = [0.0], massLogMass = [0.0], nonEmpty = [0]
            for h in histogram {
                mass.append(mass.last! + h)
                massLogMass.append(massLogMass.last! + (h > 0 ? h * log(h) : 0))
                nonEmpty.append(nonEmpty.last! + (h > 0 ? 1 : 0))
            }
            self.mass = mass
            self.massLogMass = massLogMass
            self.nonEmpty = nonEmpty
        }
    }

    /// KL(P ‖ Q) for the histogram clipped to its first `i` bins, by chunks: within a chunk c of
    /// mass m and n non-empty bins every non-empty q is m/n, so its bins contribute
    /// ```
    /// (1/N) · [Σ h ln h − Σh · ln N − Σh · ln((m/n) / Qₜ)]
    /// ```
    /// with N the total count (P's normaliser, outliers included) and Qₜ = Σ_{j<i} h (Q's).
    /// The last bin, which also holds the outliers, is added on its own. Same value as
    /// `divergenceDirect` up to rounding (tested).
    func divergence(_ s: PrefixSums, clippedAt i: Int) -> Double {
        let total = s.mass[s.histogram.count]
        let qTotal = s.mass[i]
        guard total > 0, qTotal > 0 else { return .infinity }
        let logTotal = log(total)
        var kl = 0.0
        var lastBinQ = 0.0
        for chunk in 0..<targetBins {
            let start = chunk * i / targetBins, end = (chunk + 1) * i / targetBins
            guard start < end else { continue }
            let m = s.mass[end] - s.mass[start]
            let n = s.nonEmpty[end] - s.nonEmpty[start]
            guard n > 0 else { continue }
            let q = max(m / Double(n) / qTotal, 1e-12)
            if end == i { lastBinQ = s.histogram[i - 1] > 0 ? q : 0 }
            // Every bin of the chunk but the last bin of the clipped histogram.
            let stop = min(end, i - 1)
            guard start < stop else { continue }
            let h = s.mass[stop] - s.mass[start]
            let hLogH = s.massLogMass[stop] - s.massLogMass[start]
            kl += (hLogH - h * logTotal - h * log(q)) / total
        }
        let last = s.histogram[i - 1] + (total - qTotal)  // the outlier mass joins bin i − 1
        if last > 0 {
            let p = last / total
            kl += p * log(p / max(lastBinQ, 1e-12))
        }
        return kl
    }

    /// KL(P ‖ Q) for the histogram clipped to its first `i` bins, straight from the definition
    /// in O(bins): the reference for `divergence(_:clippedAt:)`.
    func divergenceDirect(_ histogram: [Double], clippedAt i: Int) -> Double {
        var p = Array(histogram[0..<i])
        p[i - 1] += histogram[i...].reduce(0, +)
        var q = [Double](repeating: 0, count: i)
        for chunk in 0..<targetBins {
            let start = chunk * i / targetBins, end = (chunk + 1) * i / targetBins
            guard start < end else { continue }
            let mass = histogram[start..<end].reduce(0, +)
            let nonEmpty = histogram[start..<end].filter { $0 > 0 }.count
            guard nonEmpty > 0 else { continue }
            for j in start..<end where histogram[j] > 0 { q[j] = mass / Double(nonEmpty) }
        }
        let pTotal = p.reduce(0, +), qTotal = q.reduce(0, +)
        guard pTotal > 0, qTotal > 0 else { return .infinity }
        var kl = 0.0
        for j in 0..<i where p[j] > 0 {
            let pj = p[j] / pTotal
            // A bin that only the outlier mass filled has q = 0: smooth it so KL stays finite.
            let qj = max(q[j] / qTotal, 1e-12)
            kl += pj * log(pj / qj)
        }
        return kl
    }
}
