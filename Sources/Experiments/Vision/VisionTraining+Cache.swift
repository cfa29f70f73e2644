import NN
import Records
import Runner

extension VisionTraining {
    /// What determines the trained weights besides the sources, the inputs and the run's seed:
    /// the part of the cache key a training setting contributes.
    struct CacheKey: Encodable {
        let model: String
        let epochs: Int
        let batchSize: Int
        let learningRate: Float
        let testFraction: Double
        let validationFraction: Double
        /// The training seed and the indices of its initialisation and batch-order streams.
        let seed: Int
        let streams: [UInt64]
    }

    /// The source files of this folder that shape training (the NN and Datasets modules are named
    /// as modules): the training loop, the models, the split, the random streams.
    static let trainingFiles = ["VisionTraining.swift", "LeNet.swift", "VisionData.swift", "VisionStream.swift"]
        .map { "Experiments/Vision/" + $0 }

    /// `train(seed:context:)`, or the checkpoint of an identical earlier training from the
    /// context's `CheckpointCache`, with the training's epoch records and wall time either way.
    /// - Throws: `ResultsError` when a new checkpoint cannot be stored.
    func trainOrLoad(seed: Int, context: ExperimentContext) throws
        -> (model: Sequential, bestEpoch: Int, records: [TrialRecord], seconds: Double, origin: CheckpointCache.Origin)
    {
        let key = CacheKey(
            model: model.name, epochs: epochs, batchSize: parameters.batchSize, learningRate: parameters.learningRate,
            testFraction: parameters.testFraction, validationFraction: parameters.validationFraction, seed: seed,
            streams: [streams(.initialisation(seed: seed)).index, streams(.batches(seed: seed)).index])
        func train() -> (value: (Sequential, Int), entry: CheckpointCache.Entry) {
            let (trained, seconds) = context.timed { self.train(seed: seed, context: context) }
            let bytes = SafetensorsWriter.encode(trained.model.checkpointTensors, metadata: ["best_epoch": String(trained.bestEpoch)])
            return ((trained.model, trained.bestEpoch), CheckpointCache.Entry(checkpoint: bytes, records: trained.records, seconds: seconds))
        }
        guard let cache = context.checkpoints else {
            let (value, entry) = train()
            return (value.0, value.1, entry.records, entry.seconds, .trained)
        }
        let result = try cache.value(
            key: cache.key(name: "\(model.name)-seed-\(seed)", parameters: key, modules: ["NN", "Datasets"], files: Self.trainingFiles),
            decode: { entry in try decode(entry, seed: seed, context: context) }, train: train)
        if result.origin == .loaded { context.progress.advance(by: max(1, epochs)) }
        return (result.value.0, result.value.1, result.entry.records, result.entry.seconds, result.origin)
    }

    /// The model and best epoch of a cached checkpoint.
    private func decode(_ entry: CheckpointCache.Entry, seed: Int, context: ExperimentContext) throws -> (Sequential, Int) {
        let reader = try SafetensorsReader(bytes: entry.checkpoint, label: "\(model.name) checkpoint of seed \(seed)")
        guard let text = reader.header.metadata["best_epoch"], let bestEpoch = Int(text) else {
            throw SafetensorsError(path: reader.path, kind: .malformedHeader, detail: "no best_epoch in the metadata")
        }
        var rng = context.generator(streams(.initialisation(seed: seed)))
        var restored = model.make(&rng)
        try restored.loadCheckpoint(from: reader)
        return (restored, bestEpoch)
    }
}
