import Analysis
import Records

extension VisionChapter {
    /// The chapter's tables.
    func tables(_ r: VisionResults) throws -> [CaptionedTable] {
        [
            CaptionedTable(label: "vision-ptq", caption: "Test accuracy of the CNN after post-training quantization, mean over training seeds, by weight width (symmetric) and activation width (asymmetric, min-max calibrated on 256 held-out images). Batch norm is folded into the convolutions first. Integer and low-precision float arithmetic is simulated in FP32 (emulated).", table: try ptqTable(r)),
            CaptionedTable(label: "vision-calibration", caption: "Accuracy by activation calibration: static ranges from 256 held-out images (min-max, the 99.99th percentile of $\\lvert x \\rvert$, the MSE-minimising clip, the KL-divergence threshold) against each batch's own min-max (dynamic); weights per channel. “Δ” is the accuracy change against FP32 in points with its paired 95 % bootstrap interval.", table: try calibrationTable(r)),
            CaptionedTable(label: "vision-formats", caption: "Float formats and NF4 against INT8: weights and activations in the format (NF4: weights only, absmax per output channel; FP8: absmax-scaled per output channel for weights, per tensor for activations). Δ in points with its paired 95 % interval; $p$ is McNemar's exact test on the images where the two models disagree. All emulated.", table: try formatsTable(r)),
            CaptionedTable(label: "vision-ranges", caption: "Each layer's weight range and input range over the 256 calibration images (first seed, batch norm folded), with the clipping points of the 99.99th percentile of $\\lvert x \\rvert$ and of KL-divergence calibration for an 8-bit input.", table: try rangesTable(r)),
            CaptionedTable(label: "vision-qat", caption: "Quantization-aware training against PTQ on the same grids (weights symmetric per tensor, inputs asymmetric with min-max ranges): test accuracy, and for the better QAT method the change against FP32 in points with its paired 95 % interval. QAT fine-tunes the folded FP32 model (epochs in the text) and keeps the best validation iterate. Emulated.", table: try qatTable(r)),
            CaptionedTable(label: "vision-engine", caption: "The batch-norm-folded CNN on oneDNN's inference primitives: FP32, and INT8 with the static W8A8 scheme (u8 activations with min-max calibrated scales, s8 weights per output channel, INT32 accumulation, each layer writing the next layer's u8 codes). Images per second: median over interleaved repeats with its 95 % bootstrap interval (first seed); the last row is the ratio of medians. Accuracy and agreement on the test images, mean over seeds; Δ against the FP32 model in points with its paired 95 % interval; weights with their scales and biases.", table: try engineTable(r)),
            CaptionedTable(label: "vision-sensitivity", caption: "One layer quantized at a time, the others FP32: accuracy change in points (weights per channel; inputs asymmetric, min-max) and the SQNR of the logits against FP32.", table: try sensitivityTable(r)),
        ]
    }

    /// Accuracy by weight width × activation width.
    func ptqTable(_ r: VisionResults) throws -> Table {
        let columns = [Table.Column("weights")] + [
            "W only, per tensor", "W only, per channel", "A8", "A4", "A4, first and last at 8 bits",
        ].map { Table.Column($0, style: .percent) }
        let rows: [[Table.Cell]] = Self.weightBits(r).map { bits in
            let w = "int\(bits)"
            let cells = [
                r.ptq(weights: w, granularity: "tensor"), r.ptq(weights: w),
                r.ptq(weights: w, activations: "int8", calibration: "minmax"),
                r.ptq(weights: w, activations: "int4", calibration: "minmax"),
                r.ptq(weights: w, activations: "int4", calibration: "minmax", mixed: true),
            ].map { $0.map { Table.Cell.number($0.accuracy) } ?? .empty }
            return [.text("INT\(bits)")] + cells
        }
        let fp32: [Table.Cell] = [.text("FP32"), .number(r.fp32Accuracy.estimate)] + [Table.Cell](repeating: .empty, count: 4)
        return Table(columns: columns, rows: [fp32] + rows)
    }

    /// Calibration methods at W8A8, W8A4 and W4A4.
    func calibrationTable(_ r: VisionResults) throws -> Table {
        let settings = [("int8", "int8", "W8A8"), ("int8", "int4", "W8A4"), ("int4", "int4", "W4A4")]
        var columns = [Table.Column("calibration")]
        for (_, _, name) in settings {
            columns += [Table.Column(name, style: .percent), Table.Column("Δ \(name)"), ]
        }
        var rows: [[Table.Cell]] = []
        let methods = Self.ptqValues(r, .calibration).filter { $0 != "none" }
        for method in methods {
            rows.append([.text(Self.calibrationName(method))] + settings.flatMap { w, a, _ in
                Self.cells(r.ptq(weights: w, activations: a, calibration: method))
            })
        }
        rows.append([.text("min-max, symmetric")] + settings.flatMap { w, a, _ in
            Self.cells(r.ptq(weights: w, activations: a, symmetric: true, calibration: "minmax"))
        })
        return Table(columns: columns, rows: rows)
    }

