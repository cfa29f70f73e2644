import Datasets
import Kernels
import NN
public import Records
public import Runner
import Tensor

/// The `decoder` section (issue 13): a character-level GPT trained here on the KJV text, quantized
/// after training, and the decode speed of a Llama-2-7B-shaped block. Families (`DecoderSchema`):
/// - `training`, `curve`: FP32 training (`DecoderTraining`) and its curve; `step-timing`: training
///   steps of a model of PyTorch's reference shape, timed;
/// - `variant`, `chunk`: every model of `DecoderVariant.grid` (RTN 8/4/3 bits per channel and per
///   group, NF4, FP8 E4M3 emulated, GPTQ 4/3 bits g128 with and without act-order, W8A8 per
///   tensor and per token, W4A8) scored on the held-out books, per chunk (`DecoderEvaluation`);
/// - `sample`: generated text of FP32, RTN-4, GPTQ-4 and RTN-3 from one prompt and stream;
/// - `decode`, `probe`: one token through the 7B-shaped block in each format, interleaved with
///   the read-bandwidth probe (`DecodeBlock`).
/// The trained model is kept in the runner's checkpoint cache as safetensors with GPT-2 names
/// (`DecoderTraining.trainOrLoad`), so a rerun that changes only evaluation does not retrain.
public struct DecoderExperiment: Experiment {
    /// What a profile fixes (`DecoderParameters`).
    public typealias Parameters = DecoderParameters

    /// The experiment.
    public init() {}

    /// `DecoderSchema.section`.
    public var id: String { DecoderSchema.section }

    /// `Experiments/Decoder`.
    public var sourceFolder: String { "Experiments/Decoder" }

    /// The KJV text.
    public var inputs: [String] { [KJV.fileName] }

    /// The variants whose generated text the chapter prints.
    static let sampled = ["fp32", "rtn-w4-g128", "gptq-w4-g128", "rtn-w3-g128"]

    /// Trains, quantizes and scores every variant, then times the decode block.
    /// - Throws: the loader's errors; QuantCore's and LAPACK's (not expected); a checkpoint write error.
    public func run(_ p: Parameters, context: ExperimentContext) throws -> [TrialRecord] {
        let corpus = try DecoderCorpus(books: KJV.loadBooks(from: context.dataPaths), heldOutCount: p.heldOutBooks, file: context.dataPaths.file(KJV.fileName))
        let grid = DecoderVariant.grid(groupSizes: Self.groupSizes(width: p.width))
        context.progress.start(total: p.steps + grid.count + 1)
        let training = DecoderTraining(parameters: p, corpus: corpus)
        let (model, trainingRecords) = try training.trainOrLoad(context: context)
        var records = trainingRecords
        records += training.stepTimings(context: context)

        var calibrationRNG = context.generator(DecoderStream.calibration)
        var calibration: [Int] = []
        for _ in 0..<p.calibrationSequences {
            let start = calibrationRNG.nextIndex(below: corpus.train.count - p.context)
            calibration += corpus.train[start..<(start + p.context)]
        }
        let quantization = DecoderQuantization(model: model, calibration: calibration, length: p.context)
        let evaluation = DecoderEvaluation(fp32: model, windows: DecoderWindows(corpus.heldOut, length: p.context).evenlySpaced(p.evaluationWindows == 0 ? .max : p.evaluationWindows), chunks: p.chunks)
        let prompt = corpus.encode(p.prompt)
        for variant in grid {
            let ((quantized, bytes), seconds) = try context.timed { try quantization.apply(variant) }
            let weights = Double(quantization.linearWeightCount)
            records.append(DecoderSchema.record(
                .variant, variant.parameters,
                [.modelBytes: Measurement(Double(bytes), unit: "bytes"), .bitsPerWeight: Measurement(8 * Double(bytes) / weights),
                 .seconds: .timing(seconds, unit: "s")]))
            for var record in evaluation.chunkRecords(quantized) {
                for (key, value) in variant.parameters { record[key] = value }
                records.append(record)
            }
            if Self.sampled.contains(variant.name) {
                var rng = context.generator(DecoderStream.sample(0))
                let text = corpus.decode(DecoderSampling.generate(quantized, prompt: prompt, count: p.sampleLength, temperature: p.temperature, using: &rng))
                records.append(DecoderSchema.record(
                    .sample, [.variant: .string(variant.name), .prompt: .string(p.prompt), .text: .string(text)],
                    [.characters: Measurement(Double(text.unicodeScalars.count))]))
            }
            context.progress.advance()
        }
        records += try DecodeTiming(parameters: p).run(context: context)
        context.progress.advance()
        return records
    }

    /// The group sizes of the RTN grid that divide every linear layer's inputs (width and 4·width).
    static func groupSizes(width: Int) -> [Int] {
        [128, 64, 32].filter { width % $0 == 0 }
    }
}

extension DecoderQuantization {
    /// Weights of the model's linear layers (what the quantized byte counts cover).
    var linearWeightCount: Int {
        var copy = model
        var n = 0
        copy.visitLinears { _, linear in n += linear.weight.value.count }
        return n
    }
}
