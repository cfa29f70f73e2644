import Foundation
import NN
import Tensor
import Testing

@Suite("WordPiece tokenizer")
struct WordPieceTokenizerTests {
    /// The pinned vocabulary (`make test` runs `make data` first).
    static let tokenizer: WordPieceTokenizer = {
        do {
            return try WordPieceTokenizer(vocabularyAt: EncoderGolden.modelFolder + "/vocab.txt")
        } catch {
            fatalError("\(error)")
        }
    }()

    @Test("ids identical to transformers' BertTokenizer on every golden input")
    func golden() {
        let golden = EncoderGolden.shared
        #expect(golden.inputs.count >= 20)
        for input in golden.inputs {
            let ids = Self.tokenizer.encode(input.text, maxLength: golden.maxLength)
            #expect(ids == input.ids, "\(input.label): \(ids.map { Self.tokenizer.tokens[$0] })")
            #expect(ids.count == input.maskLength, "\(input.label)")
        }
    }

    /// A vocabulary small enough to work the greedy matching by hand.
    static let small = try! WordPieceTokenizer(
        tokens: ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##aff", "##able", "una", "##ff", "a", "##b", "!", "cafe", "中"],
        maximumWordLength: 9)

    @Test("greedy longest match first, with ## continuations, by hand")
    func greedy() {
        // "unaffable": longest prefix in the vocabulary is "una" (not "un"), then "##ff", then
        // "##able": the greedy split, even though "un ##aff ##able" exists too.
        #expect(Self.small.pieces("unaffable") == [7, 8, 6])
        // "ab": "a" then "##b"; "ba": no piece starts the word → the whole word is [UNK].
        #expect(Self.small.pieces("ab ba") == [9, 10, 1])
        // "abc": "a", "##b", then no "##c" → the whole word is [UNK], not "a ##b [UNK]".
        #expect(Self.small.pieces("abc") == [1])
    }

    @Test("clean-up, lower case, accents, punctuation and CJK, by hand")
    func normalization() {
        // Upper case and accents fold: "CAFÉ" → "cafe"; "!" splits off; U+0007 is dropped;
        // the ideograph stands alone; the NBSP separates.
        #expect(Self.small.pieces("CAFÉ!\u{07}\u{00A0}A中B") == [12, 11, 9, 13, 1])
        #expect(BertPreTokenizer.words("Ab,c\u{200B}d").map { String(String.UnicodeScalarView($0)) } == ["ab", ",", "cd"])
        // Words longer than the limit (9 here) are [UNK] even when they would match.
        #expect(Self.small.pieces("abbbbbbbb") == [9, 10, 10, 10, 10, 10, 10, 10, 10])
        #expect(Self.small.pieces("abbbbbbbbb") == [1])
    }

    @Test("[CLS] and [SEP] around the pieces, truncated to the length")
    func framing() {
        #expect(Self.small.encode("") == [2, 3])
        #expect(Self.small.encode("a a a a", maxLength: 4) == [2, 9, 9, 3])
    }

    @Test("a vocabulary without the special tokens, or missing, is one line naming the file")
    func errors() {
        #expect(throws: FileError.self) { try WordPieceTokenizer(tokens: ["a", "b"], file: "v.txt") }
        do {
            _ = try WordPieceTokenizer(vocabularyAt: "no/such/vocab.txt")
            Issue.record("a missing vocabulary did not throw")
        } catch {
            let text = String(describing: error)
            #expect(text.hasPrefix("no/such/vocab.txt: ") && !text.contains("\n"), "\(text)")
        }
    }
}
