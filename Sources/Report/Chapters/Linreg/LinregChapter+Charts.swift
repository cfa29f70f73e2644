import Analysis
import Charts
import Records

extension LinregChapter {
    /// Coefficient error against κ, log–log; one panel per solver, one line per arithmetic. The
    /// alt text states, from the plotted points, each panel's FP16 error at the smallest κ and
    /// the κ from which a line stops (every fit failed).
    func kappaChart(_ points: [KappaErrorPoint]) throws -> Charts.Figure {
        let kappas = Set(points.map(\.kappa)).sorted()
        guard let kappaMin = kappas.first, let kappaMax = kappas.last else { throw ChapterError(section: section, "no arithmetic trials to draw") }
        func format(_ x: Double) -> String { (try? NumberStyle.plain.digits(2).format(x)) ?? "\(x)" }
        var panels: [Panel] = []
        var descriptions: [String] = []
        for (solver, title) in Self.solvers {
            var marks: [Mark] = []
            for (i, arithmetic) in Self.arithmetics.enumerated() {
                let series = points
                    .filter { $0.arithmetic == arithmetic && $0.solver == solver && $0.medianCoefficientError.isFinite && $0.medianCoefficientError > 0 }
                    .sorted { $0.kappa < $1.kappa }
                guard !series.isEmpty else { continue }
                marks.append(.line(Line(
                    Self.arithmeticName(arithmetic), x: series.map(\.kappa), y: series.map(\.medianCoefficientError),
                    style: .series(i), markers: true)))
            }
            guard !marks.isEmpty else { continue }
            let fp16 = points.filter { $0.arithmetic == "fp16" && $0.solver == solver }
            if let first = fp16.first(where: { $0.kappa == kappaMin }) {
                var text = "\(title): FP16 error \(first.medianCoefficientError.isFinite ? format(first.medianCoefficientError) : "none (every fit failed)") at κ = \(Self.powerOfTen(kappaMin))"
                if let stop = fp16.filter({ $0.failures == $0.count }).map(\.kappa).min() { text += ", every FP16 fit fails from κ = \(Self.powerOfTen(stop))" }
                descriptions.append(text)
            }
            panels.append(Panel(
                title: title.prefix(1).uppercased() + title.dropFirst(), x: Axis("Condition number κ(X)", scale: .log10),
                y: Axis("Coefficient error vs FP64 QR", scale: .log10), legend: .hidden, marks: marks))
        }
        guard !panels.isEmpty else { throw ChapterError(section: section, "no arithmetic trials to draw") }
        panels[panels.count - 1].legend = .outsideRight
        return Figure(
            title: "Coefficient error against conditioning",
            altText: "\(panels.count) log–log panels of the median relative coefficient error against the condition number of X from \(Self.powerOfTen(kappaMin)) to \(Self.powerOfTen(kappaMax)), one panel per solver and one line per arithmetic; a line ends where every fit failed. \(descriptions.joined(separator: "; ")).",
            width: 640, height: 480, columns: 2, sharedX: true, sharedY: true, panels: panels)
    }

    /// Training and validation MSE against epoch for the curves' bit width (the lowest), weights
    /// only: one panel per dataset, STE and LSQ.
    func curvesChart(_ curves: [TrainingCurvePoint]) throws -> Charts.Figure {
        guard let bits = curves.map(\.bits).min() else { throw ChapterError(section: section, "no QAT training curves") }
        var panels: [Panel] = []
        var descriptions: [String] = []
        for (name, display) in Self.datasets {
            var marks: [Mark] = []
            for (i, (method, label)) in Self.methods.dropFirst().enumerated() {
                let series = curves.filter { $0.dataset == name && $0.method == method && $0.targets == "weights" && $0.bits == bits }
                    .sorted { $0.epoch < $1.epoch }
                guard let last = series.last, let first = series.first else { throw ChapterError(section: section, "no \(method) curve for \(name)") }
                let x = series.map { Double($0.epoch) }
                var solid = SeriesStyle.series(i), dashed = SeriesStyle.series(i)
                solid.dash = .solid
                dashed.dash = .dashed
                marks.append(.line(Line("\(label) train", x: x, y: series.map(\.trainLoss), style: solid, markers: false)))
                marks.append(.line(Line("\(label) validation", x: x, y: series.map(\.validationLoss), style: dashed, markers: false)))
                let kept = series.min { $0.validationLoss < $1.validationLoss }!
                func f(_ v: Double) -> String { (try? NumberStyle.plain.digits(3).format(v)) ?? "\(v)" }
                descriptions.append("\(display), \(label): validation MSE \(f(first.validationLoss)) at epoch 0, \(f(kept.validationLoss)) at its lowest (epoch \(kept.epoch)), \(f(last.validationLoss)) at epoch \(last.epoch)")
            }
            panels.append(Panel(title: display, x: Axis("Epoch"), y: Axis("MSE (standardised)"), legend: panels.isEmpty ? .best : .hidden, marks: marks))
        }
        return Figure(
            title: "QAT training curves, \(bits)-bit weights",
            altText: "Two panels, Diabetes and Auto MPG: training and validation MSE against epoch for QAT with STE and with LSQ at \(bits)-bit weights. \(descriptions.joined(separator: "; ")).",
            width: 640, height: 300, columns: 2, panels: panels)
    }

