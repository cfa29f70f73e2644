import Analysis
import Records

extension VisionChapter {
    /// The integer weight widths the records hold, widest first.
    static func weightBits(_ r: VisionResults) -> [Int] {
        Set(VisionSchema.records(.ptq, in: r.records).compactMap { record -> Int? in
            guard case .string(let w)? = record[VisionSchema.Parameter.weights], w.hasPrefix("int") else { return nil }
            return Int(w.dropFirst(3))
        }).sorted(by: >)
    }

    /// The string values of `key` among the PTQ records, in record order.
    static func ptqValues(_ r: VisionResults, _ key: VisionSchema.Parameter) -> [String] {
        var seen: [String] = []
        for record in VisionSchema.records(.ptq, in: r.records) {
            if case .string(let v)? = record[key], !seen.contains(v) { seen.append(v) }
        }
        return seen
    }

    /// A comparison that must exist.
    func require(_ comparison: VisionResults.Comparison?, _ what: String) throws -> VisionResults.Comparison {
        guard let comparison else { throw ChapterError(section: section, "no \(what) trials") }
        return comparison
    }

    /// Data, model and training facts.
    func setupValues(_ r: VisionResults, into values: inout [String: TemplateValue]) throws {
        let epochs = VisionSchema.records(.epoch, in: r.records)
        let fp32 = VisionSchema.records(.fp32, in: r.records)
        let epochCount = epochs.compactMap { $0[VisionSchema.Parameter.epoch]?.numberValue }.max() ?? 0
        values["seeds"] = .number(Double(fp32.count), .count)
        values["several_seeds"] = .flag(fp32.count > 1)
        values["epochs_text"] = .text(epochCount == 1 ? "one epoch" : "\(Int(epochCount)) epochs")
        values["test_images"] = .number(Double(r.images), .count)
        values["best_epochs"] = .text(fp32.compactMap { $0[VisionSchema.Metric.bestEpoch]?.value }.map { String(Int($0)) }.joined(separator: ", "))
        let seconds = fp32.compactMap { $0[VisionSchema.Metric.seconds]?.value }
        values["training_seconds"] = .number(seconds.isEmpty ? 0 : seconds.median(), .duration)
        let bytes = fp32.first?[VisionSchema.Metric.modelBytes]?.value ?? 0
        values["fp32_bytes"] = .number(bytes, .bytes)
        values["parameters"] = .number(bytes / 4, .count)
        let last = epochs.filter { $0[VisionSchema.Parameter.epoch]?.numberValue == epochCount }
        values["final_loss"] = .number(last.compactMap { $0[VisionSchema.Metric.trainLoss]?.value }.mean(), .plain.digits(3))
    }

