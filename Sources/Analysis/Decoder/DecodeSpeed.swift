/// The decode speed of each format of the 7B-shaped block against FP32, and its bandwidth use.
///
/// ```
/// tokens/s per block = 1 / median(t)          whole model (L blocks) ≈ 1 / (L · median(t))
/// speedup            = median(t_fp32) / median(t)    (bootstrap interval, `RatioInterval`)
/// effective GB/s     = (weight bytes + cache bytes) / median(t)
/// bandwidth share    = effective GB/s / probe GB/s, the probe timed in the same run
/// ```
/// The whole-model figure scales one block's time; it leaves out the embedding and the output
/// layer (for Llama-2-7B, 2 × 131 M weights against 32 × 202 M in the blocks: about 4 %).
public struct DecodeSpeed: Sendable {
    /// One format's figures.
    public struct Entry: Sendable {
        /// `fp32`, `int8`, `w8a8`, `w4a8`.
        public let format: String
        /// Median seconds per token per block, with its interval.
        public let seconds: ConfidenceInterval
        /// Tokens per second of one block.
        public var tokensPerSecond: Double { 1 / seconds.estimate }
        /// Against FP32 (FP32 itself: 1).
        public let speedup: ConfidenceInterval
        /// Bytes of weights and scales read per token.
        public let weightBytes: Double
        /// Bytes of KV cache read per token.
        public let cacheBytes: Double
        /// (weight + cache bytes) / median seconds, bytes per second.
        public var effectiveBandwidth: Double { (weightBytes + cacheBytes) / seconds.estimate }
    }

    /// In record order (FP32 first).
    public let entries: [Entry]
    /// The probe's median read bandwidth, bytes per second, with its interval.
    public let probeBandwidth: ConfidenceInterval
    /// Blocks of the whole model.
    public let blocks: Int

    /// The figures of `results`' decode records, for a model of `blocks` blocks.
    /// - Throws: `AnalysisError.missingBaseline` without FP32 timings or probe passes.
    public init(_ results: DecoderResults, blocks: Int = 32) throws {
        guard let fp32 = results.decode.first(where: { $0.format == "fp32" }), !fp32.seconds.isEmpty, !results.probeSeconds.isEmpty else {
            throw AnalysisError.missingBaseline(parameter: "format", value: "fp32", measurement: "seconds")
        }
        self.blocks = blocks
        entries = results.decode.filter { !$0.seconds.isEmpty }.map { f in
            Entry(format: f.format, seconds: f.seconds.medianConfidenceInterval(),
                  speedup: RatioInterval.ofMedians(fp32.seconds, over: f.seconds),
                  weightBytes: f.weightBytes, cacheBytes: f.cacheBytes)
        }
        let bandwidths = results.probeSeconds.map { results.probeBytes / $0 }
        probeBandwidth = bandwidths.medianConfidenceInterval()
    }

    /// The entry of `format`.
    public subscript(format: String) -> Entry? { entries.first { $0.format == format } }

    /// Share of the probe's bandwidth a format's reads reach.
    public func bandwidthShare(_ entry: Entry) -> Double { entry.effectiveBandwidth / probeBandwidth.estimate }

    /// Tokens per second of the whole model of `blocks` blocks.
    public func modelTokensPerSecond(_ entry: Entry) -> Double { entry.tokensPerSecond / Double(blocks) }
}
