public import Records
public import Runner

/// What a profile fixes for the `decoder` section: the GPT and its training on the KJV text,
/// the quantization grid and its evaluation, and the decode-speed trial of a Llama-2-7B-shaped
/// block. The quick profile trains a tiny model for a few steps and times a narrower block, on
/// the same code path.
public struct DecoderParameters: SectionParameters, Equatable {
    /// Books held out at the end of the corpus (validation and every metric).
    public var heldOutBooks: Int
    /// Transformer blocks.
    public var layers: Int
    /// Model width D.
    public var width: Int
    /// Attention heads.
    public var heads: Int
    /// Context (sequence length) T of training and evaluation.
    public var context: Int
    /// Sequences per training batch.
    public var batchSize: Int
    /// Optimizer steps.
    public var steps: Int
    /// Linear warm-up steps before the cosine decay.
    public var warmupSteps: Int
    /// Peak learning rate; the cosine ends at a tenth of it.
    public var learningRate: Float
    /// AdamW's decoupled weight decay λ.
    public var weightDecay: Float
    /// Gradient-norm clipping threshold.
    public var clipNorm: Double
    /// Steps between two points of the training curve.
    public var curveInterval: Int
    /// Held-out windows scored at each point of the training curve.
    public var curveWindows: Int
    /// The shape of the step-timing trial as [width, layers, heads, batch, context]: PyTorch's
    /// reference (issue 13: 0.89 s per step at width 192, 4 layers, 32 × 128, two threads).
    public var stepTimingShape: [Int]
    /// Timed steps of the step-timing trial (after one warm-up step).
    public var stepTimingRepeats: Int
    /// Calibration sequences of the training split (GPTQ's Hessians, static ranges).
    public var calibrationSequences: Int
    /// Held-out windows scored per model, spread evenly over the held-out books (0: every window).
    public var evaluationWindows: Int
    /// Held-out text chunks (each a run of whole windows): the unit of the bootstrap intervals.
    public var chunks: Int
    /// Characters generated per sample.
    public var sampleLength: Int
    /// The prompt of the generated samples.
    public var prompt: String
    /// Softmax temperature of the samples.
    public var temperature: Double
    /// The decode block's width (4096 for Llama-2-7B).
    public var decodeHidden: Int
    /// The decode block's MLP width (11008 for Llama-2-7B).
    public var decodeIntermediate: Int
    /// The decode block's heads (32).
    public var decodeHeads: Int
    /// Cached positions the decoded token attends to (512).
    public var decodeContext: Int
    /// Blocks of the whole model the per-block time is scaled to (32).
    public var decodeBlocks: Int
    /// Interleaved timing repeats per format.
    public var decodeRepeats: Int
    /// Size of the read-bandwidth probe, in MiB.
    public var probeMebibytes: Int

    /// The parameters of `profile`. The full profile's 400 steps of 32 × 128 characters take
    /// about 0.5 s each on two quiet cores (5.1 s on a machine at load 15): well inside the
    /// issue's eight minutes of training.
    public init(profile: Profile) {
        let full = profile == .full
        heldOutBooks = 5
        layers = full ? 4 : 1
        width = full ? 256 : 128
        heads = full ? 4 : 2
        context = full ? 128 : 64
        batchSize = full ? 32 : 8
        steps = full ? 400 : 30
        warmupSteps = full ? 40 : 5
        learningRate = 3e-3
        weightDecay = 0.1
        clipNorm = 1
        curveInterval = full ? 20 : 10
        curveWindows = full ? 32 : 8
        stepTimingShape = full ? [192, 4, 4, 32, 128] : [64, 1, 2, 4, 32]
        stepTimingRepeats = 5
        calibrationSequences = full ? 128 : 16
        evaluationWindows = full ? 384 : 64
        chunks = full ? 64 : 16
        sampleLength = full ? 240 : 80
        prompt = "And God said"
        temperature = 0.8
        decodeHidden = full ? 4096 : 1024
        decodeIntermediate = full ? 11008 : 2752
        decodeHeads = full ? 32 : 8
        decodeContext = 512
        decodeBlocks = 32
        decodeRepeats = full ? 15 : 5
        probeMebibytes = full ? 256 : 64
    }
}
