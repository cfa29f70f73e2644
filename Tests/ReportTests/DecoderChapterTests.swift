#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Analysis
import Records
import Report
import Testing

/// The `decoder` chapter rendered from a recorded quick-profile run of its experiment.
@Suite struct DecoderChapterTests {
    static func records() throws -> [TrialRecord] { try Fixture.records("decoder") }
    /// Built once: the bootstrap intervals are the chapter's cost.
    static let built: Result<ChapterOutput, Error> = Result { try DecoderChapter().build(records()) }
    static func output() throws -> ChapterOutput { try built.get() }

    /// Every placeholder resolves, every table and chart is built, findings are declared ones.
    @Test func chapterRendersCompletely() throws {
        let output = try Self.output()
        let markdown = try Fixture.render(output, template: "06-decoder.md.mustache", title: "Decoder")
        #expect(!markdown.contains("{{"))
        #expect(output.tables.map(\.label) == ["decoder-quality", "decoder-gptq", "decoder-speed"])
        #expect(output.charts.map(\.label) == ["decoder-training", "decoder-kl", "decoder-speed"])
        #expect(Set(output.findings.keys).isSubset(of: Set(DecoderChapter().findingNames)))
        #expect(markdown.contains("emulated") && markdown.contains("synthetic"), "emulated formats and synthetic weights are labelled")
        #expect(markdown.contains("not measured here"), "published anchors are labelled as such")
    }

    /// The FP32 bits per character is Σ nll / Σ tokens / ln 2 over the FP32 chunk records.
    @Test func bitsPerCharacterComesFromTheChunkSums() throws {
        let records = try Self.records()
        let chunks = DecoderSchema.records(.chunk, in: records).matching([DecoderSchema.Parameter.variant: "fp32"])
        let nll = chunks.values(of: DecoderSchema.Metric.nll).reduce(0, +), tokens = chunks.values(of: DecoderSchema.Metric.tokens).reduce(0, +)
        let output = try Self.output()
        guard case .record(let fp32)? = output.values["fp32"], case .record(let bpc)? = fp32["bpc"], case .number(let value, _)? = bpc["value"] else {
            Issue.record("fp32.bpc missing")
            return
        }
        #expect(abs(value - nll / tokens / log(2)) < 1e-12)
    }

    /// The GPTQ floor flag says exactly whether every paired interval against RTN lies below 0.
    @Test func gptqFloorFollowsThePairedIntervals() throws {
        let results = try DecoderResults(Self.records())
        var below = true
        for bits in [4, 3] {
            let gptq = try #require(results.variant("gptq-w\(bits)-g128")), rtn = try #require(results.variant("rtn-w\(bits)-g128"))
            below = below && gptq.metrics.difference(.perplexity, to: rtn.metrics).upper < 0 && gptq.metrics.difference(.kl, to: rtn.metrics).upper < 0
        }
        let output = try Self.output()
        guard case .flag(let flag)? = output.values["gptq_floor_met"] else {
            Issue.record("gptq_floor_met missing")
            return
        }
        #expect(flag == below)
    }

    @Test func missingRecordsNameTheSection() {
        #expect(throws: ChapterError.self) { try DecoderChapter().build([]) }
    }
}
