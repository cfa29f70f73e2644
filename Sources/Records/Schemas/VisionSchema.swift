/// The record vocabulary of the `vision` section: a LeNet-style CNN trained here on MNIST-5k,
/// then quantized after training (PTQ) and one layer at a time (sensitivity).
///
/// The `family` parameter names the family and `model` the network (`cnn`, `mlp`). Accuracies are fractions of the test images; the
/// paired counts compare a quantized model's answers with its FP32 parent's on the same images
/// (`both_right` n₁₁, `parent_only` n₁₀, `child_only` n₀₁, `both_wrong` n₀₀), from which the
/// analysis draws McNemar's test and a paired bootstrap interval. Only `seconds` is timed.
///
/// | family | one record per | measurements |
/// |---|---|---|
/// | `epoch` | seed, epoch, checkpoint | `train_loss`, `validation_accuracy`, `learning_rate`, `seconds` |
/// | `fp32` | seed, checkpoint | `accuracy`, `correct`, `images`, `model_bytes`, `seconds`, `best_epoch` |
/// | `ptq` | seed, weights, granularity, activations, symmetric, calibration, mixed | `accuracy`, paired counts, `logit_sqnr_db`, `model_bytes` |
/// | `sensitivity` | seed, layer, target, bits | `accuracy`, paired counts, `logit_sqnr_db` |
/// | `qat` | seed, weights, activations, method, epochs | `accuracy`, paired counts, `logit_sqnr_db`, `best_epoch`, `seconds` |
/// | `layer-range` | seed, layer | `weight_min`, `weight_max`, `activation_min`, `activation_max`, `activation_p9999`, `activation_kl_threshold` |
/// | `histogram` | seed, layer, bin | `lower`, `upper`, `count` |
/// | `engine` | seed, engine, implementation | `accuracy`, paired counts, `logit_sqnr_db`, `agreement_fp32`, `agreement_w8a8`, `model_bytes` |
/// | `engine-speed` | engine, batch, repeat (first seed) | `seconds`, `images` |
public enum VisionSchema: RecordSchema {
    /// The section id.
    public static let section = "vision"
    /// Records name their family in `family`.
    public static let familyKey = Parameter.family

    /// The trial families (values of the `family` parameter).
    public enum Family: String, CaseIterable, Sendable {
        /// One epoch of FP32 training.
        case epoch
        /// The trained FP32 model (batch norm folded) on the test images.
        case fp32
        /// One post-training quantization of the whole model.
        case ptq
        /// One layer quantized, the others FP32.
        case sensitivity
        /// One quantization-aware fine-tuning of the folded model.
        case qat
        /// The weight and calibration-activation range of one layer.
        case layerRange = "layer-range"
        /// One bin of the weight histogram of one layer.
        case histogram
        /// The folded CNN run on a oneDNN inference engine (FP32 or INT8) over the test images.
        case engine
        /// One timed repeat of an engine at one batch size.
        case engineSpeed = "engine-speed"
    }

