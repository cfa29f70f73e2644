import Analysis
import Foundation
import Records
import Report
import Testing

/// The `encoder` chapter rendered from a recorded quick-profile run of its experiment.
@Suite struct EncoderChapterTests {
    static func records() throws -> [TrialRecord] { try Fixture.records("encoder") }

    /// Every placeholder resolves, every table and chart is built, findings are declared ones.
    @Test func chapterRendersCompletely() throws {
        let output = try EncoderChapter().build(Self.records())
        let markdown = try Fixture.render(output, template: "05-encoder.md.mustache", title: "Encoder")
        #expect(!markdown.contains("{{"))
        #expect(output.tables.map(\.label) == ["encoder-schemes", "encoder-outliers", "encoder-sqnr"])
        #expect(output.charts.map(\.label) == ["encoder-column-max", "encoder-histogram", "encoder-schemes", "encoder-alpha"])
        #expect(Set(output.findings.keys) == Set(EncoderChapter().findingNames))
        #expect(markdown.contains("emulated"), "simulated formats are labelled")
        #expect(output.decisions.contains { $0.row == .w8a8 && $0.column == .encoder })
    }

    /// The chapter's numbers are the records': the W8A8 per-token mean cosine, and its Student's
    /// t interval from the recorded SD and count.
    @Test func valuesComeFromTheRecords() throws {
        let records = try Self.records()
        let token = try #require(EncoderSchema.records(.scheme, in: records).matching([EncoderSchema.Parameter.label: "w8a8-token"]).first)
        let mean = try #require(token[EncoderSchema.Metric.cosineMean]?.value)
        let sd = try #require(token[EncoderSchema.Metric.cosineSD]?.value), n = try #require(token[EncoderSchema.Metric.verses]?.value)
        let output = try EncoderChapter().build(records)
        guard case .record(let value)? = output.values["w8a8_token"], case .number(let cosine, _)? = value["cosine"],
              case .number(let lower, _)? = value["cosine_lower"] else {
            Issue.record("w8a8_token value missing")
            return
        }
        #expect(cosine == mean)
        // t(0.975, n − 1) lies between 1.96 and 2.1 for the recorded n ≥ 20.
        #expect(lower < mean - 1.96 * sd / n.squareRoot() + 1e-12 && lower > mean - 2.1 * sd / n.squareRoot())
    }

    /// What the recorded run shows about this model, as the issue's floors state them: a few
    /// outlier dimensions, static per-tensor W8A8 below per-token, and an outlier method at a
    /// mean cosine ≥ 0.99.
    @Test func recordedRunShowsTheOutlierStory() throws {
        let results = try EncoderResults(Self.records())
        let outputs = results.outliers.filter { $0.site == "output" }
        #expect(outputs.count == 6 && outputs.allSatisfy { $0.ratio > 2 }, "\(outputs.map(\.ratio))")
        let token = try #require(results.scheme("w8a8-token")), minmax = try #require(results.scheme("w8a8-minmax"))
        #expect(token.cosine.estimate > minmax.cosine.estimate)
        let best = ["w8a8-token", "llm.int8", "w8a8-token-sq0.5"].compactMap { results.scheme($0)?.cosine.estimate }.max() ?? 0
        #expect(best >= 0.99)
        #expect(try #require(results.scheme("bf16")).cosine.estimate > 0.9999)
    }

    /// GPTQ's paired change is the record's mean difference with the t interval of a mean of
    /// paired differences, and its sentence follows the interval: a planted record in which
    /// GPTQ is worse than RTN by a clear margin turns "buys a closer embedding" into "worse".
    @Test func gptqPairedChangeGatesItsSentence() throws {
        var records = try Self.records()
        let index = try #require(records.firstIndex { $0.parameters[EncoderSchema.Parameter.label.rawValue] == .string("int4-g128-gptq") })
        let gptq = records[index]
        let mean = try #require(gptq[EncoderSchema.Metric.pairedCosineMean]?.value)
        let sd = try #require(gptq[EncoderSchema.Metric.pairedCosineSD]?.value), n = try #require(gptq[EncoderSchema.Metric.verses]?.value)
        let results = try EncoderResults(records)
        let paired = try #require(results.scheme("int4-g128-gptq")?.paired)
        #expect(paired.baseline == "int4-g128-sym")
        #expect(paired.cosine.estimate == mean)
        // t(0.975, n − 1) lies between 1.96 and 2.1 for the recorded n ≥ 20.
        let half = paired.cosine.upper - mean
        #expect(half > 1.96 * sd / n.squareRoot() && half < 2.1 * sd / n.squareRoot(), "half-width \(half)")

        func render(_ records: [TrialRecord]) throws -> String {
            try Fixture.render(try EncoderChapter().build(records), template: "05-encoder.md.mustache", title: "Encoder")
        }
        let recorded = try render(records)
        #expect(recorded.contains("GPTQ buys a closer embedding") == (paired.cosine.lower > 0))
        records[index].measurements[EncoderSchema.Metric.pairedCosineMean.rawValue] = Measurement(-abs(mean) - 10 * sd)
        let planted = try render(records)
        #expect(planted.contains("Here GPTQ is worse than rounding to nearest") && !planted.contains("GPTQ buys a closer embedding"))
    }

    @Test func missingRecordsNameTheSection() {
        #expect(throws: ChapterError.self) { try EncoderChapter().build([]) }
    }
}
