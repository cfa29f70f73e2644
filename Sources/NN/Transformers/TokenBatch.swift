/// Token sequences padded to one length, with BERT's attention mask.
///
/// ```
/// ids[b·T + t]  = sequences[b][t] for t < length(b), else the padding id
/// mask[b·T + t] = t < length(b)            (true = a real token that may be attended to)
/// ```
/// `bucketed(_:size:)` sorts sequences by length before cutting batches, so each batch is
/// padded only to its own longest sequence: on KJV verses (a median of ~30 tokens) this does a
/// small fraction of the work of padding every sequence to 128.
public struct TokenBatch: Sendable, Hashable {
    /// B·T ids, row-major.
    public let ids: [Int]
    /// B·T flags, true for real tokens.
    public let mask: [Bool]
    /// The real length of each sequence.
    public let lengths: [Int]
    /// T, the padded length.
    public let length: Int

    /// B, the number of sequences.
    public var count: Int { lengths.count }

    /// The sequences padded with `padding` to the longest of them, or to `length` when that is
    /// longer (a fixed shape, as `padding="max_length"` gives a PyTorch pipeline: the bench
    /// times both at batch 32 × 128 tokens).
    /// - Precondition: at least one sequence, none empty.
    public init(_ sequences: [[Int]], padding: Int = 0, length: Int = 0) {
        precondition(!sequences.isEmpty && sequences.allSatisfy { !$0.isEmpty }, "TokenBatch: needs non-empty sequences")
        let t = max(sequences.map(\.count).max()!, length)
        var ids = [Int](repeating: padding, count: sequences.count * t)
        var mask = [Bool](repeating: false, count: sequences.count * t)
        for (b, s) in sequences.enumerated() {
            for (i, id) in s.enumerated() {
                ids[b * t + i] = id
                mask[b * t + i] = true
            }
        }
        self.ids = ids
        self.mask = mask
        self.lengths = sequences.map(\.count)
        self.length = t
    }

    /// Batches of at most `size` sequences of similar length: the indices of `sequences` sorted
    /// by length (stable, so ties keep their order), cut into consecutive runs of `size`.
    /// - Returns: each batch's original indices; `TokenBatch(indices.map { sequences[$0] })`
    ///   makes the batch.
    /// - Precondition: `size ≥ 1`.
    public static func bucketed(_ sequences: [[Int]], size: Int) -> [[Int]] {
        precondition(size >= 1, "TokenBatch: batch size \(size)")
        let order = sequences.indices.sorted { (sequences[$0].count, $0) < (sequences[$1].count, $1) }
        return stride(from: 0, to: order.count, by: size).map { Array(order[$0..<min($0 + size, order.count)]) }
    }
}
