import Kernels
import Records
import Runner

/// Times one decode step of `DecodeBlock` in every format, interleaved with passes of the
/// read-bandwidth probe, so that the formats and the bandwidth share each moment's machine load.
///
/// One warm-up step per format, then `decodeRepeats` rounds of: the probe once, then each format
/// once (the order rotated each round, so none always runs after the probe). Each step starts
/// from the same input token; its output is kept to stop the work from being optimized away.
struct DecodeTiming {
    let parameters: DecoderParameters

    /// The `decode` and `probe` records.
    func run(context: ExperimentContext) throws -> [TrialRecord] {
        let p = parameters
        var rng = context.generator(DecoderStream.decodeWeights)
        let block = try DecodeBlock(
            hidden: p.decodeHidden, intermediate: p.decodeIntermediate, heads: p.decodeHeads, context: p.decodeContext,
            threads: context.threads, using: &rng)
        let probe = ReadBandwidthProbe(mebibytes: p.probeMebibytes, threads: context.threads)
        let x = (0..<p.decodeHidden).map { _ in Float(rng.nextNormal()) }
        let formats = DecodeBlock.Format.allCases
        var sink: Float = 0
        for format in formats { sink += block.step(x, format)[0] }
        _ = probe.run()
        let shape: [DecoderSchema.Parameter: ParameterValue] = [
            .hidden: .int(p.decodeHidden), .intermediate: .int(p.decodeIntermediate), .heads: .int(p.decodeHeads),
            .context: .int(p.decodeContext), .synthetic: .bool(true)]
        var records: [TrialRecord] = []
        for r in 0..<p.decodeRepeats {
            let (_, probeSeconds) = context.timed { sink += probe.run() }
            records.append(DecoderSchema.record(
                .probe, [.repeatIndex: .int(r)],
                [.seconds: .timing(probeSeconds, unit: "s"), .bytes: Measurement(Double(probe.bytes), unit: "bytes")]))
            for k in 0..<formats.count {
                let format = formats[(k + r) % formats.count]
                let (y, seconds) = context.timed { block.step(x, format) }
                sink += y[0]
                var parameters = shape
                parameters[.format] = .string(format.rawValue)
                parameters[.repeatIndex] = .int(r)
                records.append(DecoderSchema.record(
                    .decode, parameters,
                    [.seconds: .timing(seconds, unit: "s"), .weightBytes: Measurement(Double(block.weightBytes(format)), unit: "bytes"),
                     .cacheBytes: Measurement(Double(block.cacheBytes), unit: "bytes")]))
            }
        }
        // A NaN here would mean the kernels computed garbage; the sum itself is not recorded.
        precondition(!sink.isNaN, "decode timing: a NaN output")
        return records
    }
}