    /// The measured results, and the findings for the pros-and-cons chapter.
    func resultValues(_ r: VisionResults, into values: inout [String: TemplateValue], findings: inout [String: TemplateValue]) throws {
        let fp32 = r.fp32Accuracy
        values["fp32_accuracy"] = .number(fp32.estimate, .percent)
        values["fp32_lower"] = .number(fp32.lower, .percent)
        values["fp32_upper"] = .number(fp32.upper, .percent)
        values["fp32_floor_met"] = .flag(fp32.estimate >= 0.975)

        let w8a8 = try require(r.ptq(weights: "int8", activations: "int8", calibration: "minmax"), "W8A8")
        values["w8a8"] = Self.comparisonValue(w8a8)
        values["w8a8_floor_met"] = .flag(w8a8.difference >= -0.003)
        values["w8a8_no_loss"] = .flag(w8a8.differenceInterval.lower > -0.003 && w8a8.outcomes.mcNemarPValue >= 0.05)
        if case .record(var finding) = Self.comparisonValue(w8a8) {
            finding["within_floor"] = .flag(w8a8.difference >= -0.003)
            findings["vision_w8a8"] = .record(finding)
        }

        let bits = Self.weightBits(r)
        guard let lowest = bits.last, bits.count >= 2 else { throw ChapterError(section: section, "fewer than two weight widths") }
        let weightsOnlyLow = try require(r.ptq(weights: "int\(lowest)"), "W\(lowest) weight-only")
        let weightsOnlyLowTensor = try require(r.ptq(weights: "int\(lowest)", granularity: "tensor"), "W\(lowest) per-tensor")
        let w4 = try require(r.ptq(weights: "int4"), "W4 weight-only")
        let w4Tensor = try require(r.ptq(weights: "int4", granularity: "tensor"), "W4 per-tensor")
        values["lowest_bits"] = .number(Double(lowest), .count)
        values["w_low"] = Self.comparisonValue(weightsOnlyLow)
        values["w_low_tensor"] = Self.comparisonValue(weightsOnlyLowTensor)
        values["w4"] = Self.comparisonValue(w4)
        values["w4_tensor"] = Self.comparisonValue(w4Tensor)
        for layer in ["conv1", "fc2"] {
            values["\(layer)_inner"] = .number(try Self.shareNearZero(r, layer: layer), .percent)
        }

        // A finding only where the data supports its headline: per-channel scales beat per-tensor
        // ones by more than a point at the lowest width.
        if weightsOnlyLow.accuracy - weightsOnlyLowTensor.accuracy > 0.01 { findings["vision_low_bits"] = [
            "bits": .number(Double(lowest), .count), "channel": Self.comparisonValue(weightsOnlyLow),
            "tensor": Self.comparisonValue(weightsOnlyLowTensor), "w4": Self.comparisonValue(w4),
        ] }

        // Activation calibration at 4 bits: the best static method against plain min-max.
        let calibrations = Self.ptqValues(r, .calibration).filter { $0 != "none" }
        let a4 = calibrations.compactMap { c in r.ptq(weights: "int8", activations: "int4", calibration: c).map { (c, $0) } }
        guard let best = a4.max(by: { $0.1.accuracy < $1.1.accuracy }),
              let minmax = a4.first(where: { $0.0 == "minmax" })?.1 else {
            throw ChapterError(section: section, "no W8A4 calibration trials")
        }
        values["a4_best_method"] = .text(Self.calibrationName(best.0))
        values["a4_best"] = Self.comparisonValue(best.1)
        values["a4_minmax"] = Self.comparisonValue(minmax)
        values["a4_best_is_minmax"] = .flag(best.0 == "minmax")
        // A cost only where min-max 4-bit activations lose accuracy beyond their interval.
        if minmax.differenceInterval.upper < 0 {
            findings["vision_calibration"] = [
                "method": .text(Self.calibrationName(best.0)), "best": Self.comparisonValue(best.1),
                "minmax": Self.comparisonValue(minmax), "best_is_minmax": .flag(best.0 == "minmax"),
            ]
        }

        for format in ["fp16", "bf16", "fp8-e4m3", "fp8-e5m2"] {
            let c = try require(r.ptq(weights: format, granularity: format.hasPrefix("fp8") ? "channel" : "tensor", activations: format), format)
            values[format.replacingOccurrences(of: "-", with: "_")] = Self.comparisonValue(c)
        }
        values["nf4"] = Self.comparisonValue(try require(r.ptq(weights: "nf4"), "NF4"))

        // KL-divergence calibration against the first layer's input range.
        if let kl = r.ptq(weights: "int8", activations: "int8", calibration: "kl"),
           let conv1 = r.layerRange(layer: "conv1")
        {
            values["kl_w8a8"] = Self.comparisonValue(kl)
            values["kl_fails"] = .flag(kl.difference < -0.05)
            if kl.difference < -0.05 {
                findings["vision_kl"] = ["w8a8": Self.comparisonValue(kl), "minmax": Self.comparisonValue(w8a8)]
            }
            values["kl_conv1"] = .number(conv1[VisionSchema.Metric.activationKL]?.value ?? .nan, .plain.digits(3))
            values["conv1_max"] = .number(conv1[VisionSchema.Metric.activationMax]?.value ?? .nan, .plain.digits(3))
        } else {
            values["kl_fails"] = .flag(false)
        }

        let mixed = try require(r.ptq(weights: "int\(lowest)", activations: "int4", calibration: "minmax", mixed: true), "mixed")
        let plain = try require(r.ptq(weights: "int\(lowest)", activations: "int4", calibration: "minmax"), "W\(lowest)A4")
        values["mixed_low"] = Self.comparisonValue(mixed)
        values["plain_low"] = Self.comparisonValue(plain)

        try qatValues(r, into: &values, findings: &findings)
        try engineValues(r, into: &values, findings: &findings)

        // The layer whose quantization alone costs most at the lowest sensitivity width.
        let layers = ["conv1", "conv2", "fc1", "fc2"]
        let sensitivity = layers.compactMap { layer in
            r.comparison(.sensitivity, [.layer: .string(layer), .target: "weights", .bits: 2]).map { (layer, $0) }
        }
        if let worst = sensitivity.min(by: { $0.1.difference < $1.1.difference }) {
            values["sensitive_layer"] = .text("`\(worst.0)`")
            values["sensitive"] = Self.comparisonValue(worst.1)
        } else {
            throw ChapterError(section: section, "no sensitivity trials")
        }
    }

