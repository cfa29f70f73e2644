#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Tensor

/// One model's per-chunk sums on the held-out text, and its metrics with percentile-bootstrap
/// intervals over the chunks (Efron & Tibshirani 1993, §13.3).
///
/// ```
/// bits per character = Σ nll / Σ tokens / ln 2        perplexity = exp(Σ nll / Σ tokens)
/// KL per character   = Σ kl / Σ tokens               top-1 agreement = Σ agree / Σ tokens
/// ```
/// Each resample draws chunks with replacement and forms the ratio of sums over the drawn
/// chunks. Chunks are consecutive runs of text, so neighbouring characters' dependence stays
/// inside a chunk. A paired difference between two models resamples the same chunk indices for
/// both, which is what makes it far narrower than the two intervals of the absolute values.
public struct DecoderChunkMetrics: Sendable {
    /// Predicted characters per chunk.
    public let tokens: [Double]
    /// Σ −ln q(y) per chunk, nats.
    public let nll: [Double]
    /// Σ KL(P_fp32 ‖ P) per chunk, nats.
    public let kl: [Double]
    /// Top-1 agreements with FP32 per chunk.
    public let agree: [Double]
    /// Correct top-1 predictions per chunk.
    public let correct: [Double]

    /// A model's sums, chunk by chunk.
    /// - Precondition: the five arrays have one entry per chunk.
    public init(tokens: [Double], nll: [Double], kl: [Double], agree: [Double], correct: [Double]) {
        precondition([nll.count, kl.count, agree.count, correct.count].allSatisfy { $0 == tokens.count } && !tokens.isEmpty,
                     "DecoderChunkMetrics: \(tokens.count) chunks with \(nll.count), \(kl.count), \(agree.count), \(correct.count) sums")
        (self.tokens, self.nll, self.kl, self.agree, self.correct) = (tokens, nll, kl, agree, correct)
    }

    /// A metric: a function of the summed values over a set of chunk indices.
    public enum Metric: Sendable, CaseIterable {
        /// Σ nll / Σ tokens / ln 2.
        case bitsPerCharacter
        /// exp(Σ nll / Σ tokens).
        case perplexity
        /// Σ kl / Σ tokens, nats.
        case kl
        /// Σ agree / Σ tokens.
        case agreement
        /// Σ correct / Σ tokens.
        case accuracy

        /// The metric over the chunks `chunks` (indices may repeat).
        func value(_ m: DecoderChunkMetrics, _ chunks: [Int]) -> Double {
            let n = chunks.reduce(0.0) { $0 + m.tokens[$1] }
            func mean(_ x: [Double]) -> Double { chunks.reduce(0.0) { $0 + x[$1] } / n }
            switch self {
            case .bitsPerCharacter: return mean(m.nll) / log(2)
            case .perplexity: return exp(mean(m.nll))
            case .kl: return mean(m.kl)
            case .agreement: return mean(m.agree)
            case .accuracy: return mean(m.correct)
            }
        }
    }

    /// The metric over every chunk with its bootstrap interval.
    public func interval(_ metric: Metric, seed: UInt64 = Bootstrap.defaultSeed) -> ConfidenceInterval {
        Self.chunkBootstrap(count: tokens.count, seed: seed) { metric.value(self, $0) }
    }

    /// `metric(self) − metric(other)` over the same resampled chunks: the paired interval.
    /// - Precondition: both have the same chunks.
    public func difference(_ metric: Metric, to other: DecoderChunkMetrics, seed: UInt64 = Bootstrap.defaultSeed) -> ConfidenceInterval {
        precondition(other.tokens == tokens, "paired difference of models scored on different chunks")
        return Self.chunkBootstrap(count: tokens.count, seed: seed) { metric.value(self, $0) - metric.value(other, $0) }
    }

    /// A percentile-bootstrap interval of `statistic` over chunk indices drawn with replacement
    /// (`Bootstrap.defaultResamples` samples of `count`, `Bootstrap.percentile`'s quantiles).
    private static func chunkBootstrap(count: Int, seed: UInt64, _ statistic: ([Int]) -> Double) -> ConfidenceInterval {
        var rng = SeededGenerator(seed: seed)
        let resamples = Bootstrap.defaultResamples
        var indices = [Int](repeating: 0, count: count)
        let estimates = (0..<resamples).map { _ in
            for i in 0..<count { indices[i] = rng.nextIndex(below: count) }
            return statistic(indices)
        }
        return Bootstrap.percentile(estimate: statistic(Array(0..<count)), of: estimates, level: 0.95, resamples: resamples)
    }
}
