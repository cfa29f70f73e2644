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
