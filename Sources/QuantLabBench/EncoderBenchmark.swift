import Analysis
import BenchSupport
import Datasets
import Experiments
import Foundation
import Kernels
import NN
import Runner

/// `quantlab-bench encoder`: our all-MiniLM-L6-v2 (FP32, BF16, W8A8 on oneDNN, the section's
/// `TimedEncoders`) beside PyTorch's (FP32, `quantize_dynamic` INT8, BF16 autocast) in one run,
/// on the same batch: the first 32 KJV verses, tokenized by our WordPiece tokenizer (identical
/// ids to transformers', tested against the golden file), padded to 128 tokens, 2 threads.
///
/// The PyTorch side is `scripts/encoder_peer.py`, a persistent subprocess (`PeerProcess`) told
/// one variant per line, so the six variants interleave round by round: a warm-up round, then
/// `rounds` rounds, each in a rotated order (`roundOrder`). Each timing is one forward pass with
/// pooling over the batch; rates are 32 / seconds, medians with bootstrap intervals.
///
/// Floors (issue 12): ours FP32 ≥ 2× PyTorch FP32 and ours W8A8 ≥ 2× PyTorch INT8 dynamic, as
/// ratios of medians measured in this run. When the peer cannot run (no torch or transformers,
/// see `make peers`), one line says so and why, ours is still measured, and those floors are
/// skipped.
struct EncoderBenchmark {
    /// Verses per batch and the padded length: the shape the issue's PyTorch figures are at.
    static let batchSize = 32, length = 128
    /// The thread count of both sides.
    static let threads = 2
    /// Timed rounds after the warm-up round.
    var rounds = 7

    /// PyTorch's variant that each of ours is compared with.
    static let peerOf: [TimedEncoders.Variant: (command: String, label: String)] = [
        .fp32: ("fp32", "FP32"), .bf16: ("bf16", "BF16 autocast"), .w8a8: ("int8", "INT8 dynamic"),
    ]

    /// One entry of a round: ours or the peer's variant.
    enum Entry: Hashable {
        case ours(TimedEncoders.Variant)
        case peer(String)
    }

    func run(floors: inout FloorLedger) throws {
        ThreadCount.apply(Self.threads)
        print("encoder: all-MiniLM-L6-v2, \(Self.batchSize) KJV verses padded to \(Self.length) tokens, \(Self.threads) threads (\(DNNLInfo()))")
        let verses = Array(try KJV.load().prefix(Self.batchSize))
        let embedder = try TextEmbedder(format: .fp32)
        let ids = embedder.tokens(verses)
        let batch = TokenBatch(ids, length: Self.length)
        let ours = try TimedEncoders(embedder.model)

        let (peer, ready) = startPeer(ids)
        var entries = TimedEncoders.Variant.allCases.map(Entry.ours)
        if peer != nil { entries += TimedEncoders.Variant.allCases.map { Entry.peer(Self.peerOf[$0]!.command) } }

        // Our variants' cosines to our FP32 on the batch, for the quality lines (untimed).
        let reference = ours.embed(.fp32, batch)
        var quality: [TimedEncoders.Variant: [Double]] = [:]
        for v in TimedEncoders.Variant.allCases { quality[v] = EncoderMeasures.cosines(ours.embed(v, batch), reference) }
        // Round −1 is the warm-up (oneDNN creates its primitives, PyTorch its kernels), untimed.
        var seconds: [Entry: [Double]] = [:]
        for round in -1..<rounds {
            for entry in roundOrder(entries, round: max(round, 0)) {
                let s = try time(entry, ours, batch, peer)
                if round >= 0 { seconds[entry, default: []].append(s) }
            }
        }

        func summary(_ entry: Entry, _ label: String) -> RateSummary {
            let rates = seconds[entry]!.map { Double(Self.batchSize) / $0 }
            let ci = rates.medianConfidenceInterval()
            return RateSummary(label: label, median: ci.estimate, lower: ci.lower, upper: ci.upper, count: rates.count)
        }
        for v in TimedEncoders.Variant.allCases {
            print("  " + summary(.ours(v), "ours \(v.rawValue.uppercased())").line())
        }
        guard let ready else {
            print("  quality on the bench batch, mean cosine to our FP32: BF16 \(Self.cosine(quality[.bf16]!)), W8A8 \(Self.cosine(quality[.w8a8]!))")
            print("  floors ours/PyTorch skipped: the PyTorch peer did not run")
            return
        }
        let version = "PyTorch \(ready.fields["torch"] ?? "?"), transformers \(ready.fields["transformers"] ?? "?"), \(ready.fields["threads"] ?? "?") threads, quantized engine \(ready.fields["engine"] ?? "?")"
        print("  peer: \(version) (external reference, same machine, same batch)")
        var ratios: [TimedEncoders.Variant: Double] = [:]
        for v in TimedEncoders.Variant.allCases {
            let (command, label) = Self.peerOf[v]!
            let theirs = summary(.peer(command), "PyTorch \(label)")
            print("  " + theirs.line())
            ratios[v] = summary(.ours(v), "").median / theirs.median
        }
        for v in TimedEncoders.Variant.allCases {
            print("  ours/PyTorch \(v.rawValue.uppercased()) vs \(Self.peerOf[v]!.label): \(twoDecimals(ratios[v]!))×")
        }
        print("  quality on the bench batch, mean cosine to the same side's FP32 (min):")
        print("    ours W8A8 \(Self.cosine(quality[.w8a8]!))   PyTorch INT8 dynamic \(try Self.peerCosine(ready, "int8"))")
        print("    ours BF16 \(Self.cosine(quality[.bf16]!))   PyTorch BF16 autocast \(try Self.peerCosine(ready, "bf16"))")
        floors.atLeast("encoder FP32 ours/PyTorch FP32", ratios[.fp32]!, 2)
        floors.atLeast("encoder W8A8 ours/PyTorch INT8 dynamic", ratios[.w8a8]!, 2)
    }

