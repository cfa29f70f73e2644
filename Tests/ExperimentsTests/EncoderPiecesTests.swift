@testable import Experiments
import Foundation
import Records
import Tensor
import Testing

/// Pieces of the encoder experiment that need no model.
@Suite struct EncoderPiecesTests {
    @Test func schemeLabelsAreUniqueAndCoverTheIssue() {
        let schemes = EncoderScheme.all(EncoderParameters(profile: .quick))
        let labels = schemes.map(\.label)
        #expect(Set(labels).count == labels.count)
        for label in ["bf16", "int8-channel", "int4-channel", "int4-g32-sym", "int4-g128-asym", "nf4-b64", "fp8-e4m3-channel",
                      "w8a8-minmax", "w8a8-percentile", "w8a8-mse", "w8a8-dynamic", "w8a8-token", "llm.int8", "w8a8-token-sq0.5"] {
            #expect(labels.contains(label), "\(label)")
        }
        #expect(labels.filter { $0.hasPrefix("w8a8-dynamic-sq") }.count == 5)
    }

    @Test func cosineMeasurementsByHand() {
        // Two rows: identical (cosine 1), and orthogonal (cosine 0).
        let a = Tensor(shape: [2, 2], storage: [1, 0, 0, 1]), b = Tensor(shape: [2, 2], storage: [2, 0, 1, 0])
        #expect(EncoderMeasures.cosines(a, b) == [1, 0])
        // 100 cosines 0.01 … 1.00: the 1st percentile is the 1st order statistic; the interval's
        // ranks are np ∓ 1.96·√(np(1−p)) = 1 ∓ 1.95 → ranks 1 and ⌈1 + 1.95 + 1⌉ = 4.
        let c = (1...100).map { Double($0) / 100 }
        let m = EncoderMeasures.cosineMeasurements(c.reversed())
        #expect(m[.cosineP01]?.value == 0.01 && m[.cosineP01Low]?.value == 0.01 && m[.cosineP01High]?.value == 0.04)
        #expect(abs((m[.cosineMean]?.value ?? 0) - 0.505) < 1e-12 && m[.cosineMin]?.value == 0.01 && m[.verses]?.value == 100)
    }

    @Test func neighboursExcludeTheQueryAndOverlapsCount() throws {
        // Unit vectors at angles 0°, 10°, 25°, 90°: row 0's nearest other rows are 1 then 2.
        let angles: [Float] = [0, 10, 25, 90].map { $0 * .pi / 180 }
        let corpus = Tensor(shape: [4, 2], storage: angles.flatMap { [cos($0), sin($0)] })
        let queries = Tensor(shape: [2, 2], storage: Array(corpus.storage.prefix(4)))
        let n = try EncoderMeasures.neighbours(queries, corpus: corpus, k: 2)
        #expect(n == [[1, 2], [0, 2]])
        #expect(EncoderMeasures.overlaps([[1, 2], [0, 2]], [[2, 3], [0, 2]], k: 2) == [0.5, 1])
    }
}
