import Testing
@testable import Experiments

/// The named random streams keep the numbers the sections drew from before they had names, so
/// every stored non-timing result stays bit for bit the same.
@Suite("random streams")
struct StreamTests {
    @Test func matmulStreams() {
        #expect(MatmulStream.peakInputs.index == 1)
        for size in [10, 1778, 10000] {
            #expect(MatmulStream.gemmInputs(size: size).index == UInt64(size) << 8, "n = \(size)")
        }
        for (rows, columns) in [(24, 256), (1024, 4096), (11008, 4096)] {
            #expect(MatmulStream.gemvInputs(rows: rows, columns: columns).index == UInt64(rows * columns) << 8 | 2, "\(rows)×\(columns)")
        }
    }

    @Test func linregStreams() {
        for k in 0..<7 {
            for seed in 0..<3 {
                #expect(LinregStream.synthetic(kappaIndex: k, seed: seed).index == UInt64(100 + k * 1000 + seed), "κ \(k), seed \(seed)")
            }
        }
        for d in 0..<2 {
            for r in 0..<4 {
                #expect(LinregStream.folds(datasetIndex: d, repeatIndex: r).index == UInt64(50_000 + 100 * d + r), "dataset \(d), repeat \(r)")
            }
        }
        for e in [0, 1, 39] {
            #expect(LinregStream.qatValidation(entry: e).index == UInt64(800_000 + e), "validation, entry \(e)")
            for bits in [2, 3, 4] {
                for setting in [0, 4, 8] {
                    for seed in 1...3 {
                        #expect(LinregStream.qatBatches(entry: e, bits: bits, setting: setting, seed: seed).index
                                    == UInt64(900_000 + e * 100_000 + bits * 10_000 + setting * 100 + seed),
                                "entry \(e), bits \(bits), setting \(setting), seed \(seed)")
                    }
                }
            }
        }
    }

    @Test func formatsStreams() {
        #expect(FormatsTrials.distributions.indices.map { FormatsStream.levelSamples(distributionIndex: $0).index } == [0, 1])
    }
}
