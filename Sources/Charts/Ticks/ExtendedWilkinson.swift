import Foundation

/// Tick positions for a linear axis by the extended Wilkinson algorithm.
///
/// Talbot, Lin & Hanrahan, "An Extension of Wilkinson's Algorithm for Positioning Tick Labels on
/// Axes", IEEE InfoVis 2010. Every candidate sequence `start·j·q·10^z + i·j·q·10^z`, i = 0..<k, is
/// scored and the best kept:
/// ```
/// score = 0.25·simplicity + 0.2·coverage + 0.5·density + 0.05·legibility
/// simplicity = 1 − (index of q in Q)/(|Q| − 1) − j + v     (v = 1 when 0 is a tick)
/// coverage   = 1 − ½·((dmax − lmax)² + (dmin − lmin)²) / (0.1·(dmax − dmin))²
/// density    = 2 − max(r/ρ, ρ/r),  r = (k − 1)/(lmax − lmin),  ρ = (m − 1)/(max(lmax, dmax) − min(dmin, lmin))
/// legibility = 1
/// ```
/// with nice numbers Q = [1, 5, 2, 2.5, 4, 3]. The search visits j, q, k, z in increasing
/// order and prunes with the upper bounds of each term, as in the paper (and R's `labeling`).
public enum ExtendedWilkinson {
    /// Nice step mantissas, most preferred first.
    static let niceNumbers: [Double] = [1, 5, 2, 2.5, 4, 3]
    static let weights = (simplicity: 0.25, coverage: 0.2, density: 0.5, legibility: 0.05)

    /// The ticks the algorithm picks for the data range [dmin, dmax].
    ///
    /// - Parameters:
    ///   - dmin: Lower end of the data (or padded axis) range.
    ///   - dmax: Upper end; a degenerate range returns `[dmin]`.
    ///   - count: The desired number of ticks m (≥ 2); the result may have a few more or fewer.
    ///   - onlyLoose: Whether the ticks must enclose the range.
    /// - Returns: Increasing tick values. Each is computed as an integer times q·10^z (dividing by
    ///   10^−z when z < 0), so 0.1-steps read 0.3, not 0.30000000000000004.
    public static func ticks(from dmin: Double, to dmax: Double, count m: Int, onlyLoose: Bool = false) -> [Double] {
        precondition(dmin.isFinite && dmax.isFinite, "ExtendedWilkinson: range [\(dmin), \(dmax)] is not finite")
        precondition(m >= 2, "ExtendedWilkinson: count \(m) must be at least 2")
        let (lo, hi) = dmin <= dmax ? (dmin, dmax) : (dmax, dmin)
        if hi - lo < 1e-12 * max(1, abs(hi)) { return [lo] }
        // Start indices are Ints: a range this narrow against its magnitude has no nice ticks anyway.
        if max(abs(lo), abs(hi)) / (hi - lo) > 1e12 { return [lo, hi] }
        let w = weights
        let qCount = Double(niceNumbers.count)
        var best: (score: Double, q: Double, z: Int, start: Int, j: Int, k: Int)? = nil
        var bestScore = -2.0

        var j = 1
        outer: while j < 50 {
            for (qi, q) in niceNumbers.enumerated() {
                let sm = 1 - Double(qi) / (qCount - 1) - Double(j) + 1
                if w.simplicity * sm + w.coverage + w.density + w.legibility < bestScore { break outer }
                var k = 2
                while k < 100 {
                    let dm = k >= m ? 2 - Double(k - 1) / Double(m - 1) : 1
                    if w.simplicity * sm + w.coverage + w.density * dm + w.legibility < bestScore { break }
                    let delta = (hi - lo) / Double(k + 1) / Double(j) / q
                    var z = Int(log10(delta).rounded(.up))
                    while z < 400 {
                        let step = Double(j) * q * pow(10, Double(z))
                        let cm = coverageMax(lo, hi, step * Double(k - 1))
                        if w.simplicity * sm + w.coverage * cm + w.density * dm + w.legibility < bestScore { break }
                        let minStart = Int((hi / step).rounded(.down)) * j - (k - 1) * j
                        let maxStart = Int((lo / step).rounded(.up)) * j
                        if minStart <= maxStart {
                            for start in minStart...maxStart {
                                let lmin = Double(start) * (step / Double(j))
                                let lmax = lmin + step * Double(k - 1)
                                let s = simplicity(qIndex: qi, j: j, lmin: lmin, lmax: lmax, step: step)
                                let c = coverage(lo, hi, lmin, lmax)
                                let g = density(k: k, m: m, lo, hi, lmin, lmax)
                                let score = w.simplicity * s + w.coverage * c + w.density * g + w.legibility
                                if score > bestScore && (!onlyLoose || (lmin <= lo && lmax >= hi)) {
                                    bestScore = score
                                    best = (score, q, z, start, j, k)
                                }
                            }
                        }
                        z += 1
                    }
                    k += 1
                }
            }
            j += 1
        }
        guard let b = best else { return [lo, hi] }
        // Tick i is (start + i·j) · q · 10^z: step/j = q·10^z is the grid that `start` counts in.
        return (0..<b.k).map { i -> Double in
            let mantissa = Double(b.start + i * b.j) * b.q
            return b.z >= 0 ? mantissa * pow(10, Double(b.z)) : mantissa / pow(10, Double(-b.z))
        }
    }

    static func simplicity(qIndex: Int, j: Int, lmin: Double, lmax: Double, step: Double) -> Double {
        let eps = 1e-10
        let remainder = lmin.truncatingRemainder(dividingBy: step)
        let hasZero = (abs(remainder) < eps * step || step - abs(remainder) < eps * step) && lmin <= 0 && lmax >= 0
        return 1 - Double(qIndex) / Double(niceNumbers.count - 1) - Double(j) + (hasZero ? 1 : 0)
    }

    static func coverage(_ dmin: Double, _ dmax: Double, _ lmin: Double, _ lmax: Double) -> Double {
        let range = dmax - dmin
        return 1 - 0.5 * ((dmax - lmax) * (dmax - lmax) + (dmin - lmin) * (dmin - lmin)) / ((0.1 * range) * (0.1 * range))
    }

    static func coverageMax(_ dmin: Double, _ dmax: Double, _ span: Double) -> Double {
        let range = dmax - dmin
        guard span > range else { return 1 }
        let half = (span - range) / 2
        return 1 - 0.5 * (2 * half * half) / ((0.1 * range) * (0.1 * range))
    }

    static func density(k: Int, m: Int, _ dmin: Double, _ dmax: Double, _ lmin: Double, _ lmax: Double) -> Double {
        let r = Double(k - 1) / (lmax - lmin)
        let rt = Double(m - 1) / (max(lmax, dmax) - min(dmin, lmin))
        return 2 - max(r / rt, rt / r)
    }
}
