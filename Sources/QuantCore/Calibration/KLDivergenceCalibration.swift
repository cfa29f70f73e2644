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
        var bestI = bins
        var bestKL = Double.infinity
        var i = targetBins
        while i <= bins {
            let kl = divergence(histogram, clippedAt: i)
            if kl < bestKL {
                bestKL = kl
                bestI = i
            }
            i += 1
        }
        return Float(min(Double(top), (Double(bestI) + 0.5) * width))
    }

    /// KL(P ‖ Q) for the histogram clipped to its first `i` bins.
    func divergence(_ histogram: [Double], clippedAt i: Int) -> Double {
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
