/// Non-overlapping windows of `length + 1` ids of a text: inputs are the first `length`, targets
/// the last `length` (each character predicted from the ones before it in its window).
struct DecoderWindows {
    /// The windows' first positions.
    let starts: [Int]
    /// The text.
    let ids: [Int]
    /// T.
    let length: Int

    /// Every whole window of `ids`, in order.
    init(_ ids: [Int], length: Int) {
        self.ids = ids
        self.length = length
        starts = Array(stride(from: 0, through: ids.count - length - 1, by: length + 1))
    }

    private init(ids: [Int], length: Int, starts: [Int]) {
        (self.ids, self.length, self.starts) = (ids, length, starts)
    }

    /// `n` windows spread evenly over the text (all when fewer exist).
    func evenlySpaced(_ n: Int) -> DecoderWindows {
        guard n < starts.count else { return self }
        return DecoderWindows(ids: ids, length: length, starts: (0..<n).map { starts[$0 * starts.count / n] })
    }

    /// The windows `range` as (inputs, targets), laid out window after window.
    func batch(_ range: Range<Int>) -> (inputs: [Int], targets: [Int]) {
        var inputs: [Int] = [], targets: [Int] = []
        for s in starts[range] {
            inputs += ids[s..<(s + length)]
            targets += ids[(s + 1)...(s + length)]
        }
        return (inputs, targets)
    }
}