    /// Float formats and NF4 against W8A8.
    func formatsTable(_ r: VisionResults) throws -> Table {
        var rows: [[Table.Cell]] = []
        func row(_ name: String, _ c: VisionResults.Comparison?) {
            guard let c else { return }
            let interval = c.differenceInterval
            rows.append([
                .text(name), .number(c.accuracy), .text(Self.signedPoints(c.difference, interval)),
                .number(c.outcomes.mcNemarPValue), c.logitSQNR.isFinite ? .number(c.logitSQNR) : .text("∞"),
                c.modelBytes.map { .number($0) } ?? .empty,
            ])
        }
        for format in Self.ptqValues(r, .weights) where !format.hasPrefix("int") && format != "fp32" && format != "nf4" {
            row(format.uppercased().replacingOccurrences(of: "-", with: " "), r.ptq(weights: format, granularity: format.hasPrefix("fp8") ? "channel" : "tensor", activations: format))
        }
        row("NF4 weights", r.ptq(weights: "nf4"))
        row("INT8 W8A8", r.ptq(weights: "int8", activations: "int8", calibration: "minmax"))
        return Table(
            columns: [
                Table.Column("format"), Table.Column("accuracy", style: .percent), Table.Column("Δ (points)"),
                Table.Column("$p$", style: .plain.digits(2)), Table.Column("logit SQNR", style: .decibels),
                Table.Column("weights", style: .bytes),
            ],
            rows: rows)
    }

    /// QAT (STE, LSQ) against PTQ at equal bits.
    func qatTable(_ r: VisionResults) throws -> Table {
        let rows: [[Table.Cell]] = Self.qatSettings(r).map { w, a in
            let ptq = r.ptq(weights: w, granularity: "tensor", activations: a, calibration: "minmax")
            let ste = r.qat(weights: w, activations: a, method: "ste"), lsq = r.qat(weights: w, activations: a, method: "lsq")
            let best = [ste, lsq].compactMap { $0 }.max { $0.accuracy < $1.accuracy }
            return [
                .text("W\(w.dropFirst(3))A\(a.dropFirst(3))"),
                ptq.map { .number($0.accuracy) } ?? .empty, ste.map { .number($0.accuracy) } ?? .empty,
                lsq.map { .number($0.accuracy) } ?? .empty,
                best.map { .text(Self.signedPoints($0.difference, $0.differenceInterval)) } ?? .empty,
            ]
        }
        return Table(
            columns: [
                Table.Column("setting"), Table.Column("PTQ", style: .percent), Table.Column("QAT, STE", style: .percent),
                Table.Column("QAT, LSQ", style: .percent), Table.Column("Δ best QAT (points)"),
            ],
            rows: rows)
    }

    /// The (weights, activations) pairs QAT ran, in record order.
    static func qatSettings(_ r: VisionResults) -> [(String, String)] {
        var seen: [String] = []
        var out: [(String, String)] = []
        for record in VisionSchema.records(.qat, in: r.records) {
            guard case .string(let w)? = record[VisionSchema.Parameter.weights],
                  case .string(let a)? = record[VisionSchema.Parameter.activations], !seen.contains(w + a) else { continue }
            seen.append(w + a)
            out.append((w, a))
        }
        return out
    }

    /// Weight and input ranges per layer.
    func rangesTable(_ r: VisionResults) throws -> Table {
        let metrics: [VisionSchema.Metric] = [.weightMin, .weightMax, .activationMin, .activationMax, .activationP9999, .activationKL]
        let rows: [[Table.Cell]] = try ["conv1", "conv2", "fc1", "fc2"].map { layer in
            guard let record = r.layerRange(layer: layer) else { throw ChapterError(section: section, "no range of \(layer)") }
            return [.text("`\(layer)`")] + metrics.map { record[$0].map { Table.Cell.number($0.value) } ?? .empty }
        }
        let style = NumberStyle.plain.digits(3)
        return Table(
            columns: [Table.Column("layer")] + ["weight min", "weight max", "input min", "input max", "input p99.99", "KL clip (8-bit)"]
                .map { Table.Column($0, style: style) },
            rows: rows)
    }