    /// A comparison as a template record: `accuracy`, `delta` (points), `lower`/`upper` (points),
    /// `p`, `sqnr`, `bytes`.
    static func comparisonValue(_ c: VisionResults.Comparison) -> TemplateValue {
        let interval = c.differenceInterval
        var record: [String: TemplateValue] = [
            "accuracy": .number(c.accuracy, .percent),
            "delta": .number(100 * c.difference, .plain.digits(2)),
            "lower": .number(100 * interval.lower, .plain.digits(2)),
            "upper": .number(100 * interval.upper, .plain.digits(2)),
            "p": .number(c.outcomes.mcNemarPValue, .plain.digits(2)),
            "discordant": .number(Double(c.outcomes.parentOnly + c.outcomes.childOnly), .count),
            "significant": .flag(c.outcomes.mcNemarPValue < 0.05),
        ]
        if c.logitSQNR.isFinite { record["sqnr"] = .number(c.logitSQNR, .decibels) }
        if let bytes = c.modelBytes { record["bytes"] = .number(bytes, .bytes) }
        return .record(record)
    }

    /// How a calibration is named in prose and tables.
    static func calibrationName(_ c: String) -> String {
        switch c {
        case "minmax": "min-max"
        case "percentile": "percentile 99.99"
        case "mse": "MSE search"
        case "kl": "KL divergence"
        case "dynamic": "dynamic (per batch)"
        default: c
        }
    }

    /// The share of `layer`'s weights (first seed) in histogram bins whose centre lies within one
    /// symmetric per-tensor INT4 step, max|w| / 7, of zero.
    static func shareNearZero(_ r: VisionResults, layer: String) throws -> Double {
        let bins = VisionSchema.records(.histogram, in: r.records).matching([VisionSchema.Parameter.layer: .string(layer), .seed: 0])
        let edges = bins.compactMap { b -> (Double, Double, Double)? in
            guard let lo = b[VisionSchema.Metric.lower]?.value, let hi = b[VisionSchema.Metric.upper]?.value,
                  let n = b[VisionSchema.Metric.count]?.value else { return nil }
            return (lo, hi, n)
        }
        guard let lowest = edges.map(\.0).min(), let highest = edges.map(\.1).max() else {
            throw ChapterError(section: VisionSchema.section, "no weight histogram of \(layer)")
        }
        let step = max(abs(lowest), abs(highest)) / 7
        let total = edges.map(\.2).reduce(0, +)
        let inner = edges.filter { abs(($0.0 + $0.1) / 2) <= step }.map(\.2).reduce(0, +)
        return total > 0 ? inner / total : 0
    }

    /// QAT against PTQ: W4A8 (the floor: within 1 point of FP32) and the lowest width.
    func qatValues(_ r: VisionResults, into values: inout [String: TemplateValue], findings: inout [String: TemplateValue]) throws {
        let settings = Self.qatSettings(r)
        guard let lowest = settings.min(by: { Int($0.0.dropFirst(3))! < Int($1.0.dropFirst(3))! }) else {
            throw ChapterError(section: section, "no QAT trials")
        }
        func best(_ w: String, _ a: String) -> (String, VisionResults.Comparison)? { Self.bestQAT(r, w, a) }
        let epochs = VisionSchema.records(.qat, in: r.records).compactMap { $0[VisionSchema.Metric.bestEpoch]?.value }.max() ?? 0
        values["qat_best_epoch_max"] = .number(epochs, .count)
        let planned = VisionSchema.records(.qat, in: r.records).compactMap { $0[VisionSchema.Parameter.epochs]?.numberValue }.max() ?? 0
        values["qat_epochs_text"] = .text(planned == 1 ? "one epoch" : "\(Int(planned)) epochs")
        if let w4a8 = best("int4", "int8") {
            values["qat_w4a8"] = Self.comparisonValue(w4a8.1)
            values["qat_w4a8_method"] = .text(w4a8.0)
            values["qat_w4a8_floor_met"] = .flag(w4a8.1.difference >= -0.01)
            values["has_qat_w4a8"] = .flag(true)
        } else {
            values["has_qat_w4a8"] = .flag(false)
        }
        guard let low = best(lowest.0, lowest.1),
              let ptq = r.ptq(weights: lowest.0, granularity: "tensor", activations: lowest.1, calibration: "minmax")
        else { throw ChapterError(section: section, "no QAT or PTQ trials at \(lowest.0)/\(lowest.1)") }
        let name = "W\(lowest.0.dropFirst(3))A\(lowest.1.dropFirst(3))"
        values["qat_low_name"] = .text(name)
        values["qat_low"] = Self.comparisonValue(low.1)
        values["qat_low_method"] = .text(low.0)
        values["ptq_low"] = Self.comparisonValue(ptq)
        if low.1.accuracy - ptq.accuracy > 0.01 {
            findings["vision_qat"] = [
                "name": .text(name), "method": .text(low.0), "qat": Self.comparisonValue(low.1), "ptq": Self.comparisonValue(ptq),
            ]
        }
    }

