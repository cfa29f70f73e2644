import Foundation

/// The text clean-up and word splitting of BERT's uncased tokenizer (Devlin et al. 2019;
/// transformers' `BasicTokenizer` with `do_lower_case`, the `BertNormalizer` and
/// `BertPreTokenizer` of tokenizers), before WordPiece:
///
/// ```
/// 1. clean:     drop U+0000, U+FFFD and control characters (general category C*, except
///               tab, LF, CR); every whitespace character (tab, LF, CR, category Zs) → " "
/// 2. CJK:       put spaces around each CJK ideograph (the blocks BERT lists, `isCJK`)
/// 3. split on whitespace (Unicode White_Space), then per word:
/// 4. lower-case (full Unicode mapping, as Python's str.lower)
/// 5. strip accents: Unicode NFD, then drop nonspacing marks (category Mn)
/// 6. split punctuation: every ASCII non-alphanumeric printable (33–47, 58–64, 91–96, 123–126)
///    and every character of category P* becomes a word of its own
/// ```
/// Words are sequences of Unicode scalars (Python's code points), which is what WordPiece's
/// 100-character limit and its substrings count, not Swift's grapheme clusters.
public enum BertPreTokenizer {
    /// The words of `text` after steps 1–6, each a list of Unicode scalars.
    /// - Complexity: O(n) in the scalars of `text`.
    public static func words(_ text: String) -> [[Unicode.Scalar]] {
        // Steps 1–2 over the whole text, then whitespace splitting.
        var cleaned = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.value == 0 || scalar.value == 0xFFFD || isControl(scalar) { continue }
            if isBertWhitespace(scalar) {
                cleaned.append(" ")
            } else if isCJK(scalar) {
                cleaned.append(" ")
                cleaned.append(scalar)
                cleaned.append(" ")
            } else {
                cleaned.append(scalar)
            }
        }
        var words: [[Unicode.Scalar]] = []
        for raw in String(cleaned).unicodeScalars.split(whereSeparator: { $0.properties.isWhitespace }) {
            // Steps 4–5: lower-case, NFD, drop Mn.
            let lowered = String(String.UnicodeScalarView(raw)).lowercased().decomposedStringWithCanonicalMapping
            var word: [Unicode.Scalar] = []
            for scalar in lowered.unicodeScalars where scalar.properties.generalCategory != .nonspacingMark {
                // Step 6: punctuation stands alone.
                if isPunctuation(scalar) {
                    if !word.isEmpty { words.append(word); word = [] }
                    words.append([scalar])
                } else {
                    word.append(scalar)
                }
            }
            if !word.isEmpty { words.append(word) }
        }
        return words
    }

    /// Tab, LF, CR and the space separators (Zs) are whitespace to BERT's cleaning step.
    static func isBertWhitespace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\n" || s == "\r" || s.properties.generalCategory == .spaceSeparator
    }

    /// Categories Cc, Cf, Cn, Co, Cs, except tab, LF and CR (which are whitespace).
    static func isControl(_ s: Unicode.Scalar) -> Bool {
        if s == "\t" || s == "\n" || s == "\r" { return false }
        switch s.properties.generalCategory {
        case .control, .format, .unassigned, .privateUse, .surrogate: return true
        default: return false
        }
    }

    /// BERT's punctuation: all non-letter, non-digit printable ASCII, and categories P*.
    static func isPunctuation(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if (33...47).contains(v) || (58...64).contains(v) || (91...96).contains(v) || (123...126).contains(v) { return true }
        switch s.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation: return true
        default: return false
        }
    }

    /// The CJK Unified Ideographs blocks of BERT's `_is_chinese_char` (Hangul and kana are not
    /// among them: they are split like any other script).
    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F,
             0x2B740...0x2B81F, 0x2B820...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F: true
        default: false
        }
    }
}
