public import Datasets
public import NN
public import Tensor

/// all-MiniLM-L6-v2 from the pinned files, as a text → embedding function: the tokenizer of
/// `vocab.txt`, the encoder of `model.safetensors`, in one of the `EncoderFormat`s.
public struct TextEmbedder: Sendable {
    /// The model folder under the data root.
    public static let folderName = "minilm"
    /// BERT's truncation length for this model (tokenizer.json's `truncation.max_length`).
    public static let maxLength = 128

    /// The WordPiece tokenizer.
    public let tokenizer: WordPieceTokenizer
    /// The encoder, quantized as asked.
    public let model: BertEncoder

    /// Loads the model from `paths` and quantizes it to `format`.
    /// - Throws: `DataFileError` when a model file is missing, `FileError` or `SafetensorsError`
    ///   naming the file at fault, `QuantizationError` from QuantCore.
    public init(format: EncoderFormat, paths: DataPaths = DataPaths()) throws {
        let folder = paths.file(Self.folderName)
        try paths.requireFiles(["\(Self.folderName)/vocab.txt", "\(Self.folderName)/config.json", "\(Self.folderName)/model.safetensors"])
        tokenizer = try WordPieceTokenizer(vocabularyAt: folder + "/vocab.txt")
        let fp32 = try BertEncoder(folder: folder)
        model = try format.quantization.map { try fp32.quantized($0) } ?? fp32
    }

    /// The ids of each text, `[CLS] … [SEP]`, truncated at `maxLength`.
    public func tokens(_ texts: [String]) -> [[Int]] {
        texts.map { tokenizer.encode($0, maxLength: Self.maxLength) }
    }

    /// The unit-length embeddings `[texts.count, 384]`, in length-bucketed batches of 32.
    public func embed(_ texts: [String]) -> Tensor {
        model.embed(tokens(texts), batchSize: 32)
    }
}
