import Experiments

/// `quantlab embed` for the command line, which links Study but not Experiments: forwards to
/// `TextEmbedding` (one text per line → all-MiniLM-L6-v2 embeddings as .npy).
public enum EmbedTexts {
    /// The `--format` names.
    public static var formats: [String] { TextEmbedding.formats }

    /// See `TextEmbedding.run(input:output:format:tokens:dataRoot:)`.
    /// - Precondition: `format` is one of `formats` (the command line checks it first).
    public static func run(input: String, output: String, format: String, tokens: String?, dataRoot: String = "data/raw") throws -> String {
        guard let precision = EncoderFormat(rawValue: format) else { preconditionFailure("EmbedTexts: unknown format \(format)") }
        return try TextEmbedding.run(input: input, output: output, format: precision, tokens: tokens, dataRoot: dataRoot)
    }
}