    /// One layer at a time.
    func sensitivityTable(_ r: VisionResults) throws -> Table {
        let targets = VisionSchema.records(.sensitivity, in: r.records).compactMap { record -> String? in
            guard case .string(let t)? = record[VisionSchema.Parameter.target], let b = record[VisionSchema.Parameter.bits] else { return nil }
            return "\(t) \(b)"
        }
        var seen: [String] = []
        for t in targets where !seen.contains(t) { seen.append(t) }
        var columns = [Table.Column("layer")]
        for t in seen {
            let parts = t.split(separator: " ")
            let name = parts[0] == "weights" ? "W\(parts[1])" : "A\(parts[1])"
            columns += [Table.Column("Δ \(name) (points)"), Table.Column("SQNR \(name)", style: .decibels)]
        }
        let rows: [[Table.Cell]] = ["conv1", "conv2", "fc1", "fc2"].map { layer in
            [.text("`\(layer)`")] + seen.flatMap { t -> [Table.Cell] in
                let parts = t.split(separator: " ")
                guard let c = r.comparison(.sensitivity, [
                    .layer: .string(layer), .target: .string(String(parts[0])), .bits: .int(Int(parts[1])!),
                ]) else { return [.empty, .empty] }
                return [.text(Self.signedPoints(c.difference, c.differenceInterval)), c.logitSQNR.isFinite ? .number(c.logitSQNR) : .text("∞")]
            }
        }
        return Table(columns: columns, rows: rows)
    }

    /// Accuracy and Δ cells of one comparison.
    static func cells(_ c: VisionResults.Comparison?) -> [Table.Cell] {
        guard let c else { return [.empty, .empty] }
        return [.number(c.accuracy), .text(signedPoints(c.difference, c.differenceInterval))]
    }

    /// `−0.40 [−0.90, 0.00]`: a difference in points with its interval.
    static func signedPoints(_ difference: Double, _ interval: ConfidenceInterval) -> String {
        func f(_ x: Double) -> String {
            let text = (try? NumberStyle.plain.digits(2).format(100 * x)) ?? "\(100 * x)"
            return x > 0 ? "+" + text : text
        }
        return "\(f(difference)) [\(f(interval.lower)), \(f(interval.upper))]"
    }

    /// The CNN's results next to the MLP's on the 8×8 digits.
    func mlpTable(cnn: VisionResults, mlp: VisionResults) throws -> CaptionedTable {
        let settings: [(String, (VisionResults) -> VisionResults.Comparison?)] = [
            ("W8A8 (min-max)", { $0.ptq(weights: "int8", activations: "int8", calibration: "minmax") }),
            ("W4, per channel", { $0.ptq(weights: "int4") }),
            ("W4, per tensor", { $0.ptq(weights: "int4", granularity: "tensor") }),
            ("W4A4 (min-max)", { $0.ptq(weights: "int4", activations: "int4", calibration: "minmax") }),
            ("W2, per channel", { $0.ptq(weights: "int2") }),
            ("W2, per tensor", { $0.ptq(weights: "int2", granularity: "tensor") }),
            ("W8A8, KL calibration", { $0.ptq(weights: "int8", activations: "int8", calibration: "kl") }),
            ("FP8 E4M3", { $0.ptq(weights: "fp8-e4m3", activations: "fp8-e4m3") }),
            ("NF4 weights", { $0.ptq(weights: "nf4") }),
        ]
        var rows: [[Table.Cell]] = [[.text("FP32"), .number(cnn.fp32Accuracy.estimate), .empty, .number(mlp.fp32Accuracy.estimate), .empty]]
        for (name, pick) in settings {
            rows.append([.text(name)] + Self.cells(pick(cnn)) + Self.cells(pick(mlp)))
        }
        // QAT (the better of STE and LSQ) next to PTQ on the same per-tensor grid, at every setting both ran.
        for (w, a) in Self.qatSettings(cnn) where Self.qatSettings(mlp).contains(where: { $0 == (w, a) }) {
            let name = "W\(w.dropFirst(3))A\(a.dropFirst(3))"
            let ptq = { (r: VisionResults) in r.ptq(weights: w, granularity: "tensor", activations: a, calibration: "minmax") }
            rows.append([.text("\(name) PTQ, per tensor")] + Self.cells(ptq(cnn)) + Self.cells(ptq(mlp)))
            rows.append([.text("\(name) QAT (better of STE, LSQ)")] + Self.cells(Self.bestQAT(cnn, w, a)?.1) + Self.cells(Self.bestQAT(mlp, w, a)?.1))
        }
        return CaptionedTable(
            label: "vision-mlp",
            caption: "The CNN on MNIST-5k next to a two-layer MLP (64→64→10) on scikit-learn's 8×8 digits (\(mlp.images) test images), quantized the same way (QAT: the same fine-tuning, epochs and schedule for both): accuracy and its change against each model's FP32 parent in points, with the paired 95 % interval. Emulated.",
            table: Table(
                columns: [
                    Table.Column("setting"), Table.Column("CNN", style: .percent), Table.Column("Δ CNN"),
                    Table.Column("MLP", style: .percent), Table.Column("Δ MLP"),
                ],
                rows: rows))
    }
}
