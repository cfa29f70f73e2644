import NN
import Records
import Runner
import Tensor

extension DecoderTraining {
    /// What determines the trained weights besides the sources, the inputs and the run's seed.
    struct CacheKey: Encodable {
        let layers: Int, width: Int, heads: Int, context: Int, batchSize: Int, steps: Int, warmupSteps: Int
        let learningRate: Float, weightDecay: Float, clipNorm: Double
        /// The curve's spacing and windows (its records are cached with the weights).
        let curveInterval: Int, curveWindows: Int
        let heldOutBooks: Int
        /// The initialisation and batch-order streams.
        let streams: [UInt64]
    }

    /// The files of this folder that shape training (NN and Datasets are named as modules).
    static let trainingFiles = ["DecoderTraining.swift", "DecoderCorpus.swift", "DecoderWindows.swift", "DecoderEvaluation.swift", "DecoderStream.swift"]
        .map { "Experiments/Decoder/" + $0 }

    /// `train(context:)`, or the checkpoint of an identical earlier training from the context's
    /// `CheckpointCache` (GPT-2 tensor names, the vocabulary in the metadata), with the training's
    /// `training` and `curve` records either way, each marked `checkpoint: trained | loaded`.
    /// - Throws: `ResultsError` when a new checkpoint cannot be stored.
    func trainOrLoad(context: ExperimentContext) throws -> (model: GPT, records: [TrialRecord]) {
        let p = parameters
        let key = CacheKey(
            layers: p.layers, width: p.width, heads: p.heads, context: p.context, batchSize: p.batchSize, steps: p.steps,
            warmupSteps: p.warmupSteps, learningRate: p.learningRate, weightDecay: p.weightDecay, clipNorm: p.clipNorm,
            curveInterval: p.curveInterval, curveWindows: p.curveWindows, heldOutBooks: p.heldOutBooks,
            streams: [DecoderStream.initialisation.index, DecoderStream.batches.index])
        let vocabulary = String(String.UnicodeScalarView(corpus.vocabulary))
        func train() -> (value: GPT, entry: CheckpointCache.Entry) {
            let (model, records) = self.train(context: context)
            let bytes = SafetensorsWriter.encode(model.checkpointTensors, metadata: ["vocabulary": vocabulary, "format": "pt"])
            let seconds = records.first?[DecoderSchema.Metric.seconds]?.value ?? 0
            return (model, CheckpointCache.Entry(checkpoint: bytes, records: records, seconds: seconds))
        }
        let model: GPT, entry: CheckpointCache.Entry, origin: CheckpointCache.Origin
        if let cache = context.checkpoints {
            (model, entry, origin) = try cache.value(
                key: cache.key(name: "gpt", parameters: key, modules: ["NN", "Datasets"], files: Self.trainingFiles),
                decode: { entry in try decode(entry, vocabulary: vocabulary, context: context) }, train: train)
            if origin == .loaded { context.progress.advance(by: p.steps) }
        } else {
            (model, entry) = train()
            origin = .trained
        }
        let records = entry.records.map { record in
            var record = record
            record[DecoderSchema.Parameter.checkpoint] = .string(origin.rawValue)
            return record
        }
        return (model, records)
    }

    /// The GPT of a cached checkpoint: every GPT-2 name present with its shape, the same vocabulary.
    private func decode(_ entry: CheckpointCache.Entry, vocabulary: String, context: ExperimentContext) throws -> GPT {
        let reader = try SafetensorsReader(bytes: entry.checkpoint, label: "decoder GPT checkpoint")
        guard reader.header.metadata["vocabulary"] == vocabulary else {
            throw SafetensorsError(path: reader.path, kind: .malformedHeader, detail: "the checkpoint's vocabulary differs from the corpus's")
        }
        let p = parameters
        var rng = context.generator(DecoderStream.initialisation)
        var model = GPT(vocabulary: corpus.vocabulary.count, context: p.context, dimension: p.width, heads: p.heads, layers: p.layers, using: &rng)
        var loaded: [String: Tensor] = [:]
        for (name, tensor) in model.checkpointTensors {
            let stored = try reader.tensor(named: name)
            guard stored.shape == tensor.shape else {
                throw SafetensorsError(path: reader.path, kind: .shapeMismatch, detail: "'\(name)' has shape \(stored.shape), the model \(tensor.shape)")
            }
            loaded[name] = stored
        }
        model.visitParameters { name, p in p.value = loaded[name]! }
        return model
    }
}

extension GPT {
    /// Every parameter by its GPT-2 name.
    var checkpointTensors: [String: Tensor] {
        var copy = self
        var tensors: [String: Tensor] = [:]
        copy.visitParameters { name, p in tensors[name] = p.value }
        return tensors
    }
}