    /// Change of test RMSE against the FP64 fit against bits, with intervals; one panel per
    /// dataset and targets. The alt text gives, from the plotted points, the range of medians
    /// at the highest and lowest width and the points whose interval lies below 0.
    func bitsChart(_ points: [BitsErrorPoint]) throws -> Charts.Figure {
        let bits = Set(points.map(\.bits)).sorted()
        guard let minBits = bits.first, let maxBits = bits.last else { throw ChapterError(section: section, "no QAT trials") }
        let style = NumberStyle.percent.digits(2)
        func span(_ group: [BitsErrorPoint]) -> String {
            let r = group.map(\.change.change.estimate)
            guard let lo = r.min(), let hi = r.max() else { return "nothing" }
            return "\((try? style.format(lo)) ?? "\(lo)") to \((try? style.format(hi)) ?? "\(hi)")"
        }
        let display = Dictionary(uniqueKeysWithValues: Self.datasets)
        let targetNames = Dictionary(uniqueKeysWithValues: Self.targets)
        let methodNames = Dictionary(uniqueKeysWithValues: Self.methods)
        var panels: [Panel] = []
        // Short panel titles: three columns leave about 200 points each.
        let panelTitles = ["weights": "weights", "weights+inputs": "+ inputs per tensor", "weights+inputs-per-feature": "+ inputs per feature"]
        for (name, datasetName) in Self.datasets {
            for (targets, _) in Self.targets {
                var marks: [Mark] = [.referenceLine(ReferenceLine(.horizontal, at: 0))]
                for (i, (method, label)) in Self.methods.enumerated() {
                    let series = points.filter { $0.dataset == name && $0.targets == targets && $0.method == method }.sorted { $0.bits < $1.bits }
                    guard !series.isEmpty else { throw ChapterError(section: section, "no \(method) trials for \(name), \(targets)") }
                    let x = series.map { Double($0.bits) + 0.08 * Double(i - 1) }
                    marks.append(.line(Line(label, x: x, y: series.map { 100 * $0.change.change.estimate }, style: .series(i), markers: true)))
                    marks.append(.errorBars(ErrorBars(
                        x: x, lower: series.map { 100 * $0.change.change.lower }, upper: series.map { 100 * $0.change.change.upper }, style: .series(i))))
                }
                panels.append(Panel(
                    title: "\(datasetName): \(panelTitles[targets] ?? targets)", x: Axis("Bits"), y: Axis("RMSE change vs FP64 (%)"),
                    legend: panels.isEmpty ? .best : .hidden, marks: marks))
            }
        }
        let below = points.filter { $0.change.change.upper < 0 }.map {
            "\(display[$0.dataset] ?? $0.dataset) \(methodNames[$0.method] ?? $0.method) on \(targetNames[$0.targets] ?? $0.targets) at \($0.bits) bits"
        }
        return Figure(
            title: "PTQ against QAT",
            altText: "Six panels, Diabetes and Auto MPG by weights only, weights and inputs per tensor, and weights and inputs per feature: the change of test RMSE against the FP64 fit at \(bits.map(String.init).joined(separator: ", ")) bits for PTQ, QAT with the straight-through estimator and QAT with learned step sizes, with 95 % intervals. Across panels the medians span \(span(points.filter { $0.bits == maxBits })) at \(maxBits) bits and \(span(points.filter { $0.bits == minBits })) at \(minBits) bits. \(below.isEmpty ? "No interval lies entirely below 0." : "Intervals entirely below 0 (better than the FP64 fit): \(below.joined(separator: "; ")).")",
            width: 720, height: 620, columns: 3, sharedX: true, panels: panels)
    }
}
