/// The largest magnitude in a buffer, or NaN when any element is NaN.
///
/// ```
/// maxAbs(x) = max_i |x_i|        (0 for an empty buffer)
/// ```
/// A plain `max(abs(x))` loop over `Float` does not vectorize in Swift (NaN ordering rules), so
/// this runs 16 lanes at a time with `SIMD16<Float>`; NaN is tracked in a separate lane mask
/// because `pointwiseMax` would drop it.
/// - Complexity: O(n), one read of the buffer.
func maxAbs(_ x: UnsafeBufferPointer<Float>) -> Float {
    var best = SIMD16<Float>(repeating: 0)
    var nan = SIMDMask<SIMD16<Int32>>(repeating: false)
    var i = 0
    if let base = x.baseAddress {
        let raw = UnsafeRawPointer(base)
        while i + 16 <= x.count {
            let v = raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
            nan .|= v .!= v
            best = pointwiseMax(best, pointwiseMax(v, -v))
            i += 16
        }
    }
    var result = best.max()
    var tailNaN = any(nan)
    while i < x.count {
        tailNaN = tailNaN || x[i].isNaN
        result = max(result, abs(x[i]))
        i += 1
    }
    return tailNaN ? .nan : result
}
