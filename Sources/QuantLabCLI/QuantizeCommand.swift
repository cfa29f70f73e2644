import ArgumentParser
import Foundation
import QuantCore
import Records
import Tensor

/// `quantlab quantize`: quantize a .npy tensor and write the result with a JSON sidecar.
struct QuantizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quantize",
        abstract: "Quantize a .npy tensor; write the dequantized values or the codes, plus OUT.json.",
        discussion: """
            The sidecar OUT.json (next to OUT.npy) holds the scales, zero points, clipping ranges,
            error metrics (MSE, relative Frobenius error, SQNR, max abs error) and bits per weight.
            Integers round half to even and clamp. Float formats round to nearest even and saturate
            at their largest finite value. NaN or infinity in the input is an error. NF4 uses
            absmax blocks of 64 along the last axis unless --granularity says otherwise.

            Example:
              quantlab quantize --input w.npy --output w8.npy --format int8 --granularity channel:0
              quantlab quantize --input w.npy --output w4.npy --format int4 --scheme asymmetric --granularity group:128
              quantlab quantize --input x.npy --output x-codes.npy --format fp8-e4m3 --scale absmax --emit codes
            """)

    @Option(help: "Input .npy file (<f4 <f8 <f2 |i1 |u1 <i4 <u2), C order.")
    var input: String

    @Option(help: "Output .npy file; the sidecar is the same path with .json.")
    var output: String

    @Option(help: "Target format.")
    var format: TargetFormat

    // `.unconditional`: `--bits -3` is a value to refuse with a reason, not a missing one.
    @Option(parsing: .unconditional, help: "Integer code width, 2 up to the format's width (int8: 2...8; default: the format's width).")
    var bits: Int?

    @Option(help: "Integer grid: symmetric or asymmetric.")
    var scheme: SchemeOption = .symmetric

    @Option(help: "tensor, channel:AXIS or group:SIZE (groups along the last axis).")
    var granularity: GranularityOption?

    @Option(help: "minmax, percentile:P (0 < P ≤ 100), mse or kl.")
    var calibration: CalibrationOption = CalibrationOption(calibration: .minMax)

    @Option(help: "Write dequantized values (<f4) or codes.")
    var emit: EmitOption = .dequantized

    @Option(help: "Float formats: none (convert as is) or absmax (scale into the format's range).")
    var scale: ScaleOption = .none

    func validate() throws {
        if let bits {
            guard format.isInteger else { throw ValidationError("--bits applies to int formats only, not \(format.rawValue)") }
            guard (2...16).contains(bits) else { throw ValidationError("--bits \(bits) is outside 2...16") }
            // A narrower grid fits the format's codes; a wider one would silently change the
            // format (the sidecar would say int16 for --format int4).
            guard bits <= format.defaultBits else {
                throw ValidationError(
                    "--bits \(bits) conflicts with --format \(format.rawValue) (\(format.defaultBits)-bit codes); use --bits 2...\(format.defaultBits) or a wider format")
            }
        }
        if scheme == .asymmetric && !format.isInteger {
            throw ValidationError("--scheme asymmetric applies to int formats only, not \(format.rawValue)")
        }
        if scale == .absmax && format.floatFormat == nil {
            throw ValidationError("--scale applies to fp8-e4m3, fp8-e5m2, fp16 and bf16 only")
        }
    }

    func run() throws {
        let tensor = try NPYFile.readTensor(input)
        let result = try quantizationScheme().quantize(tensor)
        let npy = NPYFile.encode(emit == .codes ? result.codesArray() : NPYArray(result.dequantized))
        let json = result.sidecarJSON(input: input, output: output, emitted: emit.rawValue)
        // One step: the sidecar describes the .npy, so neither is replaced unless both were
        // written; a symlinked output is written through, a device or folder is refused.
        try AtomicFile.write([
            (URL(fileURLWithPath: sidecarPath), Array(json.utf8)), (URL(fileURLWithPath: output), npy),
        ])
        // Rounded for reading; the sidecar holds the full-precision metrics.
        print("\(output): \(format.rawValue), \(result.scales.count) group(s), SQNR \(TerminalNumber.text(result.error.sqnrDB)) dB; sidecar \(sidecarPath)")
    }

    /// OUT.npy → OUT.json; any other name gets `.json` appended.
    var sidecarPath: String {
        output.hasSuffix(".npy") ? String(output.dropLast(4)) + ".json" : output + ".json"
    }

    func quantizationScheme() -> QuantizationScheme {
        let target: QuantizationScheme.Target
        if let floatFormat = format.floatFormat {
            target = .float(floatFormat)
        } else if format == .nf4 {
            target = .table(.nf4)
        } else {
            target = .integer(bits: bits ?? format.defaultBits)
        }
        let defaultGranularity: Granularity = format == .nf4 ? .perGroup(axis: -1, size: 64) : .perTensor
        return QuantizationScheme(
            target: target, symmetric: scheme == .symmetric,
            granularity: granularity?.granularity ?? defaultGranularity,
            calibration: calibration.calibration, floatScaling: scale.scaling)
    }
}

/// The --format values.
enum TargetFormat: String, CaseInsensitiveChoice {
    case int8, int4, int2, nf4
    case fp8E4M3 = "fp8-e4m3", fp8E5M2 = "fp8-e5m2", fp16, bf16

    var isInteger: Bool { [.int8, .int4, .int2].contains(self) }
    var defaultBits: Int { self == .int8 ? 8 : self == .int4 ? 4 : 2 }
    var floatFormat: FloatFormat? { FloatFormat.named(rawValue) }
}

enum SchemeOption: String, CaseInsensitiveChoice {
    case symmetric, asymmetric
}

enum EmitOption: String, CaseInsensitiveChoice {
    case dequantized, codes
}

enum ScaleOption: String, CaseInsensitiveChoice {
    case none, absmax

    var scaling: FloatScaling { self == .none ? .none : .absmax }
}

/// `tensor`, `channel:AXIS` or `group:SIZE`.
struct GranularityOption: ExpressibleByArgument {
    let granularity: Granularity

    init?(argument: String) {
        let parts = argument.lowercased().split(separator: ":", maxSplits: 1).map(String.init)
        switch (parts.first, parts.count == 2 ? Int(parts[1]) : nil) {
        case ("tensor", _) where parts.count == 1: granularity = .perTensor
        case ("channel", let axis?): granularity = .perChannel(axis: axis)
        case ("group", let size?) where size > 0: granularity = .perGroup(axis: -1, size: size)
        default: return nil
        }
    }

    static var allValueStrings: [String] { ["tensor", "channel:AXIS", "group:SIZE"] }
}

/// `minmax`, `percentile:P`, `mse` or `kl`.
struct CalibrationOption: ExpressibleByArgument {
    let calibration: Calibration

    init(calibration: Calibration) { self.calibration = calibration }

    init?(argument: String) {
        let argument = argument.lowercased()
        switch argument {
        case "minmax": calibration = .minMax
        case "mse": calibration = .mse
        case "kl": calibration = .kl
        default:
            guard argument.hasPrefix("percentile:"), let p = Double(argument.dropFirst("percentile:".count)),
                  p > 0, p <= 100 else { return nil }
            calibration = .percentile(p)
        }
    }

    var defaultValueDescription: String { calibration.name }

    static var allValueStrings: [String] { ["minmax", "percentile:P", "mse", "kl"] }
}