    /// The parameter keys.
    public enum Parameter: String, ParameterKey {
        /// The trial family (`Family`).
        case family
        /// The model: `cnn` (LeNet-style, MNIST-5k) or `mlp` (two layers, scikit-learn's 8×8 digits).
        case model
        /// The training seed (a training run's sub-stream; the test split is the same for all).
        case seed
        /// The epoch, from 1 (`epoch`).
        case epoch
        /// The weight format: `fp32`, `int8` … `int2`, `fp16`, `bf16`, `fp8-e4m3`, `fp8-e5m2`, `nf4`.
        case weights
        /// Weight scales per `tensor` or per output `channel` (integer weights).
        case granularity
        /// The activation (layer input) format: `fp32`, `int8`, `int4`, `fp16`, `bf16`, `fp8-e4m3`, `fp8-e5m2`.
        case activations
        /// Whether integer activations use a symmetric grid (zero point 0) instead of an asymmetric one.
        case symmetric
        /// How activation ranges were set: `minmax`, `percentile`, `mse`, `kl` (static, on the
        /// calibration images) or `dynamic` (each batch's own min-max); `none` for float formats.
        case calibration
        /// Whether the first and last layers stay at 8 bits (a mixed-precision variant).
        case mixed
        /// Whether the format has no arithmetic on this CPU and is computed by conversion (emulated).
        case emulated
        /// A layer of the model: `conv1`, `conv2`, `fc1`, `fc2`.
        case layer
        /// What one-layer quantization rounds: `weights` or `activations` (`sensitivity`).
        case target
        /// The code width of a one-layer quantization, in bits (`sensitivity`).
        case bits
        /// Index of a histogram bin, from 0 (`histogram`).
        case bin
        /// Epochs of QAT fine-tuning (`qat`).
        case epochs
        /// How QAT rounds weights: `ste` (min-max range, straight-through gradient) or `lsq`
        /// (learned step size).
        case method
        /// The inference engine: `fp32` (oneDNN FP32) or `int8` (oneDNN u8 × s8, static W8A8).
        case engine
        /// Images per engine call (`engine-speed`).
        case batch
        /// The repeat of an interleaved timing, from 0 (`engine-speed`).
        case `repeat`
        /// The oneDNN implementations the engine's primitives run, in plan order (batch 256).
        case implementation
        /// Whether the FP32 model was `trained` in this run or `loaded` from the checkpoint cache
        /// (`epoch` and `fp32`; a loaded model's epoch records and training time are those of
        /// the run that trained it).
        case checkpoint
    }

    /// The measurement keys.
    public enum Metric: String, MeasurementKey {
        /// Mean cross-entropy of the epoch's training batches, in nats.
        case trainLoss = "train_loss"
        /// Accuracy on the validation images after the epoch (a fraction).
        case validationAccuracy = "validation_accuracy"
        /// The learning rate of the epoch's schedule.
        case learningRate = "learning_rate"
        /// Wall time of the work, in `s` (timed).
        case seconds
        /// The epoch whose parameters were kept (best validation accuracy).
        case bestEpoch = "best_epoch"
        /// Accuracy on the test images (a fraction).
        case accuracy
        /// Test images classified correctly (a count).
        case correct
        /// Test images (a count).
        case images
        /// Images both the quantized model and its FP32 parent classify correctly, n₁₁.
        case bothRight = "both_right"
        /// Images only the FP32 parent classifies correctly, n₁₀.
        case parentOnly = "parent_only"
        /// Images only the quantized model classifies correctly, n₀₁.
        case childOnly = "child_only"
        /// Images both get wrong, n₀₀.
        case bothWrong = "both_wrong"
        /// SQNR of the quantized model's logits against the FP32 model's on the test images, in `dB`.
        case logitSQNR = "logit_sqnr_db"
        /// The model's weights and their scales at this precision, in `bytes`.
        case modelBytes = "model_bytes"
        /// The smallest weight of the layer.
        case weightMin = "weight_min"
        /// The largest weight of the layer.
        case weightMax = "weight_max"
        /// The smallest input of the layer over the calibration images.
        case activationMin = "activation_min"
        /// The largest input of the layer over the calibration images.
        case activationMax = "activation_max"
        /// The 99.99th percentile of the layer's |input| over the calibration images.
        case activationP9999 = "activation_p9999"
        /// The clipping threshold KL-divergence calibration picks for the layer's 8-bit input.
        case activationKL = "activation_kl_threshold"
        /// The lower edge of a histogram bin.
        case lower
        /// The upper edge of a histogram bin.
        case upper
        /// Weights in the bin (a count).
        case count
        /// Share of the test images on which the engine's top-1 class equals the FP32 model's (our folded CNN).
        case agreementFP32 = "agreement_fp32"
        /// Share of the test images on which the engine's top-1 class equals the simulated W8A8
        /// model's (PTQ, per-channel weights, min-max static inputs).
        case agreementW8A8 = "agreement_w8a8"
    }
}
