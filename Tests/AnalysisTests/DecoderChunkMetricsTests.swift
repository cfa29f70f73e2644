#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Analysis
import Testing

/// Ratio-of-sums metrics over text chunks, worked by hand, and the paired difference.
@Suite struct DecoderChunkMetricsTests {
    /// Chunks of 100 and 300 characters with 50 and 250 nats: 300 / 400 = 0.75 nats per character.
    static let a = DecoderChunkMetrics(tokens: [100, 300], nll: [50, 250], kl: [1, 3], agree: [90, 240], correct: [40, 150])

    @Test func ratiosOfSums() {
        #expect(abs(Self.a.interval(.bitsPerCharacter).estimate - 0.75 / log(2)) < 1e-15)
        #expect(abs(Self.a.interval(.perplexity).estimate - exp(0.75)) < 1e-15)
        #expect(Self.a.interval(.kl).estimate == 0.01)
        #expect(Self.a.interval(.agreement).estimate == 330.0 / 400)
        #expect(Self.a.interval(.accuracy).estimate == 190.0 / 400)
        // Every resample is a mix of the two chunks' ratios, 0.5 and 0.8333 nats per character.
        let bpc = Self.a.interval(.bitsPerCharacter)
        #expect(bpc.lower >= 0.5 / log(2) - 1e-12 && bpc.upper <= (250.0 / 300) / log(2) + 1e-12)
    }

    /// Against itself the paired difference is exactly 0 in every resample; a model worse by a
    /// constant 10 % in every chunk differs by exactly that in every resample.
    @Test func pairedDifference() {
        let zero = Self.a.difference(.kl, to: Self.a)
        #expect(zero.estimate == 0 && zero.lower == 0 && zero.upper == 0)
        let worse = DecoderChunkMetrics(tokens: [100, 300], nll: [55, 275], kl: [1.1, 3.3], agree: [90, 240], correct: [40, 150])
        let d = worse.difference(.kl, to: Self.a)
        #expect(abs(d.estimate - 0.001) < 1e-15 && abs(d.lower - 0.001) < 1e-12 && abs(d.upper - 0.001) < 1e-12)
    }
}
