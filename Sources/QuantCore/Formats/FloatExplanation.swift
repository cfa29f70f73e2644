/// How one number is stored in one float format, as `quantlab explain` prints it.
///
/// The input is encoded with the format's own (non-saturating) rule, `FloatFormat.encode`:
/// round to nearest, ties to even; overflow gives ±∞ (IEEE) or NaN (E4M3FN).
public struct FloatExplanation: Sendable {
    /// The format the number is stored in.
    public let format: FloatFormat
    /// The number asked about.
    public let input: Double
    /// Its code and fields.
    public let fields: FloatBitFields
    /// decoded − input (NaN when either is NaN or infinite).
    public let roundingError: Double
    /// The neighbouring representable values, if any.
    public let nextDown: Float?
    /// The next representable value above, if any.
    public let nextUp: Float?

    /// Explains `input` in `format`.
    public init(_ input: Double, in format: FloatFormat) {
        self.format = format
        self.input = input
        let code = format.encode(input)
        fields = format.bitFields(of: code)
        let decoded = Double(fields.value)
        roundingError = decoded.isFinite && input.isFinite ? decoded - input : .nan
        nextDown = format.nextDown(code)
        nextUp = format.nextUp(code)
    }

    /// The rounding error with its relative size, each to 4 significant digits
    /// (`TerminalNumber`), or what happened instead of rounding.
    var errorText: String {
        if input.isFinite && !fields.value.isFinite {
            return fields.kind == .nan
                ? "overflow: beyond ±\(Float(format.maxFinite)), which \(format.displayName) codes as NaN (no infinity)"
                : "overflow: beyond ±\(Float(format.maxFinite)), rounded to \(fields.value)"
        }
        guard roundingError.isFinite else { return "none (not a finite number)" }
        // Rounded to 4 significant digits: the exact error is decoded − input, both printed above.
        let relative = input != 0 ? " (relative \(TerminalNumber.text(roundingError / input.magnitude)))" : ""
        return "\(TerminalNumber.text(roundingError))\(relative)"
    }

    /// The explanation as indented lines under a title line.
    public var text: String {
        let f = fields
        let hexDigits = (format.bits + 3) / 4
        let hex = String(f.code, radix: 16, uppercase: true)
        func neighbour(_ v: Float?) -> String {
            guard let v else { return "none" }
            // Adjacent values differ by a power of two (or ∞), exactly a Float.
            let gap = Float((Double(v) - Double(f.value)).magnitude)
            return "\(v) (gap \(gap))"
        }
        return """
            \(format.displayName) (\(format.exponentWidth) exponent bits, \(format.mantissaWidth) mantissa bits, bias \(format.bias))
              input      \(input)
              bits       \(f.spaced)   (0x\(String(repeating: "0", count: hexDigits - hex.count))\(hex))
              sign       \(f.sign) (\(f.sign == 1 ? "−" : "+"))
              exponent   stored \(f.storedExponent), bias \(f.bias), unbiased \(f.unbiasedExponent)\(f.kind == .subnormal || f.kind == .zero ? " (subnormal scale 2^\(format.minExponent))" : "")
              mantissa   \(f.mantissaBits)
              class      \(f.kind.rawValue)
              decoded    \(f.value)
              error      \(errorText)
              next down  \(neighbour(nextDown))
              next up    \(neighbour(nextUp))
            """
    }
}
