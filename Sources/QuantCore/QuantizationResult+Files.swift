public import Tensor

extension QuantizationResult {
    /// The codes as a .npy array of the input's shape, in the narrowest listed dtype:
    /// `|i1` for signed integer codes of ≤ 8 bits, `|u1` for unsigned ones, FP8 bit patterns
    /// and table indices, `<u2` for FP16/BF16 bit patterns and unsigned codes of ≤ 16 bits,
    /// `<i4` for wider signed codes.
    public func codesArray() -> NPYArray {
        let shape = dequantized.shape
        let signed: Bool
        if case .integer = scheme.target { signed = scheme.symmetric } else { signed = false }
        switch (scheme.codeBits, signed) {
        case (...8, true): return NPYArray(shape: shape, dtype: .int8, elements: codes.map { Int8(truncatingIfNeeded: $0) })
        case (...8, false): return NPYArray(shape: shape, dtype: .uint8, elements: codes.map { UInt8(truncatingIfNeeded: $0) })
        case (...16, false): return NPYArray(shape: shape, dtype: .uint16, elements: codes.map { UInt16(truncatingIfNeeded: $0) })
        default: return NPYArray(shape: shape, dtype: .int32, elements: codes)
        }
    }

    /// The JSON sidecar: the scheme, the shape, per-group scales, zero points and ranges, the
    /// error metrics and the storage cost. Non-finite numbers (an exact result's SQNR of +∞)
    /// are written as `null`, since JSON has no infinity.
    public func sidecarJSON(input: String, output: String, emitted: String) -> String {
        func number(_ x: Double) -> String { x.isFinite ? "\(x)" : "null" }
        func floats(_ xs: [Float]) -> String { "[" + xs.map { number(Double($0)) }.joined(separator: ", ") + "]" }
        func string(_ s: String) -> String { QuantizationResult.jsonString(s) }
        return """
            {
              "input": \(string(input)),
              "output": \(string(output)),
              "emit": \(string(emitted)),
              "format": \(string(scheme.formatName)),
              "bits": \(scheme.codeBits),
              "scheme": \(string(scheme.symmetric ? "symmetric" : "asymmetric")),
              "granularity": \(string(scheme.granularity.name)),
              "calibration": \(string(scheme.calibration.name)),
              "scale": \(string(scheme.floatScaling.rawValue)),
              "shape": [\(dequantized.shape.map(String.init).joined(separator: ", "))],
              "groups": \(scales.count),
              "scales": \(floats(scales)),
              "zero_points": [\(zeroPoints.map(String.init).joined(separator: ", "))],
              "clip_lower": \(floats(ranges.map(\.lower))),
              "clip_upper": \(floats(ranges.map(\.upper))),
              "metrics": {
                "mse": \(number(error.mse)),
                "relative_frobenius": \(number(error.relativeFrobenius)),
                "sqnr_db": \(number(error.sqnrDB)),
                "max_abs_error": \(number(error.maxAbsError))
              },
              "storage": {
                "total_bits": \(storage.totalBits),
                "bits_per_weight": \(number(storage.bitsPerWeight))
              }
            }

            """
    }
}

extension QuantizationScheme {
    /// The command-line name of the target format (`int8`, `fp8-e4m3`, `nf4`, …).
    public var formatName: String {
        switch target {
        case .integer(let bits): return "int\(bits)"
        case .float(let format): return format.name
        case .table(let format): return format.name
        }
    }
}

extension Granularity {
    /// The command-line spelling: `tensor`, `channel:AXIS`, `group:SIZE` (with `@AXIS` when not last).
    public var name: String {
        switch self {
        case .perTensor: return "tensor"
        case .perChannel(let axis): return "channel:\(axis)"
        case .perGroup(let axis, let size): return axis == -1 ? "group:\(size)" : "group:\(size)@\(axis)"
        }
    }
}

extension Calibration {
    /// The command-line spelling: `minmax`, `percentile:P`, `mse`, `kl`.
    public var name: String {
        switch self {
        case .minMax: return "minmax"
        case .percentile(let p): return "percentile:\(p)"
        case .mse: return "mse"
        case .kl: return "kl"
        }
    }
}

extension String {
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}

extension QuantizationResult {
    /// `text` as a JSON string literal (RFC 8259, §7): quote and backslash escaped, every
    /// control character below U+0020 written as `\n`, `\t`, … or `\u00XX`, so a path with a
    /// newline still gives valid JSON.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
