import Datasets
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NN
import QuantCore
public import Records
public import Runner
import Tensor

/// The `encoder` section: the pretrained all-MiniLM-L6-v2 (`TextEmbedder`'s model, FP32
/// within 10⁻⁴ of transformers) on KJV verses, its activation outliers, and quantization of its
/// linear layers against FP32. Families (`EncoderSchema` lists every key):
/// - `outlier`, `column-max`, `histogram`: per layer, the FFN intermediate's and the output's
///   largest |x| and the dimensions that carry it, over the calibration verses; every output
///   dimension's max |x|; the value histogram of the layer with the largest output;
/// - `scheme`: BF16, weight-only INT8/INT4/NF4/FP8 and GPTQ INT4 g128 (`EncoderScheme.all`),
///   W8A8 with static (min-max, percentile, MSE), dynamic and per-token activations, LLM.int8
///   and SmoothQuant: cosines to FP32 over the held-out verses and top-10 retrieval agreement
///   with FP32. The corpus index is FP32's embedding of every corpus verse; a scheme embeds the
///   queries, so the overlap measures what a quantized query encoder changes against a fixed
///   FP32 index. GPTQ's record also holds its paired differences from RTN on the same grid
///   (per verse, per query);
/// - `layer-sqnr`: each layer's output SQNR against FP32 under each scheme;
/// - `speed`: sentences per second at batch 32 (length-bucketed) for FP32 (oneDNN sgemm), BF16
///   and W8A8 (oneDNN's BF16 and INT8 kernels, `TimedEncoders`, which `quantlab-bench encoder`
///   also times), interleaved repeats.
public struct EncoderExperiment: Experiment {
    /// What a profile fixes (`EncoderParameters`).
    public typealias Parameters = EncoderParameters

    /// The experiment.
    public init() {}

    /// `EncoderSchema.section`.
    public var id: String { EncoderSchema.section }

    /// `Experiments/Encoder`.
    public var sourceFolder: String { "Experiments/Encoder" }

    /// The KJV verses and the pinned model files.
    public var inputs: [String] {
        [KJV.fileName] + ["vocab.txt", "config.json", "model.safetensors"].map { "\(TextEmbedder.folderName)/\($0)" }
    }

