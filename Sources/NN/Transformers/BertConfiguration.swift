import Foundation
import Tensor

/// The extents of a BERT encoder, as its `config.json` gives them (transformers' `BertConfig`).
///
/// all-MiniLM-L6-v2: 6 layers, hidden 384, 12 heads, FFN 1536, 30 522 tokens, 512 positions,
/// 2 token types, LayerNorm ε 1e-12, exact erf GELU.
public struct BertConfiguration: Sendable, Hashable, Decodable {
    /// D, the model width.
    public let hiddenSize: Int
    /// The number of encoder layers.
    public let layerCount: Int
    /// H; D is a multiple of it.
    public let headCount: Int
    /// The FFN's inner width (4·D in BERT).
    public let intermediateSize: Int
    /// Rows of the word embedding.
    public let vocabularySize: Int
    /// Rows of the position embedding: the longest sequence the model takes.
    public let maximumPositions: Int
    /// Rows of the token-type (segment) embedding.
    public let typeVocabularySize: Int
    /// ε of every LayerNorm.
    public let layerNormEpsilon: Float
    /// The activation's name; only `gelu` (exact erf) is supported.
    public let activation: String

    enum CodingKeys: String, CodingKey {
        case hiddenSize = "hidden_size", layerCount = "num_hidden_layers", headCount = "num_attention_heads"
        case intermediateSize = "intermediate_size", vocabularySize = "vocab_size"
        case maximumPositions = "max_position_embeddings", typeVocabularySize = "type_vocab_size"
        case layerNormEpsilon = "layer_norm_eps", activation = "hidden_act"
    }

    /// Reads `config.json` at `path`.
    /// - Throws: `FileError` naming the file when it is missing or malformed, or asks for
    ///   another activation or a width that the heads do not divide.
    public init(contentsOf path: String) throws {
        let data: [UInt8]
        do { data = try FileBytes.read(path) } catch let error as FileError {
            throw FileError(path: path, problem: error.problem + "; run make data")
        }
        do {
            self = try JSONDecoder().decode(BertConfiguration.self, from: Data(data))
        } catch {
            throw FileError(path: path, problem: "not a BERT config.json (\(error))".replacingOccurrences(of: "\n", with: " "))
        }
        guard activation == "gelu" else {
            throw FileError(path: path, problem: "hidden_act '\(activation)' is not supported; only exact erf 'gelu'")
        }
        guard headCount > 0, hiddenSize % headCount == 0 else {
            throw FileError(path: path, problem: "\(headCount) heads do not divide hidden_size \(hiddenSize)")
        }
    }
}
