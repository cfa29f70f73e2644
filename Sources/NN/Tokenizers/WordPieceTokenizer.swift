public import Tensor

/// BERT's WordPiece tokenizer (Wu et al. 2016; Devlin et al. 2019) over a `vocab.txt`, as the
/// uncased tokenizer of transformers and tokenizers applies it:
///
/// ```
/// words = BertPreTokenizer.words(text)
/// per word: more than 100 scalars → [UNK]
///           else greedy longest match first: the longest vocabulary entry that is a prefix of
///           the rest of the word, written "##piece" after the first piece; if some rest has no
///           match, the whole word → [UNK]
/// ids = [CLS] + pieces (the first maxLength − 2) + [SEP]
/// ```
/// Vocabulary entries are matched by their exact UTF-8 bytes, not by Swift's canonical string
/// equality, so two entries that differ only in normalization stay two entries (as in Python).
public struct WordPieceTokenizer: Sendable {
    /// Token ids by the UTF-8 bytes of the token.
    private let ids: [[UInt8]: Int]
    /// Tokens by id (the lines of `vocab.txt`).
    public let tokens: [String]
    /// The id of `[UNK]`, `[CLS]`, `[SEP]` and `[PAD]`.
    public let unknown: Int, classification: Int, separator: Int, padding: Int
    /// Words longer than this many Unicode scalars are `[UNK]` (BERT: 100).
    public let maximumWordLength: Int

    /// The tokenizer of `vocab.txt` at `path`: one token per line, the id is the 0-based line.
    /// - Throws: `FileError` naming the file when it cannot be read, or lacks `[UNK]`, `[CLS]`,
    ///   `[SEP]` or `[PAD]`.
    public init(vocabularyAt path: String, maximumWordLength: Int = 100) throws {
        let data: [UInt8]
        do { data = try FileBytes.read(path) } catch let error as FileError {
            throw FileError(path: path, problem: error.problem + "; run make data")
        }
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        if lines.last == "" { lines.removeLast() }
        try self.init(tokens: lines, file: path, maximumWordLength: maximumWordLength)
    }

    /// A tokenizer over `tokens` (id = index); `file` names the source in errors.
    /// - Throws: `FileError` naming `file` when a special token is missing.
    public init(tokens: [String], file: String = "vocabulary", maximumWordLength: Int = 100) throws(FileError) {
        var ids: [[UInt8]: Int] = [:]
        for (id, token) in tokens.enumerated() where ids[Array(token.utf8)] == nil {
            ids[Array(token.utf8)] = id
        }
        func special(_ name: String) throws(FileError) -> Int {
            guard let id = ids[Array(name.utf8)] else {
                throw FileError(path: file, problem: "no \(name) token among \(tokens.count) lines; not a BERT vocabulary")
            }
            return id
        }
        self.ids = ids
        self.tokens = tokens
        unknown = try special("[UNK]")
        classification = try special("[CLS]")
        separator = try special("[SEP]")
        padding = try special("[PAD]")
        self.maximumWordLength = maximumWordLength
    }

    /// The WordPiece ids of `text`, without `[CLS]`/`[SEP]` and without truncation.
    public func pieces(_ text: String) -> [Int] {
        var out: [Int] = []
        for word in BertPreTokenizer.words(text) {
            appendPieces(of: word, to: &out)
        }
        return out
    }

    /// `[CLS]` + the first `maxLength − 2` pieces of `text` + `[SEP]`: BERT's single-sequence
    /// input, truncated to at most `maxLength` ids.
    /// - Precondition: `maxLength ≥ 2`.
    public func encode(_ text: String, maxLength: Int = 128) -> [Int] {
        precondition(maxLength >= 2, "WordPieceTokenizer: maxLength \(maxLength) leaves no room for [CLS] and [SEP]")
        return [classification] + pieces(text).prefix(maxLength - 2) + [separator]
    }

    /// Greedy longest-match-first over one word's scalars.
    private func appendPieces(of word: [Unicode.Scalar], to out: inout [Int]) {
        guard word.count <= maximumWordLength else { out.append(unknown); return }
        // UTF-8 of each scalar, so a candidate substring's key is a concatenation of slices.
        let utf8 = word.map { Array(String($0).utf8) }
        var found: [Int] = []
        var start = 0
        while start < word.count {
            var end = word.count
            var match: Int?
            while start < end {
                var key: [UInt8] = start > 0 ? Array("##".utf8) : []
                for i in start..<end { key += utf8[i] }
                if let id = ids[key] { match = id; break }
                end -= 1
            }
            guard let id = match else { out.append(unknown); return }
            found.append(id)
            start = end
        }
        out += found
    }
}
