/// The record vocabulary of the `encoder` section: the pretrained all-MiniLM-L6-v2 in Swift on
/// KJV verses, its activation outliers, and weight-only and weight+activation quantization of
/// its linear layers against FP32.
///
/// Cosines compare a quantized model's unit embedding of a held-out verse with FP32's; the
/// retrieval overlap is |top-10 of the quantized model ∩ top-10 of FP32| / 10 for one query
/// verse among the corpus verses (cosine ranking, the query itself excluded). Only `seconds`
/// and `sentences_per_second` are timed.
///
/// | family | one record per | measurements |
/// |---|---|---|
/// | `outlier` | layer, site | `max_abs`, `median_column_max`, `top1_dimension` … `top3_dimension`, `top1_max` … `top3_max`, `tokens` |
/// | `column-max` | layer, dimension | `max_abs` (site `output`, the residual stream) |
/// | `histogram` | layer, site, bin | `lower`, `upper`, `count`, `int8_step` |
/// | `scheme` | weights, granularity, symmetric, method, activations, calibration, alpha, baseline | `cosine_mean`, `cosine_sd`, `cosine_p01`, `cosine_p01_low`, `cosine_p01_high`, `cosine_min`, `verses`, `overlap_mean`, `overlap_sd`, `queries`, `corpus`, `weight_bytes`, `kept_share`; with a baseline `paired_cosine_mean`, `paired_cosine_sd`, `paired_overlap_mean`, `paired_overlap_sd` |
/// | `layer-sqnr` | scheme label, layer | `sqnr_db` |
/// | `speed` | variant, repeat | `sentences_per_second`, `seconds`, `sentences`, `tokens`, `weight_bytes`, `cosine_mean` (to FP32 on the timed verses) |
public enum EncoderSchema: RecordSchema {
    /// The section id.
    public static let section = "encoder"
    /// Records name their family in `family`.
    public static let familyKey = Parameter.family

    /// The trial families.
    public enum Family: String, CaseIterable, Sendable {
        /// The activation magnitudes of one layer at one site, over the calibration verses.
        case outlier
        /// max |x| of one dimension of one layer's output.
        case columnMax = "column-max"
        /// One bin of the value histogram of the outlier layer.
        case histogram
        /// One quantization scheme of the linear layers, against FP32.
        case scheme
        /// The SQNR of one layer's output under one scheme.
        case layerSQNR = "layer-sqnr"
        /// One timed pass over the speed verses.
        case speed
    }

    /// The parameter keys.
    public enum Parameter: String, ParameterKey {
        /// The trial family (`Family`).
        case family
        /// The encoder layer, from 0.
        case layer
        /// Where in the layer: `intermediate` (FFN after GELU, 4D wide) or `output` (after LN₂).
        case site
        /// One of the D dimensions of the residual stream (`column-max`).
        case dimension
        /// A histogram bin, from 0.
        case bin
        /// The weight format: `fp32`, `bf16`, `int8`, `int4`, `nf4`, `fp8-e4m3`.
        case weights
        /// Weight scales: `tensor`, `channel`, or `g32`, `g64`, `g128` (groups along the input axis), `b64` (NF4 blocks).
        case granularity
        /// Whether the integer weight grid is symmetric.
        case symmetric
        /// How weights are rounded: `rtn` (each weight to its nearest grid point, QuantCore) or
        /// `gptq` (GPTQ's error feedback against the calibration inputs' Hessian).
        case method
        /// The scheme label a scheme is compared with verse by verse and query by query (GPTQ
        /// against RTN at the same grid), or `none`.
        case baseline
        /// The activation format: `fp32`, `bf16` or `int8`.
        case activations
        /// How INT8 activations get their range: `minmax`, `percentile`, `mse` (static, per
        /// tensor, on the calibration verses), `dynamic` (per tensor), `per-token` (dynamic),
        /// `llm.int8` (per token, outlier columns kept FP32); `none` otherwise.
        case calibration
        /// SmoothQuant's α, or −1 for no smoothing.
        case alpha
        /// Whether the format has no arithmetic on this CPU and the products are FP32 on rounded values.
        case emulated
        /// A scheme's short label (`layer-sqnr`), as the `scheme` records' `label`.
        case label
        /// The timed variant: `fp32`, `bf16`, `w8a8`.
        case variant
        /// The repeat index of a timing, from 0.
        case repeatIndex = "repeat"
    }

    /// The measurement keys.
    public enum Metric: String, MeasurementKey {
        /// The largest |activation|.
        case maxAbs = "max_abs"
        /// The median over dimensions of each dimension's max |x|: the typical scale.
        case medianColumnMax = "median_column_max"
        /// The dimension with the largest max |x|.
        case top1Dimension = "top1_dimension"
        /// The second.
        case top2Dimension = "top2_dimension"
        /// The third.
        case top3Dimension = "top3_dimension"
        /// Its max |x|.
        case top1Max = "top1_max"
        /// The second's.
        case top2Max = "top2_max"
        /// The third's.
        case top3Max = "top3_max"
        /// Tokens observed.
        case tokens
        /// Lower edge of a bin.
        case lower
        /// Upper edge of a bin.
        case upper
        /// Values in a bin.
        case count
        /// The INT8 step of a symmetric per-tensor min-max grid over these values: max|x| / 127.
        case int8Step = "int8_step"
        /// Mean cosine to FP32 over the held-out verses.
        case cosineMean = "cosine_mean"
        /// Sample standard deviation of those cosines.
        case cosineSD = "cosine_sd"
        /// The 1st percentile of the cosines (order statistic ⌈0.01 n⌉).
        case cosineP01 = "cosine_p01"
        /// The order statistics that bound a distribution-free 95 % interval of the 1st percentile.
        case cosineP01Low = "cosine_p01_low"
        /// Upper bound of that interval.
        case cosineP01High = "cosine_p01_high"
        /// The smallest cosine.
        case cosineMin = "cosine_min"
        /// Held-out verses (a count).
        case verses
        /// Mean top-10 retrieval overlap with FP32.
        case overlapMean = "overlap_mean"
        /// Sample standard deviation of the overlaps.
        case overlapSD = "overlap_sd"
        /// Query verses (a count).
        case queries
        /// Verses in the retrieval corpus the queries search (a count, the queries included).
        case corpus
        /// Bytes of the linear weights with their scales and zero points at this precision.
        case weightBytes = "weight_bytes"
        /// LLM.int8: the share of linear-input columns kept in FP32, averaged over layers and batches.
        case keptShare = "kept_share"
        /// Mean over the held-out verses of (this scheme's cosine − the baseline's cosine), each
        /// verse's pair from the same FP32 reference: a paired difference.
        case pairedCosineMean = "paired_cosine_mean"
        /// Sample standard deviation of those differences.
        case pairedCosineSD = "paired_cosine_sd"
        /// Mean over the queries of (this scheme's top-10 overlap − the baseline's).
        case pairedOverlapMean = "paired_overlap_mean"
        /// Sample standard deviation of those differences.
        case pairedOverlapSD = "paired_overlap_sd"
        /// SQNR of a layer's output against FP32, in `dB`.
        case sqnrDB = "sqnr_db"
        /// Verses embedded per second (timed).
        case sentencesPerSecond = "sentences_per_second"
        /// Wall time, in `s` (timed).
        case seconds
        /// Verses in one timed pass.
        case sentences
    }
}
