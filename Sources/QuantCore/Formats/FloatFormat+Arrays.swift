/// Whole-array conversions: the same results as the scalar reference (`rounded(_:)`,
/// `encodeSaturating(_:)`), shaped for throughput.
///
/// The scalar reference works on a `Double`'s integer significand and branches per value: about
/// 0.1 GB/s. These paths work on 16 lanes at once with no branch per value:
/// - the normal range is rounded to m mantissa bits on the bit pattern (add half an ulp less one,
///   plus the kept low bit for ties to even, then mask): a carry steps into the exponent by itself;
/// - the subnormal range is rounded by adding and subtracting C = 2^(emin − m + 23), which makes
///   the FPU's own round-to-nearest-even drop exactly the bits below the subnormal quantum;
/// - saturation is one compare-and-select; NaN is restored from the input by one select.
/// FP16 uses `Float16` conversion instead, which compiles to F16C `vcvtps2ph` under the
/// Haswell target (measured in `quantlab-bench`).
extension FloatFormat {
    /// Every element rounded to this format and back, saturating (see `rounded(_: Float)`).
    /// - Complexity: O(n), vectorized.
    public func rounded(_ values: [Float]) -> [Float] {
        var out = [Float](repeating: 0, count: values.count)
        values.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                forEachChunk(src) { i, v in
                    store(roundedChunk(v), to: dst, at: i)
                }
            }
        }
        return out
    }

    /// Saturating codes of every element (see `encodeSaturating(_:)`), one `UInt8` each.
    /// - Precondition: `bits ≤ 8`.
    public func encodeSaturating8(_ values: [Float]) -> [UInt8] {
        precondition(bits <= 8, "encodeSaturating8: \(displayName) has \(bits) bits")
        return codes(values) { SIMD16<UInt8>(truncatingIfNeeded: $0) }
    }

    /// Saturating codes of every element (see `encodeSaturating(_:)`), one `UInt16` each.
    /// - Precondition: `bits ≤ 16`.
    public func encodeSaturating16(_ values: [Float]) -> [UInt16] {
        precondition(bits <= 16, "encodeSaturating16: \(displayName) has \(bits) bits")
        return codes(values) { SIMD16<UInt16>(truncatingIfNeeded: $0) }
    }

    /// Decodes every code (see `decode(_:)`).
    public func decode<Code: FixedWidthInteger & UnsignedInteger>(_ codes: [Code]) -> [Float] {
        codes.map { decode(UInt32(truncatingIfNeeded: $0)) }
    }

    // MARK: Chunks

    private func codes<Code: FixedWidthInteger>(
        _ values: [Float], narrow: (SIMD16<UInt32>) -> SIMD16<Code>
    ) -> [Code] {
        var out = [Code](repeating: 0, count: values.count)
        values.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                forEachChunk(src) { i, v in
                    let c = narrow(codeChunk(roundedChunk(v)))
                    let n = min(16, dst.count - i)
                    for lane in 0..<n { dst[i + lane] = c[lane] }
                }
            }
        }
        return out
    }

    /// Calls `body` with each 16-element chunk (the last padded with zeros) and its offset.
    @inline(__always)
    private func forEachChunk(_ src: UnsafeBufferPointer<Float>, _ body: (Int, SIMD16<Float>) -> Void) {
        let whole = src.count / 16 * 16
        var i = 0
        while i < whole {
            body(i, SIMD16<Float>(src[i..<(i + 16)]))
            i += 16
        }
        if i < src.count {
            var v = SIMD16<Float>(repeating: 0)
            for lane in 0..<(src.count - i) { v[lane] = src[i + lane] }
            body(i, v)
        }
    }

    @inline(__always)
    private func store(_ v: SIMD16<Float>, to dst: UnsafeMutableBufferPointer<Float>, at i: Int) {
        let n = min(16, dst.count - i)
        if n == 16 {
            UnsafeMutableRawPointer(dst.baseAddress! + i).storeBytes(of: v, as: SIMD16<Float>.self)
        } else {
            for lane in 0..<n { dst[i + lane] = v[lane] }
        }
    }

    /// Sixteen values rounded to this format, saturating, NaN kept.
    @inline(__always)
    func roundedChunk(_ v: SIMD16<Float>) -> SIMD16<Float> {
        let maxValue = SIMD16<Float>(repeating: Float(maxFinite))
        if self == .fp16 {
            // F16C: vcvtps2ph rounds to nearest even with subnormals; clamping first saturates
            // (a NaN lane fails both compares and stays NaN).
            let clamped = v.replacing(with: maxValue, where: v .> maxValue)
                .replacing(with: -maxValue, where: v .< -maxValue)
            return SIMD16<Float>(SIMD16<Float16>(clamped))
        }
        if mantissaWidth == 23 {  // FP32 itself: only ±∞ change
            return v.replacing(with: maxValue, where: v .> maxValue).replacing(with: -maxValue, where: v .< -maxValue)
        }
        let bits = unsafeBitCast(v, to: SIMD16<UInt32>.self)
        let sign = bits & 0x8000_0000
        let magnitudeBits = bits & 0x7FFF_FFFF
        let magnitude = unsafeBitCast(magnitudeBits, to: SIMD16<Float>.self)
        let drop = UInt32(23 - mantissaWidth)
        let lowMask: UInt32 = (1 << drop) - 1
        let keptLowBit = (magnitudeBits &>> drop) & 1
        let normal = (magnitudeBits &+ ((lowMask >> 1) &+ keptLowBit)) & ~lowMask
        let c = SIMD16<Float>(repeating: Float(sign: .plus, exponent: minExponent - mantissaWidth + 23, significand: 1))
        let subnormal = (magnitude + c) - c
        var r = unsafeBitCast(normal, to: SIMD16<Float>.self)
        r = r.replacing(with: subnormal, where: magnitude .< SIMD16<Float>(repeating: Float(smallestNormal)))
        r = r.replacing(with: maxValue, where: r .> maxValue)
        r = r.replacing(with: magnitude, where: magnitude .!= magnitude)
        return unsafeBitCast(unsafeBitCast(r, to: SIMD16<UInt32>.self) | sign, to: SIMD16<Float>.self)
    }

    /// The codes of sixteen values already representable in this format (output of `roundedChunk`).
    @inline(__always)
    func codeChunk(_ r: SIMD16<Float>) -> SIMD16<UInt32> {
        let bits = unsafeBitCast(r, to: SIMD16<UInt32>.self)
        if mantissaWidth == 23 { return bits }
        let signShift = UInt32(32 - self.bits)
        let sign = (bits & 0x8000_0000) &>> signShift
        let magnitudeBits = bits & 0x7FFF_FFFF
        let magnitude = unsafeBitCast(magnitudeBits, to: SIMD16<Float>.self)
        // Normal: the exponent field sits right above the mantissa; rebias by subtraction.
        let rebias = UInt32(127 - bias) << UInt32(mantissaWidth)
        var code = (magnitudeBits &>> UInt32(23 - mantissaWidth)) &- rebias
        // Subnormal: the count of quanta is an integer below 2²³; adding 2²³ puts it in the
        // mantissa field exactly.
        // The factor 2^(m − emin) can exceed Float's range (BF16: 2¹³³), so it is applied in two
        // exact power-of-two steps.
        let shift = mantissaWidth - minExponent
        let quanta = magnitude * SIMD16<Float>(repeating: Float(sign: .plus, exponent: shift / 2, significand: 1))
            * SIMD16<Float>(repeating: Float(sign: .plus, exponent: shift - shift / 2, significand: 1))
        let shifted = unsafeBitCast(quanta + 8_388_608, to: SIMD16<UInt32>.self) & 0x7F_FFFF
        code.replace(with: shifted, where: magnitude .< SIMD16<Float>(repeating: Float(smallestNormal)))
        code.replace(with: SIMD16<UInt32>(repeating: nanCode), where: magnitude .!= magnitude)
        return code | sign
    }
}
