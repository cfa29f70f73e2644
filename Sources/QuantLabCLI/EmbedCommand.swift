import ArgumentParser
import Study

/// `quantlab embed`: sentence embeddings of all-MiniLM-L6-v2, one text per line.
struct EmbedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Embed one text per line with all-MiniLM-L6-v2 (FP32 or quantized); write a .npy.",
        discussion: """
            Tokenizes as BERT's uncased WordPiece (truncation at 128 tokens), runs the encoder from
            the pinned files in data/raw/minilm (make data), mean-pools over the real tokens and
            L2-normalises: the rows of OUT.npy (<f4, lines × 384) are what sentence-transformers
            returns for this model. --format quantizes the linear layers: bf16 (weights and
            inputs), int8 (weights per channel), w8a8 (plus inputs per token), int4 (groups of
            128), nf4 (blocks of 64); the products are FP32 on the rounded values (emulated).

            Example:
              quantlab embed --input texts.txt --output emb.npy
              quantlab embed --input texts.txt --output emb8.npy --format w8a8 --tokens ids.npy
            """)

    @Option(help: "UTF-8 text file, one text per line.")
    var input: String

    @Option(help: "Output .npy file of the embeddings (<f4, lines × 384).")
    var output: String

    @Option(help: "Precision of the linear layers: \(EmbedTexts.formats.joined(separator: ", ")).")
    var format: String = "fp32"

    @Option(help: "Also write the token ids (<i4, lines × longest, padded with 0) to this .npy file.")
    var tokens: String?

    func validate() throws {
        guard EmbedTexts.formats.contains(format.lowercased()) else {
            throw ValidationError("--format \(format) is not one of \(EmbedTexts.formats.joined(separator: ", "))")
        }
        if tokens == output { throw ValidationError("--tokens and --output name the same file \(output)") }
    }

    func run() throws {
        print(try EmbedTexts.run(input: input, output: output, format: format.lowercased(), tokens: tokens))
    }
}
