extension FloatFormat {
    /// Encodes a value as this format's bit pattern, rounding to nearest, ties to even
    /// (IEEE 754 roundTiesToEven), with gradual underflow to subnormals.
    ///
    /// This is the reference conversion: exact integer arithmetic on the input's significand,
    /// no intermediate rounding, so a `Double` input is rounded once (no double rounding).
    ///
    /// Overflow follows the format's own rule (a non-saturating conversion): a value whose
    /// rounded magnitude exceeds `maxFinite` becomes ±∞ under `.ieee` and NaN under
    /// `.finiteOnly` (OCP FP8 E4M3FN); ±∞ likewise. NaN becomes the canonical NaN, sign kept.
    /// For the saturating conversion used in quantization see `encodeSaturating(_:)`.
    /// - Parameter value: any `Double` (a `Float` converts exactly).
    /// - Returns: the code in the low `bits` bits.
    public func encode(_ value: Double) -> UInt32 {
        let sign: UInt32 = value.sign == .minus ? signMask : 0
        if value.isNaN { return sign | nanCode }
        guard let magnitude = magnitudeCode(of: value.magnitude) else {
            return sign | (infinityCode ?? nanCode)
        }
        return sign | magnitude
    }

    /// Encodes a `Float`; the same rounding as `encode(_: Double)` (the widening is exact).
    public func encode(_ value: Float) -> UInt32 { encode(Double(value)) }

    /// Encodes with saturation: a value (or ±∞) beyond the largest finite value becomes
    /// ±`maxFinite` (the OCP FP8 specification's saturating mode); NaN stays NaN.
    /// Otherwise identical to `encode(_:)`: round to nearest, ties to even.
    public func encodeSaturating(_ value: Double) -> UInt32 {
        let sign: UInt32 = value.sign == .minus ? signMask : 0
        if value.isNaN { return sign | nanCode }
        return sign | (magnitudeCode(of: value.magnitude) ?? maxFiniteCode)
    }

    /// The value rounded to this format and back, saturating: the round trip quantization uses.
    /// ```
    /// rounded(x) = decode(encodeSaturating(x))
    /// ```
    /// Overflow and ±∞ saturate to ±`maxFinite`; NaN stays NaN; ties go to the even code.
    /// Error bound inside the range: |x − rounded(x)| ≤ ½ ulp(x) (relative ≤ 2^(−m−1) for normals,
    /// absolute ≤ 2^(emin−m−1) for subnormals).
    public func rounded(_ value: Float) -> Float {
        decode(encodeSaturating(Double(value)))
    }

    /// Decodes a bit pattern (only the low `bits` bits are read) to the `Float` it stands for.
    /// Every value of every format here is exactly a `Float`.
    public func decode(_ code: UInt32) -> Float {
        let code = code & (signMask | (signMask - 1))
        let sign: FloatingPointSign = code & signMask != 0 ? .minus : .plus
        let stored = (code >> UInt32(mantissaWidth)) & maxStoredExponent
        let mantissa = code & mantissaMask
        if stored == maxStoredExponent {
            switch specials {
            case .ieee:
                return mantissa == 0 ? (sign == .minus ? -.infinity : .infinity) : .nan
            case .finiteOnly:
                if mantissa == mantissaMask { return .nan }
            }
        }
        if stored == 0 {
            return Float(sign: sign, exponent: minExponent - mantissaWidth, significand: Float(mantissa))
        }
        let significand = Float(mantissa | (1 << UInt32(mantissaWidth)))
        return Float(sign: sign, exponent: Int(stored) - bias - mantissaWidth, significand: significand)
    }

    /// The positive code nearest to a non-negative finite or infinite magnitude (ties to even),
    /// or `nil` when it rounds beyond the largest finite value.
    ///
    /// With the magnitude written exactly as `sig · 2^exp` and its target exponent
    /// `e = max(⌊log₂ a⌋, emin)`, the count of quanta 2^(e − m) is `n = round(a / 2^(e−m))` and
    /// ```
    /// code = (e − emin) · 2ᵐ + n
    /// ```
    /// which places normals (n ≥ 2ᵐ) and subnormals (e = emin, n < 2ᵐ) alike, and lets a
    /// rounding carry (n = 2ᵐ⁺¹) step into the next exponent by itself.
    func magnitudeCode(of magnitude: Double) -> UInt32? {
        if magnitude == 0 { return 0 }
        if magnitude.isInfinite { return nil }
        // Exact decomposition: magnitude = sig · 2^exp, sig < 2⁵³.
        let sig = magnitude.significandBitPattern
            | (magnitude.isNormal ? UInt64(1) << UInt64(Double.significandBitCount) : 0)
        let exp = (magnitude.isNormal ? Int(magnitude.exponent) : Double.leastNormalMagnitude.exponent)
            - Double.significandBitCount
        let floorLog2 = exp + (UInt64.bitWidth - sig.leadingZeroBitCount) - 1
        let targetExponent = max(floorLog2, minExponent)
        if targetExponent > minExponent + Int(maxStoredExponent) { return nil }  // far beyond any code
        let shift = targetExponent - mantissaWidth - exp  // low bits of sig below the quantum
        var n: UInt64
        if shift <= 0 {
            n = sig << UInt64(-shift)
        } else if shift >= 64 {
            n = 0  // below half the smallest subnormal
        } else {
            n = sig >> UInt64(shift)
            let remainder = sig & ((UInt64(1) << UInt64(shift)) - 1)
            let half = UInt64(1) << UInt64(shift - 1)
            if remainder > half || (remainder == half && n & 1 == 1) { n += 1 }
        }
        let code = UInt64(targetExponent - minExponent) << UInt64(mantissaWidth) + n
        return code <= UInt64(maxFiniteCode) ? UInt32(code) : nil
    }
}
