import Records
import Runner

/// The measurements every prediction-based trial records.
enum TrialMeasurements {
    /// Test RMSE (in the target's unit, un-standardised by `scale`) and test R².
    static func prediction(
        _ prediction: [Double], _ target: [Double], scale: Double, unit: String
    ) -> [LinregSchema.Metric: Measurement] {
        let finite = prediction.allSatisfy(\.isFinite)
        return [
            .testRMSE: Measurement(finite ? scale * RegressionMetrics.rmse(prediction, target) : .nan, unit: unit),
            .testR2: Measurement(finite ? RegressionMetrics.rSquared(prediction, target) : .nan),
        ]
    }
}
