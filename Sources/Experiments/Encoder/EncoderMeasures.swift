import Kernels
import Records
public import Tensor

/// The raw comparisons of the encoder section: embeddings against FP32's, neighbours against
/// FP32's neighbours, layer outputs against FP32's.
public enum EncoderMeasures {
    /// Cosines of matching rows of two `[N, D]` tensors, in FP64.
    public static func cosines(_ a: Tensor, _ b: Tensor) -> [Double] {
        let d = a.shape[1]
        return (0..<a.shape[0]).map { i in
            var dot = 0.0, na = 0.0, nb = 0.0
            for j in 0..<d {
                let x = Double(a.storage[i * d + j]), y = Double(b.storage[i * d + j])
                dot += x * y
                na += x * x
                nb += y * y
            }
            return dot / max((na * nb).squareRoot(), 1e-300)
        }
    }

    /// The mean and the sample standard deviation (n − 1) of `x`, as measurements.
    /// - Precondition: `x` is not empty.
    static func meanAndSD(_ x: [Double]) -> (Measurement, Measurement) {
        precondition(!x.isEmpty, "EncoderMeasures.meanAndSD: no values")
        let mean = x.reduce(0, +) / Double(x.count)
        let variance = x.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(x.count - 1, 1))
        return (Measurement(mean), Measurement(variance.squareRoot()))
    }

    /// The cosine measurements of a scheme: mean, SD, minimum, the 1st percentile (order
    /// statistic ⌈0.01·n⌉) and the order statistics that bound a distribution-free 95 %
    /// interval for it (ranks np ∓ 1.96·√(np(1−p)), the normal approximation of the binomial
    /// count below the quantile; Hahn & Meeker, "Statistical Intervals", §5.2).
    static func cosineMeasurements(_ c: [Double]) -> [EncoderSchema.Metric: Measurement] {
        let n = Double(c.count)
        let (mean, sd) = meanAndSD(c)
        let sorted = c.sorted()
        let p = 0.01, np = n * p, half = 1.96 * (np * (1 - p)).squareRoot()
        func rank(_ r: Double) -> Double { sorted[min(max(Int(r.rounded(.up)), 1), c.count) - 1] }
        return [
            .cosineMean: mean, .cosineSD: sd, .cosineMin: Measurement(sorted[0]),
            .cosineP01: Measurement(rank(np)), .cosineP01Low: Measurement(rank((np - half).rounded(.down))),
            .cosineP01High: Measurement(rank(np + half + 1)), .verses: Measurement(n),
        ]
    }

    /// For each query row of `queries` (`[Q, D]`, unit rows; query i is corpus row i), the
    /// indices of its `k` most similar corpus rows (`[N, D]`, unit rows), itself excluded, by
    /// descending cosine (ties by index).
    static func neighbours(_ queries: Tensor, corpus: Tensor, k: Int) throws -> [[Int]] {
        let (q, n, d) = (queries.shape[0], corpus.shape[0], corpus.shape[1])
        var scores = [Float](repeating: 0, count: q * n)
        try queries.storage.withUnsafeBufferPointer { (pq) throws(DNNLError) in
            try corpus.storage.withUnsafeBufferPointer { (pc) throws(DNNLError) in
                try scores.withUnsafeMutableBufferPointer { (ps) throws(DNNLError) in
                    try sgemm(transposeB: true, m: q, n: n, k: d, a: pq, b: pc, c: ps)
                }
            }
        }
        return (0..<q).map { i in
            let row = scores[(i * n)..<((i + 1) * n)]
            return row.indices.filter { $0 - i * n != i }
                .sorted { (row[$0], -$0) > (row[$1], -$1) }
                .prefix(k).map { $0 - i * n }
        }
    }

    /// |a ∩ b| / k for each pair of neighbour lists.
    static func overlaps(_ a: [[Int]], _ b: [[Int]], k: Int) -> [Double] {
        zip(a, b).map { Double(Set($0).intersection($1).count) / Double(k) }
    }

    /// SQNR of `approximation` against `reference` over the rows `mask` keeps, in dB:
    /// `10·log₁₀(Σ ref² / Σ (ref − approx)²)`; +∞ when they are equal.
    static func sqnr(reference: [Float], approximation: [Float], width: Int, mask: [Bool]) -> (signal: Double, noise: Double) {
        var s = 0.0, e = 0.0
        for r in 0..<(reference.count / width) where mask[r] {
            for j in 0..<width {
                let x = Double(reference[r * width + j]), y = Double(approximation[r * width + j])
                s += x * x
                e += (x - y) * (x - y)
            }
        }
        return (s, e)
    }
}
