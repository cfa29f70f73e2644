/// The order of the variants in each round of an interleaved benchmark: round r starts at
/// variant r mod n and goes round (a rotation), so over n rounds each variant runs once in
/// every position, and no variant always follows the same one (which would give it the same
/// cache and frequency state every time).
///
/// ```
/// round 0: a b c     round 1: b c a     round 2: c a b     round 3: a b c …
/// ```
/// - Precondition: `round ≥ 0`.
public func roundOrder<Element>(_ variants: [Element], round: Int) -> [Element] {
    precondition(round >= 0, "roundOrder: round \(round)")
    guard !variants.isEmpty else { return [] }
    let start = round % variants.count
    return Array(variants[start...] + variants[..<start])
}
