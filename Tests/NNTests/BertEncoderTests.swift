import Foundation
import NN
import QuantCore
import Tensor
import Testing

@Suite("BERT encoder")
struct BertEncoderTests {
    /// The pinned all-MiniLM-L6-v2 (`make test` runs `make data` first).
    static let model: BertEncoder = {
        do {
            return try BertEncoder(folder: EncoderGolden.modelFolder)
        } catch {
            fatalError("\(error)")
        }
    }()

    /// Cosine of two vectors in FP64.
    static func cosine(_ a: some Collection<Float>, _ b: some Collection<Float>) -> Double {
        var dot = 0.0, na = 0.0, nb = 0.0
        for (x, y) in zip(a, b) {
            dot += Double(x) * Double(y)
            na += Double(x) * Double(x)
            nb += Double(y) * Double(y)
        }
        return dot / (na.squareRoot() * nb.squareRoot())
    }

    @Test("cosine ≥ 0.9999 to transformers' embedding on every golden input, batched with padding")
    func golden() {
        let golden = EncoderGolden.shared
        // Batches of 8 sorted by length: every batch but the shortest pads some sequences, so
        // the padding mask is exercised; the truncated inputs run at the full 128 tokens.
        let e = Self.model.embed(golden.inputs.map(\.ids), batchSize: 8)
        let d = Self.model.configuration.hiddenSize
        for (i, input) in golden.inputs.enumerated() {
            let ours = e.storage[(i * d)..<((i + 1) * d)]
            let c = Self.cosine(ours, input.embedding)
            // FP32 with different summation orders: the floor of issue 12.
            #expect(c >= 0.9999, "\(input.label): cosine \(c)")
            let norm = ours.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
            #expect(abs(norm - 1) < 1e-5, "\(input.label): norm \(norm)")
        }
    }

    @Test("a sequence alone and padded in a batch give the same embedding")
    func paddingInvariance() {
        let short = [101, 1999, 1996, 2927, 102], long = [101] + Array(repeating: 2422, count: 20) + [102]
        let alone = Self.model.embed(TokenBatch([short]))
        let padded = Self.model.embed(TokenBatch([long, short]))
        // The masked keys get zero probability, so only summation order differs.
        let c = Self.cosine(alone.storage, padded.storage[384..<768])
        #expect(c > 0.999999, "cosine \(c)")
    }

    @Test("length buckets: sorted by length, cut in runs, every index once")
    func buckets() {
        let sequences = [[1, 2, 3], [1], [1, 2], [1, 2, 3, 4], [1, 2]]
        #expect(TokenBatch.bucketed(sequences, size: 2) == [[1, 2], [4, 0], [3]])
        let batch = TokenBatch([[7, 8, 9], [5]], padding: 0)
        #expect(batch.ids == [7, 8, 9, 5, 0, 0] && batch.mask == [true, true, true, true, false, false] && batch.length == 3)
    }

    @Test("a fixed length pads every sequence to it, and never truncates a longer one")
    func fixedLength() {
        let batch = TokenBatch([[7, 8, 9], [5]], length: 5)
        #expect(batch.length == 5 && batch.lengths == [3, 1], "length \(batch.length)")
        #expect(batch.ids == [7, 8, 9, 0, 0, 5, 0, 0, 0, 0], "ids \(batch.ids)")
        #expect(batch.mask == [true, true, true, false, false, true, false, false, false, false], "mask \(batch.mask)")
        #expect(TokenBatch([[7, 8, 9]], length: 2).length == 3)
    }

