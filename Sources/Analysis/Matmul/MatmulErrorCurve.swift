import Records
import Tensor
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private typealias Parameter = MatmulSchema.Parameter
private typealias Metric = MatmulSchema.Metric

/// The relative error of one format's product against FP64 as the size grows, for one input
/// distribution, with the log–log slope.
///
/// ```
/// e(n) = ‖C₆₄ − Ĉ‖_F / ‖C₆₄‖_F,    fit  e(n) ≈ c · nᵏ
/// ```
/// For a product whose error comes from rounding the n-term sums (FP32), random-walk error
/// growth gives k ≈ 0.5 (√n) on the absolute error of an element, and so k ≈ 0 on the *relative*
/// error (‖C‖_F itself grows like n); an error that comes from rounding the inputs once (FP16,
/// BF16, FP8, INT) is relative per term and stays flat in n (k ≈ 0) unless the scale grows with
/// n (per-tensor integer scales follow max|x|, which grows like √(2 ln n²)).
public struct MatmulErrorCurve: Sendable {
    /// One size's error.
    public struct Point: Sendable {
        /// The size n.
        public let size: Int
        /// The relative Frobenius error with a 95 % bootstrap interval over blocks of rows.
        public let relativeError: ConfidenceInterval
        /// The largest absolute error of an element.
        public let maxAbsError: Double
        /// SQNR in dB.
        public let sqnrDB: Double
        /// Rows of C the error was measured on (n, or the sampled rows).
        public let errorRows: Int
    }

    /// The input distribution (`normal`, `outliers`).
    public let distribution: String
    /// The format (`fp16`, `int8-tensor`, …).
    public let format: String
    /// Whether the format was computed by emulation.
    public let emulated: Bool
    /// The points, by increasing size.
    public let points: [Point]
    /// The power law fitted to (n, relative error); `nil` when an error is zero or fewer than two sizes.
    public let fit: PowerLawFit?
    /// The 95 % Student-t interval of the fitted exponent (its standard error in log space);
    /// `nil` with fewer than three points.
    public let exponentInterval: ConfidenceInterval?
    /// The exponent fitted separately below and from `splitSize`: one power law over three
    /// decades hides a curved relation (FP32's local slope falls from about 0.5 at small n to
    /// about 0.15 at large n as oneDNN's blocked sums take over), so the chapter states both
    /// and calls the upper one the asymptotic slope.
    public let rangeFits: [RangeFit]

    /// The exponent of a power law fitted over a range of sizes.
    public struct RangeFit: Sendable {
        /// The smallest and largest size in the range.
        public let sizes: ClosedRange<Int>
        /// The exponent k with its 95 % Student-t interval (`nil` with fewer than three sizes).
        public let exponent: ConfidenceInterval?
    }

    /// Where the small-n and the asymptotic ranges meet: n ≥ 316 (10^2.5) is asymptotic.
    public static let splitSize = 316

    /// The fit over sizes ≥ `splitSize`, when it has an interval.
    public var asymptotic: RangeFit? { rangeFits.last.flatMap { $0.sizes.lowerBound >= Self.splitSize && $0.exponent != nil ? $0 : nil } }

    /// The error curves of every (distribution, format) of a run, distributions then formats in
    /// run order.
    public static func curves(_ records: MatmulRecords, seed: UInt64 = Bootstrap.defaultSeed) -> [MatmulErrorCurve] {
        let errors = records.trial(.gemmError)
        let blocks = records.trial(.gemmErrorBlock)
        return records.distributions.flatMap { distribution in
            records.formats.map { format in
                let key: [Parameter: ParameterValue] = [.distribution: .string(distribution), .format: .string(format)]
                let points = errors.matching(key).sorted { size($0) < size($1) }.map { r in
                    let s = size(r)
                    let e = r[Metric.relativeError]!.value
                    let energies = blocks.matching(key.merging([.size: .int(s)]) { a, _ in a })
                    return Point(
                        size: s, relativeError: blockInterval(estimate: e, energies, seed: seed),
                        maxAbsError: r[Metric.maxAbsError]!.value,
                        sqnrDB: r[Metric.sqnrDB]!.value,
                        errorRows: Int(r[Parameter.errorRows]?.numberValue ?? Double(s)))
                }
                let x = points.map { Double($0.size) }, y = points.map(\.relativeError.estimate)
                let fit = PowerLawFit(x: x, y: y)
                let ranges = [points.filter { $0.size < splitSize }, points.filter { $0.size >= splitSize }].compactMap { part -> RangeFit? in
                    guard let first = part.first, let last = part.last else { return nil }
                    let px = part.map { Double($0.size) }, py = part.map(\.relativeError.estimate)
                    return RangeFit(sizes: first.size...last.size,
                                    exponent: PowerLawFit(x: px, y: py).flatMap { exponentInterval($0, x: px, y: py) })
                }
                return MatmulErrorCurve(
                    distribution: distribution, format: format, emulated: records.isEmulated(format), points: points,
                    fit: fit, exponentInterval: fit.flatMap { exponentInterval($0, x: x, y: y) }, rangeFits: ranges)
            }
        }
    }

    private static func size(_ r: TrialRecord) -> Int { Int(r[Parameter.size]!.numberValue!) }

    /// The relative error recomputed from resampled blocks of rows: √(Σ squared error / Σ squared reference).
    private static func blockInterval(estimate: Double, _ blocks: [TrialRecord], seed: UInt64) -> ConfidenceInterval {
        let noise = blocks.values(of: Metric.squaredError), signal = blocks.values(of: Metric.squaredReference)
        guard noise.count >= 2 else {
            return ConfidenceInterval(estimate: estimate, lower: estimate, upper: estimate, level: 0.95,
                                      method: .bootstrapPercentile(resamples: 0))
        }
        var rng = SeededGenerator(seed: seed)
        let indices = noise.indices.map(Double.init)
        let resampled = Bootstrap.interval(of: indices, using: &rng) { picks in
            let n = picks.reduce(0) { $0 + noise[Int($1)] }, s = picks.reduce(0) { $0 + signal[Int($1)] }
            return s > 0 ? (n / s).squareRoot() : .nan
        }
        return ConfidenceInterval(estimate: estimate, lower: resampled.lower, upper: resampled.upper,
                                  level: resampled.level, method: resampled.method)
    }

    /// slope ± t(0.975, m − 2) · √(SSR / (m − 2) / Sxx) in log space.
    private static func exponentInterval(_ fit: PowerLawFit, x: [Double], y: [Double]) -> ConfidenceInterval? {
        let m = x.count
        guard m >= 3 else { return nil }
        let lx = x.map { log($0) }, ly = y.map { log($0) }
        let mean = lx.reduce(0, +) / Double(m)
        let sxx = lx.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let ssr = zip(lx, ly).reduce(0) { acc, p in
            let r = p.1 - fit.logFit.predict(p.0)
            return acc + r * r
        }
        let se = (ssr / Double(m - 2) / sxx).squareRoot()
        let t = StudentT.quantile(0.975, degreesOfFreedom: Double(m - 2))
        return ConfidenceInterval(estimate: fit.exponent, lower: fit.exponent - t * se, upper: fit.exponent + t * se,
                                  level: 0.95, method: .studentT)
    }
}
