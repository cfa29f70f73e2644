import Analysis
import Charts
import Results

extension LinregChapter {
    /// Coefficient error against κ, log–log; one panel per solver, one line per arithmetic.
    func kappaChart(_ points: [KappaErrorPoint]) throws -> Charts.Figure {
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
            altText: "Two log–log panels of the median relative coefficient error against the condition number of X from 1 to 10⁶. Normal equations: each arithmetic's error grows with κ² from its unit roundoff (FP64 near 1e−16, FP32 near 1e−7, FP16 and BF16 near 1e−3 to 1e−2) until the Cholesky factorisation fails and the line ends. Gradient descent with a fixed step budget: every arithmetic follows the same curve, limited by slow convergence along small singular directions rather than by rounding.",
            width: 640, height: 320, columns: 2, sharedY: true, panels: panels)
    }

    /// Test RMSE relative to FP32 against bits, with intervals; one panel per dataset and target.
    func bitsChart(_ points: [BitsErrorPoint]) throws -> Charts.Figure {
        var panels: [Panel] = []
        for (name, display) in Self.datasets {
            for (targets, targetTitle) in [("weights", "weights"), ("weights+inputs", "weights and inputs")] {
                var marks: [Mark] = []
                for (i, (method, label)) in [("ptq", "PTQ"), ("qat-ste", "QAT (STE)"), ("qat-lsq", "QAT (LSQ)")].enumerated() {
                    let series = points.filter { $0.dataset == name && $0.targets == targets && $0.method == method }.sorted { $0.bits < $1.bits }
                    guard !series.isEmpty else { throw ChapterError(section: section, "no \(method) trials for \(name), \(targets)") }
                    let x = series.map { Double($0.bits) + 0.06 * Double(i - 1) }
                    marks.append(.line(Line(label, x: x, y: series.map(\.relativeToFP32.estimate), style: .series(i), markers: true)))
                    marks.append(.errorBars(ErrorBars(
                        x: x, lower: series.map(\.relativeToFP32.lower), upper: series.map(\.relativeToFP32.upper), style: .series(i))))
                }
                panels.append(Panel(
                    title: "\(display): \(targetTitle)", x: Axis("Bits"), y: Axis("RMSE / RMSE(FP32)"),
                    legend: panels.isEmpty ? .best : .hidden, marks: marks))
            }
        }
        return Figure(
            title: "PTQ against QAT",
            altText: "Four panels, Diabetes and Auto MPG, weights only and weights with inputs: test RMSE divided by the FP32 model's RMSE at 2, 3 and 4 bits for PTQ, QAT with the straight-through estimator and QAT with learned step sizes, with 95 % intervals. Ratios approach 1 at 4 bits and spread at 2 bits.",
            width: 640, height: 460, columns: 2, sharedX: true, panels: panels)
    }
}
