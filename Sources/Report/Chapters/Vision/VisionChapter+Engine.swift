import Analysis
import Records

extension VisionChapter {
    /// Images per second as shown in prose and tables (three significant digits).
    private static let rateStyle = NumberStyle.plain.digits(3)

    /// The INT8 engine against the FP32 engine: speed at each batch size, answers against the FP32
    /// and simulated W8A8 models, and the `vision_int8_engine` finding.
    func engineValues(_ r: VisionResults, into values: inout [String: TemplateValue], findings: inout [String: TemplateValue]) throws {
        guard let summary = VisionEngineSummary(r), let int8 = summary.answers("int8"), let fp32 = summary.answers("fp32") else {
            throw ChapterError(section: section, "no engine trials")
        }
        let batches = Set(summary.speeds.map(\.batch)).sorted()
        guard let small = batches.first, let large = batches.last,
              let speedupLarge = summary.speedup(batch: large), let speedupSmall = summary.speedup(batch: small) else {
            throw ChapterError(section: section, "no engine timings")
        }
        values["engine_batch_large"] = .number(Double(large), .count)
        values["engine_batch_small"] = .number(Double(small), .count)
        for (name, batch) in [("large", large), ("small", small)] {
            for engine in ["fp32", "int8"] {
                guard let s = summary.speed(engine, batch: batch) else { throw ChapterError(section: section, "no \(engine) timing at batch \(batch)") }
                values["engine_\(engine)_\(name)"] = .number(s.imagesPerSecond.estimate, Self.rateStyle)
            }
        }
        values["engine_repeats"] = .number(Double(summary.speeds.map(\.repeats).min() ?? 0), .count)
        values["engine_speedup_large"] = Self.ratioValue(speedupLarge)
        values["engine_speedup_small"] = Self.ratioValue(speedupSmall)
        values["engine_floor_met"] = .flag(speedupLarge.estimate >= 3)
        values["engine_int8"] = Self.comparisonValue(int8.comparison)
        values["engine_fp32_agreement"] = .number(fp32.agreementFP32.minimum, .percent)
        values["engine_agreement_w8a8"] = .number(int8.agreementW8A8.mean, .percent)
        values["engine_agreement_w8a8_min"] = .number(int8.agreementW8A8.minimum, .percent)
        values["engine_agreement_fp32"] = .number(int8.agreementFP32.mean, .percent)
        values["engine_agreement_floor_met"] = .flag(int8.agreementW8A8.minimum >= 0.995)
        let simulated = try require(r.ptq(weights: "int8", activations: "int8", calibration: "minmax"), "W8A8")
        let gap = int8.comparison.accuracy - simulated.accuracy
        values["engine_gap"] = .number(100 * gap, .plain.digits(2))
        values["engine_gap_floor_met"] = .flag(abs(gap) <= 0.001 + 1e-12)
        values["engine_several_seeds"] = .flag(VisionSchema.records(.engine, in: r.records).count > 2)
        let bytesFP32 = fp32.comparison.modelBytes ?? .nan, bytesInt8 = int8.comparison.modelBytes ?? .nan
        values["engine_fp32_bytes"] = .number(bytesFP32, .bytes)
        values["engine_int8_bytes"] = .number(bytesInt8, .bytes)
        values["engine_bytes_ratio"] = .number(bytesFP32 / bytesInt8, .ratio.digits(3))
        let convolution = int8.implementation.split(separator: ", ").first { $0.contains("conv") }.map(String.init) ?? int8.implementation
        values["engine_convolution"] = .text("`\(convolution)`")
        findings["vision_int8_engine"] = [
            "batch": .number(Double(large), .count), "speedup": Self.ratioValue(speedupLarge),
            "faster": .flag(speedupLarge.lower > 1), "floor_met": .flag(speedupLarge.estimate >= 3),
            "agreement": .number(int8.agreementW8A8.mean, .percent),
        ]
    }

    /// A ratio with its interval: `value`, `lower`, `upper`.
    static func ratioValue(_ c: ConfidenceInterval) -> TemplateValue {
        ["value": .number(c.estimate, .ratio.digits(3)), "lower": .number(c.lower, .ratio.digits(3)), "upper": .number(c.upper, .ratio.digits(3))]
    }

    /// The engines' speed at each batch size and their answers on the test images.
    func engineTable(_ r: VisionResults) throws -> Table {
        guard let summary = VisionEngineSummary(r) else { throw ChapterError(section: section, "no engine trials") }
        let batches = Set(summary.speeds.map(\.batch)).sorted()
        let columns = [Table.Column("engine")] + batches.map { Table.Column("images/s, batch \($0)") } + [
            Table.Column("accuracy", style: .percent), Table.Column("Δ"), Table.Column("agrees with FP32", style: .percent),
            Table.Column("agrees with simulated W8A8", style: .percent), Table.Column("weights", style: .bytes),
        ]
        func rate(_ c: ConfidenceInterval) throws -> String {
            "\(try Self.rateStyle.format(c.estimate)) [\(try Self.rateStyle.format(c.lower)), \(try Self.rateStyle.format(c.upper))]"
        }
        var rows: [[Table.Cell]] = []
        for answers in summary.answers {
            let speeds: [Table.Cell] = try batches.map { b in try summary.speed(answers.engine, batch: b).map { .text(try rate($0.imagesPerSecond)) } ?? .empty }
            rows.append([.text(answers.engine == "int8" ? "oneDNN INT8 (u8 × s8)" : "oneDNN FP32")] + speeds + [
                .number(answers.comparison.accuracy),
                .text(Self.signedPoints(answers.comparison.difference, answers.comparison.differenceInterval)),
                .number(answers.agreementFP32.mean), .number(answers.agreementW8A8.mean),
                answers.comparison.modelBytes.map { .number($0) } ?? .empty,
            ])
        }
        let ratios: [Table.Cell] = try batches.map { b in
            try summary.speedup(batch: b).map { c in
                .text("\(try NumberStyle.ratio.digits(3).format(c.estimate)) [\(try NumberStyle.ratio.digits(3).format(c.lower)), \(try NumberStyle.ratio.digits(3).format(c.upper))]")
            } ?? .empty
        }
        rows.append([.text("INT8 / FP32")] + ratios + [Table.Cell](repeating: .empty, count: 5))
        return Table(columns: columns, rows: rows)
    }
}
