import Records
import Runner
import Tensor

/// Family 1: least squares fitted in FP64, FP32, BF16 and FP16 (emulated), by QR (FP64
/// reference), normal equations and gradient descent, against the condition number of X.
///
/// One record per (κ, seed, arithmetic, solver), parameters `family = arithmetic`, `kappa`,
/// `seed`, `arithmetic`, `solver`, `emulated`, `rows` and `features` of the training part,
/// `iterations` (gradient descent); measurements:
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
                    return LinregSchema.record(.arithmetic, p, m)
                }
                records.append(record("fp64", "qr", emulated: false, reference))
                let learningRate = 1 / (sigma.first! * sigma.first!)
                for arithmetic in arithmetics {
                    let (normal, descent) = fit(problem, arithmetic, learningRate: learningRate)
                    records.append(record(arithmetic.rawValue, "normal-equations", emulated: arithmetic.isEmulated, normal))
                    records.append(record(arithmetic.rawValue, "gradient-descent", emulated: arithmetic.isEmulated, descent))
                }
                context.progress.advance(task: "arithmetic κ=\(kappa)")
            }
        }
        return records
    }

    /// Normal-equations and gradient-descent solutions in `arithmetic` (nil when Cholesky fails).
    private func fit(_ problem: SyntheticRegression, _ arithmetic: FittingArithmetic, learningRate: Double) -> (normal: [Double]?, descent: [Double]) {
        let (x, y) = problem.train
        let iterations = parameters.gradientDescentIterations
        if arithmetic == .fp64 {
            let solver = RoundedLeastSquares(x: x.storage, y: y, rows: x.rows, cols: x.cols, arithmetic: .native)
            return (valid(solver.normalEquations()), solver.gradientDescent(iterations: iterations, learningRate: learningRate))
        }
        let solver = RoundedLeastSquares(
            x: x.storage.map(Float.init), y: y.map(Float.init), rows: x.rows, cols: x.cols,
            arithmetic: RoundedArithmetic<Float>(arithmetic))
        let normal = solver.normalEquations().map { $0.map(Double.init) }
        let descent = solver.gradientDescent(iterations: iterations, learningRate: Float(learningRate)).map(Double.init)
        return (valid(normal), descent)
    }

    /// `nil` for a solution with a non-finite coefficient (a failed fit).
    private func valid(_ w: [Double]?) -> [Double]? {
        guard let w, w.allSatisfy(\.isFinite) else { return nil }
        return w
    }
}
