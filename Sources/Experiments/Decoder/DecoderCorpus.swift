import Datasets

/// The KJV text as character ids: verses joined by newlines, a character vocabulary over the
/// whole corpus, every book but the last `heldOut` for training and those for evaluation.
struct DecoderCorpus {
    /// The characters, in Unicode scalar order; an id is an index here.
    let vocabulary: [Unicode.Scalar]
    /// The training books' ids.
    let train: [Int]
    /// The held-out books' ids.
    let heldOut: [Int]
    /// The held-out books' names.
    let heldOutNames: [String]

    /// - Throws: the loader's errors; `DataFileError` when fewer than `heldOut + 1` books exist.
    init(books: [KJV.Book], heldOutCount: Int, file: String) throws {
        guard books.count > heldOutCount else {
            throw DataFileError(file: file, problem: "\(books.count) books, need more than the \(heldOutCount) held out; run make data")
        }
        func text(_ part: ArraySlice<KJV.Book>) -> [Unicode.Scalar] {
            Array(part.flatMap { $0.verses }.joined(separator: "\n").unicodeScalars)
        }
        let trainText = text(books.dropLast(heldOutCount)), heldOutText = text(books.suffix(heldOutCount))
        vocabulary = Set(trainText + heldOutText).sorted()
        let id = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, $0) })
        train = trainText.map { id[$0]! }
        heldOut = heldOutText.map { id[$0]! }
        heldOutNames = books.suffix(heldOutCount).map(\.name)
    }

    /// The ids of `text` (characters outside the vocabulary are dropped).
    func encode(_ text: String) -> [Int] {
        text.unicodeScalars.compactMap { vocabulary.firstIndex(of: $0) }
    }

    /// The text of `ids`.
    func decode(_ ids: [Int]) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: ids.map { vocabulary[$0] })
        return String(s)
    }
}
