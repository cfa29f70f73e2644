import Foundation
import Records
import Report
import Testing

/// The `vision` chapter rendered from a recorded quick-profile run of its experiment.
@Suite struct VisionChapterTests {
    static func records() throws -> [TrialRecord] { try Fixture.records("vision") }

    /// Every placeholder resolves, every table and chart is built, findings are declared ones.
    @Test func chapterRendersCompletely() throws {
        let output = try VisionChapter().build(Self.records())
        let markdown = try Fixture.render(output, template: "04-vision.md.mustache", title: "Vision")
        #expect(!markdown.contains("{{"))
        #expect(output.tables.map(\.label) == ["vision-ptq", "vision-calibration", "vision-formats", "vision-ranges", "vision-qat", "vision-engine", "vision-sensitivity", "vision-mlp"])
        #expect(output.charts.map(\.label) == ["vision-bits", "vision-sensitivity", "vision-tradeoff", "vision-weights"])
        #expect(Set(output.findings.keys).isSubset(of: Set(VisionChapter().findingNames)))
        #expect(markdown.contains("emulated"), "simulated formats are labelled")
    }

    /// The recorded W8A8 model disagrees with its parent on few images, and the chapter's numbers
    /// come from the paired counts: accuracy = (n₁₁ + n₀₁) / n.
    @Test func w8a8ValuesComeFromThePairedCounts() throws {
        let records = try Self.records()
        let w8a8 = try #require(VisionSchema.records(.ptq, in: records).matching([
            VisionSchema.Parameter.model: "cnn", .weights: "int8", .granularity: "channel", .activations: "int8", .calibration: "minmax", .mixed: false,
        ]).first)
        let n11 = try #require(w8a8[VisionSchema.Metric.bothRight]?.value), n01 = try #require(w8a8[VisionSchema.Metric.childOnly]?.value)
        let images = try #require(VisionSchema.records(.fp32, in: records).first?[VisionSchema.Metric.images]?.value)
        #expect(w8a8[VisionSchema.Metric.accuracy]?.value == (n11 + n01) / images)
        let output = try VisionChapter().build(records)
        guard case .record(let value)? = output.values["w8a8"], case .number(let accuracy, _)? = value["accuracy"] else {
            Issue.record("w8a8 value missing")
            return
        }
        #expect(accuracy == (n11 + n01) / images)
    }

    /// The recorded INT8 engine agrees with the simulated W8A8 model on at least 99.5 % of the
    /// test images, and the chapter's speedup is the ratio of the recorded median rates.
    @Test func engineValuesComeFromTheRecords() throws {
        let records = try Self.records()
        let int8 = try #require(VisionSchema.records(.engine, in: records).matching([VisionSchema.Parameter.engine: "int8"]).first)
        #expect(try #require(int8[VisionSchema.Metric.agreementW8A8]?.value) >= 0.995)
        func medianRate(_ engine: String) throws -> Double {
            let rates = VisionSchema.records(.engineSpeed, in: records).matching([VisionSchema.Parameter.engine: .string(engine), .batch: 256])
                .map { $0[VisionSchema.Metric.images]!.value / $0[VisionSchema.Metric.seconds]!.value }.sorted()
            try #require(rates.count % 2 == 1)
            return rates[rates.count / 2]
        }
        let output = try VisionChapter().build(records)
        guard case .record(let speedup)? = output.values["engine_speedup_large"], case .number(let ratio, _)? = speedup["value"] else {
            Issue.record("engine_speedup_large missing")
            return
        }
        #expect(abs(ratio - (try medianRate("int8")) / (try medianRate("fp32"))) < 1e-12 * ratio)
        #expect(output.values["engine_floor_met"] == .flag(ratio >= 3))
    }

    /// The MLP's QAT sentence compares the same setting for both models, from the records.
    @Test func mlpQATComparesLikeWithLike() throws {
        let output = try VisionChapter().build(Self.records())
        #expect(output.values["has_mlp_qat"] == .flag(true))
        #expect(output.values["mlp_qat_as_cnn"] == .flag(output.values["mlp_qat_gain"] == output.values["cnn_qat_gain"]))
    }

    @Test func missingRecordsNameTheSection() {
        #expect(throws: ChapterError.self) { try VisionChapter().build([]) }
    }
}
