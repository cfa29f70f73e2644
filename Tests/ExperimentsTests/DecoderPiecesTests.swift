@testable import Experiments
import Datasets
import Testing

/// Pieces of the decoder experiment that need no training.
@Suite struct DecoderPiecesTests {
    /// The grid of issue 13: FP32 first, every name once, the families the chapter reads.
    @Test func gridIsCompleteAndUnique() {
        let grid = DecoderVariant.grid(groupSizes: [128, 64, 32])
        let names = grid.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.first == "fp32")
        for name in ["rtn-w8-channel", "rtn-w3-g32", "nf4-b64", "fp8-e4m3", "gptq-w4-g128", "gptq-w3-g128-act", "w8a8-tensor", "w8a8-token", "w4a8-token"] {
            #expect(names.contains(name), "\(name)")
        }
        #expect(grid.count == 1 + 3 * 4 + 2 + 4 + 3)
        #expect(DecoderExperiment.groupSizes(width: 192) == [64, 32] && DecoderExperiment.groupSizes(width: 256) == [128, 64, 32])
    }

    /// Warm-up rises linearly to the peak, the cosine ends at a tenth of it.
    @Test func learningRateSchedule() throws {
        var p = DecoderParameters(profile: .quick)
        (p.steps, p.warmupSteps, p.learningRate) = (110, 10, 1)
        let corpus = try DecoderCorpus(books: [KJV.Book(name: "A", verses: ["ab"]), KJV.Book(name: "B", verses: ["ba"])], heldOutCount: 1, file: "kjv.jsonl")
        let training = DecoderTraining(parameters: p, corpus: corpus)
        #expect(training.learningRate(step: 5) == 0.5 && training.learningRate(step: 10) == 1)
        #expect(abs(training.learningRate(step: 60) - 0.55) < 1e-6 && abs(training.learningRate(step: 110) - 0.1) < 1e-6)
    }

    /// The split is by book, the vocabulary covers both parts, and decode inverts encode.
    @Test func corpusSplitsByBook() throws {
        let books = [KJV.Book(name: "A", verses: ["ab", "c"]), KJV.Book(name: "B", verses: ["d"]), KJV.Book(name: "C", verses: ["ad"])]
        let corpus = try DecoderCorpus(books: books, heldOutCount: 2, file: "kjv.jsonl")
        #expect(corpus.decode(corpus.train) == "ab\nc" && corpus.decode(corpus.heldOut) == "d\nad")
        #expect(corpus.vocabulary.count == 5 && corpus.heldOutNames == ["B", "C"])
        #expect(throws: DataFileError.self) { try DecoderCorpus(books: books, heldOutCount: 3, file: "kjv.jsonl") }
    }

    /// Windows of T + 1 do not overlap; targets are the inputs shifted by one.
    @Test func windows() {
        let w = DecoderWindows(Array(0..<10), length: 3)
        #expect(w.starts == [0, 4])
        let batch = w.batch(0..<2)
        #expect(batch.inputs == [0, 1, 2, 4, 5, 6] && batch.targets == [1, 2, 3, 5, 6, 7])
        #expect(DecoderWindows(Array(0..<100), length: 3).evenlySpaced(5).starts == [0, 20, 40, 60, 80])
    }
}