    @Test("GPTQ INT4 g128: codes on the grid, RTN's bytes, and calibration embeddings closer to FP32 than RTN's")
    func gptq() throws {
        // Two verses of different length in one batch: the shorter one's padding rows must not
        // enter the Hessians (only real tokens reach an embedding). The first layer's query and
        // value projections only: all 36 layers take about two minutes in a debug build.
        let verses = [[101, 1999, 1996, 2927, 2643, 2580, 1996, 6014, 1998, 1996, 3011, 1012, 102],
                      [101, 1998, 2643, 2056, 1010, 2292, 2045, 2022, 2422, 102]]
        let calibration = [TokenBatch(verses)]
        func chosen(_ site: BertLinearSite) -> Bool { site.layer == 0 && (site.role == .query || site.role == .value) }
        let grid = QuantizationScheme(target: .integer(bits: 4), symmetric: true, granularity: .perGroup(axis: -1, size: 128))
        let gptq = GPTQ(quantizer: AffineQuantizer(bits: 4, symmetric: true), granularity: .perGroup(axis: 1, size: 128))
        let (quantized, bytes) = try Self.model.gptqQuantized(gptq, calibration: calibration, include: chosen)
        var rtn = Self.model
        try rtn.updateLinears { site, linear in
            if chosen(site) { linear.weight.value = try grid.quantize(linear.weight.value).dequantized }
        }
        let rtnBytes = try Self.model.linears.filter { chosen($0.site) }.reduce(0) { $0 + (try grid.quantize($1.linear.weight.value)).storage.totalBytes }
        #expect(bytes == rtnBytes, "GPTQ \(bytes) bytes, RTN \(rtnBytes)")
        for ((site, before), (_, after)) in zip(Self.model.linears, quantized.linears) {
            let w = after.weight.value, columns = w.shape[1]
            guard chosen(site) else {
                #expect(w == before.weight.value, "\(site) was not chosen but changed")
                continue
            }
            // Symmetric INT4: every (row, group of 128) holds at most 16 distinct values.
            var worst = 0
            for r in 0..<w.shape[0] {
                for g in stride(from: 0, to: columns, by: 128) {
                    let start = r * columns + g
                    worst = max(worst, Set(w.storage[start..<(start + 128)]).count)
                }
            }
            #expect(worst <= 16, "\(site): \(worst) values in a group")
        }
        // GPTQ minimises each layer's output error on the calibration inputs, so on those verses
        // its embeddings must be closer to FP32's than rounding to nearest.
        let reference = Self.model.embed(calibration[0]), g = quantized.embed(calibration[0]), r = rtn.embed(calibration[0])
        for row in 0..<verses.count {
            let slice = (row * 384)..<((row + 1) * 384)
            let cg = Self.cosine(g.storage[slice], reference.storage[slice]), cr = Self.cosine(r.storage[slice], reference.storage[slice])
            #expect(cg > cr, "verse \(row): GPTQ cosine \(cg), RTN \(cr)")
        }
    }

    @Test("a model folder without config.json is one line naming the file")
    func missing() {
        do {
            _ = try BertEncoder(folder: "no/such/model")
            Issue.record("no error")
        } catch {
            let text = String(describing: error)
            #expect(text.hasPrefix("no/such/model/config.json: ") && !text.contains("\n"), "\(text)")
        }
    }
}

@Suite("BERT encoder quantized")
struct BertEncoderQuantizedTests {
    /// The golden inputs that are KJV-like sentences, tokenized.
    static let sequences = EncoderGolden.shared.inputs.prefix(4).map(\.ids)

    @Test("INT8 weights per channel stay within 10⁻³ of FP32; calibration statistics see every column")
    func int8Weights() throws {
        // The first layer alone: quantizing all 36 weights takes too long in a debug build.
        var model = BertEncoderTests.model
        model.layers = [model.layers[0]]
        let fp32 = model.embed(Array(Self.sequences))
        let int8 = try model.quantized(BertQuantization(weights: BertQuantization.int8PerChannel)).embed(Array(Self.sequences))
        for i in 0..<Self.sequences.count {
            let c = BertEncoderTests.cosine(fp32.storage[(i * 384)..<((i + 1) * 384)], int8.storage[(i * 384)..<((i + 1) * 384)])
            #expect(c > 0.999 && c < 1, "input \(i): cosine \(c)")
        }
        let stats = model.linearInputStatistics([TokenBatch(Array(Self.sequences))])
        #expect(stats.count == 6)
        let output = try #require(stats[BertLinearSite(layer: 0, role: .output)])
        #expect(output.columnMax.count == 1536 && output.tokens == Self.sequences.reduce(0) { $0 + $1.count })
        // Every column's max is at most the tensor's extreme, and the largest column reaches it.
        #expect(output.columnMax.max() == max(abs(output.lower), abs(output.upper)))
    }
}
