import Datasets
import Foundation
import Records
import Tensor

/// What `quantlab embed` does: one text per line of a UTF-8 file → the unit-length
/// all-MiniLM-L6-v2 embeddings `[lines, 384]` as `<f4` .npy (and, if asked, the token ids
/// `[lines, T]` as `<i4`, padded with `[PAD]` = 0 to the longest), so a user can compare them
/// with their own pipeline. Both files are written in one atomic step.
public enum TextEmbedding {
    /// The `--format` names, in the order `help` lists them.
    public static let formats = EncoderFormat.allCases.map(\.rawValue)

    /// Embeds the lines of `input` and writes `output` (and `tokens`).
    /// - Parameters:
    ///   - format: the precision.
    ///   - dataRoot: where `make data` put the model (`data/raw`).
    /// - Returns: a one-line summary.
    /// - Throws: `FileError` for an unreadable, non-UTF-8 or empty input; the model's
    ///   load errors (each naming its file); `ResultsError` when a file cannot be written.
    public static func run(input: String, output: String, format: EncoderFormat, tokens: String?, dataRoot: String = "data/raw") throws -> String {
        guard let text = String(validating: try FileBytes.read(input), as: UTF8.self) else {
            throw FileError(path: input, problem: "not UTF-8 text")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        if lines.last == "" { lines.removeLast() }
        guard !lines.isEmpty else { throw FileError(path: input, problem: "no lines to embed") }

        let embedder = try TextEmbedder(format: format, paths: DataPaths(root: dataRoot))
        let ids = embedder.tokens(lines)
        let embeddings = embedder.model.embed(ids, batchSize: 32)
        var files = [(url: URL(fileURLWithPath: output), bytes: NPYFile.encode(NPYArray(embeddings)))]
        if let tokens {
            let width = ids.map(\.count).max() ?? 0
            let padded = ids.flatMap { $0.map(Int32.init) + [Int32](repeating: 0, count: width - $0.count) }
            files.append((URL(fileURLWithPath: tokens), NPYFile.encode(NPYArray(shape: [ids.count, width], dtype: .int32, elements: padded))))
        }
        try AtomicFile.write(files)
        return "\(output): \(lines.count) embeddings of \(embeddings.shape[1]) values, \(format.rawValue)\(tokens.map { "; token ids \($0)" } ?? "")"
    }
}
