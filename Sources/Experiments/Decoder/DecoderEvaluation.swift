#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NN
import Records
import Tensor

/// Next-character metrics of a model on the held-out windows, summed per text chunk (a run of
/// consecutive windows), against the FP32 model's distributions:
/// ```
/// nll   = Σ −ln q(y)                       q = softmax(variant logits), y the true next character
/// kl    = Σ Σ_c p(c) · (ln p(c) − ln q(c))  p = softmax(FP32 logits)
/// agree = #{argmax q = argmax p},   correct = #{argmax q = y}
/// ```
/// Sums in FP64; log-softmax with the row maximum subtracted.
struct DecoderEvaluation {
    /// The windows scored.
    let windows: DecoderWindows
    /// Chunks the windows are split into (window w is in chunk ⌊w · chunks / windows⌋).
    let chunks: Int
    /// The FP32 model's log-probabilities, `[tokens, V]`.
    let reference: [Float]
    /// V.
    let vocabulary: Int

    /// Windows per forward pass.
    static let batchWindows = 16

    /// Scores the FP32 model once, keeping its log-probabilities.
    init(fp32: GPT, windows: DecoderWindows, chunks: Int) {
        self.windows = windows
        self.chunks = min(chunks, windows.starts.count)
        vocabulary = fp32.vocabulary
        var reference: [Float] = []
        Self.forEachBatch(fp32, windows) { logits, _ in reference += Self.logSoftmax(logits) }
        self.reference = reference
    }

    /// The per-chunk sums of `model` as `chunk` records (the caller adds the variant's parameters).
    func chunkRecords(_ model: GPT) -> [TrialRecord] {
        var sums = [(nll: Double, kl: Double, agree: Int, correct: Int, tokens: Int)](repeating: (0, 0, 0, 0, 0), count: chunks)
        let v = vocabulary, t = windows.length, windowCount = windows.starts.count
        var token = 0
        Self.forEachBatch(model, windows) { logits, batch in
            let q = Self.logSoftmax(logits)
            for (k, window) in batch.enumerated() {
                let chunk = window * chunks / windowCount
                let targets = windows.batch(window..<(window + 1)).targets
                for i in 0..<t {
                    let row = (k * t + i) * v, reference = (token + i) * v
                    var kl = 0.0
                    var (bestQ, bestP) = (0, 0)
                    for c in 0..<v {
                        let lp = Double(self.reference[reference + c])
                        kl += exp(lp) * (lp - Double(q[row + c]))
                        if q[row + c] > q[row + bestQ] { bestQ = c }
                        if self.reference[reference + c] > self.reference[reference + bestP] { bestP = c }
                    }
                    sums[chunk].nll -= Double(q[row + targets[i]])
                    sums[chunk].kl += kl
                    sums[chunk].agree += bestQ == bestP ? 1 : 0
                    sums[chunk].correct += bestQ == targets[i] ? 1 : 0
                    sums[chunk].tokens += 1
                }
                token += t
            }
        }
        return sums.enumerated().map { chunk, s in
            DecoderSchema.record(
                .chunk, [.chunk: .int(chunk)],
                [.tokens: Measurement(Double(s.tokens)), .nll: Measurement(s.nll, unit: "nat"), .kl: Measurement(s.kl, unit: "nat"),
                 .agree: Measurement(Double(s.agree)), .correct: Measurement(Double(s.correct))])
        }
    }

    /// Mean cross-entropy of `model` on `windows`, in bits per character.
    static func bitsPerCharacter(_ model: GPT, _ windows: DecoderWindows, length: Int) -> Double {
        var (nll, count) = (0.0, 0)
        forEachBatch(model, windows) { logits, batch in
            let targets = windows.batch(batch).targets
            let q = logSoftmax(logits), v = logits.shape[1]
            for (i, y) in targets.enumerated() { nll -= Double(q[i * v + y]) }
            count += targets.count
        }
        return nll / Double(count) / log(2)
    }

    /// Calls `body` with the logits of each batch of windows and the batch's window range.
    static func forEachBatch(_ model: GPT, _ windows: DecoderWindows, _ body: (Tensor, Range<Int>) -> Void) {
        for start in stride(from: 0, to: windows.starts.count, by: batchWindows) {
            let range = start..<min(start + batchWindows, windows.starts.count)
            body(model.logits(windows.batch(range).inputs, length: windows.length), range)
        }
    }

    /// ln softmax of each row of `[N, V]` logits.
    static func logSoftmax(_ logits: Tensor) -> [Float] {
        let v = logits.shape[1]
        var out = logits.storage
        for r in 0..<logits.shape[0] {
            let row = logits.storage[(r * v)..<((r + 1) * v)]
            let m = Double(row.max()!)
            let lse = m + log(row.reduce(0.0) { $0 + exp(Double($1) - m) })
            for c in 0..<v { out[r * v + c] = Float(Double(out[r * v + c]) - lse) }
        }
        return out
    }
}