    /// The better of STE and LSQ at one setting, with its method's name (`STE`, `LSQ`).
    static func bestQAT(_ r: VisionResults, _ w: String, _ a: String) -> (String, VisionResults.Comparison)? {
        ["ste", "lsq"].compactMap { m in r.qat(weights: w, activations: a, method: m).map { (m.uppercased(), $0) } }
            .max { $0.1.accuracy < $1.1.accuracy }
    }

    /// The lowest-width QAT setting both models ran, with each model's best QAT and its PTQ on
    /// the same grid: whether QAT's gain over PTQ (more than a point) holds for the MLP as for the CNN.
    func mlpQATValues(cnn: VisionResults, mlp: VisionResults, into values: inout [String: TemplateValue]) throws {
        let shared = Self.qatSettings(cnn).filter { w, a in Self.qatSettings(mlp).contains { $0 == (w, a) } }
        guard let (w, a) = shared.min(by: { Int($0.0.dropFirst(3))! < Int($1.0.dropFirst(3))! }) else {
            values["has_mlp_qat"] = .flag(false)
            return
        }
        func pair(_ r: VisionResults) throws -> (qat: VisionResults.Comparison, ptq: VisionResults.Comparison) {
            guard let qat = Self.bestQAT(r, w, a)?.1,
                  let ptq = r.ptq(weights: w, granularity: "tensor", activations: a, calibration: "minmax") else {
                throw ChapterError(section: section, "no QAT or PTQ trials at \(w)/\(a)")
            }
            return (qat, ptq)
        }
        let c = try pair(cnn), m = try pair(mlp)
        let cnnGain = c.qat.accuracy - c.ptq.accuracy > 0.01, mlpGain = m.qat.accuracy - m.ptq.accuracy > 0.01
        values["has_mlp_qat"] = .flag(true)
        values["mlp_qat_name"] = .text("W\(w.dropFirst(3))A\(a.dropFirst(3))")
        values["mlp_qat"] = Self.comparisonValue(m.qat)
        values["mlp_qat_ptq"] = Self.comparisonValue(m.ptq)
        values["mlp_qat_gain"] = .flag(mlpGain)
        values["mlp_qat_as_cnn"] = .flag(mlpGain == cnnGain)
        values["cnn_qat_gain"] = .flag(cnnGain)
    }

    /// The MLP's headline numbers, for the sentence that compares it with the CNN.
    func mlpValues(cnn: VisionResults, mlp: VisionResults, into values: inout [String: TemplateValue]) throws {
        values["mlp_fp32"] = .number(mlp.fp32Accuracy.estimate, .percent)
        values["mlp_images"] = .number(Double(mlp.images), .count)
        let w8a8 = try require(mlp.ptq(weights: "int8", activations: "int8", calibration: "minmax"), "MLP W8A8")
        let w2 = try require(mlp.ptq(weights: "int2"), "MLP W2")
        let w2Tensor = try require(mlp.ptq(weights: "int2", granularity: "tensor"), "MLP W2 per tensor")
        values["mlp_w8a8"] = Self.comparisonValue(w8a8)
        values["mlp_w2"] = Self.comparisonValue(w2)
        values["mlp_w2_tensor"] = Self.comparisonValue(w2Tensor)
        if let kl = mlp.ptq(weights: "int8", activations: "int8", calibration: "kl") {
            values["mlp_kl"] = Self.comparisonValue(kl)
            values["mlp_kl_fails"] = .flag(kl.difference < -0.05)
        } else {
            values["mlp_kl_fails"] = .flag(false)
        }
    }
}
