#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Kernels
import QuantCore
import Tensor

/// The error of an INT8 product under one `ActivationScheme`, against the FP64 product of the
/// unquantized inputs (on the same rows as `GEMMErrorTrial`), and the damage to the ordinary
/// entries of A:
///
/// ```
/// inlier error = ‖A_in − Â_in‖ / ‖A_in‖     over the entries of A that are not outliers
/// ```
/// which shows what a scale stretched by outliers does to every other value, apart from how
/// well the outliers themselves are kept.
struct ActivationSchemeTrial {
    /// What one scheme measured.
    struct Outcome {
        /// Product error on the measured rows.
        var metrics: ErrorMetrics
        /// ‖A_in − Â_in‖ / ‖A_in‖ over all rows of A.
        var inlierError: Double
        /// LLM.int8 only: the share of A's columns multiplied in FP32.
        var keptColumnShare: Double?
    }

    /// The FP64 reference and the measured rows.
    let reference: GEMMErrorTrial
    /// The calibration batch static ranges are set from (another A of the same distribution).
    let calibration: Tensor

    /// Quantizes A under `scheme` (B per column), multiplies on the INT8 kernel (plus the FP32
    /// part of LLM.int8) and measures.
    /// - Throws: what QuantCore and the kernel throw.
    func measure(_ scheme: ActivationScheme, inputs: MatmulInputs) throws -> Outcome {
        let n = inputs.size
        var a = inputs.a, b = inputs.b
        var kept: [Int] = []
        switch scheme {
        case .llmInt8(let threshold):
            kept = Self.columns(of: a, above: threshold)
            for c in kept {
                for r in 0..<n { a.storage[r * n + c] = 0 }
                for j in 0..<n { b.storage[c * n + j] = 0 }
            }
        case .smoothQuant(let alpha):
            let s = Self.smoothingFactors(a: a, b: b, alpha: alpha)
            for r in 0..<n { for c in 0..<n { a.storage[r * n + c] /= s[c] } }
            for c in 0..<n { for j in 0..<n { b.storage[c * n + j] *= s[c] } }
        default:
            break
        }
        let qa = try quantizeActivations(a, scheme)
        let qb = try SymmetricIntegerMatrix(quantizing: b, bits: 8, axis: .columns)
        let kernel = try IntegerMatmulKernel(bits: 8, granularity: .perRowAndColumn)
        try kernel.prepare(a: reference.rows.map { try qa.rows(at: $0) } ?? qa, b: qb)
        try kernel.execute()
        var c = kernel.product()
        if !kept.isEmpty {
            // The outlier columns' exact part: A[rows, kept] · B[kept, :] in FP32.
            let rows = reference.rows ?? Array(0..<n)
            let aKept = Tensor(shape: [rows.count, kept.count], storage: rows.flatMap { r in kept.map { inputs.a.storage[r * n + $0] } })
            let bKept = Tensor(shape: [kept.count, n], storage: kept.flatMap { Array(inputs.b.storage[($0 * n)..<(($0 + 1) * n)]) })
            let part = try sgemm(aKept, bKept)
            for i in c.storage.indices { c.storage[i] += part.storage[i] }
        }
        var reconstructed = qa.dequantized()
        if case .smoothQuant(let alpha) = scheme {
            let s = Self.smoothingFactors(a: inputs.a, b: inputs.b, alpha: alpha)
            for r in 0..<n { for col in 0..<n { reconstructed.storage[r * n + col] *= s[col] } }
        }
        for col in kept { for r in 0..<n { reconstructed.storage[r * n + col] = inputs.a.storage[r * n + col] } }
        return Outcome(
            metrics: reference.metrics(of: c.storage).metrics,
            inlierError: Self.inlierError(inputs.a, reconstructed, mask: inputs.outlierMask),
            keptColumnShare: Self.isLLMInt8(scheme) ? Double(kept.count) / Double(n) : nil)
    }

    private static func isLLMInt8(_ scheme: ActivationScheme) -> Bool {
        if case .llmInt8 = scheme { return true }
        return false
    }

    /// A's codes: per tensor or per row from A itself, or per tensor from the calibration batch.
    private func quantizeActivations(_ a: Tensor, _ scheme: ActivationScheme) throws -> SymmetricIntegerMatrix {
        switch scheme {
        case .perTensor:
            return try SymmetricIntegerMatrix(quantizing: a, bits: 8, axis: .tensor)
        case .perToken, .llmInt8, .smoothQuant:
            return try SymmetricIntegerMatrix(quantizing: a, bits: 8, axis: .rows)
        case .calibrated(let method):
            let range = try QuantizationScheme(target: .integer(bits: 8), symmetric: true, calibration: method)
                .quantize(calibration).ranges[0]
            let q = AffineQuantizer(bits: 8, symmetric: true)
            let p = q.parameters(for: range)
            return try SymmetricIntegerMatrix(
                rows: a.shape[0], columns: a.shape[1], bits: 8, axis: .tensor,
                codes: q.quantize(a.storage, p).map { Int8($0) }, scales: [p.scale])
        }
    }

    /// The columns of `a` holding any |x| > threshold, increasing.
    static func columns(of a: Tensor, above threshold: Float) -> [Int] {
        let n = a.shape[1]
        var flagged = [Bool](repeating: false, count: n)
        for (i, x) in a.storage.enumerated() where abs(x) > threshold { flagged[i % n] = true }
        return flagged.indices.filter { flagged[$0] }
    }

    /// sⱼ = max|A:ⱼ|^α / max|Bⱼ:|^(1−α), 1 where either maximum is 0.
    static func smoothingFactors(a: Tensor, b: Tensor, alpha: Double) -> [Float] {
        let n = a.shape[1]
        var aMax = [Float](repeating: 0, count: n)
        for (i, x) in a.storage.enumerated() { aMax[i % n] = max(aMax[i % n], abs(x)) }
        return (0..<n).map { j in
            let bMax = Reductions.absMax(Array(b.storage[(j * b.shape[1])..<((j + 1) * b.shape[1])]))
            guard aMax[j] > 0, bMax > 0 else { return 1 }
            return Float(pow(Double(aMax[j]), alpha) / pow(Double(bMax), 1 - alpha))
        }
    }

    /// ‖A_in − Â_in‖ / ‖A_in‖ over the entries not marked in `mask`.
    static func inlierError(_ a: Tensor, _ reconstructed: Tensor, mask: [Bool]) -> Double {
        var error = 0.0, norm = 0.0
        for i in a.storage.indices where !mask[i] {
            let d = Double(a.storage[i]) - Double(reconstructed.storage[i])
            error += d * d
            norm += Double(a.storage[i]) * Double(a.storage[i])
        }
        return norm > 0 ? (error / norm).squareRoot() : 0
    }
}
