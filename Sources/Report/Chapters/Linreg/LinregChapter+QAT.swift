import Analysis
import Records

extension LinregChapter {
    /// PTQ against QAT per dataset and bits, the per-tensor against per-feature input question,
    /// the best-configuration sentences, and the QAT and 2-bit findings. Every comparison is a
    /// paired interval; a sentence that states one is gated on it.
    func qatValues(
        _ points: [BitsErrorPoint], comparisons: [BitsComparison], curves: [TrainingCurvePoint],
        into values: inout [String: TemplateValue], findings: inout [String: TemplateValue]
    ) throws {
        let bits = Set(points.map(\.bits)).sorted()
        guard let lowBits = bits.first else { throw ChapterError(section: section, "no QAT trials") }
        values["qat_low_bits"] = .number(Double(lowBits), .count)
        let display = Dictionary(uniqueKeysWithValues: Self.datasets)
        let methodNames = Dictionary(uniqueKeysWithValues: Self.methods)
        let targetNames = Dictionary(uniqueKeysWithValues: Self.targets)
        func point(_ dataset: String, _ targets: String, _ method: String, _ b: Int) -> BitsErrorPoint? {
            points.first { $0.dataset == dataset && $0.targets == targets && $0.method == method && $0.bits == b }
        }

        // PTQ, STE and LSQ of weights per dataset and width, and LSQ − PTQ paired.
        var perBits: [TemplateValue] = []
        var lsqBeatsEverywhere: [Int: [String: TemplateValue]] = [:]
        for b in bits.reversed() {
            var datasets: [TemplateValue] = []
            for (name, datasetName) in Self.datasets {
                guard let ptq = point(name, "weights", "ptq", b), let ste = point(name, "weights", "qat-ste", b),
                      let lsq = point(name, "weights", "qat-lsq", b),
                      let lsqMinusPTQ = lsq.change.difference(to: ptq.change), let steMinusPTQ = ste.change.difference(to: ptq.change)
                else { throw ChapterError(section: section, "no weight QAT trials for \(name) at \(b) bits") }
                func verdict(_ d: ConfidenceInterval) -> String {
                    d.upper < 0 ? "better than PTQ" : d.lower > 0 ? "worse than PTQ" : "indistinguishable from PTQ"
                }
                datasets.append(.record([
                    "dataset": .text(datasetName),
                    "ptq": .text(Self.percentWithInterval(ptq.change.change)),
                    "ste": .text(Self.percentWithInterval(ste.change.change)),
                    "lsq": .text(Self.percentWithInterval(lsq.change.change)),
                    "ste_verdict": .text(verdict(steMinusPTQ)), "lsq_verdict": .text(verdict(lsqMinusPTQ)),
                    "lsq_minus_ptq": .text(Self.percentWithInterval(lsqMinusPTQ)),
                    "lsq_epoch": .number(lsq.medianBestEpoch, .count), "ste_epoch": .number(ste.medianBestEpoch, .count),
                ]))
                if lsqMinusPTQ.upper < 0, ptq.change.change.estimate > 0 {
                    lsqBeatsEverywhere[b, default: [:]][name] = .record([
                        "ptq": .number(ptq.change.change.estimate, .percent), "lsq": .number(lsq.change.change.estimate, .percent),
                        "recovered": .number(1 - lsq.change.change.estimate / ptq.change.change.estimate, .percent),
                    ])
                }
            }
            perBits.append(.record(["bits": .number(Double(b), .count), "datasets": .list(datasets)]))
            if b == lowBits { values["qat_low"] = .list(datasets) }
        }
        values["qat_by_bits"] = .list(perBits)
        // The pro cites the lowest width at which LSQ beats PTQ beyond noise on every dataset, if any.
        if let b = lsqBeatsEverywhere.keys.sorted().first(where: { lsqBeatsEverywhere[$0]!.count == Self.datasets.count }) {
            findings["linreg_qat"] = .record(lsqBeatsEverywhere[b]!.merging(["bits": .number(Double(b), .count)]) { $1 })
        }

        // Which quantized configurations beat the FP64 fit beyond noise, and with which input grid.
        let better = points.filter { $0.change.change.upper < 0 }.sorted { $0.change.change.estimate < $1.change.change.estimate }
        values["qat_any_better_than_fp64"] = .flag(!better.isEmpty)
        values["qat_better_than_fp64"] = .list(better.map { p in
            .record([
                "what": .text("\(display[p.dataset] ?? p.dataset), \(methodNames[p.method] ?? p.method), \(p.bits)-bit \(targetNames[p.targets] ?? p.targets)"),
                "change": .text(Self.percentWithInterval(p.change.change)),
            ])
        })
        let perTensorGains = better.filter { $0.targets == "weights+inputs" }
        let perFeatureGains = better.filter { $0.targets == "weights+inputs-per-feature" }
        let weightGains = better.filter { $0.targets == "weights" }
        values["gains_only_per_tensor"] = .flag(!perTensorGains.isEmpty && perFeatureGains.isEmpty && weightGains.isEmpty)
        values["gains_with_per_feature"] = .flag(!perFeatureGains.isEmpty)
        values["gains_with_weights_only"] = .flag(!weightGains.isEmpty)
        // The largest gain side by side with the same setting on the other input grid.
        if let top = better.first {
            let other = top.targets == "weights+inputs" ? "weights+inputs-per-feature" : "weights+inputs"
            values["top_gain"] = .record([
                "what": .text("\(display[top.dataset] ?? top.dataset), \(methodNames[top.method] ?? top.method) at \(top.bits) bits on \(targetNames[top.targets] ?? top.targets)"),
                "change": .text(Self.percentWithInterval(top.change.change)),
                "other": .text(targetNames[other] ?? other),
                "other_change": point(top.dataset, other, top.method, top.bits).map { .text(Self.percentWithInterval($0.change.change)) } ?? .text("not measured"),
                "ptq_change": point(top.dataset, top.targets, "ptq", top.bits).map { .text(Self.percentWithInterval($0.change.change)) } ?? .text("not measured"),
                "weights_change": point(top.dataset, "weights", top.method, top.bits).map { .text(Self.percentWithInterval($0.change.change)) } ?? .text("not measured"),
            ])
        }
        // Clipping against rounding: the gains' models re-scored with inputs clipped to their
        // quantizer's range but not rounded. Clipping "explains" a gain when the clipped-only
        // model is also better than the FP64 fit beyond noise.
        let clipping = better.compactMap { p -> (BitsErrorPoint, PairedChange, Double)? in
            guard let c = p.clipOnlyChange, let f = p.medianClipFraction else { return nil }
            return (p, c, f)
        }
        values["gains_clipping"] = .list(clipping.map { p, c, f in
            .record([
                "what": .text("\(display[p.dataset] ?? p.dataset), \(methodNames[p.method] ?? p.method), \(p.bits)-bit \(targetNames[p.targets] ?? p.targets)"),
                "change": .text(Self.percentWithInterval(p.change.change)), "clip_only": .text(Self.percentWithInterval(c.change)),
                "clipped": .number(f, .percent),
            ])
        })
        values["clipping_explains_gains"] = .flag(!clipping.isEmpty && clipping.allSatisfy { $0.1.change.upper < 0 })
        values["clipping_explains_some"] = .flag(clipping.contains { $0.1.change.upper < 0 } && !clipping.allSatisfy { $0.1.change.upper < 0 })
        // Which input quantizers clip: the median share of test inputs outside the range, per method.
        for method in ["qat-ste", "qat-lsq", "ptq"] {
            let f = points.filter { $0.method == method }.compactMap(\.medianClipFraction)
            values["clip_fraction_\(method.replacingOccurrences(of: "-", with: "_"))"] = .number(f.isEmpty ? 0 : f.median(), .percent)
        }

        // The table of best configurations in words: a best only where the data single it out.
        var best: [TemplateValue] = []
        var twoBits: [String: TemplateValue] = [:]
        let order = Self.datasets.map(\.0)
        for c in comparisons.sorted(by: { (order.firstIndex(of: $0.dataset) ?? order.count, -$0.bits) < (order.firstIndex(of: $1.dataset) ?? order.count, -$1.bits) }) {
            guard let lowest = c.candidates.first else { continue }
            let tied = c.indistinguishableFromLowest.map { Self.configurationName($0.configuration) }
            best.append(.record([
                "dataset": .text(display[c.dataset] ?? c.dataset), "bits": .number(Double(c.bits), .count),
                "lowest": .text(Self.configurationName(lowest.configuration)), "change": .text(Self.percentWithInterval(lowest.change.change)),
                "is_best": .flag(c.best != nil), "tied": .text(tied.joined(separator: ", ")), "tied_count": .number(Double(tied.count), .count),
            ]))
            // "Too few": even the lowest-median configuration at the lowest width costs more than
            // 1 % with 95 % confidence.
            if c.bits == lowBits, lowest.change.change.lower > 0.01 {
                twoBits[c.dataset] = ["change": .number(lowest.change.change.estimate, .percent), "config": .text(Self.configurationName(lowest.configuration))]
            }
        }
        values["best_by_bits"] = .list(best)
        if twoBits.count == Self.datasets.count { findings["linreg_two_bits"] = .record(twoBits.merging(["bits": .number(Double(lowBits), .count)]) { $1 }) }

        // Training curves: where the kept iterate sits.
        let kept = Self.datasets.compactMap { name, datasetName -> TemplateValue? in
            let lsq = curves.filter { $0.dataset == name && $0.method == "qat-lsq" && $0.targets == "weights" && $0.bits == lowBits }
            guard let start = lsq.first(where: { $0.epoch == 0 }), let low = lsq.min(by: { $0.validationLoss < $1.validationLoss }),
                  let last = lsq.max(by: { $0.epoch < $1.epoch }) else { return nil }
            return .record([
                "dataset": .text(datasetName), "start": .number(start.validationLoss, .plain), "lowest": .number(low.validationLoss, .plain),
                "epoch": .number(Double(low.epoch), .count), "last": .number(last.validationLoss, .plain),
                "last_train": .number(last.trainLoss, .plain), "start_train": .number(start.trainLoss, .plain),
            ])
        }
        values["curves_kept"] = .list(kept)
    }
}
