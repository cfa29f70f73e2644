import Records
import Runner
import Tensor

/// Family 1: least squares fitted in FP64, FP32, BF16 and FP16 (emulated), by QR (LAPACK in
/// FP64: the reference; Householder in every other arithmetic), normal equations, gradient
/// descent and (16-bit arithmetics) iterative refinement with FP32 residuals (a step kept only
/// when it lowers the optimality residual), against the
/// condition number of X.
///
/// One record per (κ, seed, arithmetic, solver), parameters `family = arithmetic`, `kappa`,
/// `seed`, `arithmetic`, `solver` (`qr`, `normal-equations`, `gradient-descent`,
/// `refinement`), `emulated`, `rows` and `features` of the training part, `iterations`
/// (gradient-descent steps, refinement steps); measurements:
/// - `coefficientError`: ‖ŵ − w_QR‖/‖w_QR‖ against the FP64 QR fit of the same data (the
///   arithmetic's own error);
/// - `coefficientErrorToTruth`: ‖ŵ − w‖/‖w‖ against the generating coefficients;
/// - `testRMSE`, `testR2` on held-out rows; `failed` 1 when Cholesky met a non-positive pivot
///   (then the other measurements are NaN);
/// - `kappaTrain`: the measured κ₂ of the training rows.
struct ArithmeticTrials {
    let parameters: LinregParameters
    let context: ExperimentContext

    func run() throws -> [TrialRecord] {
        var records: [TrialRecord] = []
        let arithmetics = parameters.arithmetics.compactMap(FittingArithmetic.init(rawValue:))
        precondition(arithmetics.count == parameters.arithmetics.count, "linreg: unknown arithmetic in \(parameters.arithmetics)")
        for (k, kappa) in parameters.kappas.enumerated() {
            for seed in 0..<parameters.syntheticSeeds {
                var rng = context.generator(LinregStream.synthetic(kappaIndex: k, seed: seed))
                let problem = try SyntheticRegression(
                    trainCount: parameters.syntheticTrain, testCount: parameters.syntheticTest,
                    features: parameters.syntheticFeatures, kappa: kappa, noise: parameters.noise, using: &rng)
                let sigma = try problem.train.x.singularValues()
                let reference = try problem.train.x.leastSquares(problem.train.y)
                let common: [LinregSchema.Parameter: ParameterValue] = [
                    .kappa: .double(kappa), .seed: .int(seed),
                    .rows: .int(parameters.syntheticTrain), .features: .int(parameters.syntheticFeatures),
                ]
                let measureCommon: [LinregSchema.Metric: Measurement] = [.kappaTrain: Measurement(sigma.first! / sigma.last!)]
                func record(_ arithmetic: String, _ solver: String, emulated: Bool, _ w: [Double]?) -> TrialRecord {
                    var m = measureCommon
                    m[.failed] = Measurement(w == nil ? 1 : 0)
                    let w = w ?? [Double](repeating: .nan, count: parameters.syntheticFeatures)
                    m[.coefficientError] = Measurement(RegressionMetrics.relativeError(w, reference: reference))
                    m[.coefficientErrorToTruth] = Measurement(RegressionMetrics.relativeError(w, reference: problem.coefficients))
                    m.merge(TrialMeasurements.prediction(problem.test.x.product(vector: w), problem.test.y, scale: 1, unit: "")) { $1 }
                    var p = common
                    p[.arithmetic] = .string(arithmetic)
                    p[.solver] = .string(solver)
                    p[.emulated] = .bool(emulated)
                    if solver == "gradient-descent" { p[.iterations] = .int(parameters.gradientDescentIterations) }
                    if solver == "refinement" { p[.iterations] = .int(parameters.refinementSteps) }
                    return LinregSchema.record(.arithmetic, p, m)
                }
                records.append(record("fp64", "qr", emulated: false, reference))
                let learningRate = 1 / (sigma.first! * sigma.first!)
                for arithmetic in arithmetics {
                    for (solver, w) in fit(problem, arithmetic, learningRate: learningRate) {
                        records.append(record(arithmetic.rawValue, solver, emulated: arithmetic.isEmulated, w))
                    }
                }
                context.progress.advance(task: "arithmetic κ=\(kappa)")
            }
        }
        return records
    }

    /// The solutions of every solver in `arithmetic`, by solver name; `nil` for a failed fit
    /// (Cholesky met a non-positive pivot, or a coefficient is not finite). FP64 has no `qr`
    /// here (LAPACK's is the reference) and only the 16-bit arithmetics are refined.
    private func fit(_ problem: SyntheticRegression, _ arithmetic: FittingArithmetic, learningRate: Double) -> [(String, [Double]?)] {
        let (x, y) = problem.train
        let iterations = parameters.gradientDescentIterations
        if arithmetic == .fp64 {
            let solver = RoundedLeastSquares(x: x.storage, y: y, rows: x.rows, cols: x.cols, arithmetic: .native)
            return [
                ("normal-equations", valid(solver.normalEquations())),
                ("gradient-descent", solver.gradientDescent(iterations: iterations, learningRate: learningRate)),
            ]
        }
        let wideX = x.storage.map(Float.init), wideY = y.map(Float.init)
        let solver = RoundedLeastSquares(x: wideX, y: wideY, rows: x.rows, cols: x.cols, arithmetic: RoundedArithmetic<Float>(arithmetic))
        func wide(_ w: [Float]?) -> [Double]? { valid(w?.map(Double.init)) }
        let qr = solver.householderQR()
        var fits: [(String, [Double]?)] = [
            ("normal-equations", wide(solver.normalEquations())),
            ("qr", wide(qr.w)),
            ("gradient-descent", solver.gradientDescent(iterations: iterations, learningRate: Float(learningRate)).map(Double.init)),
        ]
        if arithmetic.isEmulated {
            fits.append(("refinement", wide(solver.iterativeRefinement(from: qr, wideX: wideX, wideY: wideY, steps: parameters.refinementSteps))))
        }
        return fits
    }

    /// `nil` for a solution with a non-finite coefficient (a failed fit).
    private func valid(_ w: [Double]?) -> [Double]? {
        guard let w, w.allSatisfy(\.isFinite) else { return nil }
        return w
    }
}
