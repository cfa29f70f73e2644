#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NN
import Tensor

/// Text generated one character at a time: softmax of the logits at temperature τ, one draw from
/// the seeded generator per character (inverse CDF of a uniform in [0, 1)), the context cut to
/// the last T characters.
/// ```
/// p(c) ∝ exp(z_c / τ)
/// ```
/// The same prompt and stream give every variant the same uniforms, so differences in the text
/// come from the models.
enum DecoderSampling {
    /// `count` characters after `prompt` (ids), the prompt not included.
    static func generate(_ model: GPT, prompt: [Int], count: Int, temperature: Double, using rng: inout some RandomNumberGenerator) -> [Int] {
        var ids = prompt
        for _ in 0..<count {
            let window = Array(ids.suffix(model.context))
            let logits = model.logits(window, length: window.count)
            let v = model.vocabulary, last = (window.count - 1) * v
            let z = (0..<v).map { Double(logits.storage[last + $0]) / temperature }
            let m = z.max()!
            let weights = z.map { exp($0 - m) }
            var u = rng.nextUnit() * weights.reduce(0, +)
            var choice = v - 1
            for (c, w) in weights.enumerated() {
                u -= w
                if u < 0 { choice = c; break }
            }
            ids.append(choice)
        }
        return Array(ids.dropFirst(prompt.count))
    }
}
