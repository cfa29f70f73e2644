import Analysis
import Charts
import Records

extension LinregChapter {
    /// Coefficient error against κ, log–log; one panel per solver, one line per arithmetic.
    func kappaChart(_ points: [KappaErrorPoint]) throws -> Charts.Figure {
        let kappaMax = points.map(\.kappa).max() ?? 1
        func describe(_ arithmetic: String) -> String {
            let e = points.first { $0.arithmetic == arithmetic && $0.solver == "normal-equations" && $0.kappa == 1 }?.medianCoefficientError
            guard let e, e.isFinite else { return "not measured" }
            return (try? NumberStyle.plain.digits(2).format(e)) ?? "\(e)"
        }
        var panels: [Panel] = []
        for (solver, title) in [("normal-equations", "Normal equations"), ("gradient-descent", "Gradient descent")] {
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
            guard !marks.isEmpty else { throw ChapterError(section: section, "no \(solver) trials to draw") }
            panels.append(Panel(
                title: title, x: Axis("Condition number κ(X)", scale: .log10),
                y: Axis("Coefficient error vs FP64 QR", scale: .log10), legend: panels.isEmpty ? .hidden : .outsideRight, marks: marks))
        }
        return Figure(
            title: "Coefficient error against conditioning",
            altText: "Two log–log panels of the median relative coefficient error against the condition number of X from 1 to \(Self.powerOfTen(kappaMax)), one line per arithmetic. Normal equations: at κ = 1 the error is \(describe("fp64")) in FP64, \(describe("fp32")) in FP32 and \(describe("fp16")) in FP16, and grows with κ; a line ends where the Cholesky factorisation fails. Gradient descent with a fixed step budget: at large κ every arithmetic follows the same curve, set by slow convergence along small singular directions.",
            width: 640, height: 320, columns: 2, sharedY: true, panels: panels)
    }

    /// Test RMSE relative to FP32 against bits, with intervals; one panel per dataset and target.
    func bitsChart(_ points: [BitsErrorPoint]) throws -> Charts.Figure {
        let bits = Set(points.map(\.bits)).sorted()
        let (minBits, maxBits) = (bits.first ?? 0, bits.last ?? 0)
        let bitsList = bits.map(String.init).joined(separator: ", ")
        func span(_ group: [BitsErrorPoint]) -> String {
            let r = group.map(\.relativeToFP32.estimate)
            guard let lo = r.min(), let hi = r.max() else { return "nothing" }
            let style = NumberStyle.plain.digits(3)
            return "\((try? style.format(lo)) ?? "\(lo)") to \((try? style.format(hi)) ?? "\(hi)")"
        }
        var panels: [Panel] = []
        for (name, display) in Self.datasets {
            for (targets, targetTitle) in [("weights", "weights"), ("weights+inputs", "weights and inputs")] {
                var marks: [Mark] = [.referenceLine(ReferenceLine(.horizontal, at: 1, label: "FP32"))]
                for (i, (method, label)) in [("ptq", "PTQ"), ("qat-ste", "QAT (STE)"), ("qat-lsq", "QAT (LSQ)")].enumerated() {
                    let series = points.filter { $0.dataset == name && $0.targets == targets && $0.method == method }.sorted { $0.bits < $1.bits }
                    guard !series.isEmpty else { throw ChapterError(section: section, "no \(method) trials for \(name), \(targets)") }
                    let x = series.map { Double($0.bits) + 0.06 * Double(i - 1) }
                    marks.append(.line(Line(label, x: x, y: series.map(\.relativeToFP32.estimate), style: .series(i), markers: true)))
                    marks.append(.errorBars(ErrorBars(
                        x: x, lower: series.map(\.relativeToFP32.lower), upper: series.map(\.relativeToFP32.upper), style: .series(i))))
                }
                panels.append(Panel(
                    title: "\(display): \(targetTitle)", x: Axis("Bits", integerTicks: true), y: Axis("RMSE / RMSE(FP32)"),
                    legend: panels.isEmpty ? .best : .hidden, marks: marks))
            }
        }
        return Figure(
            title: "PTQ against QAT",
            altText: "Four panels, Diabetes and Auto MPG, weights only and weights with inputs: test RMSE divided by the FP32 model's RMSE at \(bitsList) bits for PTQ, QAT with the straight-through estimator and QAT with learned step sizes, with 95 % intervals. Across panels the ratios span \(span(points.filter { $0.bits == maxBits })) at \(maxBits) bits and \(span(points.filter { $0.bits == minBits })) at \(minBits) bits.",
            width: 640, height: 460, columns: 2, sharedX: true, panels: panels)
    }
}
