/// The record vocabulary of the `linreg` section: linear regression under quantized training
/// arithmetic, weights and inputs, and PTQ against QAT.
///
/// The `family` parameter names the family. Nothing is timed: every value is fixed by profile
/// and seed. `testRMSE` is in the target's unit (`mpg` for Auto MPG, a unitless score for
/// Diabetes); every other measurement is dimensionless.
///
/// | family | one record per | other parameters | measurements |
/// |---|---|---|---|
/// | `dataset` | dataset | | `rows`, `features`, `droppedRows` |
/// | `arithmetic` | κ, seed, arithmetic, solver | `emulated`, `rows`, `features`, `iterations` (gradient descent, refinement) | `coefficientError`, `coefficientErrorToTruth`, `testRMSE`, `testR2`, `failed`, `kappaTrain` |
/// | `ptq-weights` | dataset, repeat, fold, format, symmetric | `bits` | `testRMSE`, `testR2`, `coefficientError` |
/// | `input-quantization` | dataset, repeat, fold, bits, symmetric, calibration | | `testRMSE`, `testR2`, `featureError` |
/// | `qat` | dataset, repeat, fold, bits, targets, method, seed | | `testRMSE`, `testR2`, `trainLoss`, `validationLoss`, `bestEpoch`; `clipOnlyRMSE`, `inputClipFraction` (inputs quantized); `fitRows`, `validationRows` (FP32) |
/// | `qat-epoch` | dataset, repeat, fold, bits, targets, method, seed, epoch | | `trainLoss`, `validationLoss`, `learningRate` |
public enum LinregSchema: RecordSchema {
    /// The section id.
    public static let section = "linreg"
    /// Records name their family in `family`.
    public static let familyKey = Parameter.family

    /// The trial families (values of the `family` parameter).
    public enum Family: String, CaseIterable, Sendable {
        /// The facts of one real dataset as loaded.
        case dataset
        /// Least squares fitted in one arithmetic by one solver on a synthetic problem.
        case arithmetic
        /// Post-training quantization of the fitted weights.
        case ptqWeights = "ptq-weights"
        /// The FP64 fit applied to quantized test features.
        case inputQuantization = "input-quantization"
        /// Quantization-aware training against PTQ at the same bits.
        case qat
        /// One epoch of a QAT training curve (the first fold of each dataset, seed 1).
        case qatEpoch = "qat-epoch"
    }

    /// The parameter keys.
    public enum Parameter: String, ParameterKey {
        /// The trial family (`Family`).
        case family
        /// The real dataset: `diabetes` or `autompg`.
        case dataset
        /// Index of the k-fold partition of the dataset, from 0.
        case repeatIndex = "repeat"
        /// Index of the fold within its partition, from 0.
        case fold
        /// The condition number κ of the synthetic X.
        case kappa
        /// The synthetic problem's index (`arithmetic`) or the training seed (`qat`: 0 for the
        /// deterministic PTQ and FP32 models, 1… for QAT).
        case seed
        /// Training rows of the synthetic problem (a count).
        case rows
        /// Features d of the synthetic problem (a count).
        case features
        /// The fitting arithmetic: `fp64`, `fp32`, `bf16`, `fp16`, `bf16-acc32`, `fp16-acc32`.
        case arithmetic
        /// The solver: `qr` (LAPACK's in FP64: the reference; Householder in the other
        /// arithmetics), `normal-equations`, `gradient-descent` or `refinement` (iterative
        /// refinement of the 16-bit QR solution with FP32 residuals).
        case solver
        /// Whether the arithmetic was emulated by rounding every operation (a flag).
        case emulated
        /// Gradient-descent or refinement steps (a count; those solvers only).
        case iterations
        /// The weight format of PTQ: `int<b>`, `fp8-e4m3`, `nf4`, or `fp64` (the unquantized fit).
        case format
        /// The code width in bits (64 for the FP64 fit, 32 for the FP32 QAT model).
        case bits
        /// Whether the integer grid is symmetric (a flag).
        case symmetric
        /// How static input ranges were calibrated: `minmax`, `percentile`, `mse`, or `dynamic`
        /// (per batch of test rows).
        case calibration
        /// The QAT method: `fp32` (unquantized), `ptq`, `qat-ste` or `qat-lsq`.
        case method
        /// What QAT quantizes: `weights`, `weights+inputs` (one input range per tensor),
        /// `weights+inputs-per-feature` (one input range per feature), or `none` (the FP32 model).
        case targets
        /// The QAT epoch of a training-curve point, from 0 (the calibrated start).
        case epoch
    }

    /// The measurement keys.
    public enum Metric: String, MeasurementKey {
        /// Rows of the dataset used (a count).
        case rows
        /// Features of the dataset (a count).
        case features
        /// Rows removed for missing values (a count).
        case droppedRows
        /// ‖ŵ − w_ref‖ / ‖w_ref‖ against the FP64 fit (QR on the same data; dimensionless).
        case coefficientError
        /// ‖ŵ − w‖ / ‖w‖ against the generating coefficients (dimensionless).
        case coefficientErrorToTruth
        /// 1 when Cholesky met a non-positive pivot (the other measurements are then NaN), else 0.
        case failed
        /// The measured condition number κ₂ of the training rows (dimensionless).
        case kappaTrain
        /// Root-mean-square error on the test rows, in the target's unit (`mpg` or unitless).
        case testRMSE
        /// Coefficient of determination R² on the test rows (dimensionless).
        case testR2
        /// ‖X̂ − X‖_F / ‖X‖_F of the quantized test features (dimensionless).
        case featureError
        /// The mean batch MSE of the epoch (kept or plotted) on the fitting part, standardised
        /// targets (dimensionless); for epoch 0, PTQ and FP32 the MSE of the model on it.
        case trainLoss
        /// The MSE on the validation part held out of the fold's training rows (dimensionless).
        case validationLoss
        /// The QAT epoch kept (lowest validation MSE; 0 is the calibrated start).
        case bestEpoch
        /// Adam's learning rate of the epoch (0 at epoch 0, before training).
        case learningRate
        /// Test RMSE of a QAT model with quantized inputs when its inputs are only clipped to
        /// the input quantizer's range, not rounded (target units, as `testRMSE`).
        case clipOnlyRMSE
        /// The share of test feature values outside the input quantizer's range (a fraction).
        case inputClipFraction
        /// Training rows of a fold that QAT fits on (a count; the FP32 `qat` record).
        case fitRows
        /// Training rows of a fold held out to choose the QAT iterate (a count; the FP32 `qat` record).
        case validationRows
    }
}