    /// Seconds of one forward pass of `entry`.
    private func time(_ entry: Entry, _ ours: TimedEncoders, _ batch: TokenBatch, _ peer: PeerProcess?) throws -> Double {
        switch entry {
        case .ours(let v):
            let clock = ContinuousClock()
            var sink = 0 as Float
            let elapsed = clock.measure { sink += ours.embed(v, batch).storage[0] }
            precondition(sink.isFinite, "encoder bench: non-finite embedding")
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        case .peer(let command):
            let reply = try peer!.request(command)
            guard reply.kind == "time", reply.fields["variant"] == command else {
                throw PeerProtocolError(line: reply.description, problem: "expected the time of '\(command)'")
            }
            return try reply.number("seconds")
        }
    }

    /// The PyTorch peer, started on `ids` and ready, or nil after printing why it was skipped.
    private func startPeer(_ ids: [[Int]]) -> (PeerProcess?, PeerReply?) {
        func skip(_ why: String) -> (PeerProcess?, PeerReply?) {
            print("  skipped the PyTorch peer: \(why) (install it with `make peers`)")
            return (nil, nil)
        }
        let python = Self.peerPython()
        guard FileManager.default.isExecutableFile(atPath: python) else { return skip("no Python at \(python)") }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("quantlab-encoder-peer-\(getpid()).json")
        do {
            let json = try JSONSerialization.data(withJSONObject: ["length": Self.length, "sequences": ids])
            try json.write(to: file, options: .atomic)
            let peer = try PeerProcess(
                executable: python, arguments: ["scripts/encoder_peer.py", file.path], directory: FileManager.default.currentDirectoryPath,
                environment: ["HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"])
            guard let line = peer.readLine() else { return skip("\(python) scripts/encoder_peer.py exited without a reply") }
            let reply = try PeerReply(parsing: line)
            try? FileManager.default.removeItem(at: file)
            guard reply.kind == "ready" else { return skip("\(python): \(reply.reason)") }
            return (peer, reply)
        } catch {
            try? FileManager.default.removeItem(at: file)
            return skip("\(error)")
        }
    }

    /// `$QUANTLAB_PEER_PYTHON`, else the venv of `make peers`, else Debian's Python (whose
    /// python3-torch the peer needs; not another Python on the PATH).
    static func peerPython() -> String {
        if let python = ProcessInfo.processInfo.environment["QUANTLAB_PEER_PYTHON"], !python.isEmpty { return python }
        let venv = ".venv-ref/bin/python"
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : "/usr/bin/python3"
    }

    /// "0.99712 (min 0.99504)" of a list of cosines.
    static func cosine(_ c: [Double]) -> String {
        "\(String(format: "%.5f", c.reduce(0, +) / Double(c.count))) (min \(String(format: "%.5f", c.min()!)))"
    }

    /// The peer's cosine of `variant` to its FP32, as `cosine` prints ours.
    static func peerCosine(_ ready: PeerReply, _ variant: String) throws -> String {
        "\(String(format: "%.5f", try ready.number("\(variant)_cosine_mean"))) (min \(String(format: "%.5f", try ready.number("\(variant)_cosine_min"))))"
    }
}
