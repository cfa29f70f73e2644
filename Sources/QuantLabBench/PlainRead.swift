/// The plain read the quantization floor is measured against: a 16-lane SIMD sum over the array,
/// four accumulators so the adds do not limit it (as fast as memory delivers, not a loop bound).
func plainReadSum(_ values: UnsafeBufferPointer<Float>) -> Float {
    var a = SIMD16<Float>(), b = a, c = a, d = a
    let raw = UnsafeRawPointer(values.baseAddress!)
    var i = 0
    let whole = values.count / 64 * 64
    while i < whole {
        a += raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
        b += raw.loadUnaligned(fromByteOffset: (i + 16) * 4, as: SIMD16<Float>.self)
        c += raw.loadUnaligned(fromByteOffset: (i + 32) * 4, as: SIMD16<Float>.self)
        d += raw.loadUnaligned(fromByteOffset: (i + 48) * 4, as: SIMD16<Float>.self)
        i += 64
    }
    var sum = (a + b + c + d).sum()
    while i < values.count {
        sum += values[i]
        i += 1
    }
    return sum
}

/// `plainReadSum` split over `threads` contiguous slices run concurrently.
func plainReadSumConcurrently(_ values: UnsafeBufferPointer<Float>, threads: Int) -> Float {
    let sliceLength = (values.count + threads - 1) / threads
    let partial = UnsafeMutableBufferPointer<Float>.allocate(capacity: threads)
    defer { partial.deallocate() }
    nonisolated(unsafe) let slots = partial
    nonisolated(unsafe) let source = values
    DispatchQueue.concurrentPerform(iterations: threads) { t in
        let range = min(source.count, t * sliceLength)..<min(source.count, (t + 1) * sliceLength)
        slots[t] = plainReadSum(UnsafeBufferPointer(rebasing: source[range]))
    }
    return partial.reduce(0, +)
}

import Dispatch