    /// Runs every family.
    /// - Throws: a loader error for a missing or malformed input; QuantCore's and oneDNN's errors.
    public func run(_ p: Parameters, context: ExperimentContext) throws -> [TrialRecord] {
        let verses = try KJV.load(from: context.dataPaths)
        let embedder = try TextEmbedder(format: .fp32, paths: context.dataPaths)
        let model = embedder.model
        var order = Array(verses.indices)
        var rng = context.generator(EncoderStream.verses)
        rng.shuffle(&order)
        let needed = p.calibrationVerses + p.corpusVerses
        precondition(needed <= order.count && p.heldOutVerses <= p.corpusVerses && p.queries <= p.heldOutVerses,
                     "EncoderParameters: \(needed) verses asked of \(order.count)")
        let calibration = embedder.tokens(order[0..<p.calibrationVerses].map { verses[$0] })
        let corpus = embedder.tokens(order[p.calibrationVerses..<needed].map { verses[$0] })
        let heldOut = Array(corpus.prefix(p.heldOutVerses))
        let schemes = EncoderScheme.all(p)
        context.progress.start(total: 3 + schemes.count)

        let calibrationBatches = TokenBatch.bucketed(calibration, size: p.batchSize).map { TokenBatch($0.map { calibration[$0] }) }
        let statistics = model.linearInputStatistics(calibrationBatches)
        var records = Self.outliers(model, calibrationBatches, bins: p.histogramBins)
        context.progress.advance()

        let reference = model.embed(corpus, batchSize: p.batchSize)
        let referenceHeldOut = Tensor(shape: [p.heldOutVerses, reference.shape[1]], storage: Array(reference.storage.prefix(p.heldOutVerses * reference.shape[1])))
        let queries = Tensor(shape: [p.queries, reference.shape[1]], storage: Array(reference.storage.prefix(p.queries * reference.shape[1])))
        let referenceNeighbours = try EncoderMeasures.neighbours(queries, corpus: reference, k: p.neighbours)
        let sqnrBatches = TokenBatch.bucketed(Array(heldOut.prefix(p.sqnrVerses)), size: p.batchSize).map { TokenBatch($0.map { heldOut[$0] }) }
        let referenceLayers = Self.layerOutputs(model, sqnrBatches)
        context.progress.advance()

        // Each scheme's per-verse cosines and per-query overlaps, kept for the paired comparisons.
        var perVerse: [String: (cosines: [Double], overlaps: [Double])] = [:]
        for scheme in schemes {
            var m: [EncoderSchema.Metric: Measurement] = [:]
            let quantized: BertEncoder
            if let gptq = scheme.gptq {
                let result = try model.gptqQuantized(gptq, calibration: calibrationBatches)
                quantized = result.model
                m[.weightBytes] = Measurement(Double(result.weightBytes), unit: "bytes")
            } else {
                quantized = try model.quantized(scheme.quantization, statistics: statistics)
                m[.weightBytes] = Measurement(Double(try Self.weightBytes(model, scheme.quantization)), unit: "bytes")
            }
            let e = quantized.embed(heldOut, batchSize: p.batchSize)
            let cosines = EncoderMeasures.cosines(e, referenceHeldOut)
            m.merge(EncoderMeasures.cosineMeasurements(cosines)) { $1 }
            let q = Tensor(shape: [p.queries, e.shape[1]], storage: Array(e.storage.prefix(p.queries * e.shape[1])))
            let overlaps = EncoderMeasures.overlaps(try EncoderMeasures.neighbours(q, corpus: reference, k: p.neighbours), referenceNeighbours, k: p.neighbours)
            (m[.overlapMean], m[.overlapSD]) = EncoderMeasures.meanAndSD(overlaps)
            m[.queries] = Measurement(Double(overlaps.count))
            m[.corpus] = Measurement(Double(reference.shape[0]))
            perVerse[scheme.label] = (cosines, overlaps)
            if let baseline = scheme.baseline.flatMap({ perVerse[$0] }) {
                (m[.pairedCosineMean], m[.pairedCosineSD]) = EncoderMeasures.meanAndSD(zip(cosines, baseline.cosines).map { $0 - $1 })
                (m[.pairedOverlapMean], m[.pairedOverlapSD]) = EncoderMeasures.meanAndSD(zip(overlaps, baseline.overlaps).map { $0 - $1 })
            }
            if case .decomposed(let threshold) = scheme.quantization.activations {
                let columns = statistics.values.reduce((kept: 0, all: 0)) { acc, s in
                    (acc.kept + s.columnMax.filter { $0 > threshold }.count, acc.all + s.columnMax.count)
                }
                m[.keptShare] = Measurement(Double(columns.kept) / Double(columns.all))
            }
            records.append(EncoderSchema.record(.scheme, scheme.parameters, m))
            let layers = Self.layerOutputs(quantized, sqnrBatches)
            for l in 0..<model.layers.count {
                var signal = 0.0, noise = 0.0
                for (b, batch) in sqnrBatches.enumerated() {
                    let s = EncoderMeasures.sqnr(reference: referenceLayers[b][l], approximation: layers[b][l], width: model.configuration.hiddenSize, mask: batch.mask)
                    signal += s.signal
                    noise += s.noise
                }
                records.append(EncoderSchema.record(
                    .layerSQNR, [.label: .string(scheme.label), .layer: .int(l)],
                    [.sqnrDB: Measurement(noise > 0 ? 10 * log10(signal / noise) : 999, unit: "dB")]))
            }
            context.progress.advance()
        }

        records += try Self.speed(model, Array(corpus.prefix(p.speedVerses)), p, context)
        context.progress.advance()
        return records
    }

    /// The `speed` records: FP32, BF16 and W8A8 on oneDNN's kernels (`TimedEncoders`),
    /// interleaved repeats after a warm-up pass of each, with each variant's mean cosine to FP32
    /// on the timed verses.
    static func speed(_ model: BertEncoder, _ ids: [[Int]], _ p: EncoderParameters, _ context: ExperimentContext) throws -> [TrialRecord] {
        let timed = try TimedEncoders(model)
        let variants = TimedEncoders.Variant.allCases
        let tokens = ids.reduce(0) { $0 + $1.count }
        // Warm-up: oneDNN's first calls create the primitives.
        let embeddings = variants.map { timed.embed($0, ids, batchSize: p.batchSize) }
        let cosines = embeddings.map { e in
            let c = EncoderMeasures.cosines(e, embeddings[0])
            return c.reduce(0, +) / Double(c.count)
        }
        var records: [TrialRecord] = []
        for r in 0..<p.speedRepeats {
            for (v, variant) in variants.enumerated() {
                let (_, seconds) = context.timed { timed.embed(variant, ids, batchSize: p.batchSize) }
                records.append(EncoderSchema.record(
                    .speed, [.variant: .string(variant.rawValue), .repeatIndex: .int(r)],
                    [.sentencesPerSecond: .timing(Double(ids.count) / seconds, unit: "1/s"), .seconds: .timing(seconds, unit: "s"),
                     .sentences: Measurement(Double(ids.count)), .tokens: Measurement(Double(tokens)),
                     .weightBytes: Measurement(Double(timed.weightBytes(variant)), unit: "bytes"),
                     .cosineMean: Measurement(cosines[v])]))
            }
        }
        return records
    }

