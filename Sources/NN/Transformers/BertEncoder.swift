import Foundation
public import Tensor

/// A pretrained BERT encoder with sentence-transformers' pooling (all-MiniLM-L6-v2):
///
/// ```
/// x₀ = LN(E_word[id] + E_pos[t] + E_type[0])     token type 0 for a single sentence
/// xₗ = Layerₗ(xₗ₋₁, mask)                         l = 1 … L (`BertLayer`)
/// e  = Σₜ mask·x_L[t] / Σₜ mask                   mean over the real tokens
/// embedding = e / ‖e‖₂
/// ```
/// Weights load by their Hugging Face names (`encoder.layer.3.attention.self.query.weight`)
/// from `model.safetensors`; every Linear keeps PyTorch's `[out, in]` layout. The pooler
/// (`pooler.dense`) is not used by sentence embeddings and is not loaded.
public struct BertEncoder: Sendable {
    /// The extents.
    public let configuration: BertConfiguration
    /// E_word, E_pos, E_type.
    public var wordEmbedding: Embedding, positionEmbedding: Embedding, typeEmbedding: Embedding
    /// The LayerNorm after the embedding sum.
    public var embeddingNorm: LayerNorm
    /// The encoder layers, first to last.
    public var layers: [BertLayer]

    /// Loads `config.json` and `model.safetensors` from `folder`.
    /// - Throws: `FileError` for the configuration, `SafetensorsError` for the weights
    ///   (`missingTensor`, `shapeMismatch`, or the reader's faults), each naming its file.
    public init(folder: String) throws {
        let configuration = try BertConfiguration(contentsOf: folder + "/config.json")
        let path = folder + "/model.safetensors"
        let reader = try SafetensorsReader(contentsOf: path)
        let c = configuration
        func tensor(_ name: String, _ shape: [Int]) throws -> Tensor {
            let t = try reader.tensor(named: name)
            guard t.shape == shape else {
                throw SafetensorsError(path: path, kind: .shapeMismatch, detail: "tensor '\(name)' is \(t.shape), the configuration needs \(shape)")
            }
            return t
        }
        func linear(_ prefix: String, _ outputs: Int, _ inputs: Int) throws -> Linear {
            Linear(weight: try tensor(prefix + ".weight", [outputs, inputs]), bias: try tensor(prefix + ".bias", [outputs]))
        }
        func norm(_ prefix: String) throws -> LayerNorm {
            LayerNorm(weight: try tensor(prefix + ".weight", [c.hiddenSize]), bias: try tensor(prefix + ".bias", [c.hiddenSize]), epsilon: c.layerNormEpsilon)
        }
        let d = c.hiddenSize
        self.configuration = configuration
        wordEmbedding = Embedding(weight: try tensor("embeddings.word_embeddings.weight", [c.vocabularySize, d]))
        positionEmbedding = Embedding(weight: try tensor("embeddings.position_embeddings.weight", [c.maximumPositions, d]))
        typeEmbedding = Embedding(weight: try tensor("embeddings.token_type_embeddings.weight", [c.typeVocabularySize, d]))
        embeddingNorm = try norm("embeddings.LayerNorm")
        layers = try (0..<c.layerCount).map { l in
            let p = "encoder.layer.\(l)"
            return BertLayer(
                attention: MultiHeadAttention(
                    query: try linear(p + ".attention.self.query", d, d), key: try linear(p + ".attention.self.key", d, d),
                    value: try linear(p + ".attention.self.value", d, d), output: try linear(p + ".attention.output.dense", d, d),
                    heads: c.headCount, causal: false),
                attentionNorm: try norm(p + ".attention.output.LayerNorm"),
                intermediate: try linear(p + ".intermediate.dense", c.intermediateSize, d),
                output: try linear(p + ".output.dense", d, c.intermediateSize),
                outputNorm: try norm(p + ".output.LayerNorm"))
        }
    }

    /// The last layer's output `[B, T, D]` for a batch; `observe` sees every layer's
    /// activations (`BertLayer`) with the layer's index.
    /// - Precondition: ids inside the vocabulary, T ≤ the position table.
    public func hiddenStates(_ batch: TokenBatch, observe: ((Int, BertSite, Tensor) -> Void)? = nil) -> Tensor {
        let (b, t, d) = (batch.count, batch.length, configuration.hiddenSize)
        precondition(t <= configuration.maximumPositions, "BertEncoder: \(t) tokens exceed \(configuration.maximumPositions) positions")
        var x = wordEmbedding(batch.ids)
        let positions = positionEmbedding(Array(0..<t))
        let type0 = typeEmbedding([0])
        x.storage.withUnsafeMutableBufferPointer { out in
            for s in 0..<b {
                for i in 0..<t {
                    let base = (s * t + i) * d
                    for j in 0..<d { out[base + j] += positions.storage[i * d + j] + type0.storage[j] }
                }
            }
        }
        x = embeddingNorm(x).reshaped([b, t, d])
        for (l, layer) in layers.enumerated() {
            x = layer(x, keyMask: batch.mask, observe: observe.map { f in { site, value in f(l, site, value) } })
        }
        return x
    }

    /// The unit-length sentence embeddings of a batch, `[B, D]`: mean over real tokens, then L2.
    public func embed(_ batch: TokenBatch) -> Tensor {
        Self.pool(hiddenStates(batch), batch)
    }

    /// The embeddings of `sequences` (token ids with `[CLS]`/`[SEP]`), `[N, D]` in their order,
    /// computed in length-bucketed batches of `batchSize` (`TokenBatch.bucketed`).
    public func embed(_ sequences: [[Int]], batchSize: Int = 32) -> Tensor {
        let d = configuration.hiddenSize
        var out = [Float](repeating: 0, count: sequences.count * d)
        for indices in TokenBatch.bucketed(sequences, size: batchSize) {
            let e = embed(TokenBatch(indices.map { sequences[$0] }))
            for (row, i) in indices.enumerated() {
                for j in 0..<d { out[i * d + j] = e.storage[row * d + j] }
            }
        }
        return Tensor(shape: [sequences.count, d], storage: out)
    }

    /// Mean pooling over the mask and L2 normalisation (sentence-transformers' `Pooling` with
    /// `pooling_mode_mean_tokens`, then `Normalize`; the norm is clamped at 1e-12 as PyTorch's
    /// `F.normalize`). Sums in FP64.
    static func pool(_ hidden: Tensor, _ batch: TokenBatch) -> Tensor {
        let (b, t, d) = (hidden.shape[0], hidden.shape[1], hidden.shape[2])
        var out = [Float](repeating: 0, count: b * d)
        for s in 0..<b {
            var sum = [Double](repeating: 0, count: d)
            for i in 0..<t where batch.mask[s * t + i] {
                for j in 0..<d { sum[j] += Double(hidden.storage[(s * t + i) * d + j]) }
            }
            let n = Double(max(batch.lengths[s], 1))
            let mean = sum.map { $0 / n }
            let norm = max(mean.reduce(0) { $0 + $1 * $1 }.squareRoot(), 1e-12)
            for j in 0..<d { out[s * d + j] = Float(mean[j] / norm) }
        }
        return Tensor(shape: [b, d], storage: out)
    }
}
