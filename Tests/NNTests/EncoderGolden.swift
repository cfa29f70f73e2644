import Foundation

/// The reference outputs of all-MiniLM-L6-v2 written by `scripts/minilm_golden.py`
/// (transformers' tokenizer and model, mean pooling, L2 normalisation), and where the pinned
/// model files are.
struct EncoderGolden: Decodable {
    /// One reference input.
    struct Input: Decodable {
        /// What the input exercises; names it in failures.
        let label: String
        let text: String
        /// `[CLS] … [SEP]`, truncated at `maxLength`.
        let ids: [Int]
        let maskLength: Int
        /// The unit-length 384-d sentence embedding.
        let embedding: [Float]
    }

    let torch: String
    let transformers: String
    let maxLength: Int
    let inputs: [Input]

    /// The repository root, from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The pinned model folder (`make data`).
    static let modelFolder = root.appendingPathComponent("data/raw/minilm").path

    /// The golden file, decoded once.
    static let shared: EncoderGolden = {
        let url = root.appendingPathComponent("Tests/Fixtures/encoder/golden.json")
        do {
            return try JSONDecoder().decode(EncoderGolden.self, from: Data(contentsOf: url))
        } catch {
            fatalError("Tests/Fixtures/encoder/golden.json: \(error); rerun scripts/minilm_golden.py")
        }
    }()
}
