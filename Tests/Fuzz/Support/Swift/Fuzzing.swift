internal import CFuzzer
import Foundation

/// What the running target does with one input.
nonisolated(unsafe) private var body: ([UInt8]) -> Void = { _ in }

/// libFuzzer's per-input entry: the bytes, copied into an array (the readers take `[UInt8]` or
/// `String`), handed to the target's body. A thrown error is the right answer to bad bytes; a
/// trap, a sanitizer report, a leak or a time-out is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    body(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

/// Runs libFuzzer over `target` with the process's command line (`-runs=`, corpus folders, …)
/// and exits with libFuzzer's status. Each target's `main` calls this once.
public func fuzz(_ target: @escaping ([UInt8]) -> Void) -> Never {
    body = target
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput))
}

/// The bytes as text, invalid UTF-8 repaired with U+FFFD as the readers' own
/// `String(decoding:as:)` does.
public func text(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: UTF8.self)
}
