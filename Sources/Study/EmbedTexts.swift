import Experiments

/// `quantlab embed` for the command line, which links Study but not Experiments: forwards to
/// `TextEmbedding` (one text per line → all-MiniLM-L6-v2 embeddings as .npy).
public enum EmbedTexts {
    /// The `--format` names.
    public static var formats: [String] { TextEmbedding.formats }

    /// See `TextEmbedding.run(input:output:format:tokens:dataRoot:)`.
    public static func run(input: String, output: String, format: String, tokens: String?, dataRoot: String = "data/raw") throws -> String {
        try TextEmbedding.run(input: input, output: output, format: format, tokens: tokens, dataRoot: dataRoot)
    }
}