    /// Bytes of the linear weights under `q` (codes, scales, zero points; FP32 when unquantized).
    static func weightBytes(_ model: BertEncoder, _ q: BertQuantization) throws -> Int {
        guard let scheme = q.weights else { return 4 * model.linearWeightCount }
        return try model.linears.reduce(0) { $0 + (try scheme.quantize($1.linear.weight.value)).storage.totalBytes }
    }

    /// Every layer's output per batch (`[rows, D]` storage), for SQNR.
    static func layerOutputs(_ model: BertEncoder, _ batches: [TokenBatch]) -> [[[Float]]] {
        batches.map { batch in
            var out = [[Float]](repeating: [], count: model.layers.count)
            _ = model.hiddenStates(batch) { l, site, x in if site == .output { out[l] = x.storage } }
            return out
        }
    }

    /// The `outlier`, `column-max` and `histogram` records over the calibration batches.
    static func outliers(_ model: BertEncoder, _ batches: [TokenBatch], bins: Int) -> [TrialRecord] {
        var columnMax: [String: [Float]] = [:]
        var tokens = 0
        for batch in batches {
            tokens += batch.lengths.reduce(0, +)
            _ = model.hiddenStates(batch) { l, site, x in
                let width = x.shape[1]
                var m = columnMax["\(l).\(site.rawValue)"] ?? [Float](repeating: 0, count: width)
                for r in 0..<x.shape[0] where batch.mask[r] {
                    for j in 0..<width { m[j] = max(m[j], abs(x.storage[r * width + j])) }
                }
                columnMax["\(l).\(site.rawValue)"] = m
            }
        }
        var records: [TrialRecord] = []
        var outlierLayer = 0, largest: Float = 0
        for l in model.layers.indices {
            for site in BertSite.allCases {
                let m = columnMax["\(l).\(site.rawValue)"]!
                let top = m.indices.sorted { (m[$0], -$0) > (m[$1], -$1) }
                let median = m.sorted()[m.count / 2]
                records.append(EncoderSchema.record(
                    .outlier, [.layer: .int(l), .site: .string(site.rawValue)],
                    [.maxAbs: Measurement(Double(m[top[0]])), .medianColumnMax: Measurement(Double(median)),
                     .top1Dimension: Measurement(Double(top[0])), .top2Dimension: Measurement(Double(top[1])),
                     .top3Dimension: Measurement(Double(top[2])), .top1Max: Measurement(Double(m[top[0]])),
                     .top2Max: Measurement(Double(m[top[1]])), .top3Max: Measurement(Double(m[top[2]])),
                     .tokens: Measurement(Double(tokens))]))
                if site == .output {
                    for (j, v) in m.enumerated() {
                        records.append(EncoderSchema.record(.columnMax, [.layer: .int(l), .dimension: .int(j)], [.maxAbs: Measurement(Double(v))]))
                    }
                    if m[top[0]] > largest { (largest, outlierLayer) = (m[top[0]], l) }
                }
            }
        }
        // The histogram of the outlier layer's outputs over ±max|x|, with the INT8 step of a
        // symmetric per-tensor min-max grid over the same values.
        var counts = [Int](repeating: 0, count: bins)
        let width = 2 * largest / Float(bins)
        for batch in batches {
            _ = model.hiddenStates(batch) { l, site, x in
                guard l == outlierLayer, site == .output else { return }
                let d = x.shape[1]
                for r in 0..<x.shape[0] where batch.mask[r] {
                    for j in 0..<d { counts[min(bins - 1, max(0, Int((x.storage[r * d + j] + largest) / width)))] += 1 }
                }
            }
        }
        for (b, count) in counts.enumerated() {
            records.append(EncoderSchema.record(
                .histogram, [.layer: .int(outlierLayer), .site: .string(BertSite.output.rawValue), .bin: .int(b)],
                [.lower: Measurement(Double(-largest + Float(b) * width)), .upper: Measurement(Double(-largest + Float(b + 1) * width)),
                 .count: Measurement(Double(count)), .int8Step: Measurement(Double(largest / 127))]))
        }
        return records
    }
}
