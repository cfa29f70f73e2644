/// The known name closest to a mistyped one, for "did you mean …?" hints.
///
/// Closeness is the Levenshtein distance (insertions, deletions and substitutions of one
/// character each cost 1), compared case-insensitively:
///
/// ```
/// d(a, b) = min over edit scripts turning a into b of their length
/// ```
///
/// A name is suggested only when it is within `maxDistance` edits, so a word that resembles
/// nothing gets no hint rather than an arbitrary one.
enum NearestName {
    /// The closest of `candidates` to `word`, or nil when none is within `maxDistance` edits
    /// (or `word` is one of them). Ties go to the candidate listed first.
    ///
    /// - Complexity: O(Σ |word|·|candidate|).
    static func suggestion(for word: String, among candidates: [String], maxDistance: Int = 2) -> String? {
        let scored = candidates.map { (name: $0, distance: distance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= maxDistance,
              best.name != word else { return nil }
        return best.name
    }

    /// The Levenshtein distance between `a` and `b`, over Characters.
    ///
    /// - Complexity: O(|a|·|b|) time, O(|b|) memory (one row of the table).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var diagonal = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)
                diagonal = row[j]
                row[j] = min(substitution, row[j] + 1, row[j - 1] + 1)
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }

    /// `; did you mean NAME?` when a name is close to `word`, else the empty string.
    static func hint(for word: String, among candidates: [String]) -> String {
        suggestion(for: word, among: candidates).map { "; did you mean \($0)?" } ?? ""
    }
}
